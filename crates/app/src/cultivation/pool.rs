//! Pools (培育库) and reserve lists per county and track: entry with a reason, exit with one.

use super::{check_year, enterprise_in, parse_region, parse_track};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, Page, PageRequest, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::cultivation::pool::PoolList;
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::{Deserialize, Serialize};
use store::cultivation::pool::PoolFilter;
use store::entity::cultivation_pool_entry as entry;

/// A pool entry as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PoolEntryView {
    /// Id.
    pub id: i64,
    /// Enterprise.
    pub uscc: String,
    /// The enterprise's region.
    pub region_code: String,
    /// Track (`specialized`, `small_to_above_size`, …).
    pub track: String,
    /// Year of entry.
    pub year: i32,
    /// `pool` or `reserve`.
    pub list: String,
    /// `in` or `exited`.
    pub status: String,
    /// Why it entered.
    pub entry_reason: String,
    /// Why it left.
    pub exit_reason: String,
    /// Entered.
    pub entered_on: NaiveDate,
    /// Left.
    pub exited_on: Option<NaiveDate>,
}

fn view(m: &entry::Model) -> PoolEntryView {
    PoolEntryView {
        id: m.id,
        uscc: m.uscc.clone(),
        region_code: m.region_code.clone(),
        track: m.track.clone(),
        year: m.year,
        list: m.list.clone(),
        status: m.status.clone(),
        entry_reason: m.entry_reason.clone(),
        exit_reason: m.exit_reason.clone(),
        entered_on: m.entered_on,
        exited_on: m.exited_on,
    }
}

/// A new entry.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewPoolEntry {
    /// Enterprise.
    pub uscc: String,
    /// Track code.
    pub track: String,
    /// Year.
    pub year: i32,
    /// `pool` (default) or `reserve`.
    #[serde(default)]
    pub list: Option<String>,
    /// Why (required).
    #[serde(default)]
    pub reason: String,
    /// The day it entered (default today).
    #[serde(default)]
    pub entered_on: Option<NaiveDate>,
}

/// Filters of the pool list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PoolFilterForm {
    /// Region code (its subtree).
    pub region: Option<String>,
    /// Track code.
    pub track: Option<String>,
    /// Year.
    pub year: Option<i32>,
    /// `pool` or `reserve`.
    pub list: Option<String>,
}

impl PoolFilterForm {
    pub(crate) fn filter(&self) -> Result<PoolFilter, AppError> {
        let nonempty = |s: &Option<String>| s.clone().filter(|v| !v.trim().is_empty());
        Ok(PoolFilter {
            region: parse_region(self.region.as_deref())?,
            track: match nonempty(&self.track) {
                Some(t) => Some(parse_track(&t)?.as_str().to_string()),
                None => None,
            },
            year: self.year,
            list: match nonempty(&self.list) {
                Some(l) => Some(
                    PoolList::parse(&l)
                        .ok_or_else(|| AppError::invalid("list", "cultivation.list_unknown"))?
                        .as_str()
                        .to_string(),
                ),
                None => None,
            },
            uscc: None,
        })
    }
}

/// Enters an enterprise in scope into a pool or reserve list, with the reason.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn add_to_pool(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    n: &NewPoolEntry,
) -> Result<PoolEntryView, AppError> {
    let scope = actor.scope(Permission::CULTIVATION_POOL_MANAGE)?;
    let track = parse_track(&n.track)?;
    let year = check_year(n.year)?;
    let list = match n.list.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => PoolList::Pool,
        Some(l) => PoolList::parse(l)
            .ok_or_else(|| AppError::invalid("list", "cultivation.list_unknown"))?,
    };
    if n.reason.trim().is_empty() {
        return Err(AppError::invalid("reason", "common.reason_required"));
    }
    let tx = app.db().begin_write().await?;
    let e = enterprise_in(&tx, &scope, &n.uscc).await?;
    let saved = store::cultivation::pool::insert(
        &tx,
        entry::ActiveModel {
            uscc: Set(e.uscc.clone()),
            region_code: Set(e.region_code.clone()),
            track: Set(track.as_str().into()),
            year: Set(year),
            list: Set(list.as_str().into()),
            status: Set("in".into()),
            entry_reason: Set(n.reason.trim().into()),
            exit_reason: Set(String::new()),
            entered_on: Set(n.entered_on.unwrap_or_else(crate::notice::today)),
            exited_on: Set(None),
            created_by: Set(actor.stored_id()),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "cultivation.pool.enter",
            entity_type: "cultivation_pool_entry",
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

/// Takes an entry out of its pool, with the reason.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn exit_pool(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    reason: &str,
) -> Result<PoolEntryView, AppError> {
    let scope = actor.scope(Permission::CULTIVATION_POOL_MANAGE)?;
    if reason.trim().is_empty() {
        return Err(AppError::invalid("reason", "common.reason_required"));
    }
    let tx = app.db().begin_write().await?;
    let current = store::cultivation::pool::find(&tx, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if current.status != "in" {
        return Err(AppError::Conflict("already exited".into()));
    }
    let before = serde_json::to_value(view(&current)).unwrap_or_default();
    let mut am = current.into_active_model();
    am.status = Set("exited".into());
    am.exit_reason = Set(reason.trim().into());
    am.exited_on = Set(Some(crate::notice::today()));
    let saved = store::cultivation::pool::update(&tx, am).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "cultivation.pool.exit",
            entity_type: "cultivation_pool_entry",
            entity_id: id.to_string(),
            region_code: Some(saved.region_code.clone()),
            before,
            after: serde_json::to_value(view(&saved)).unwrap_or_default(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view(&saved))
}

/// Pool entries in scope, newest first.
pub async fn list_pool(
    app: &App,
    actor: &Actor,
    f: &PoolFilterForm,
    page: PageRequest,
) -> Result<Page<PoolEntryView>, AppError> {
    let scope = actor.scope(Permission::CULTIVATION_READ)?;
    let filter = f.filter()?;
    Ok(
        store::cultivation::pool::list(app.db().conn(), &scope, &filter, page)
            .await?
            .map(|m| view(&m)),
    )
}
