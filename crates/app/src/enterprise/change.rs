//! Changes proposed by an enterprise's own users, confirmed or returned by the county.

use super::fields::{ENTERPRISE_FIELDS, FINANCIAL_FIELDS};
use super::parse::parse_row;
use super::profile::{audit_json, json_text, parse_context, write_profile};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{DateTime, Utc};
use policy::org::{Permission, RegionCode};
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::Serialize;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use store::entity::enterprise_change;
use store::notify::NewNotification;

/// A proposed change with its field diff.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChangeView {
    /// Id.
    pub id: i64,
    /// Enterprise.
    pub uscc: String,
    /// `profile` or `financial`.
    pub kind: String,
    /// The year, for financials.
    pub year: Option<i32>,
    /// `[{field, before, after}]`.
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
    /// `pending`, `approved`, `returned`.
    pub status: String,
    /// Why it was returned.
    pub reason: String,
    /// When.
    pub submitted_at: DateTime<Utc>,
}

fn view(m: &enterprise_change::Model) -> ChangeView {
    let diff: serde_json::Value = serde_json::from_str(&m.diff).unwrap_or_default();
    ChangeView {
        id: m.id,
        uscc: m.uscc.clone(),
        kind: m.kind.clone(),
        year: m.year,
        changes: diff.get("changes").cloned().unwrap_or_default(),
        status: m.status.clone(),
        reason: m.reason.clone(),
        submitted_at: m.submitted_at,
    }
}

/// The current values of an enterprise (or one year of it) as text by data-dictionary key.
async fn current_text(
    conn: &impl store::ConnectionTrait,
    e: &store::entity::enterprise::Model,
    year: Option<i32>,
) -> Result<BTreeMap<String, String>, AppError> {
    let value = match year {
        None => audit_json(e),
        Some(y) => match store::enterprise::financial::find(conn, &e.uscc, y).await? {
            Some(f) => serde_json::Value::Object(super::financial::values(&f)),
            None => json!({}),
        },
    };
    let mut out = BTreeMap::new();
    if let Some(o) = value.as_object() {
        for (k, v) in o {
            let text = json_text(v);
            out.insert(
                if k == "phone" {
                    "contact_phone".into()
                } else {
                    k.clone()
                },
                text,
            );
        }
    }
    Ok(out)
}

/// Who confirms changes of an enterprise in `region`: holders of `enterprise:confirm` whose
/// unit is the region or above it.
async fn confirmers(
    conn: &impl store::ConnectionTrait,
    region: &str,
) -> Result<Vec<i64>, AppError> {
    let mut regions = vec![region.to_string()];
    if let Ok(r) = RegionCode::parse(region) {
        regions.extend(r.ancestors().iter().map(|a| a.to_string()));
    }
    Ok(store::org::user::holders_in_regions(
        conn,
        Permission::ENTERPRISE_CONFIRM.as_str(),
        &regions,
    )
    .await?
    .into_iter()
    .map(|u| u.id)
    .collect())
}

/// An enterprise user proposes new profile values (`year` None) or one year's figures. The
/// proposal is checked in full now; only the fields that differ are recorded.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn submit_change(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    uscc: &str,
    year: Option<i32>,
    raw: &HashMap<String, String>,
) -> Result<ChangeView, AppError> {
    let scope = actor.scope(Permission::ENTERPRISE_SUBMIT)?;
    let ctx = parse_context(app).await?;
    let mut raw = raw.clone();
    raw.insert("uscc".into(), uscc.to_string());
    let fields = match year {
        None => ENTERPRISE_FIELDS,
        Some(y) => {
            raw.insert("year".into(), y.to_string());
            FINANCIAL_FIELDS
        }
    };
    parse_row(fields, &raw, &ctx).map_err(AppError::Invalid)?;
    let tx = app.db().begin_write().await?;
    let e = store::enterprise::profile::find(&tx, &scope, uscc)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = current_text(&tx, &e, year).await?;
    let changes: Vec<serde_json::Value> = fields
        .iter()
        .filter(|f| f.key != "uscc" && f.key != "year")
        .filter_map(|f| {
            let after = raw
                .get(f.key)
                .map(|s| s.trim().to_string())
                .unwrap_or_default();
            let before = current.get(f.key).cloned().unwrap_or_default();
            (after != before)
                .then(|| json!({"field": f.key, "label": f.zh, "before": before, "after": after}))
        })
        .collect();
    if changes.is_empty() {
        return Err(AppError::invalid("changes", "change.nothing_changed"));
    }
    let now = Utc::now();
    let saved = store::enterprise::change::insert(
        &tx,
        enterprise_change::ActiveModel {
            uscc: Set(uscc.into()),
            kind: Set(if year.is_some() {
                "financial"
            } else {
                "profile"
            }
            .into()),
            year: Set(year),
            diff: Set(json!({"proposed": raw, "changes": changes}).to_string()),
            submitted_by: Set(actor.user_id),
            submitted_at: Set(now),
            status: Set("pending".into()),
            reason: Set(String::new()),
            ..Default::default()
        },
    )
    .await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "enterprise_change.submit",
            entity_type: "enterprise_change",
            entity_id: saved.id.to_string(),
            region_code: Some(e.region_code.clone()),
            before: serde_json::Value::Null,
            after: json!({"uscc": uscc, "year": year, "changes": changes}),
        },
    )
    .await?;
    for user_id in confirmers(&tx, &e.region_code).await? {
        store::notify::raise(
            &tx,
            NewNotification {
                user_id,
                kind: "enterprise_change.submitted".into(),
                title: format!("{} 提交了信息变更，待确认", e.name),
                body: format!("{} 项字段", changes.len()),
                link: Some(format!("/enterprises/{uscc}/changes")),
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(view(&saved))
}

/// Changes waiting for the actor's confirmation (or of one enterprise).
pub async fn pending_changes(
    app: &App,
    actor: &Actor,
    uscc: Option<&str>,
) -> Result<Vec<ChangeView>, AppError> {
    let scope = match actor.scope(Permission::ENTERPRISE_CONFIRM) {
        Ok(s) => s,
        Err(AppError::Forbidden(_)) => actor.scope(Permission::ENTERPRISE_SUBMIT)?,
        Err(e) => return Err(e),
    };
    Ok(
        store::enterprise::change::with_status(app.db().conn(), &scope, "pending", uscc)
            .await?
            .iter()
            .map(view)
            .collect(),
    )
}

/// The county approves a change (it is applied as proposed, re-checked now) or returns it with
/// a reason. The submitter is notified either way.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn decide_change(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    approve: bool,
    reason: &str,
) -> Result<ChangeView, AppError> {
    let scope = actor.scope(Permission::ENTERPRISE_CONFIRM)?;
    if !approve && reason.trim().is_empty() {
        return Err(AppError::invalid("reason", "common.reason_required"));
    }
    let ctx = parse_context(app).await?;
    let tx = app.db().begin_write().await?;
    let change = store::enterprise::change::find(&tx, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if change.status != "pending" {
        return Err(AppError::Conflict("change already decided".into()));
    }
    let e = store::enterprise::profile::find(&tx, &scope, &change.uscc)
        .await?
        .ok_or(AppError::NotFound)?;
    if approve {
        let diff: serde_json::Value = serde_json::from_str(&change.diff).unwrap_or_default();
        let raw: HashMap<String, String> =
            serde_json::from_value(diff["proposed"].clone()).unwrap_or_default();
        if change.year.is_none() {
            let row = parse_row(ENTERPRISE_FIELDS, &raw, &ctx).map_err(AppError::Invalid)?;
            write_profile(&tx, actor, meta, e.clone(), &row).await?;
        } else {
            let row = parse_row(FINANCIAL_FIELDS, &raw, &ctx).map_err(AppError::Invalid)?;
            let submitter = store::org::user::find_by_id(&tx, change.submitted_by)
                .await?
                .map(|u| u.username)
                .unwrap_or_default();
            let am =
                super::financial::active_model(&row, &format!("{submitter}/{}", actor.username))
                    .ok_or_else(|| AppError::invalid("year", "common.required"))?;
            let year = change.year.unwrap_or_default();
            super::financial::write_financial(&tx, actor, meta, &e, year, am).await?;
        }
    }
    let now = Utc::now();
    let submitted_by = change.submitted_by;
    let mut am = change.into_active_model();
    am.status = Set(if approve { "approved" } else { "returned" }.into());
    am.decided_by = Set(actor.stored_id());
    am.decided_at = Set(Some(now));
    am.reason = Set(reason.trim().into());
    let saved = store::enterprise::change::update(&tx, am).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: if approve {
                "enterprise_change.approve"
            } else {
                "enterprise_change.return"
            },
            entity_type: "enterprise_change",
            entity_id: id.to_string(),
            region_code: Some(e.region_code.clone()),
            before: json!({"status": "pending"}),
            after: json!({"status": saved.status, "reason": saved.reason}),
        },
    )
    .await?;
    store::notify::raise(
        &tx,
        NewNotification {
            user_id: submitted_by,
            kind: if approve {
                "enterprise_change.approved"
            } else {
                "enterprise_change.returned"
            }
            .into(),
            title: if approve {
                "信息变更已确认".into()
            } else {
                "信息变更被退回".into()
            },
            body: reason.trim().to_string(),
            link: Some(format!("/enterprises/{}", e.uscc)),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(view(&saved))
}
