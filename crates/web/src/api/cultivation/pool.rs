//! Pools, reserve lists and campaigns.

use crate::api::Paging;
use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::cultivation::{CampaignView, NewCampaign, NewPoolEntry, PoolEntryView, PoolFilterForm};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/cultivation/pools", get(list).post(enter))
        .route("/api/v1/cultivation/pool-entries/{id}/exit", post(exit))
        .route(
            "/api/v1/cultivation/campaigns",
            get(campaigns).post(create_campaign),
        )
}

/// A page of pool entries.
#[derive(Debug, Serialize, ToSchema)]
pub struct PoolPage {
    /// Entries, newest first.
    pub items: Vec<PoolEntryView>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
}

/// Pool and reserve entries in the caller's scope.
#[utoipa::path(get, path = "/api/v1/cultivation/pools", tag = "cultivation", params(PoolFilterForm, Paging),
    responses((status = 200, body = PoolPage), (status = 403, body = crate::api::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<PoolFilterForm>,
    Query(p): Query<Paging>,
) -> WebResult<Json<PoolPage>> {
    let page = app::cultivation::list_pool(&state.app, &user.actor, &f, p.request()?).await?;
    Ok(Json(PoolPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// Enter an enterprise into a pool or reserve list, with the reason.
#[utoipa::path(post, path = "/api/v1/cultivation/pools", tag = "cultivation", request_body = NewPoolEntry,
    responses((status = 201, body = PoolEntryView), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn enter(
    State(state): State<AppState>,
    user: Authed,
    Json(n): Json<NewPoolEntry>,
) -> WebResult<Response> {
    let v = app::cultivation::add_to_pool(&state.app, &user.actor, &user.meta, &n).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// Why an entry leaves.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ExitBody {
    /// Reason.
    pub reason: String,
}

/// Take an entry out of its pool, with the reason.
#[utoipa::path(post, path = "/api/v1/cultivation/pool-entries/{id}/exit", tag = "cultivation", params(("id" = i64, Path)),
    request_body = ExitBody,
    responses((status = 200, body = PoolEntryView), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn exit(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(b): Json<ExitBody>,
) -> WebResult<Json<PoolEntryView>> {
    Ok(Json(
        app::cultivation::exit_pool(&state.app, &user.actor, &user.meta, id, &b.reason).await?,
    ))
}

/// Campaign filters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CampaignParams {
    /// Year.
    pub year: Option<i32>,
    /// Tier or track code.
    pub tier: Option<String>,
}

/// Campaigns (batches) with their windows.
#[utoipa::path(get, path = "/api/v1/cultivation/campaigns", tag = "cultivation", params(CampaignParams),
    responses((status = 200, body = [CampaignView]), (status = 403, body = crate::api::ErrorBody)))]
pub async fn campaigns(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<CampaignParams>,
) -> WebResult<Json<Vec<CampaignView>>> {
    Ok(Json(
        app::cultivation::list_campaigns(&state.app, &user.actor, p.year, p.tier.as_deref())
            .await?,
    ))
}

/// Open a campaign with its application window.
#[utoipa::path(post, path = "/api/v1/cultivation/campaigns", tag = "cultivation", request_body = NewCampaign,
    responses((status = 201, body = CampaignView), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create_campaign(
    State(state): State<AppState>,
    user: Authed,
    Json(n): Json<NewCampaign>,
) -> WebResult<Response> {
    let v = app::cultivation::create_campaign(&state.app, &user.actor, &user.meta, &n).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}
