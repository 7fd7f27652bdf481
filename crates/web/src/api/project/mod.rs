//! Projects, investment and land (重点项目, 招商引资, 土地, 扶持资金, 数字化): key projects with
//! their plans, monthly investment, stages and problems (→ tickets) and the monthly-investment
//! import; attraction projects with their report/review steps and the counties' targets; land
//! parcels, disposals and low-efficiency land; support funds and digital records; and the
//! figures of each, computed from the records (`.../stats`).

pub mod key_project;
pub mod land;

use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::project::{
    CountyTargetForm, CountyTargetView, InvestmentStats, ReportForm, ReviewForm, TargetForm,
    TargetListQuery, TargetRow, TargetView,
};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    key_project::routes()
        .merge(land::routes())
        .route("/api/v1/investment/stats", get(investment_stats))
        .route(
            "/api/v1/investment/targets",
            get(list_targets).post(register_target),
        )
        .route("/api/v1/investment/targets/{id}", get(read_target))
        .route("/api/v1/investment/targets/{id}/reports", post(report))
        .route("/api/v1/investment/reviews", post(review))
        .route(
            "/api/v1/investment/county-targets",
            get(county_targets).post(set_county_target),
        )
}

/// `?region=&year=` of the figures.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// Region code (its subtree); the reader's whole scope when left out.
    pub region: Option<String>,
    /// Year (default: this year).
    pub year: Option<i32>,
    /// Attraction only: count projects planned at this or more, 万元 (e.g. 10000 for 亿元以上).
    pub min_wan_yuan: Option<String>,
}

/// A page of rows.
#[derive(Debug, Serialize, ToSchema)]
pub struct Listed<T> {
    /// The rows.
    pub items: Vec<T>,
    /// Pass as `cursor` to read the next page; null on the last.
    pub next_cursor: Option<String>,
}

impl<T> From<app::Page<T>> for Listed<T> {
    fn from(p: app::Page<T>) -> Listed<T> {
        Listed {
            items: p.items,
            next_cursor: p.next_cursor,
        }
    }
}

/// How many records a write changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct Changed {
    /// Records.
    pub count: usize,
}

/// 201 with a body.
pub(crate) fn created<T: Serialize>(body: T) -> Response {
    (StatusCode::CREATED, Json(body)).into_response()
}

/// Attraction projects newly signed in the year (approved), of at least `min_wan_yuan`: count,
/// planned investment and funds in place, by stage, with the counties' targets.
#[utoipa::path(get, path = "/api/v1/investment/stats", tag = "project", params(StatsQuery),
    responses((status = 200, body = InvestmentStats), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn investment_stats(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<StatsQuery>,
) -> WebResult<Json<InvestmentStats>> {
    Ok(Json(
        app::project::investment_stats(
            &state.app,
            &user.actor,
            q.region.as_deref(),
            q.year,
            q.min_wan_yuan.as_deref(),
        )
        .await?,
    ))
}

/// Attraction projects the caller may read, newest first, by region, stage, year signed,
/// size, name, or only those waiting for review.
#[utoipa::path(get, path = "/api/v1/investment/targets", tag = "project", params(TargetListQuery),
    responses((status = 200, body = Listed<TargetRow>), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn list_targets(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<TargetListQuery>,
) -> WebResult<Json<Listed<TargetRow>>> {
    Ok(Json(
        app::project::list_targets(&state.app, &user.actor, &q)
            .await?
            .into(),
    ))
}

/// Report a new attraction project (填报): it waits for a reviewer's approval.
#[utoipa::path(post, path = "/api/v1/investment/targets", tag = "project", request_body = TargetForm,
    responses((status = 201, body = TargetView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn register_target(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<TargetForm>,
) -> WebResult<Response> {
    let ids = app::project::register_targets(&state.app, &user.actor, &user.meta, vec![f]).await?;
    let id = ids.first().copied().ok_or(app::AppError::NotFound)?;
    Ok(created(
        app::project::get_target(&state.app, &user.actor, id).await?,
    ))
}

/// One attraction project with its reports and reviews.
#[utoipa::path(get, path = "/api/v1/investment/targets/{id}", tag = "project", params(("id" = i64, Path)),
    responses((status = 200, body = TargetView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn read_target(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<TargetView>> {
    Ok(Json(
        app::project::get_target(&state.app, &user.actor, id).await?,
    ))
}

/// Report a later stage (在谈 → 签约 → 开工 → 投产) or new figures; a reviewer then approves or
/// returns it.
#[utoipa::path(post, path = "/api/v1/investment/targets/{id}/reports", tag = "project", params(("id" = i64, Path)), request_body = ReportForm,
    responses((status = 200, body = TargetView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<ReportForm>,
) -> WebResult<Json<TargetView>> {
    Ok(Json(
        app::project::report_target(&state.app, &user.actor, &user.meta, id, f).await?,
    ))
}

/// Approve or return pending reports (审核), all or none.
#[utoipa::path(post, path = "/api/v1/investment/reviews", tag = "project", request_body = ReviewForm,
    responses((status = 200, body = Changed), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn review(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<ReviewForm>,
) -> WebResult<Json<Changed>> {
    let count = app::project::review_reports(&state.app, &user.actor, &user.meta, f).await?;
    Ok(Json(Changed { count }))
}

/// The counties' attraction targets for a year (目标考核), with what was done against them.
#[utoipa::path(get, path = "/api/v1/investment/county-targets", tag = "project", params(StatsQuery),
    responses((status = 200, body = Vec<CountyTargetView>), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn county_targets(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<StatsQuery>,
) -> WebResult<Json<Vec<CountyTargetView>>> {
    let year = q
        .year
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Utc::now()));
    Ok(Json(
        app::project::list_county_targets(&state.app, &user.actor, q.region.as_deref(), year)
            .await?,
    ))
}

/// Set a county's target for a year (the city's reviewers).
#[utoipa::path(post, path = "/api/v1/investment/county-targets", tag = "project", request_body = CountyTargetForm,
    responses((status = 200, body = CountyTargetView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn set_county_target(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<CountyTargetForm>,
) -> WebResult<Json<CountyTargetView>> {
    Ok(Json(
        app::project::set_county_target(&state.app, &user.actor, &user.meta, f).await?,
    ))
}
