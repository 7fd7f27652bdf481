//! Review meetings: the random draw from the pool with recusal, attendance and quorum, the
//! secret ballot, the tallies and the minutes.

use super::committee::{CommitteeView, Conflict, committee_view};
use super::rules::talent_rules;
use super::workflow::transition;
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::org::Permission;
use policy::talent::{ApplicationState, Tally, VoteChoice, WorkflowAction};
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, IntoActiveModel};
use serde::{Deserialize, Serialize};
use store::entity::{
    talent_application, talent_expert, talent_meeting, talent_meeting_candidate,
    talent_meeting_expert,
};

/// A meeting to convene.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct MeetingForm {
    /// The committee.
    pub committee_id: i64,
    /// The day it sits (within the committee's approval).
    pub held_on: NaiveDate,
    /// The qualified applications it reviews.
    pub application_ids: Vec<i64>,
}

/// An expert considered for a meeting (shown to the committee manager only).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeetingExpertView {
    /// Expert id.
    pub expert_id: i64,
    /// Name.
    pub name: String,
    /// Whether drawn.
    pub drawn: bool,
    /// Why excluded (`same_employer`, `kin`, `interest`, or `not_drawn`), with the candidate.
    pub excluded_reason: String,
    /// Whether present.
    pub attended: bool,
    /// Whether this expert has voted (never how).
    pub voted: bool,
}

/// A candidate with the tally, shown once the ballot is closed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CandidateView {
    /// The application.
    pub application_id: i64,
    /// The applicant.
    pub person_name: String,
    /// Employer.
    pub enterprise_name: String,
    /// Level applied for.
    pub level: String,
    /// Specialty.
    pub specialty: String,
    /// Route.
    pub route: String,
    /// Yes votes (after the ballot closes).
    pub yes: Option<i32>,
    /// No votes (after the ballot closes).
    pub no: Option<i32>,
    /// Abstentions (after the ballot closes).
    pub abstain: Option<i32>,
    /// `passed` or `failed` (after the ballot closes).
    pub outcome: Option<String>,
}

/// A meeting.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeetingView {
    /// Id.
    pub id: i64,
    /// The committee.
    pub committee: CommitteeView,
    /// The day.
    pub held_on: NaiveDate,
    /// `drawn`, `open` (ballot open), `closed`.
    pub status: String,
    /// Experts drawn (the members sitting).
    pub members: i32,
    /// Experts present.
    pub attending: i32,
    /// Present experts needed for the quorum.
    pub quorum: u32,
    /// Experts who have voted.
    pub voted: u64,
    /// Yes votes a candidate needs (of those attending).
    pub pass_needed: u32,
    /// The candidates.
    pub candidates: Vec<CandidateView>,
    /// The experts considered (committee managers only; empty for experts).
    pub experts: Vec<MeetingExpertView>,
}

fn conflict_of(
    e: &talent_expert::Model,
    candidates: &[talent_application::Model],
) -> Option<String> {
    let declared: Vec<Conflict> = serde_json::from_str(&e.conflicts).unwrap_or_default();
    for c in candidates {
        if !e.employer_uscc.is_empty() && e.employer_uscc == c.uscc {
            return Some(format!("same_employer:{}", c.id));
        }
        for d in &declared {
            if d.kind == "kin" && d.id_number.eq_ignore_ascii_case(&c.id_number) {
                return Some(format!("kin:{}", c.id));
            }
            if d.kind == "interest" && d.uscc == c.uscc {
                return Some(format!("interest:{}", c.id));
            }
        }
    }
    None
}

/// A uniform random shuffle (Fisher-Yates over the system's random numbers).
fn shuffle<T>(items: &mut [T]) -> Result<(), AppError> {
    for i in (1..items.len()).rev() {
        let mut b = [0u8; 8];
        getrandom::fill(&mut b).map_err(|e| AppError::Internal(format!("random: {e}")))?;
        let bound = u64::try_from(i + 1).unwrap_or(u64::MAX);
        let j = usize::try_from(u64::from_le_bytes(b) % bound).unwrap_or(0);
        items.swap(i, j);
    }
    Ok(())
}

/// Convenes a meeting of a committee: puts the qualified applications on its agenda and
/// draws the committee's number of experts at random from the pool of its series (and
/// specialty), excluding and recording every expert with a conflict.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn create_meeting(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: &MeetingForm,
) -> Result<MeetingView, AppError> {
    let scope = actor.scope(Permission::TALENT_COMMITTEE_MANAGE)?;
    let tx = app.db().begin_write().await?;
    let committee = store::talent::review::committee(&tx, form.committee_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if form.held_on < committee.approved_on || form.held_on > committee.expires_on {
        return Err(AppError::invalid(
            "held_on",
            "talent.committee_not_approved",
        ));
    }
    if form.application_ids.is_empty() {
        return Err(AppError::invalid("application_ids", "common.required"));
    }
    let mut apps = Vec::new();
    for id in &form.application_ids {
        let a = store::talent::application::find(&tx, &scope, *id)
            .await?
            .ok_or(AppError::NotFound)?;
        if a.state != ApplicationState::Qualified.as_str()
            || a.level != committee.level
            || a.series != committee.series
            || (!committee.specialty.is_empty() && a.specialty != committee.specialty)
        {
            return Err(AppError::Invalid(vec![
                FieldError::new("application_ids", "talent.not_for_committee").with("id", id),
            ]));
        }
        apps.push(a);
    }
    let pool: Vec<talent_expert::Model> = store::talent::review::experts(&tx)
        .await?
        .into_iter()
        .filter(|e| {
            e.active
                && e.series == committee.series
                && (committee.specialty.is_empty() || e.specialty == committee.specialty)
        })
        .collect();
    let mut eligible = Vec::new();
    let mut excluded = Vec::new();
    for e in pool {
        match conflict_of(&e, &apps) {
            Some(reason) => excluded.push((e, reason)),
            None => eligible.push(e),
        }
    }
    let size = usize::try_from(committee.size).unwrap_or(0);
    if eligible.len() < size {
        return Err(AppError::Invalid(vec![
            FieldError::new("committee_id", "talent.pool_too_small")
                .with("size", size)
                .with("eligible", eligible.len()),
        ]));
    }
    shuffle(&mut eligible)?;
    let meeting = store::talent::review::insert(
        &tx,
        talent_meeting::ActiveModel {
            committee_id: Set(committee.id),
            held_on: Set(form.held_on),
            status: Set("drawn".into()),
            members: Set(committee.size),
            attending: Set(0),
            draw_log: Set(serde_json::json!({
                "pool": eligible.len() + excluded.len(),
                "excluded": excluded.len(),
                "drawn": size,
            })
            .to_string()),
            created_by: Set(actor.stored_id()),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    for (i, e) in eligible.iter().enumerate() {
        store::talent::review::insert(
            &tx,
            talent_meeting_expert::ActiveModel {
                meeting_id: Set(meeting.id),
                expert_id: Set(e.id),
                drawn: Set(i < size),
                excluded_reason: Set(if i < size {
                    String::new()
                } else {
                    "not_drawn".into()
                }),
                attended: Set(false),
                ..Default::default()
            },
        )
        .await?;
    }
    for (e, reason) in &excluded {
        store::talent::review::insert(
            &tx,
            talent_meeting_expert::ActiveModel {
                meeting_id: Set(meeting.id),
                expert_id: Set(e.id),
                drawn: Set(false),
                excluded_reason: Set(reason.clone()),
                attended: Set(false),
                ..Default::default()
            },
        )
        .await?;
    }
    for a in apps {
        store::talent::review::insert(
            &tx,
            talent_meeting_candidate::ActiveModel {
                meeting_id: Set(meeting.id),
                application_id: Set(a.id),
                yes: Set(0),
                no: Set(0),
                abstain: Set(0),
                outcome: Set(None),
                ..Default::default()
            },
        )
        .await?;
        let mid = meeting.id;
        transition(&tx, actor, meta, a, WorkflowAction::Schedule, "", |am| {
            am.meeting_id = Set(Some(mid));
        })
        .await?;
    }
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "talent_meeting.create",
            entity_type: "talent_meeting",
            entity_id: meeting.id.to_string(),
            region_code: None,
            before: serde_json::Value::Null,
            after: serde_json::json!({
                "committee_id": committee.id, "held_on": form.held_on,
                "candidates": form.application_ids, "draw": meeting.draw_log,
            }),
        },
    )
    .await?;
    let v = meeting_view(&tx, &meeting, true).await?;
    tx.commit().await?;
    Ok(v)
}

pub(crate) async fn meeting_view<C: ConnectionTrait>(
    conn: &C,
    m: &talent_meeting::Model,
    with_experts: bool,
) -> Result<MeetingView, AppError> {
    let rules = talent_rules()?;
    let committee = store::talent::review::committee(conn, m.committee_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let closed = m.status == "closed";
    let mut candidates = Vec::new();
    for c in store::talent::review::candidates(conn, m.id).await? {
        let a =
            store::talent::application::find(conn, &policy::org::Scope::all(), c.application_id)
                .await?
                .ok_or(AppError::NotFound)?;
        candidates.push(CandidateView {
            application_id: a.id,
            person_name: a.person_name,
            enterprise_name: a.enterprise_name,
            level: a.level,
            specialty: a.specialty,
            route: a.route,
            yes: closed.then_some(c.yes),
            no: closed.then_some(c.no),
            abstain: closed.then_some(c.abstain),
            outcome: if closed { c.outcome } else { None },
        });
    }
    let mut experts = Vec::new();
    if with_experts {
        let pool = store::talent::review::experts(conn).await?;
        for row in store::talent::review::members(conn, m.id).await? {
            experts.push(MeetingExpertView {
                expert_id: row.expert_id,
                name: pool
                    .iter()
                    .find(|e| e.id == row.expert_id)
                    .map(|e| e.name.clone())
                    .unwrap_or_default(),
                drawn: row.drawn,
                excluded_reason: row.excluded_reason.clone(),
                attended: row.attended,
                voted: store::talent::review::has_voted(conn, m.id, row.expert_id).await?,
            });
        }
    }
    let members = u32::try_from(m.members).unwrap_or(0);
    let attending = u32::try_from(m.attending).unwrap_or(0);
    Ok(MeetingView {
        id: m.id,
        committee: committee_view(&committee),
        held_on: m.held_on,
        status: m.status.clone(),
        members: m.members,
        attending: m.attending,
        quorum: rules.ballot.quorum.least_of(members),
        voted: store::talent::review::voted_count(conn, m.id).await?,
        pass_needed: rules.ballot.pass.least_of(attending),
        candidates,
        experts,
    })
}

async fn load_meeting<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<talent_meeting::Model, AppError> {
    store::talent::review::meeting(conn, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// A meeting: the committee manager sees the experts considered; a drawn expert sees the
/// agenda; anyone else gets 404.
pub async fn get_meeting(app: &App, actor: &Actor, id: i64) -> Result<MeetingView, AppError> {
    let conn = app.db().conn();
    if actor.can(Permission::TALENT_COMMITTEE_MANAGE) {
        actor.require(Permission::TALENT_COMMITTEE_MANAGE)?;
        let m = load_meeting(conn, id).await?;
        return meeting_view(conn, &m, true).await;
    }
    actor.require(Permission::TALENT_VOTE)?;
    let expert = store::talent::review::expert_of_user(conn, actor.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let drawn = store::talent::review::members(conn, id)
        .await?
        .iter()
        .any(|r| r.expert_id == expert.id && r.drawn);
    if !drawn {
        return Err(AppError::NotFound);
    }
    let m = load_meeting(conn, id).await?;
    meeting_view(conn, &m, false).await
}

/// Meetings: all for the committee manager, the ones an expert was drawn for otherwise.
pub async fn list_meetings(app: &App, actor: &Actor) -> Result<Vec<MeetingView>, AppError> {
    let conn = app.db().conn();
    let rows = if actor.can(Permission::TALENT_COMMITTEE_MANAGE) {
        actor.require(Permission::TALENT_COMMITTEE_MANAGE)?;
        store::talent::review::meetings(conn).await?
    } else {
        actor.require(Permission::TALENT_VOTE)?;
        let mut out = Vec::new();
        if let Some(e) = store::talent::review::expert_of_user(conn, actor.user_id).await? {
            for r in store::talent::review::meetings_of_expert(conn, e.id).await? {
                out.extend(store::talent::review::meeting(conn, r.meeting_id).await?);
            }
        }
        out
    };
    let mut views = Vec::new();
    for m in rows {
        views.push(meeting_view(conn, &m, false).await?);
    }
    Ok(views)
}

/// Records who is present (drawn experts only), before the ballot opens.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn record_attendance(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    present: &[i64],
) -> Result<MeetingView, AppError> {
    actor.require(Permission::TALENT_COMMITTEE_MANAGE)?;
    let tx = app.db().begin_write().await?;
    let m = load_meeting(&tx, id).await?;
    if m.status != "drawn" {
        return Err(AppError::Conflict("talent.ballot_opened".into()));
    }
    let rows = store::talent::review::members(&tx, id).await?;
    for p in present {
        if !rows.iter().any(|r| r.expert_id == *p && r.drawn) {
            return Err(AppError::Invalid(vec![
                FieldError::new("present", "talent.not_drawn").with("id", p),
            ]));
        }
    }
    let mut count = 0;
    for r in rows.into_iter().filter(|r| r.drawn) {
        let here = present.contains(&r.expert_id);
        count += i32::from(here);
        let mut am = r.into_active_model();
        am.attended = Set(here);
        store::talent::review::update(&tx, am).await?;
    }
    let before = m.attending;
    let mut am = m.into_active_model();
    am.attending = Set(count);
    let saved = store::talent::review::update(&tx, am).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "talent_meeting.attendance",
            entity_type: "talent_meeting",
            entity_id: id.to_string(),
            region_code: None,
            before: serde_json::json!({ "attending": before }),
            after: serde_json::json!({ "attending": count, "present": present }),
        },
    )
    .await?;
    let v = meeting_view(&tx, &saved, true).await?;
    tx.commit().await?;
    Ok(v)
}

/// Opens the ballot, refused unless at least the quorum (two thirds of the members) is present.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn open_ballot(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
) -> Result<MeetingView, AppError> {
    actor.require(Permission::TALENT_COMMITTEE_MANAGE)?;
    let quorum = talent_rules()?.ballot.quorum;
    let tx = app.db().begin_write().await?;
    let m = load_meeting(&tx, id).await?;
    if m.status != "drawn" {
        return Err(AppError::Conflict("talent.ballot_opened".into()));
    }
    let members = u32::try_from(m.members).unwrap_or(0);
    let attending = u32::try_from(m.attending).unwrap_or(0);
    if !quorum.reached(attending, members) {
        return Err(AppError::Invalid(vec![
            FieldError::new("attending", "talent.quorum_not_met")
                .with("need", quorum.least_of(members))
                .with("members", members)
                .with("attending", attending),
        ]));
    }
    let mut am = m.into_active_model();
    am.status = Set("open".into());
    am.opened_at = Set(Some(Utc::now()));
    let saved = store::talent::review::update(&tx, am).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "talent_meeting.open_ballot",
            entity_type: "talent_meeting",
            entity_id: id.to_string(),
            region_code: None,
            before: serde_json::json!({ "status": "drawn" }),
            after: serde_json::json!({ "status": "open", "attending": attending }),
        },
    )
    .await?;
    let v = meeting_view(&tx, &saved, true).await?;
    tx.commit().await?;
    Ok(v)
}

/// One choice on a ballot.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct BallotChoice {
    /// The candidate's application.
    pub application_id: i64,
    /// `yes`, `no` or `abstain`.
    pub choice: String,
}

/// Casts the actor's secret ballot: one choice for every candidate, once, while the ballot is
/// open, and only by an expert recorded present. What is stored is that the expert voted and,
/// apart from it, one more on each candidate's counter; the audit entry says the same.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn cast_ballot(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    choices: &[BallotChoice],
) -> Result<(), AppError> {
    actor.require(Permission::TALENT_VOTE)?;
    let tx = app.db().begin_write().await?;
    let expert = store::talent::review::expert_of_user(&tx, actor.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = store::talent::review::members(&tx, id)
        .await?
        .into_iter()
        .find(|r| r.expert_id == expert.id && r.drawn)
        .ok_or(AppError::NotFound)?;
    let m = load_meeting(&tx, id).await?;
    if m.status != "open" {
        return Err(AppError::Conflict("talent.ballot_not_open".into()));
    }
    if !row.attended {
        return Err(AppError::invalid("expert", "talent.not_attending"));
    }
    let candidates = store::talent::review::candidates(&tx, id).await?;
    let mut parsed = Vec::new();
    for c in &candidates {
        let mine: Vec<&BallotChoice> = choices
            .iter()
            .filter(|b| b.application_id == c.application_id)
            .collect();
        match mine.as_slice() {
            [one] => match VoteChoice::parse(&one.choice) {
                Some(v) => parsed.push((c.application_id, v)),
                None => {
                    return Err(AppError::Invalid(vec![
                        FieldError::new("choice", "talent.choice").with("id", c.application_id),
                    ]));
                }
            },
            _ => {
                return Err(AppError::Invalid(vec![
                    FieldError::new("choices", "talent.ballot_incomplete")
                        .with("id", c.application_id),
                ]));
            }
        }
    }
    if choices.len() != candidates.len() {
        return Err(AppError::invalid("choices", "talent.ballot_incomplete"));
    }
    store::talent::review::mark_voted(&tx, id, expert.id)
        .await
        .map_err(|e| {
            if store::is_unique_violation(&e) {
                AppError::Conflict("talent.already_voted".into())
            } else {
                e.into()
            }
        })?;
    for (application_id, choice) in parsed {
        store::talent::review::count_vote(&tx, id, application_id, choice).await?;
    }
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "talent_meeting.vote",
            entity_type: "talent_meeting",
            entity_id: id.to_string(),
            region_code: None,
            before: serde_json::Value::Null,
            after: serde_json::json!({ "voted": true }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Closes the ballot: no vote is taken or changed afterwards; each candidate passes with yes
/// votes of at least two thirds of the experts present, and moves on in the workflow.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn close_ballot(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
) -> Result<MeetingView, AppError> {
    let scope = actor.scope(Permission::TALENT_COMMITTEE_MANAGE)?;
    let pass = talent_rules()?.ballot.pass;
    let tx = app.db().begin_write().await?;
    let m = load_meeting(&tx, id).await?;
    if m.status != "open" {
        return Err(AppError::Conflict("talent.ballot_not_open".into()));
    }
    let attending = u32::try_from(m.attending).unwrap_or(0);
    for c in store::talent::review::candidates(&tx, id).await? {
        let tally = Tally {
            yes: u32::try_from(c.yes).unwrap_or(0),
            no: u32::try_from(c.no).unwrap_or(0),
            abstain: u32::try_from(c.abstain).unwrap_or(0),
        };
        let outcome = tally.outcome(pass, attending);
        let application = store::talent::application::find(&tx, &scope, c.application_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let comment = format!(
            "{}/{}/{} of {attending}",
            tally.yes, tally.no, tally.abstain
        );
        let action = if outcome.passed {
            WorkflowAction::Pass
        } else {
            WorkflowAction::Fail
        };
        transition(&tx, actor, meta, application, action, &comment, |_| {}).await?;
        let mut am = c.into_active_model();
        am.outcome = Set(Some(
            if outcome.passed { "passed" } else { "failed" }.into(),
        ));
        store::talent::review::update(&tx, am).await?;
    }
    let mut am = m.into_active_model();
    am.status = Set("closed".into());
    am.closed_at = Set(Some(Utc::now()));
    let saved = store::talent::review::update(&tx, am).await?;
    let v = meeting_view(&tx, &saved, true).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "talent_meeting.close_ballot",
            entity_type: "talent_meeting",
            entity_id: id.to_string(),
            region_code: None,
            before: serde_json::json!({ "status": "open" }),
            after: serde_json::json!({
                "status": "closed",
                "tallies": v.candidates.iter().map(|c| serde_json::json!({
                    "application_id": c.application_id, "yes": c.yes, "no": c.no,
                    "abstain": c.abstain, "outcome": c.outcome,
                })).collect::<Vec<_>>(),
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(v)
}
