//! Rule sets: list, read, copy into a draft, edit the draft's TOML, publish.

use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::cultivation::{RuleSetDetail, RuleSetView};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::ToSchema;

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/cultivation/rule-sets", get(list))
        .route("/api/v1/cultivation/rule-sets/{id}", get(read).post(save))
        .route("/api/v1/cultivation/rule-sets/{id}/copy", post(copy))
        .route("/api/v1/cultivation/rule-sets/{id}/publish", post(publish))
}

/// Every rule-set revision.
#[utoipa::path(get, path = "/api/v1/cultivation/rule-sets", tag = "cultivation",
    responses((status = 200, body = Vec<RuleSetView>), (status = 403, body = crate::api::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Json<Vec<RuleSetView>>> {
    Ok(Json(
        app::cultivation::list_rule_sets(&state.app, &user.actor).await?,
    ))
}

/// One revision with its TOML body.
#[utoipa::path(get, path = "/api/v1/cultivation/rule-sets/{id}", tag = "cultivation", params(("id" = i64, Path)),
    responses((status = 200, body = RuleSetDetail), (status = 404, body = crate::api::ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<RuleSetDetail>> {
    Ok(Json(
        app::cultivation::rule_set(&state.app, &user.actor, id).await?,
    ))
}

/// A draft's new TOML text.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RuleSetBody {
    /// The TOML text, checked by the same parser as the shipped files.
    pub body: String,
}

/// Save a draft's TOML (refused with the place and the reason when it does not parse).
#[utoipa::path(post, path = "/api/v1/cultivation/rule-sets/{id}", tag = "cultivation", params(("id" = i64, Path)), request_body = RuleSetBody,
    responses((status = 200, body = RuleSetView), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn save(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(b): Json<RuleSetBody>,
) -> WebResult<Json<RuleSetView>> {
    Ok(Json(
        app::cultivation::save_rule_set_draft(&state.app, &user.actor, &user.meta, id, &b.body)
            .await?,
    ))
}

/// Copy a revision into a new draft of the same code.
#[utoipa::path(post, path = "/api/v1/cultivation/rule-sets/{id}/copy", tag = "cultivation", params(("id" = i64, Path)),
    responses((status = 201, body = RuleSetView), (status = 409, body = crate::api::ErrorBody)))]
pub async fn copy(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let v = app::cultivation::copy_rule_set(&state.app, &user.actor, &user.meta, id).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// Publish a draft as the next revision of its code.
#[utoipa::path(post, path = "/api/v1/cultivation/rule-sets/{id}/publish", tag = "cultivation", params(("id" = i64, Path)),
    responses((status = 200, body = RuleSetView), (status = 409, body = crate::api::ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<RuleSetView>> {
    Ok(Json(
        app::cultivation::publish_rule_set(&state.app, &user.actor, &user.meta, id).await?,
    ))
}
