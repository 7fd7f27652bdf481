//! Users and regions.

use super::Paging;
use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::org::{RegionNode, UserView};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/users", get(list_users).post(create_user))
        .route("/api/v1/users/{id}", get(get_user))
        .route("/api/v1/users/{id}/disable", post(disable_user))
        .route("/api/v1/regions", get(regions))
}

/// A page of users.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserPage {
    /// Users.
    pub items: Vec<UserView>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
}

/// User filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilters {
    /// Part of the user or display name.
    pub q: Option<String>,
    /// Region code: its whole subtree.
    pub region: Option<String>,
}

/// Users in the caller's scope, newest first.
#[utoipa::path(get, path = "/api/v1/users", tag = "org", params(UserFilters, Paging),
    responses((status = 200, body = UserPage), (status = 403, body = super::ErrorBody)))]
pub async fn list_users(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<UserFilters>,
    Query(p): Query<Paging>,
) -> WebResult<Json<UserPage>> {
    let region_prefix = match f.region.as_deref().filter(|r| !r.is_empty()) {
        None => None,
        Some(r) => Some(
            policy::org::RegionCode::parse(r)
                .map_err(|_| app::AppError::invalid("region", "region_code.format"))?
                .subtree_prefix()
                .to_string(),
        ),
    };
    let q = app::org::UserQuery {
        q: f.q,
        region_prefix,
    };
    let page = app::org::list_users(&state.app, &user.actor, &q, p.request()?).await?;
    Ok(Json(UserPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// One user.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "org", params(("id" = i64, Path)),
    responses((status = 200, body = UserView), (status = 404, body = super::ErrorBody)))]
pub async fn get_user(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<UserView>> {
    Ok(Json(
        app::org::find_user(&state.app, &user.actor, id).await?,
    ))
}

/// A new user.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateUser {
    /// 3-32 letters, digits, `_.-`.
    pub username: String,
    /// Name shown.
    pub display_name: Option<String>,
    /// Initial password (policy: 10+ characters, 3 classes).
    pub password: String,
    /// Role code.
    pub role: String,
    /// Unit region code.
    pub region: Option<String>,
    /// Enterprise credit code (enterprise users).
    pub enterprise: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Must change the password at first login (default true).
    pub must_change_password: Option<bool>,
}

/// Create a user.
#[utoipa::path(post, path = "/api/v1/users", tag = "org", request_body = CreateUser,
    responses((status = 201, body = UserView), (status = 422, body = super::ErrorBody), (status = 403, body = super::ErrorBody)))]
pub async fn create_user(
    State(state): State<AppState>,
    user: Authed,
    Json(c): Json<CreateUser>,
) -> WebResult<Response> {
    let form = app::org::NewUserForm {
        username: c.username,
        display_name: c.display_name,
        password: c.password,
        role: c.role,
        region: c.region,
        enterprise: c.enterprise,
        phone: c.phone,
        must_change_password: c.must_change_password.unwrap_or(true),
    };
    let v = app::org::create_user(&state.app, &user.actor, &user.meta, form).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// Why a user is disabled or enabled.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DisableUser {
    /// true to disable, false to enable again.
    pub disabled: bool,
    /// The reason (required).
    pub reason: String,
}

/// Disable or re-enable a user; their sessions end.
#[utoipa::path(post, path = "/api/v1/users/{id}/disable", tag = "org", params(("id" = i64, Path)), request_body = DisableUser,
    responses((status = 204), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn disable_user(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(d): Json<DisableUser>,
) -> WebResult<StatusCode> {
    app::org::disable_user(
        &state.app,
        &user.actor,
        &user.meta,
        id,
        d.disabled,
        &d.reason,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Regions in the caller's scope.
#[utoipa::path(get, path = "/api/v1/regions", tag = "org",
    responses((status = 200, body = Vec<RegionNode>), (status = 403, body = super::ErrorBody)))]
pub async fn regions(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Json<Vec<RegionNode>>> {
    Ok(Json(app::org::region_tree(&state.app, &user.actor).await?))
}
