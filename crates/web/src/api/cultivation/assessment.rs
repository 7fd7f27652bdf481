//! Assessments: run one (`POST`) and read one back.

use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::cultivation::{AssessRequest, AssessmentView};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/cultivation/assessments", post(create))
        .route("/api/v1/cultivation/assessments/{id}", get(read))
}

/// Assess an enterprise-year against a tier: `{"uscc","tier","year","rule_set"?,"declared"?}`.
/// The rule set in force on today's date applies unless `rule_set` names another (`code` or
/// `code@revision`). Missing inputs are listed in `missing`, never counted as zero.
#[utoipa::path(post, path = "/api/v1/cultivation/assessments", tag = "cultivation", request_body = AssessRequest,
    responses((status = 201, body = AssessmentView), (status = 403, body = crate::api::ErrorBody),
        (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: Authed,
    Json(req): Json<AssessRequest>,
) -> WebResult<Response> {
    let v = app::cultivation::assess(&state.app, &user.actor, &user.meta, &req).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// One stored assessment (reproduced from its snapshot and rule-set revision).
#[utoipa::path(get, path = "/api/v1/cultivation/assessments/{id}", tag = "cultivation", params(("id" = i64, Path)),
    responses((status = 200, body = AssessmentView), (status = 404, body = crate::api::ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<AssessmentView>> {
    Ok(Json(
        app::cultivation::get_assessment(&state.app, &user.actor, id).await?,
    ))
}
