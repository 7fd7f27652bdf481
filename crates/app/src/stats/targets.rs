//! Targets (目标) per region or chain, year and indicator, with completion rates.

use super::output::{OutputQuery, completion_f64};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::Utc;
use policy::org::{Permission, RegionCode};
use policy::stats::parse_quantity;
use sea_orm::ActiveValue::{NotSet, Set};
use serde::{Deserialize, Serialize};
use store::entity::stats_target;

/// A target to set.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct TargetForm {
    /// `region` (key = a region code) or `chain` (key = the chain's code).
    pub kind: String,
    /// The region code or the chain's code.
    pub key: String,
    /// Year.
    pub year: i32,
    /// Indicator code; default the default indicator.
    #[serde(default)]
    pub indicator: Option<String>,
    /// The target in the indicator's unit (万元 for money), exact.
    pub value: String,
    /// For a chain: the region it belongs to (who may read and change the target).
    #[serde(default)]
    pub region_code: Option<String>,
    /// Note (the document that set it).
    #[serde(default)]
    pub note: String,
}

/// A target as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TargetView {
    /// `region` or `chain`.
    pub kind: String,
    /// Region code or chain code.
    pub key: String,
    /// Region name (for region targets).
    pub name: String,
    /// Year.
    pub year: i32,
    /// Indicator code.
    pub indicator: String,
    /// The target, exact, in the indicator's unit.
    pub value: String,
    /// The region it belongs to.
    pub region_code: String,
    /// Note.
    pub note: String,
    /// The region's figure for the year (region targets), exact.
    pub actual: Option<String>,
    /// Completion in percent, two decimals (region targets).
    pub completion_pct: Option<f64>,
}

/// Sets (or replaces) a target of a region in the actor's scope.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn set_target(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: TargetForm,
) -> Result<TargetView, AppError> {
    let scope = actor.scope(Permission::STATS_MANAGE)?;
    set_target_in(app, actor, meta, &scope, form).await
}

/// [`set_target`] within a scope the caller has taken for its own permission: the chain page
/// sets a chain's target (kind `chain`, keyed by the chain's code) under `chain:manage`.
pub(crate) async fn set_target_in(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    scope: &policy::org::Scope,
    form: TargetForm,
) -> Result<TargetView, AppError> {
    let kind = form.kind.trim();
    let key = form.key.trim().to_string();
    let mut errors = Vec::new();
    let region = match kind {
        "region" => Some(key.clone()),
        "chain" => form.region_code.clone(),
        _ => {
            errors.push(FieldError::new("kind", "common.choice").with("allowed", "region/chain"));
            None
        }
    };
    if key.is_empty() || key.chars().count() > 64 {
        errors.push(FieldError::new("key", "common.required"));
    }
    let region = match region.as_deref().map(RegionCode::parse) {
        Some(Ok(r)) => Some(r),
        Some(Err(_)) | None if errors.is_empty() => {
            errors.push(FieldError::new(
                if kind == "region" {
                    "key"
                } else {
                    "region_code"
                },
                "region_code.format",
            ));
            None
        }
        _ => None,
    };
    if !(1949..=2100).contains(&form.year) {
        errors.push(FieldError::new("year", "common.year_format"));
    }
    let tx = app.db().begin_write().await?;
    let ind = super::setup::indicator(&tx, form.indicator.as_deref()).await?;
    let value = match parse_quantity(&form.value, ind.decimals.clamp(0, 6) as u8) {
        Ok(v) if v > 0 => Some(v),
        Ok(_) => {
            errors.push(FieldError::new("value", "stats.target_positive"));
            None
        }
        Err(e) => {
            errors.push(FieldError::new("value", e.key()));
            None
        }
    };
    let (Some(region), Some(value), true) = (region, value, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    if store::org::region::find(&tx, region.as_str())
        .await?
        .is_none()
    {
        return Err(AppError::invalid("region_code", "region.unknown").with_code(region.as_str()));
    }
    if !scope.is_all() && !scope.admits(Some(&region), None, None) {
        return Err(AppError::NotFound);
    }
    let before = store::stats::find_target(&tx, kind, &key, form.year, &ind.code).await?;
    if let Some(b) = &before
        && !scope.is_all()
        && !RegionCode::parse(&b.region_code).is_ok_and(|r| scope.admits(Some(&r), None, None))
    {
        return Err(AppError::NotFound);
    }
    let exact =
        |v: i64| policy::stats::format_quantity(v as i128, ind.decimals as u8, ind.decimals as u8);
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: if before.is_some() {
                "stats_target.update"
            } else {
                "stats_target.create"
            },
            entity_type: "stats_target",
            entity_id: format!("{kind}/{key}/{}/{}", form.year, ind.code),
            region_code: Some(region.to_string()),
            before: before
                .as_ref()
                .map(|b| serde_json::json!({"value": exact(b.value), "note": b.note}))
                .unwrap_or(serde_json::Value::Null),
            after: serde_json::json!({"value": exact(value), "note": form.note.trim()}),
        },
    )
    .await?;
    store::stats::upsert_target(
        &tx,
        stats_target::ActiveModel {
            id: NotSet,
            kind: Set(kind.to_string()),
            key: Set(key.clone()),
            year: Set(form.year),
            indicator: Set(ind.code.clone()),
            value: Set(value),
            region_code: Set(region.to_string()),
            note: Set(form.note.trim().to_string()),
            updated_at: Set(Utc::now()),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(TargetView {
        kind: kind.into(),
        key,
        name: String::new(),
        year: form.year,
        indicator: ind.code.clone(),
        value: exact(value),
        region_code: region.to_string(),
        note: form.note.trim().into(),
        actual: None,
        completion_pct: None,
    })
}

trait WithCode {
    fn with_code(self, code: &str) -> Self;
}

impl WithCode for AppError {
    fn with_code(self, code: &str) -> AppError {
        match self {
            AppError::Invalid(mut v) => {
                if let Some(f) = v.first_mut() {
                    f.params.push(("code".into(), code.into()));
                }
                AppError::Invalid(v)
            }
            other => other,
        }
    }
}

/// The targets of a year in the actor's scope; region targets with the region's figure and
/// completion rate.
pub async fn list_targets(
    app: &App,
    actor: &Actor,
    year: i32,
) -> Result<Vec<TargetView>, AppError> {
    let scope = actor.scope(Permission::STATS_READ)?;
    let rows = store::stats::targets(app.db().conn(), &scope, Some(year), None).await?;
    let mut out = Vec::with_capacity(rows.len());
    for t in rows {
        let ind = store::stats::find_indicator(app.db().conn(), &t.indicator).await?;
        let decimals = ind.as_ref().map(|i| i.decimals as u8).unwrap_or(0);
        let exact = |v: i128| policy::stats::format_quantity(v, decimals, decimals);
        let (name, actual, completion) = if t.kind == "region" {
            let q = OutputQuery {
                region: Some(t.key.clone()),
                year: Some(t.year),
                indicator: Some(t.indicator.clone()),
                ..Default::default()
            };
            match super::output::output(app, actor, &q).await {
                Ok(o) => {
                    let actual = policy::stats::parse_quantity(&o.total, decimals)
                        .map(|v| v as i128)
                        .unwrap_or(0);
                    (
                        o.region_name,
                        Some(o.total),
                        completion_f64(actual, Some(t.value)),
                    )
                }
                Err(AppError::NotFound) => (t.key.clone(), None, None),
                Err(e) => return Err(e),
            }
        } else {
            (t.key.clone(), None, None)
        };
        out.push(TargetView {
            kind: t.kind,
            key: t.key,
            name,
            year: t.year,
            indicator: t.indicator,
            value: exact(t.value as i128),
            region_code: t.region_code,
            note: t.note,
            actual,
            completion_pct: completion,
        });
    }
    Ok(out)
}
