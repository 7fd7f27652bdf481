//! Moving an application through its workflow: one transition, one event, one audit record.

use super::rules::talent_rules;
use super::view::{ApplicationView, audit_value, sees_personal_data, view};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::org::Permission;
use policy::talent::{ApplicationState, WorkflowAction};
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, IntoActiveModel};
use store::entity::{talent_application, talent_event};

/// Applies `action` to an application in the actor's scope for `permission`, inside `conn`
/// (a write transaction): checks the state machine, lets `change` set further columns,
/// appends the event and the audit record. Returns the saved row.
pub(crate) async fn transition<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    meta: &RequestMeta,
    current: talent_application::Model,
    action: WorkflowAction,
    comment: &str,
    change: impl FnOnce(&mut talent_application::ActiveModel),
) -> Result<talent_application::Model, AppError> {
    let from = ApplicationState::parse(&current.state)
        .ok_or_else(|| AppError::Internal(format!("unknown state {}", current.state)))?;
    let to = from
        .next(action)
        .map_err(|_| AppError::Conflict(format!("talent.transition:{}", action.as_str())))?;
    let before = audit_value(&current);
    let now = Utc::now();
    let mut am = current.into_active_model();
    am.state = Set(to.as_str().into());
    am.updated_at = Set(now);
    change(&mut am);
    let saved = store::talent::application::update(conn, am).await?;
    store::talent::application::append_event(
        conn,
        talent_event::ActiveModel {
            application_id: Set(saved.id),
            action: Set(action.as_str().into()),
            from_state: Set(from.as_str().into()),
            to_state: Set(to.as_str().into()),
            actor_id: Set(actor.stored_id()),
            actor_name: Set(actor.username.clone()),
            comment: Set(comment.trim().into()),
            at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    record(
        conn,
        actor,
        meta,
        AuditRecord {
            action: &format!("talent_application.{}", action.as_str()),
            entity_type: "talent_application",
            entity_id: saved.id.to_string(),
            region_code: Some(saved.region_code.clone()),
            before,
            after: audit_value(&saved),
        },
    )
    .await?;
    Ok(saved)
}

async fn load<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    permission: Permission,
    id: i64,
) -> Result<talent_application::Model, AppError> {
    let scope = actor.scope(permission)?;
    store::talent::application::find(conn, &scope, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The employer records its internal notice (单位内部公示), `from` to `to` inclusive, which
/// must hold at least the rule's working days.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn start_internal_notice(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<ApplicationView, AppError> {
    actor.require(Permission::TALENT_APPLY)?;
    let need = talent_rules()?.notice.internal_working_days;
    let calendar = crate::calendar::load_calendar(app).await?;
    let days = from
        .pred_opt()
        .map(|before| calendar.working_days_between(before, to))
        .unwrap_or(0);
    if days < i64::from(need) {
        return Err(AppError::Invalid(vec![
            crate::FieldError::new("internal_notice_to", "talent.notice_too_short")
                .with("days", need)
                .with("actual", days),
        ]));
    }
    let tx = app.db().begin_write().await?;
    let current = load(&tx, actor, Permission::TALENT_APPLY, id).await?;
    let saved = transition(
        &tx,
        actor,
        meta,
        current,
        WorkflowAction::StartInternalNotice,
        "",
        |am| {
            am.internal_notice_from = Set(Some(from));
            am.internal_notice_to = Set(Some(to));
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view(&saved, None, sees_personal_data(actor)))
}

/// The employer sends the application to the HR bureau once its internal notice is over (or
/// sends a returned one again).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn send_application(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
) -> Result<ApplicationView, AppError> {
    actor.require(Permission::TALENT_APPLY)?;
    let tx = app.db().begin_write().await?;
    let current = load(&tx, actor, Permission::TALENT_APPLY, id).await?;
    let action = if current.state == ApplicationState::Returned.as_str() {
        WorkflowAction::Resubmit
    } else {
        WorkflowAction::Send
    };
    if action == WorkflowAction::Send
        && current
            .internal_notice_to
            .is_some_and(|to| super::today() <= to)
    {
        return Err(AppError::invalid(
            "internal_notice_to",
            "talent.notice_not_over",
        ));
    }
    let saved = transition(&tx, actor, meta, current, action, "", |_| {}).await?;
    tx.commit().await?;
    Ok(view(&saved, None, sees_personal_data(actor)))
}

/// The HR bureau's qualification check: `pass`, `return` or `reject` (the last two with a
/// reason).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn check_qualification(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    decision: &str,
    reason: &str,
) -> Result<ApplicationView, AppError> {
    actor.require(Permission::TALENT_REVIEW)?;
    let action = match decision.trim() {
        "pass" => WorkflowAction::Qualify,
        "return" => WorkflowAction::Return,
        "reject" => WorkflowAction::Reject,
        _ => return Err(AppError::invalid("decision", "talent.choice")),
    };
    if action != WorkflowAction::Qualify && reason.trim().is_empty() {
        return Err(AppError::invalid("reason", "common.reason_required"));
    }
    let tx = app.db().begin_write().await?;
    let current = load(&tx, actor, Permission::TALENT_REVIEW, id).await?;
    let saved = transition(&tx, actor, meta, current, action, reason, |_| {}).await?;
    tx.commit().await?;
    Ok(view(&saved, None, sees_personal_data(actor)))
}
