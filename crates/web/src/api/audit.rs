//! The audit and login logs.

use super::Paging;
use crate::error::WebResult;
use crate::pages::system::AuditFilters;
use crate::routes::{RouteTable, get};
use crate::session::Authed;
use crate::state::AppState;
use app::audit::{AuditEntryView, LoginAttemptView};
use axum::Json;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/audit", get(search))
        .route("/api/v1/audit/export.xlsx", get(export))
        .route("/api/v1/login-log", get(login_log))
}

/// Audit filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct AuditParams {
    /// Entity type, e.g. `user`.
    pub entity_type: Option<String>,
    /// Entity id.
    pub entity_id: Option<String>,
    /// Action, e.g. `user.create`.
    pub action: Option<String>,
    /// Acting user id.
    pub actor_id: Option<i64>,
    /// From date, `2026-11-25` (China Standard Time, inclusive).
    pub from: Option<String>,
    /// To date, inclusive.
    pub to: Option<String>,
}

/// A page of audit entries.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    /// Entries.
    pub items: Vec<AuditEntryView>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
}

/// Search the audit log (within the caller's scope), newest first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditParams, Paging),
    responses((status = 200, body = AuditPage), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<AuditFilters>,
    Query(p): Query<Paging>,
) -> WebResult<Json<AuditPage>> {
    let q = f.query()?;
    let page = app::audit::search_audit(&state.app, &user.actor, &q, p.request()?).await?;
    Ok(Json(AuditPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// Export an audit search to xlsx.
#[utoipa::path(get, path = "/api/v1/audit/export.xlsx", tag = "audit", params(AuditParams),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 403, body = super::ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<AuditFilters>,
) -> WebResult<Response> {
    crate::pages::system::audit_export_response(&state, &user, &f).await
}

/// Login-log filter.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LoginLogParams {
    /// Only attempts with this user name.
    pub username: Option<String>,
}

/// A page of login attempts.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginLogPage {
    /// Attempts.
    pub items: Vec<LoginAttemptView>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
}

/// The login log, newest first.
#[utoipa::path(get, path = "/api/v1/login-log", tag = "audit", params(LoginLogParams, Paging),
    responses((status = 200, body = LoginLogPage), (status = 403, body = super::ErrorBody)))]
pub async fn login_log(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<LoginLogParams>,
    Query(p): Query<Paging>,
) -> WebResult<Json<LoginLogPage>> {
    let page =
        app::audit::list_login_log(&state.app, &user.actor, f.username.as_deref(), p.request()?)
            .await?;
    Ok(Json(LoginLogPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}
