//! Public notices (公示): read by anyone; objections handled by the notice region's reviewers.
//! Lodging an objection is a page form (`/notices/{id}`), not an API call.

use super::Paging;
use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::notice::{NoticeView, ObjectionView};
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/notices", get(list))
        .route("/api/v1/notices/{id}", get(read))
        .route("/api/v1/notices/{id}/objections", get(objections))
        .route("/api/v1/notice-objections/{id}/decision", post(decide))
}

/// A page of notices.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoticePage {
    /// Notices, newest first.
    pub items: Vec<NoticeView>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
}

/// Filter of the notice list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NoticeParams {
    /// Only notices about this kind of subject (`cultivation_application`, …).
    pub kind: Option<String>,
}

/// Public notices, newest first (no sign-in needed).
#[utoipa::path(get, path = "/api/v1/notices", tag = "notice", params(NoticeParams, Paging),
    responses((status = 200, body = NoticePage)))]
pub async fn list(
    State(state): State<AppState>,
    Query(f): Query<NoticeParams>,
    Query(p): Query<Paging>,
) -> WebResult<Json<NoticePage>> {
    let kind = f.kind.as_deref().filter(|k| !k.is_empty());
    let page = app::notice::list_notices(&state.app, kind, p.request()?).await?;
    Ok(Json(NoticePage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// One public notice (no sign-in needed).
#[utoipa::path(get, path = "/api/v1/notices/{id}", tag = "notice", params(("id" = i64, Path)),
    responses((status = 200, body = NoticeView), (status = 404, body = super::ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> WebResult<Json<NoticeView>> {
    Ok(Json(app::notice::get_notice(&state.app, id).await?))
}

/// The objections to a notice, for the reviewers of its region (contacts masked unless the
/// caller may see personal data).
#[utoipa::path(get, path = "/api/v1/notices/{id}/objections", tag = "notice", params(("id" = i64, Path)),
    responses((status = 200, body = [ObjectionView]), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn objections(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<Vec<ObjectionView>>> {
    Ok(Json(
        app::notice::list_objections(&state.app, &user.actor, id).await?,
    ))
}

/// A decision on an objection.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionBody {
    /// True to sustain (the subject does not go ahead), false to dismiss.
    pub sustain: bool,
    /// Why.
    pub reason: String,
}

/// Sustain or dismiss an objection, with a reason.
#[utoipa::path(post, path = "/api/v1/notice-objections/{id}/decision", tag = "notice", params(("id" = i64, Path)),
    request_body = DecisionBody,
    responses((status = 200, body = ObjectionView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(b): Json<DecisionBody>,
) -> WebResult<Json<ObjectionView>> {
    Ok(Json(
        app::notice::decide_objection(
            &state.app,
            &user.actor,
            &user.meta,
            id,
            b.sustain,
            &b.reason,
        )
        .await?,
    ))
}
