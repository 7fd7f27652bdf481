//! Honors: recording a title an enterprise won, expiring and revoking it.

use super::fields::HONOR_FIELDS;
use super::parse::{Row, parse_row};
use super::profile::parse_context;
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::enterprise::HonorStatus;
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::Serialize;
use std::collections::HashMap;
use store::entity::honor;

/// An honor as shown on the enterprise's timeline.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HonorView {
    /// Id.
    pub id: i64,
    /// Code.
    pub uscc: String,
    /// Title code (`little_giant`, …).
    pub title: String,
    /// `national`, `provincial`, `city`.
    pub level: String,
    /// Year.
    pub year: i32,
    /// Batch.
    pub batch: String,
    /// Certificate number.
    pub certificate_no: String,
    /// Valid from.
    pub valid_from: Option<NaiveDate>,
    /// Valid to.
    pub valid_to: Option<NaiveDate>,
    /// `valid`, `expired`, `revoked`.
    pub status: String,
    /// Why expired or revoked.
    pub status_reason: String,
    /// Source document.
    pub source_document: String,
}

pub(crate) fn view(m: &honor::Model) -> HonorView {
    HonorView {
        id: m.id,
        uscc: m.uscc.clone(),
        title: m.title.clone(),
        level: m.level.clone(),
        year: m.year,
        batch: m.batch.clone(),
        certificate_no: m.certificate_no.clone(),
        valid_from: m.valid_from,
        valid_to: m.valid_to,
        status: m.status.clone(),
        status_reason: m.status_reason.clone(),
        source_document: m.source_document.clone(),
    }
}

/// The active model of a checked honor row.
pub(crate) fn active_model(row: &Row) -> Option<honor::ActiveModel> {
    Some(honor::ActiveModel {
        uscc: Set(row.uscc()?.to_string()),
        title: Set(row.choice("title")?.to_string()),
        level: Set(row.choice("level")?.to_string()),
        year: Set(row.int("year")?),
        batch: Set(row.text("batch")),
        certificate_no: Set(row.text("certificate_no")),
        valid_from: Set(row.date("valid_from")),
        valid_to: Set(row.date("valid_to")),
        status: Set(row.choice("status").unwrap_or("valid").to_string()),
        status_reason: Set(String::new()),
        source_document: Set(row.text("source_document")),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
}

/// Checks the dates of an honor: the end is not before the start.
pub(crate) fn check_dates(row: &Row) -> Result<(), AppError> {
    if let (Some(from), Some(to)) = (row.date("valid_from"), row.date("valid_to"))
        && to < from
    {
        return Err(AppError::invalid("valid_to", "honor.ends_before_start"));
    }
    Ok(())
}

/// Records an honor for an enterprise in scope.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn add_honor(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    raw: &HashMap<String, String>,
) -> Result<HonorView, AppError> {
    let scope = actor.scope(Permission::ENTERPRISE_WRITE)?;
    super::profile::require_in_scope(app, &scope, raw).await?;
    let ctx = parse_context(app).await?;
    let row = parse_row(HONOR_FIELDS, raw, &ctx).map_err(AppError::Invalid)?;
    check_dates(&row)?;
    let am = active_model(&row).ok_or_else(|| AppError::invalid("title", "common.required"))?;
    let uscc = row.uscc().map(|u| u.to_string()).unwrap_or_default();
    let tx = app.db().begin_write().await?;
    let e = store::enterprise::profile::find(&tx, &scope, &uscc)
        .await?
        .ok_or(AppError::NotFound)?;
    let saved = store::enterprise::honor::insert(&tx, am).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "honor.create",
            entity_type: "honor",
            entity_id: saved.id.to_string(),
            region_code: Some(e.region_code),
            before: serde_json::Value::Null,
            after: serde_json::to_value(view(&saved)).unwrap_or_default(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view(&saved))
}

/// Marks an honor expired or revoked (with a reason), or valid again.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn set_honor_status(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    uscc: &str,
    id: i64,
    status: HonorStatus,
    reason: &str,
) -> Result<HonorView, AppError> {
    let scope = actor.scope(Permission::ENTERPRISE_WRITE)?;
    if status != HonorStatus::Valid && reason.trim().is_empty() {
        return Err(AppError::invalid("reason", "common.reason_required"));
    }
    let tx = app.db().begin_write().await?;
    let e = store::enterprise::profile::find(&tx, &scope, uscc)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = store::enterprise::honor::find(&tx, uscc, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = serde_json::to_value(view(&current)).unwrap_or_default();
    let mut am = current.into_active_model();
    am.status = Set(status.as_str().into());
    am.status_reason = Set(reason.trim().into());
    let saved = store::enterprise::honor::update(&tx, am).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "honor.set_status",
            entity_type: "honor",
            entity_id: id.to_string(),
            region_code: Some(e.region_code),
            before,
            after: serde_json::to_value(view(&saved)).unwrap_or_default(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view(&saved))
}

/// An enterprise's honors, oldest first.
pub async fn honors_of(app: &App, actor: &Actor, uscc: &str) -> Result<Vec<HonorView>, AppError> {
    let scope = actor.scope(Permission::ENTERPRISE_READ)?;
    let conn = app.db().conn();
    store::enterprise::profile::find(conn, &scope, uscc)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(store::enterprise::honor::of_enterprise(conn, uscc)
        .await?
        .iter()
        .map(view)
        .collect())
}
