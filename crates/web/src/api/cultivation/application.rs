//! Applications and their workflow; statistics; the re-review list.

use crate::api::Paging;
use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::cultivation::{
    ActRequest, ApplicationFilterForm, ApplicationView, CultivationStats, NewApplication,
    ReReviewItem, StatsTable, StatsTableQuery,
};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/cultivation/stats", get(stats))
        .route("/api/v1/cultivation/applications", get(list).post(create))
        .route("/api/v1/cultivation/applications/{id}", get(read))
        .route("/api/v1/cultivation/applications/{id}/actions", post(act))
        .route("/api/v1/cultivation/re-review", get(re_review))
        .route(
            "/api/v1/cultivation/re-review/{honor_id}/start",
            post(start_re_review),
        )
        .route("/api/v1/cultivation/stats/table", get(stats_table))
}

/// Which figures to count.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsParams {
    /// Region code: its whole subtree (default: the caller's whole scope).
    pub region: Option<String>,
    /// Year.
    pub year: i32,
    /// Tier or track code (`specialized`, `little_giant`, `high_tech`, `small_to_above_size`, …).
    pub tier: String,
}

/// Pool size, reserve, applications, recognitions, success rate and titles won, of a region
/// (its subtree), year and tier, counted from the records.
#[utoipa::path(get, path = "/api/v1/cultivation/stats", tag = "cultivation", params(StatsParams),
    responses((status = 200, body = CultivationStats), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn stats(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<StatsParams>,
) -> WebResult<Json<CultivationStats>> {
    Ok(Json(
        app::cultivation::stats(
            &state.app,
            &user.actor,
            p.region.as_deref(),
            p.year,
            &p.tier,
        )
        .await?,
    ))
}

/// A page of applications.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationPage {
    /// Applications, newest first.
    pub items: Vec<ApplicationView>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
}

/// Applications in the caller's scope.
#[utoipa::path(get, path = "/api/v1/cultivation/applications", tag = "cultivation", params(ApplicationFilterForm, Paging),
    responses((status = 200, body = ApplicationPage), (status = 403, body = crate::api::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<ApplicationFilterForm>,
    Query(p): Query<Paging>,
) -> WebResult<Json<ApplicationPage>> {
    let page =
        app::cultivation::list_applications(&state.app, &user.actor, &f, p.request()?).await?;
    Ok(Json(ApplicationPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// Draft an application (an enterprise user, for its own enterprise).
#[utoipa::path(post, path = "/api/v1/cultivation/applications", tag = "cultivation", request_body = NewApplication,
    responses((status = 201, body = ApplicationView), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: Authed,
    Json(n): Json<NewApplication>,
) -> WebResult<Response> {
    let v = app::cultivation::create_application(&state.app, &user.actor, &user.meta, &n).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// One application with its timeline and the actions the caller may take.
#[utoipa::path(get, path = "/api/v1/cultivation/applications/{id}", tag = "cultivation", params(("id" = i64, Path)),
    responses((status = 200, body = ApplicationView), (status = 404, body = crate::api::ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<ApplicationView>> {
    Ok(Json(
        app::cultivation::get_application(&state.app, &user.actor, id).await?,
    ))
}

/// Take a workflow action (`submit`, `withdraw`, `county_pass`, `county_return`,
/// `county_reject`, `city_pass`, `city_return`, `city_reject`, `province_recognise`,
/// `province_decline`, `grant`, `notice_objected`).
#[utoipa::path(post, path = "/api/v1/cultivation/applications/{id}/actions", tag = "cultivation", params(("id" = i64, Path)),
    request_body = ActRequest,
    responses((status = 200, body = ApplicationView), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn act(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(r): Json<ActRequest>,
) -> WebResult<Json<ApplicationView>> {
    Ok(Json(
        app::cultivation::act(&state.app, &user.actor, &user.meta, id, &r).await?,
    ))
}

/// How far ahead to look.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReReviewParams {
    /// Months ahead (1-36, default 6).
    pub months: Option<u32>,
}

/// Titles in scope whose validity ends within the coming months (the re-review list).
#[utoipa::path(get, path = "/api/v1/cultivation/re-review", tag = "cultivation", params(ReReviewParams),
    responses((status = 200, body = [ReReviewItem]), (status = 403, body = crate::api::ErrorBody)))]
pub async fn re_review(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<ReReviewParams>,
) -> WebResult<Json<Vec<ReReviewItem>>> {
    Ok(Json(
        app::cultivation::re_review_list(
            &state.app,
            &user.actor,
            app::notice::today(),
            p.months
                .unwrap_or(app::cultivation::expiry::DEFAULT_MONTHS_AHEAD),
        )
        .await?,
    ))
}

/// Start the re-review (发起复核) of one of the caller's own valid titles: a draft re-review
/// application with a self-assessment by the rule set the measures name for re-reviews.
#[utoipa::path(post, path = "/api/v1/cultivation/re-review/{honor_id}/start", tag = "cultivation", params(("honor_id" = i64, Path)),
    responses((status = 201, body = ApplicationView), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn start_re_review(
    State(state): State<AppState>,
    user: Authed,
    Path(honor_id): Path<i64>,
) -> WebResult<Response> {
    let v =
        app::cultivation::start_re_review(&state.app, &user.actor, &user.meta, honor_id).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// Pool, reserve, applied, recognised and success rate by county × track × year in the
/// caller's scope (the statistics page's table).
#[utoipa::path(get, path = "/api/v1/cultivation/stats/table", tag = "cultivation", params(StatsTableQuery),
    responses((status = 200, body = StatsTable), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn stats_table(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<StatsTableQuery>,
) -> WebResult<Json<StatsTable>> {
    Ok(Json(
        app::cultivation::stats_table(&state.app, &user.actor, &q).await?,
    ))
}
