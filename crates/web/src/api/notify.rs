//! Notifications.

use super::Paging;
use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::notify::NotificationView;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/notifications", get(list))
        .route("/api/v1/notifications/read-all", post(read_all))
        .route("/api/v1/notifications/{id}/read", post(read_one))
}

/// A page of notifications, with the unread count.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationPage {
    /// Notifications.
    pub items: Vec<NotificationView>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
    /// Unread in all.
    pub unread: u64,
}

/// The caller's notifications, newest first.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", params(Paging),
    responses((status = 200, body = NotificationPage), (status = 401, body = super::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<Paging>,
) -> WebResult<Json<NotificationPage>> {
    let page = app::notify::list_notifications(&state.app, &user.actor, p.request()?).await?;
    let unread = app::notify::unread_count(&state.app, &user.actor).await?;
    Ok(Json(NotificationPage {
        items: page.items,
        next_cursor: page.next_cursor,
        unread,
    }))
}

/// Mark one notification read.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = super::ErrorBody)))]
pub async fn read_one(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<StatusCode> {
    app::notify::mark_read(&state.app, &user.actor, &user.meta, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mark all notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/read-all", tag = "notifications",
    responses((status = 204), (status = 401, body = super::ErrorBody)))]
pub async fn read_all(State(state): State<AppState>, user: Authed) -> WebResult<StatusCode> {
    app::notify::mark_all_read(&state.app, &user.actor, &user.meta).await?;
    Ok(StatusCode::NO_CONTENT)
}
