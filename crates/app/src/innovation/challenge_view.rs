//! What a reader sees of a challenge: its plan, the applications they may see, the log and
//! the actions they may take now.

use super::challenge::{state_of, wan};
use super::list_of;
use crate::{Actor, AppError};
use chrono::{DateTime, Months, NaiveDate, Utc};
use policy::innovation::{ChallengeAction, ChallengeState, MilestoneStatus};
use policy::org::Permission;
use serde::Serialize;
use store::ConnectionTrait;
use store::entity::challenge;

/// A milestone with its dates and tranche.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MilestoneView {
    /// Id.
    pub id: i64,
    /// Order.
    pub seq: i32,
    /// `signing`, `mid_term`, `final`.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Target.
    pub target: String,
    /// Months after signing.
    pub due_month: i32,
    /// Due date, once the agreement is signed.
    pub due_on: Option<NaiveDate>,
    /// Tranche in fen.
    pub amount_fen: i64,
    /// Tranche in 万元.
    pub amount_wan_yuan: String,
    /// `pending`, `accepted`, `failed`, `paid`.
    pub status: String,
    /// Checked on.
    pub checked_on: Option<NaiveDate>,
    /// The check's comment.
    pub check_comment: String,
    /// Tranche released on.
    pub paid_on: Option<NaiveDate>,
}

/// One event of the challenge's log.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EventView {
    /// Action.
    pub action: String,
    /// From state.
    pub from_state: String,
    /// To state.
    pub to_state: String,
    /// Application concerned.
    pub application_id: Option<i64>,
    /// Milestone concerned.
    pub milestone_id: Option<i64>,
    /// Who.
    pub actor_name: String,
    /// Comment.
    pub comment: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A challenge with its plan, applications (as far as the reader may see them), log and the
/// actions the reader may take now.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChallengeView {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Posting enterprise.
    pub enterprise_uscc: String,
    /// Its name.
    pub enterprise_name: String,
    /// Region.
    pub region_code: String,
    /// Problem.
    pub problem: String,
    /// Indicators.
    pub indicators: String,
    /// Acceptance criteria.
    pub acceptance: String,
    /// Budget in fen.
    pub budget_fen: i64,
    /// Budget in 万元.
    pub budget_wan_yuan: String,
    /// Field tags.
    pub fields: Vec<String>,
    /// Application deadline.
    pub deadline: NaiveDate,
    /// Months to solve it.
    pub period_months: i32,
    /// Eligibility.
    pub eligibility: String,
    /// Contact.
    pub contact: String,
    /// Status.
    pub status: String,
    /// Competition.
    pub competition_id: Option<i64>,
    /// The winning application.
    pub winner_application_id: Option<i64>,
    /// The winning team.
    pub winner_team_id: Option<i64>,
    /// Its name.
    pub winner_team_name: Option<String>,
    /// Agreement number.
    pub agreement_no: String,
    /// Signed on.
    pub signed_on: Option<NaiveDate>,
    /// The notice of the winner (`/notices/{id}`).
    pub notice_id: Option<i64>,
    /// Milestones.
    pub milestones: Vec<MilestoneView>,
    /// Tranches released, in fen.
    pub paid_fen: i64,
    /// Applications the reader may see.
    pub applications: Vec<super::review::ApplicationView>,
    /// The log, oldest first.
    pub events: Vec<EventView>,
    /// What the reader may do now.
    pub allowed_actions: Vec<String>,
    /// Whether the reader's team may apply now.
    pub can_apply: bool,
}

/// A row of the challenge list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChallengeRowView {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Enterprise name.
    pub enterprise_name: String,
    /// Budget in 万元.
    pub budget_wan_yuan: String,
    /// Field tags.
    pub fields: Vec<String>,
    /// Deadline.
    pub deadline: NaiveDate,
    /// Status.
    pub status: String,
}

/// What the reader may see of a challenge's applications: everything for its reviewers,
/// its enterprise and the judges once review starts; a team sees its own; everyone sees the
/// winner once chosen.
pub(crate) enum Reader {
    Full,
    Team(Option<i64>),
}

async fn reader_of<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    c: &challenge::Model,
    state: ChallengeState,
) -> Result<Reader, AppError> {
    if actor.can(Permission::CHALLENGE_MANAGE) {
        return Ok(Reader::Full);
    }
    if let Ok(scope) = actor.scope(Permission::CHALLENGE_POST)
        && store::innovation::challenge::find_in_scope(conn, &scope, c.id)
            .await?
            .is_some()
    {
        return Ok(Reader::Full);
    }
    if actor.can(Permission::INNOVATION_JUDGE) && state != ChallengeState::Published {
        return Ok(Reader::Full);
    }
    let team = if actor.is_system() {
        None
    } else {
        store::innovation::team::of_user(conn, actor.user_id)
            .await?
            .map(|t| t.id)
    };
    Ok(Reader::Team(team))
}

/// Whether the actor may take `a` now (permission and state; the use case checks again).
fn may(actor: &Actor, state: ChallengeState, own: bool, a: ChallengeAction) -> bool {
    if state.next(a).is_err() {
        return false;
    }
    match a {
        ChallengeAction::Submit => own && actor.can(Permission::CHALLENGE_POST),
        ChallengeAction::Complete
        | ChallengeAction::CheckMilestone
        | ChallengeAction::ReleaseTranche => false,
        _ => actor.can(Permission::CHALLENGE_MANAGE),
    }
}

pub(crate) async fn view_in<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    c: &challenge::Model,
    today: NaiveDate,
) -> Result<ChallengeView, AppError> {
    let state = state_of(c)?;
    let milestones = store::innovation::challenge::milestones_of(conn, c.id).await?;
    let events = store::innovation::challenge::events_of(conn, c.id).await?;
    let reader = reader_of(conn, actor, c, state).await?;
    let own = match actor.scope(Permission::CHALLENGE_POST) {
        Ok(scope) => store::innovation::challenge::find_in_scope(conn, &scope, c.id)
            .await?
            .is_some(),
        Err(_) => false,
    };
    let applications = super::review::application_views(conn, actor, c, state, &reader).await?;
    let winner_team_name = match c.winner_team_id {
        Some(t) => store::innovation::team::find(conn, t)
            .await?
            .map(|t| t.name),
        None => None,
    };
    let notice_id = store::notice::find_by_subject(conn, super::review::NOTICE_KIND, c.id)
        .await?
        .map(|n| n.id);
    let mut allowed: Vec<String> = [
        ChallengeAction::Submit,
        ChallengeAction::Return,
        ChallengeAction::Publish,
        ChallengeAction::CloseApplications,
        ChallengeAction::SelectWinner,
        ChallengeAction::Overturn,
        ChallengeAction::Sign,
        ChallengeAction::Terminate,
    ]
    .into_iter()
    .filter(|a| may(actor, state, own, *a))
    .map(|a| a.as_str().to_string())
    .collect();
    if actor.can(Permission::CHALLENGE_MANAGE) {
        if state == ChallengeState::Reviewing {
            allowed.extend(["formal_check".to_string(), "defence".to_string()]);
        }
        if state == ChallengeState::Signed {
            allowed.push("check_milestone".into());
        }
        if state.is_signed() {
            allowed.push("release_tranche".into());
        }
    }
    if actor.can(Permission::INNOVATION_JUDGE) && state == ChallengeState::Reviewing {
        allowed.push("score".into());
    }
    let can_apply = state.accepts_applications()
        && today <= c.deadline
        && actor.can(Permission::CHALLENGE_APPLY)
        && matches!(&reader, Reader::Team(Some(t)) if !applications.iter().any(|a| a.team_id == *t));
    let paid_fen = milestones
        .iter()
        .filter(|m| m.status == MilestoneStatus::Paid.as_str())
        .map(|m| m.amount_fen)
        .sum();
    Ok(ChallengeView {
        id: c.id,
        title: c.title.clone(),
        enterprise_uscc: c.enterprise_uscc.clone(),
        enterprise_name: c.enterprise_name.clone(),
        region_code: c.region_code.clone(),
        problem: c.problem.clone(),
        indicators: c.indicators.clone(),
        acceptance: c.acceptance.clone(),
        budget_fen: c.budget_fen,
        budget_wan_yuan: wan(c.budget_fen),
        fields: list_of(&c.fields),
        deadline: c.deadline,
        period_months: c.period_months,
        eligibility: c.eligibility.clone(),
        contact: c.contact.clone(),
        status: c.status.clone(),
        competition_id: c.competition_id,
        winner_application_id: c.winner_application_id,
        winner_team_id: c.winner_team_id,
        winner_team_name,
        agreement_no: c.agreement_no.clone(),
        signed_on: c.signed_on,
        notice_id,
        milestones: milestones
            .into_iter()
            .map(|m| MilestoneView {
                due_on: c
                    .signed_on
                    .and_then(|s| s.checked_add_months(Months::new(m.due_month.max(0) as u32))),
                id: m.id,
                seq: m.seq,
                kind: m.kind,
                title: m.title,
                target: m.target,
                due_month: m.due_month,
                amount_fen: m.amount_fen,
                amount_wan_yuan: wan(m.amount_fen),
                status: m.status,
                checked_on: m.checked_on,
                check_comment: m.check_comment,
                paid_on: m.paid_on,
            })
            .collect(),
        paid_fen,
        applications,
        events: events
            .into_iter()
            .map(|e| EventView {
                action: e.action,
                from_state: e.from_state,
                to_state: e.to_state,
                application_id: e.application_id,
                milestone_id: e.milestone_id,
                actor_name: e.actor_name,
                comment: e.comment,
                at: e.at,
            })
            .collect(),
        allowed_actions: allowed,
        can_apply,
    })
}
