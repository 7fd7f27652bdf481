//! Statistics by region (whole subtree), year and track, counted from the records.

use super::{parse_region, parse_track};
use crate::{Actor, App, AppError};
use policy::cultivation::pool::success_rate_pct;
use policy::cultivation::workflow::AppState;
use policy::org::Permission;
use serde::Serialize;
use store::cultivation::application::ApplicationFilter;
use store::cultivation::pool::PoolFilter;

/// Figures of one region, year and track.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CultivationStats {
    /// Region (its subtree), if one was asked for.
    pub region: Option<String>,
    /// Year.
    pub year: i32,
    /// Track.
    pub track: String,
    /// Entered into the pool that year.
    pub pool: u64,
    /// On the reserve list that year.
    pub reserve: u64,
    /// Applications submitted (withdrawn ones excepted).
    pub applied: u64,
    /// Applications recognised.
    pub recognised: u64,
    /// Titles of the track won that year by enterprises of the region (through the workflow
    /// or recorded from published lists), whatever their status now.
    pub honors: u64,
    /// recognised ÷ applied in percent, one decimal; null when nothing was applied for.
    pub success_rate_pct: Option<f64>,
    /// Campaigns (batches) the applications belong to.
    pub campaigns: u64,
}

/// The figures of `region`'s subtree (or the actor's whole scope) for a year and track.
pub async fn stats(
    app: &App,
    actor: &Actor,
    region: Option<&str>,
    year: i32,
    track: &str,
) -> Result<CultivationStats, AppError> {
    let scope = actor.scope(Permission::CULTIVATION_READ)?;
    let region = parse_region(region)?;
    let track = parse_track(track)?;
    let conn = app.db().conn();
    let pool_filter = |list: &str| PoolFilter {
        region: region.clone(),
        track: Some(track.as_str().into()),
        year: Some(year),
        list: Some(list.into()),
        uscc: None,
    };
    let pool = store::cultivation::pool::count(conn, &scope, &pool_filter("pool")).await?;
    let reserve = store::cultivation::pool::count(conn, &scope, &pool_filter("reserve")).await?;
    let applied_filter = ApplicationFilter {
        region: region.clone(),
        track: Some(track.as_str().into()),
        year: Some(year),
        states: AppState::ALL
            .iter()
            .filter(|s| s.was_submitted())
            .map(|s| s.as_str().to_string())
            .collect(),
        ..Default::default()
    };
    let applied = store::cultivation::application::count(conn, &scope, &applied_filter).await?;
    let campaigns =
        store::cultivation::application::campaigns_of(conn, &scope, &applied_filter).await?;
    let recognised = store::cultivation::application::count(
        conn,
        &scope,
        &ApplicationFilter {
            states: vec![AppState::Recognised.as_str().into()],
            ..applied_filter
        },
    )
    .await?;
    let honors = match track.title() {
        Some(t) => {
            store::cultivation::expiry::count_won(conn, &scope, region.as_ref(), t.as_str(), year)
                .await?
        }
        None => 0,
    };
    Ok(CultivationStats {
        region: region.map(|r| r.to_string()),
        year,
        track: track.as_str().into(),
        pool,
        reserve,
        applied,
        recognised,
        honors,
        success_rate_pct: success_rate_pct(applied, recognised),
        campaigns,
    })
}
