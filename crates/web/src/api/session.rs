//! Signing in and out for API clients, and who am I.

use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::{Authed, Visitor, clear_session_cookie, session_cookie};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use policy::org::Permission;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/session", post(create).delete(delete))
        .route("/api/v1/me", get(me))
}

/// Credentials.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// The signed-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// Id.
    pub id: i64,
    /// User name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Unit.
    pub region_code: Option<String>,
    /// Enterprise of an enterprise user.
    pub enterprise_uscc: Option<String>,
    /// Role codes.
    pub roles: Vec<String>,
    /// Permissions granted by any role.
    pub permissions: Vec<String>,
    /// `zh-CN` or `en`.
    pub locale: String,
    /// Whether the initial password must be changed first.
    pub must_change_password: bool,
}

impl Me {
    fn of(actor: &app::Actor) -> Me {
        Me {
            id: actor.user_id,
            username: actor.username.clone(),
            display_name: actor.display_name.clone(),
            region_code: actor.region.as_ref().map(|r| r.to_string()),
            enterprise_uscc: actor.enterprise.as_ref().map(|e| e.to_string()),
            roles: actor.role_codes().into_iter().map(|r| r.0).collect(),
            permissions: Permission::ALL
                .iter()
                .filter(|p| actor.can(**p))
                .map(|p| p.to_string())
                .collect(),
            locale: actor.locale.clone(),
            must_change_password: actor.must_change_password,
        }
    }
}

/// A new session.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionCreated {
    /// Who signed in.
    pub user: Me,
    /// Send this as `X-CSRF-Token` with every write.
    pub csrf_token: String,
}

/// Sign in: sets the session cookie and answers the CSRF token for writes.
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = LoginRequest,
    responses((status = 200, body = SessionCreated), (status = 401, body = super::ErrorBody),
        (status = 423, description = "locked; `details` is the unlock time", body = super::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    v: Visitor,
    Json(req): Json<LoginRequest>,
) -> WebResult<Response> {
    let out = app::auth::login(&state.app, &req.username, &req.password, &v.meta).await?;
    let body = SessionCreated {
        user: Me::of(&out.actor),
        csrf_token: out.csrf_token,
    };
    let mut res = (StatusCode::OK, Json(body)).into_response();
    if let Ok(v) = session_cookie(&out.token, state.secure_cookies).parse() {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(res)
}

/// Sign out.
#[utoipa::path(delete, path = "/api/v1/session", tag = "session",
    responses((status = 204), (status = 401, body = super::ErrorBody)))]
pub async fn delete(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    app::auth::logout(&state.app, &user.token).await?;
    let mut res = StatusCode::NO_CONTENT.into_response();
    if let Ok(v) = clear_session_cookie().parse() {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(res)
}

/// The signed-in user, roles and permissions.
#[utoipa::path(get, path = "/api/v1/me", tag = "session",
    responses((status = 200, body = Me), (status = 401, body = super::ErrorBody)))]
pub async fn me(user: Authed) -> Json<Me> {
    Json(Me::of(&user.actor))
}
