//! The notification list and its read marks.

use super::chrome::Chrome;
use super::{list, render};
use crate::error::WebResult;
use crate::format::local_time;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};

/// The routes of this file.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .route("/notifications", get(page))
        .route("/notifications/read-all", post(read_all))
        .route("/notifications/{id}/read", post(read_one))
}

struct Row {
    id: i64,
    time: String,
    read: bool,
    title: String,
    body: String,
    link: Option<String>,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct Page {
    c: Chrome,
    items: Vec<Row>,
    first_url: String,
    next_url: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<list::PageQuery>,
) -> WebResult<Response> {
    let rows = app::notify::list_notifications(&state.app, &user.actor, q.request()).await?;
    let c = Chrome::build(&state, &user, "/notifications", "nav.notifications", &[]).await;
    let (first_url, next_url) = list::pager("/notifications", &[], &q, rows.next_cursor.as_deref());
    let items = rows
        .items
        .into_iter()
        .map(|n| Row {
            id: n.id,
            time: local_time(&n.created_at),
            read: n.read_at.is_some(),
            title: n.title,
            body: n.body,
            link: n.link,
        })
        .collect();
    Ok(render(&Page {
        c,
        items,
        first_url,
        next_url,
    })?
    .into_response())
}

async fn read_all(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    app::notify::mark_all_read(&state.app, &user.actor, &user.meta).await?;
    Ok(Redirect::to("/notifications").into_response())
}

async fn read_one(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    app::notify::mark_read(&state.app, &user.actor, &user.meta, id).await?;
    Ok(Redirect::to("/notifications").into_response())
}
