//! Evidence files of an application: the upload from its record page (multipart, the CSRF
//! token in the query string) and the download, both checked in `app` by permission and scope.

use crate::api::io::uploaded;
use crate::attachment::file_response;
use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};

pub(crate) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/talent/applications/{id}/files", post(upload))
        .route("/talent/files/{id}", get(download))
}

async fn upload(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    mp: Multipart,
) -> WebResult<Response> {
    // A form sent without a file is answered as an empty file, by the use case, on the page.
    let (name, bytes) = uploaded(mp).await.unwrap_or_default();
    match app::talent::upload_file(&state.app, &user.actor, &user.meta, id, &name, bytes).await {
        Ok(_) => Ok(Redirect::to(&format!("/talent/applications/{id}#files")).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            crate::pages::talent::record_with_errors(&state, &user, id, &errs).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn download(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let (f, bytes) = app::talent::download_file(&state.app, &user.actor, &user.meta, id).await?;
    Ok(file_response(&f, bytes))
}
