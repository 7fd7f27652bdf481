//! The milestones of a signed challenge: checks in order against the posted indicators, the
//! release of tranches, and the completion at the final acceptance.

use super::challenge::{ChallengeActionForm, state_of};
use super::review::{log_step, transition};
use crate::audit::{AuditRecord, record};
use crate::{Actor, AppError, RequestMeta};
use chrono::NaiveDate;
use policy::innovation::{ChallengeAction, MilestoneKind, MilestoneStatus};
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde_json::json;
use store::ConnectionTrait;
use store::entity::challenge;

/// A milestone check (in order, against the posted indicators) or the release of a tranche
/// (a signing tranche once signed; any other once its check passed). The final acceptance
/// completes the challenge.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn milestone_step<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    meta: &RequestMeta,
    c: challenge::Model,
    action: &str,
    form: &ChallengeActionForm,
    comment: &str,
    today: NaiveDate,
) -> Result<challenge::Model, AppError> {
    let state = state_of(&c)?;
    let ms = store::innovation::challenge::milestones_of(conn, c.id).await?;
    let id = form
        .milestone_id
        .ok_or_else(|| AppError::invalid("milestone_id", "common.required"))?;
    let m = ms
        .iter()
        .find(|m| m.id == id)
        .cloned()
        .ok_or_else(|| AppError::invalid("milestone_id", "challenge.milestone_unknown"))?;
    let kind = MilestoneKind::parse(&m.kind)
        .ok_or_else(|| AppError::Internal(format!("milestone {} kind", m.id)))?;
    let status = MilestoneStatus::parse(&m.status)
        .ok_or_else(|| AppError::Internal(format!("milestone {} status", m.id)))?;
    let before = json!({"status": m.status, "checked_on": m.checked_on, "paid_on": m.paid_on});
    let mut am = m.clone().into_active_model();
    let mut completes = false;
    if action == "check_milestone" {
        state
            .next(ChallengeAction::CheckMilestone)
            .map_err(|e| AppError::invalid("action", e.key()))?;
        if kind == MilestoneKind::Signing || status.passed() {
            return Err(AppError::invalid(
                "milestone_id",
                "challenge.milestone_not_checkable",
            ));
        }
        let earlier_open = ms.iter().any(|o| {
            o.seq < m.seq
                && o.kind != "signing"
                && !MilestoneStatus::parse(&o.status).is_some_and(|s| s.passed())
        });
        if earlier_open {
            return Err(AppError::invalid(
                "milestone_id",
                "challenge.milestone_order",
            ));
        }
        let passed = form
            .passed
            .ok_or_else(|| AppError::invalid("passed", "common.required"))?;
        if comment.is_empty() {
            return Err(AppError::invalid("comment", "common.required"));
        }
        am.status = Set(if passed {
            MilestoneStatus::Accepted
        } else {
            MilestoneStatus::Failed
        }
        .as_str()
        .into());
        am.checked_on = Set(Some(today));
        am.check_comment = Set(comment.to_string());
        completes = passed && kind == MilestoneKind::Final;
    } else {
        state
            .next(ChallengeAction::ReleaseTranche)
            .map_err(|e| AppError::invalid("action", e.key()))?;
        let releasable = match kind {
            MilestoneKind::Signing => {
                status == MilestoneStatus::Pending || status == MilestoneStatus::Accepted
            }
            _ => status == MilestoneStatus::Accepted,
        };
        if !releasable {
            return Err(AppError::invalid(
                "milestone_id",
                "challenge.tranche_not_due",
            ));
        }
        am.status = Set(MilestoneStatus::Paid.as_str().into());
        am.paid_on = Set(Some(today));
    }
    let saved_m = store::innovation::update(conn, am).await?;
    log_step(conn, actor, &c, action, None, Some(m.id), comment).await?;
    record(
        conn,
        actor,
        meta,
        AuditRecord {
            action: &format!("challenge.{action}"),
            entity_type: "challenge_milestone",
            entity_id: m.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before,
            after: json!({"status": saved_m.status, "checked_on": saved_m.checked_on, "paid_on": saved_m.paid_on, "amount_fen": saved_m.amount_fen, "comment": comment}),
        },
    )
    .await?;
    if completes {
        return transition(
            conn,
            actor,
            meta,
            c,
            ChallengeAction::Complete,
            "终期验收通过",
            |_| {},
        )
        .await;
    }
    Ok(c)
}
