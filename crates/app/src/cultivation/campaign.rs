//! Campaigns (批次): a year's application round for a track, with its window.

use super::{check_year, parse_track};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use serde::{Deserialize, Serialize};
use store::entity::cultivation_campaign as campaign;

/// A campaign as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CampaignView {
    /// Id.
    pub id: i64,
    /// Track.
    pub track: String,
    /// Year.
    pub year: i32,
    /// Name (e.g. 2022年第一批).
    pub name: String,
    /// The region that runs it.
    pub region_code: String,
    /// First day of the window.
    pub opens_on: NaiveDate,
    /// Last day of the window.
    pub closes_on: NaiveDate,
}

pub(crate) fn view(m: &campaign::Model) -> CampaignView {
    CampaignView {
        id: m.id,
        track: m.track.clone(),
        year: m.year,
        name: m.name.clone(),
        region_code: m.region_code.clone(),
        opens_on: m.opens_on,
        closes_on: m.closes_on,
    }
}

/// A new campaign.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewCampaign {
    /// Track code.
    pub track: String,
    /// Year.
    pub year: i32,
    /// Name.
    pub name: String,
    /// First day of the window.
    pub opens_on: NaiveDate,
    /// Last day of the window.
    pub closes_on: NaiveDate,
}

/// Opens a campaign (in the actor's own region).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn create_campaign(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    n: &NewCampaign,
) -> Result<CampaignView, AppError> {
    actor.require(Permission::CULTIVATION_POOL_MANAGE)?;
    let track = parse_track(&n.track)?;
    if track.title().is_none() {
        return Err(AppError::invalid("track", "cultivation.track_not_applied"));
    }
    let year = check_year(n.year)?;
    if n.name.trim().is_empty() {
        return Err(AppError::invalid("name", "common.required"));
    }
    if n.closes_on < n.opens_on {
        return Err(AppError::invalid("closes_on", "cultivation.window_order"));
    }
    let region = actor
        .region
        .as_ref()
        .map(|r| r.to_string())
        .unwrap_or_else(|| "371500".into());
    let tx = app.db().begin_write().await?;
    let saved = store::cultivation::campaign::insert(
        &tx,
        campaign::ActiveModel {
            track: Set(track.as_str().into()),
            year: Set(year),
            name: Set(n.name.trim().into()),
            region_code: Set(region.clone()),
            opens_on: Set(n.opens_on),
            closes_on: Set(n.closes_on),
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
            action: "cultivation.campaign.create",
            entity_type: "cultivation_campaign",
            entity_id: saved.id.to_string(),
            region_code: Some(region),
            before: serde_json::Value::Null,
            after: serde_json::to_value(view(&saved)).unwrap_or_default(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view(&saved))
}

/// Campaigns, newest first.
pub async fn list_campaigns(
    app: &App,
    actor: &Actor,
    year: Option<i32>,
    track: Option<&str>,
) -> Result<Vec<CampaignView>, AppError> {
    actor.require(Permission::CULTIVATION_READ)?;
    let track = match track.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Some(parse_track(t)?.as_str()),
        None => None,
    };
    Ok(
        store::cultivation::campaign::list(app.db().conn(), year, track)
            .await?
            .iter()
            .map(view)
            .collect(),
    )
}
