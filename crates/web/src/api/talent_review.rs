//! Professional titles: the expert pool, committees, meetings, the secret ballot, the minutes.

use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::talent::{
    BallotChoice, CommitteeForm, CommitteeView, ExpertForm, ExpertView, MeetingForm, MeetingView,
};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::ToSchema;

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/talent/experts", get(experts).post(add_expert))
        .route(
            "/api/v1/talent/committees",
            get(committees).post(create_committee),
        )
        .route(
            "/api/v1/talent/meetings",
            get(meetings).post(create_meeting),
        )
        .route("/api/v1/talent/meetings/{id}", get(meeting))
        .route("/api/v1/talent/meetings/{id}/attendance", post(attendance))
        .route("/api/v1/talent/meetings/{id}/open", post(open))
        .route("/api/v1/talent/meetings/{id}/ballot", post(ballot))
        .route("/api/v1/talent/meetings/{id}/close", post(close))
        .route("/api/v1/talent/meetings/{id}/minutes.xlsx", get(minutes))
}

/// The expert pool.
#[utoipa::path(get, path = "/api/v1/talent/experts", tag = "talent",
    responses((status = 200, body = Vec<ExpertView>), (status = 403, body = super::ErrorBody)))]
pub async fn experts(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Json<Vec<ExpertView>>> {
    Ok(Json(
        app::talent::list_experts(&state.app, &user.actor).await?,
    ))
}

/// Add an expert (an account with the expert role) to the pool, with declared conflicts.
#[utoipa::path(post, path = "/api/v1/talent/experts", tag = "talent", request_body = ExpertForm,
    responses((status = 201, body = ExpertView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_expert(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<ExpertForm>,
) -> WebResult<Response> {
    let v = app::talent::add_expert(&state.app, &user.actor, &user.meta, &f).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// Committees.
#[utoipa::path(get, path = "/api/v1/talent/committees", tag = "talent",
    responses((status = 200, body = Vec<CommitteeView>), (status = 403, body = super::ErrorBody)))]
pub async fn committees(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Json<Vec<CommitteeView>>> {
    Ok(Json(
        app::talent::list_committees(&state.app, &user.actor).await?,
    ))
}

/// Record a committee (odd size; at least 25 / 11 for senior committees by series / specialty;
/// approval at most three years).
#[utoipa::path(post, path = "/api/v1/talent/committees", tag = "talent", request_body = CommitteeForm,
    responses((status = 201, body = CommitteeView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create_committee(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<CommitteeForm>,
) -> WebResult<Response> {
    let v = app::talent::create_committee(&state.app, &user.actor, &user.meta, &f).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// Meetings: all for the committee manager; those an expert was drawn for.
#[utoipa::path(get, path = "/api/v1/talent/meetings", tag = "talent",
    responses((status = 200, body = Vec<MeetingView>), (status = 403, body = super::ErrorBody)))]
pub async fn meetings(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Json<Vec<MeetingView>>> {
    Ok(Json(
        app::talent::list_meetings(&state.app, &user.actor).await?,
    ))
}

/// Convene a meeting: the agenda of qualified applications and a random draw of experts
/// without conflicts (each exclusion recorded with its reason).
#[utoipa::path(post, path = "/api/v1/talent/meetings", tag = "talent", request_body = MeetingForm,
    responses((status = 201, body = MeetingView), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create_meeting(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<MeetingForm>,
) -> WebResult<Response> {
    let v = app::talent::create_meeting(&state.app, &user.actor, &user.meta, &f).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// A meeting. Tallies appear once the ballot is closed; no individual vote exists to show.
#[utoipa::path(get, path = "/api/v1/talent/meetings/{id}", tag = "talent", params(("id" = i64, Path)),
    responses((status = 200, body = MeetingView), (status = 404, body = super::ErrorBody)))]
pub async fn meeting(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<MeetingView>> {
    Ok(Json(
        app::talent::get_meeting(&state.app, &user.actor, id).await?,
    ))
}

/// The experts present.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Attendance {
    /// Expert ids present (drawn experts only).
    pub present: Vec<i64>,
}

/// Record attendance (before the ballot opens).
#[utoipa::path(post, path = "/api/v1/talent/meetings/{id}/attendance", tag = "talent", params(("id" = i64, Path)), request_body = Attendance,
    responses((status = 200, body = MeetingView), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn attendance(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(a): Json<Attendance>,
) -> WebResult<Json<MeetingView>> {
    Ok(Json(
        app::talent::record_attendance(&state.app, &user.actor, &user.meta, id, &a.present).await?,
    ))
}

/// Open the ballot; refused (422 `talent.quorum_not_met`) below two thirds of the members.
#[utoipa::path(post, path = "/api/v1/talent/meetings/{id}/open", tag = "talent", params(("id" = i64, Path)),
    responses((status = 200, body = MeetingView), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn open(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<MeetingView>> {
    Ok(Json(
        app::talent::open_ballot(&state.app, &user.actor, &user.meta, id).await?,
    ))
}

/// One expert's ballot: a choice for every candidate.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Ballot {
    /// The choices.
    pub choices: Vec<BallotChoice>,
}

/// Cast one's own secret ballot (present experts, once, while open). Answers 204.
#[utoipa::path(post, path = "/api/v1/talent/meetings/{id}/ballot", tag = "talent", params(("id" = i64, Path)), request_body = Ballot,
    responses((status = 204), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn ballot(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(b): Json<Ballot>,
) -> WebResult<StatusCode> {
    app::talent::cast_ballot(&state.app, &user.actor, &user.meta, id, &b.choices).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Close the ballot and decide each candidate (yes ≥ two thirds of those present).
#[utoipa::path(post, path = "/api/v1/talent/meetings/{id}/close", tag = "talent", params(("id" = i64, Path)),
    responses((status = 200, body = MeetingView), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody)))]
pub async fn close(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<MeetingView>> {
    Ok(Json(
        app::talent::close_ballot(&state.app, &user.actor, &user.meta, id).await?,
    ))
}

/// The minutes of a closed meeting (attendance, quorum, tallies) as xlsx.
#[utoipa::path(get, path = "/api/v1/talent/meetings/{id}/minutes.xlsx", tag = "talent", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (status = 404, body = super::ErrorBody)))]
pub async fn minutes(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let bytes = app::talent::minutes_xlsx(&state.app, &user.actor, id).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"minutes-{id}.xlsx\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
