//! Challenges (揭榜挂帅): posting with a milestone plan, reading and listing, and the actions
//! of the workflow (dispatched here, carried out in [`super::review`]).

use super::challenge_view::{ChallengeRowView, ChallengeView, view_in};
use super::{Errors, json_list, list_of, parse_tags};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, Page, PageRequest, RequestMeta};
use chrono::{DateTime, NaiveDate, Utc};
use policy::enterprise::Uscc;
use policy::innovation::{
    ChallengeAction, ChallengeState, MilestoneKind, MilestonePlan, MilestoneStatus,
    check_milestones,
};
use policy::money::Fen;
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use serde::Deserialize;
use serde_json::json;
use store::entity::{challenge, challenge_event, challenge_milestone};

/// One milestone as typed.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct MilestoneForm {
    /// `signing`, `mid_term` or `final`.
    #[serde(default)]
    pub kind: String,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// What must be shown (for checks: the targets, against the posted indicators).
    #[serde(default)]
    pub target: String,
    /// Months after signing.
    #[serde(default)]
    pub due_month: Option<u32>,
    /// The tranche in 万元.
    #[serde(default)]
    pub amount_wan_yuan: String,
}

/// A new challenge (`POST /api/v1/innovation/challenges`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct NewChallengeForm {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// The technical problem (需求描述).
    #[serde(default)]
    pub problem: String,
    /// Key technical indicators (技术指标).
    #[serde(default)]
    pub indicators: String,
    /// Acceptance criteria (验收标准).
    #[serde(default)]
    pub acceptance: String,
    /// The budget (榜额) in 万元.
    #[serde(default)]
    pub budget_wan_yuan: String,
    /// Fields (tags), separated by commas.
    #[serde(default)]
    pub fields: String,
    /// Last day to apply (揭榜截止日).
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    /// Months to solve it (攻关期限).
    #[serde(default)]
    pub period_months: Option<u32>,
    /// Who may apply.
    #[serde(default)]
    pub eligibility: String,
    /// Contact.
    #[serde(default)]
    pub contact: String,
    /// The posting enterprise (implied for an enterprise user).
    #[serde(default)]
    pub enterprise_uscc: Option<String>,
    /// The competition whose challenge track it belongs to.
    #[serde(default)]
    pub competition_id: Option<i64>,
    /// Milestones in order; their tranches add up to the budget.
    #[serde(default)]
    pub milestones: Vec<MilestoneForm>,
    /// Send it for review at once.
    #[serde(default)]
    pub submit: bool,
}

/// An action on a challenge (`POST /api/v1/innovation/challenges/{id}/actions`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ChallengeActionForm {
    /// `submit`, `return`, `publish`, `close_applications`, `formal_check`, `score`,
    /// `defence`, `select_winner`, `overturn`, `sign`, `check_milestone`, `release_tranche`,
    /// `terminate`.
    #[serde(default)]
    pub action: String,
    /// Comment (the reason for `return`, `terminate`, a failed check).
    #[serde(default)]
    pub comment: String,
    /// The application of `formal_check`, `score`, `defence`, `select_winner`.
    #[serde(default)]
    pub application_id: Option<i64>,
    /// The milestone of `check_milestone`, `release_tranche`.
    #[serde(default)]
    pub milestone_id: Option<i64>,
    /// Whether a `formal_check` or `check_milestone` passed.
    #[serde(default)]
    pub passed: Option<bool>,
    /// The expert score of `score` or the defence score of `defence` (0 to the rule's max).
    #[serde(default)]
    pub score: Option<i32>,
    /// The agreement number of `sign`.
    #[serde(default)]
    pub agreement_no: Option<String>,
}

/// Filters of the challenge list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct ChallengeListQuery {
    /// Status code.
    pub status: Option<String>,
    /// Competition id.
    pub competition_id: Option<i64>,
    /// Cursor.
    pub cursor: Option<String>,
    /// Page size.
    pub limit: Option<u64>,
}

pub(crate) fn state_of(c: &challenge::Model) -> Result<ChallengeState, AppError> {
    ChallengeState::parse(&c.status)
        .ok_or_else(|| AppError::Internal(format!("challenge {} status {}", c.id, c.status)))
}

pub(crate) fn wan(fen: i64) -> String {
    Fen::new(fen).wan_yuan_display()
}

struct ValidChallenge {
    title: String,
    problem: String,
    indicators: String,
    acceptance: String,
    budget: Fen,
    fields: Vec<String>,
    deadline: NaiveDate,
    period_months: u32,
    eligibility: String,
    contact: String,
    milestones: Vec<(MilestonePlan, String, String)>,
}

fn validate(form: &NewChallengeForm, today: NaiveDate) -> Result<ValidChallenge, AppError> {
    let mut e = Errors::default();
    let title = e.text("title", &form.title, 200);
    let problem = e.text("problem", &form.problem, 4000);
    let indicators = e.text("indicators", &form.indicators, 4000);
    let acceptance = e.text("acceptance", &form.acceptance, 4000);
    let eligibility = e.optional("eligibility", &form.eligibility, 2000);
    let contact = e.optional("contact", &form.contact, 200);
    let fields = parse_tags(&form.fields);
    if fields.is_empty() {
        e.push("fields", "common.required");
    }
    let budget = match Fen::parse_wan_yuan(&form.budget_wan_yuan) {
        Ok(b) if b.get() > 0 => Some(b),
        Ok(_) => {
            e.push("budget_wan_yuan", "challenge.budget_positive");
            None
        }
        Err(err) => {
            e.push("budget_wan_yuan", err.key());
            None
        }
    };
    let deadline = match form.deadline {
        Some(d) if d >= today => Some(d),
        Some(_) => {
            e.push("deadline", "challenge.deadline_past");
            None
        }
        None => {
            e.push("deadline", "common.required");
            None
        }
    };
    let period_months = match form.period_months {
        Some(p) if (1..=120).contains(&p) => Some(p),
        Some(_) => {
            e.push("period_months", "innovation.out_of_range");
            None
        }
        None => {
            e.push("period_months", "common.required");
            None
        }
    };
    let mut milestones = Vec::new();
    for (i, m) in form
        .milestones
        .iter()
        .filter(|m| !(m.title.trim().is_empty() && m.amount_wan_yuan.trim().is_empty()))
        .enumerate()
    {
        let field = |f: &str| format!("milestones[{i}].{f}");
        let kind = MilestoneKind::parse(&m.kind);
        if kind.is_none() {
            e.push(&field("kind"), "challenge.milestone_kind_unknown");
        }
        let title = e.text(&field("title"), &m.title, 200);
        let target = e.optional(&field("target"), &m.target, 2000);
        let amount = match Fen::parse_wan_yuan(&m.amount_wan_yuan) {
            Ok(a) => Some(a),
            Err(err) => {
                e.push(&field("amount_wan_yuan"), err.key());
                None
            }
        };
        if let (Some(kind), Some(amount)) = (kind, amount) {
            milestones.push((
                MilestonePlan {
                    kind,
                    amount,
                    due_month: m.due_month.unwrap_or(0),
                },
                title,
                target,
            ));
        }
    }
    if let (Some(budget), Some(period)) = (budget, period_months)
        && e.0.is_empty()
    {
        let plan: Vec<MilestonePlan> = milestones.iter().map(|(p, _, _)| *p).collect();
        if let Err(err) = check_milestones(budget, period, &plan) {
            e.push("milestones", err.key());
        }
    }
    e.finish()?;
    match (budget, deadline, period_months) {
        (Some(budget), Some(deadline), Some(period_months)) => Ok(ValidChallenge {
            title,
            problem,
            indicators,
            acceptance,
            budget,
            fields,
            deadline,
            period_months,
            eligibility,
            contact,
            milestones,
        }),
        _ => Err(AppError::invalid("form", "common.required")),
    }
}

pub(crate) fn event_row(
    challenge_id: i64,
    action: &str,
    from: ChallengeState,
    to: ChallengeState,
    actor: &Actor,
    comment: &str,
    at: DateTime<Utc>,
) -> challenge_event::ActiveModel {
    challenge_event::ActiveModel {
        challenge_id: Set(challenge_id),
        action: Set(action.into()),
        from_state: Set(from.as_str().into()),
        to_state: Set(to.as_str().into()),
        application_id: Set(None),
        milestone_id: Set(None),
        actor_id: Set(actor.stored_id()),
        actor_name: Set(actor.display_name.clone()),
        comment: Set(comment.into()),
        at: Set(at),
        ..Default::default()
    }
}

/// Posts a challenge for the actor's enterprise (or, for a manager, the enterprise named),
/// with its milestone plan; as a draft, or sent for review at once.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn post_challenge(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: NewChallengeForm,
) -> Result<ChallengeView, AppError> {
    post_challenge_on(app, actor, meta, form, super::today()).await
}

pub(crate) async fn post_challenge_on(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: NewChallengeForm,
    today: NaiveDate,
) -> Result<ChallengeView, AppError> {
    let manager = actor.can(Permission::CHALLENGE_MANAGE);
    let scope = if manager {
        actor.scope(Permission::CHALLENGE_MANAGE)?
    } else {
        actor.scope(Permission::CHALLENGE_POST)?
    };
    let v = validate(&form, today)?;
    let rules = super::innovation_rules()?;
    let uscc = match (
        &actor.enterprise,
        form.enterprise_uscc.as_deref().map(str::trim),
    ) {
        (Some(own), _) => own.clone(),
        (None, Some(text)) if !text.is_empty() => Uscc::parse(text)
            .map_err(|e| AppError::Invalid(vec![crate::FieldError::uscc("enterprise_uscc", &e)]))?,
        (None, _) => return Err(AppError::invalid("enterprise_uscc", "common.required")),
    };
    let tx = app.db().begin_write().await?;
    let ent = store::enterprise::profile::find(&tx, &scope, uscc.as_str())
        .await?
        .ok_or_else(|| AppError::invalid("enterprise_uscc", "ticket.enterprise_not_found"))?;
    if let Some(cid) = form.competition_id
        && store::innovation::competition::find(&tx, cid)
            .await?
            .is_none()
    {
        return Err(AppError::invalid("competition_id", "competition.not_found"));
    }
    let now = Utc::now();
    let c = store::innovation::insert(
        &tx,
        challenge::ActiveModel {
            title: Set(v.title),
            enterprise_uscc: Set(ent.uscc.clone()),
            enterprise_name: Set(ent.name.clone()),
            region_code: Set(ent.region_code.clone()),
            problem: Set(v.problem),
            indicators: Set(v.indicators),
            acceptance: Set(v.acceptance),
            budget_fen: Set(v.budget.get()),
            fields: Set(json_list(&v.fields)),
            deadline: Set(v.deadline),
            period_months: Set(v.period_months as i32),
            eligibility: Set(v.eligibility),
            contact: Set(v.contact),
            status: Set(ChallengeState::Draft.as_str().into()),
            competition_id: Set(form.competition_id),
            winner_application_id: Set(None),
            winner_team_id: Set(None),
            agreement_no: Set(String::new()),
            signed_on: Set(None),
            rule_version: Set(rules.version.clone()),
            created_by: Set(actor.stored_id()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    for (i, (plan, title, target)) in v.milestones.iter().enumerate() {
        store::innovation::insert(
            &tx,
            challenge_milestone::ActiveModel {
                challenge_id: Set(c.id),
                seq: Set(i as i32 + 1),
                kind: Set(plan.kind.as_str().into()),
                title: Set(title.clone()),
                target: Set(target.clone()),
                due_month: Set(plan.due_month as i32),
                amount_fen: Set(plan.amount.get()),
                status: Set(MilestoneStatus::Pending.as_str().into()),
                checked_on: Set(None),
                check_comment: Set(String::new()),
                paid_on: Set(None),
                ..Default::default()
            },
        )
        .await?;
    }
    store::innovation::insert(
        &tx,
        event_row(
            c.id,
            "post",
            ChallengeState::Draft,
            ChallengeState::Draft,
            actor,
            "",
            now,
        ),
    )
    .await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "challenge.post",
            entity_type: "challenge",
            entity_id: c.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before: serde_json::Value::Null,
            after: json!({"title": c.title, "enterprise_uscc": c.enterprise_uscc, "budget_fen": c.budget_fen,
                "deadline": c.deadline, "period_months": c.period_months, "milestones": v.milestones.len()}),
        },
    )
    .await?;
    let c = if form.submit {
        super::review::transition(&tx, actor, meta, c, ChallengeAction::Submit, "", |_| {}).await?
    } else {
        c
    };
    let view = view_in(&tx, actor, &c, today).await?;
    tx.commit().await?;
    Ok(view)
}

/// A challenge the actor may see.
pub async fn get_challenge(app: &App, actor: &Actor, id: i64) -> Result<ChallengeView, AppError> {
    let scope = actor.scope(Permission::INNOVATION_READ)?;
    let conn = app.db().conn();
    let c = store::innovation::challenge::find(conn, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    view_in(conn, actor, &c, super::today()).await
}

/// A page of the challenges the actor may see, newest first.
pub async fn list_challenges(
    app: &App,
    actor: &Actor,
    q: &ChallengeListQuery,
) -> Result<Page<ChallengeRowView>, AppError> {
    let scope = actor.scope(Permission::INNOVATION_READ)?;
    let status = q.status.clone().filter(|s| !s.trim().is_empty());
    if let Some(s) = &status
        && ChallengeState::parse(s).is_none()
    {
        return Err(AppError::invalid("status", "challenge.status_unknown"));
    }
    let after = match q.cursor.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => Some(
            c.parse::<i64>()
                .map_err(|_| AppError::invalid("cursor", "error.bad_request"))?,
        ),
        None => None,
    };
    let page = store::innovation::challenge::list(
        app.db().conn(),
        &scope,
        &store::innovation::challenge::ChallengeQuery {
            status,
            competition_id: q.competition_id,
            enterprise_uscc: None,
        },
        PageRequest::new(q.limit.unwrap_or(20), after),
    )
    .await?;
    Ok(page.map(|c| ChallengeRowView {
        id: c.id,
        budget_wan_yuan: wan(c.budget_fen),
        fields: list_of(&c.fields),
        deadline: c.deadline,
        status: c.status,
        enterprise_name: c.enterprise_name,
        title: c.title,
    }))
}

/// Takes an action on a challenge: checks the permission the action needs, the scope and the
/// state machine, appends the event, updates the projection and audits, in one transaction.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn act_on_challenge(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    form: ChallengeActionForm,
) -> Result<ChallengeView, AppError> {
    super::review::act_on(app, actor, meta, id, form, super::today()).await
}
