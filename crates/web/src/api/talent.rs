//! Professional titles: applications, the recommendation quota, the qualification check.

use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::talent::{
    ApplicationFilter, ApplicationForm, ApplicationView, EventView, QuotaView, TalentStats,
};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/talent/applications", get(list).post(create))
        .route("/api/v1/talent/applications/{id}", get(read))
        .route("/api/v1/talent/applications/{id}/events", get(events))
        .route(
            "/api/v1/talent/applications/{id}/internal-notice",
            post(internal_notice),
        )
        .route("/api/v1/talent/applications/{id}/send", post(send))
        .route(
            "/api/v1/talent/applications/{id}/qualification",
            post(qualification),
        )
        .route("/api/v1/talent/quota/{uscc}", get(quota))
        .route(
            "/api/v1/talent/applications/{id}/notice",
            post(publish_notice),
        )
        .route("/api/v1/talent/applications/{id}/conclude", post(conclude))
        .route("/api/v1/talent/stats", get(stats))
}

/// Filters of the application list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationParams {
    /// Review year.
    pub year: Option<i32>,
    /// State (`draft`, `submitted`, `qualified`, …).
    pub state: Option<String>,
    /// Employer's credit code.
    pub uscc: Option<String>,
    /// Region code: its whole subtree.
    pub region: Option<String>,
    /// Meeting id.
    pub meeting_id: Option<i64>,
}

/// Applications in the caller's scope, newest first (at most 500).
#[utoipa::path(get, path = "/api/v1/talent/applications", tag = "talent", params(ApplicationParams),
    responses((status = 200, body = Vec<ApplicationView>), (status = 403, body = super::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<ApplicationParams>,
) -> WebResult<Json<Vec<ApplicationView>>> {
    let nonempty = |s: Option<String>| s.filter(|v| !v.trim().is_empty());
    let f = ApplicationFilter {
        year: p.year,
        state: nonempty(p.state),
        uscc: nonempty(p.uscc),
        region: nonempty(p.region),
        meeting_id: p.meeting_id,
    };
    Ok(Json(
        app::talent::list_applications(&state.app, &user.actor, &f).await?,
    ))
}

/// Apply for a title (ordinary route, `talent:apply`) or recommend an engineer
/// (`route` = `recommendation`, `talent:recommend`, within the enterprise's quota: beyond it
/// the answer is 422 `talent.quota_exceeded` naming the quota, the places used and who used
/// them).
#[utoipa::path(post, path = "/api/v1/talent/applications", tag = "talent", request_body = ApplicationForm,
    responses((status = 201, body = ApplicationView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<ApplicationForm>,
) -> WebResult<Response> {
    let v = app::talent::create_application(&state.app, &user.actor, &user.meta, &f).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// One application (the ID number masked unless the caller is the title administrator).
#[utoipa::path(get, path = "/api/v1/talent/applications/{id}", tag = "talent", params(("id" = i64, Path)),
    responses((status = 200, body = ApplicationView), (status = 404, body = super::ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<ApplicationView>> {
    Ok(Json(
        app::talent::get_application(&state.app, &user.actor, id).await?,
    ))
}

/// The workflow events of an application, oldest first.
#[utoipa::path(get, path = "/api/v1/talent/applications/{id}/events", tag = "talent", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<EventView>), (status = 404, body = super::ErrorBody)))]
pub async fn events(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<Vec<EventView>>> {
    Ok(Json(
        app::talent::application_events(&state.app, &user.actor, id).await?,
    ))
}

/// The employer's internal notice, first and last day.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NoticeDates {
    /// First day, `2026-11-02`.
    pub from: NaiveDate,
    /// Last day (at least five working days in all).
    pub to: NaiveDate,
}

/// Record the employer's internal notice (at least five working days).
#[utoipa::path(post, path = "/api/v1/talent/applications/{id}/internal-notice", tag = "talent", params(("id" = i64, Path)), request_body = NoticeDates,
    responses((status = 200, body = ApplicationView), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn internal_notice(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(d): Json<NoticeDates>,
) -> WebResult<Json<ApplicationView>> {
    Ok(Json(
        app::talent::start_internal_notice(&state.app, &user.actor, &user.meta, id, d.from, d.to)
            .await?,
    ))
}

/// Send the application to the HR bureau after the internal notice (or again once returned).
#[utoipa::path(post, path = "/api/v1/talent/applications/{id}/send", tag = "talent", params(("id" = i64, Path)),
    responses((status = 200, body = ApplicationView), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn send(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<ApplicationView>> {
    Ok(Json(
        app::talent::send_application(&state.app, &user.actor, &user.meta, id).await?,
    ))
}

/// The HR bureau's decision.
#[derive(Debug, Deserialize, ToSchema)]
pub struct QualificationDecision {
    /// `pass`, `return` or `reject`.
    pub decision: String,
    /// Why (required to return or reject).
    #[serde(default)]
    pub reason: String,
}

/// The HR bureau's qualification check.
#[utoipa::path(post, path = "/api/v1/talent/applications/{id}/qualification", tag = "talent", params(("id" = i64, Path)), request_body = QualificationDecision,
    responses((status = 200, body = ApplicationView), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn qualification(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(d): Json<QualificationDecision>,
) -> WebResult<Json<ApplicationView>> {
    Ok(Json(
        app::talent::check_qualification(
            &state.app,
            &user.actor,
            &user.meta,
            id,
            &d.decision,
            &d.reason,
        )
        .await?,
    ))
}

/// `?year=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearParam {
    /// The year (default: this year).
    pub year: Option<i32>,
}

/// An enterprise's recommendation quota for a year, the places used and who used them.
#[utoipa::path(get, path = "/api/v1/talent/quota/{uscc}", tag = "talent", params(("uscc" = String, Path), YearParam),
    responses((status = 200, body = QuotaView), (status = 404, body = super::ErrorBody)))]
pub async fn quota(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
    Query(y): Query<YearParam>,
) -> WebResult<Json<QuotaView>> {
    use chrono::Datelike;
    let year = y.year.unwrap_or_else(|| app::talent::today().year());
    Ok(Json(
        app::talent::quota_of(&state.app, &user.actor, &uscc, year).await?,
    ))
}

/// Put a passed application on public notice (5 working days; objections on /notices).
#[utoipa::path(post, path = "/api/v1/talent/applications/{id}/notice", tag = "talent", params(("id" = i64, Path)),
    responses((status = 200, body = ApplicationView), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody)))]
pub async fn publish_notice(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<ApplicationView>> {
    Ok(Json(
        app::talent::publish_result(&state.app, &user.actor, &user.meta, id).await?,
    ))
}

/// Conclude the notice: grant the title once it has cleared, or overturn the result when an
/// objection was sustained; refused while it runs.
#[utoipa::path(post, path = "/api/v1/talent/applications/{id}/conclude", tag = "talent", params(("id" = i64, Path)),
    responses((status = 200, body = ApplicationView), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn conclude(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<ApplicationView>> {
    Ok(Json(
        app::talent::conclude_notice(&state.app, &user.actor, &user.meta, id).await?,
    ))
}

/// `?region=&year=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsParams {
    /// Region code (its subtree), default 371500.
    pub region: Option<String>,
    /// Year (default: this year).
    pub year: Option<i32>,
}

/// Applicants, recommended and passed by level, route, series, county and enterprise tier,
/// and the enterprises of the programme's tiers, counted from the records in scope.
#[utoipa::path(get, path = "/api/v1/talent/stats", tag = "talent", params(StatsParams),
    responses((status = 200, body = TalentStats), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn stats(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<StatsParams>,
) -> WebResult<Json<TalentStats>> {
    use chrono::Datelike;
    let year = p.year.unwrap_or_else(|| app::talent::today().year());
    let region = p.region.unwrap_or_else(|| "371500".into());
    Ok(Json(
        app::talent::talent_stats(&state.app, &user.actor, &region, year).await?,
    ))
}
