//! Files of competition projects and challenge applications: upload (multipart field
//! `file`), list and download. Who may do which is decided in `app`
//! (`app::innovation::files`); a record out of reach answers 404, as a missing one does.

use super::io::uploaded;
use crate::attachment::file_response;
use crate::error::WebResult;
use crate::routes::{RouteTable, get};
use crate::session::Authed;
use crate::state::AppState;
use app::attachment::FileView;
use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route(
            "/api/v1/innovation/projects/{id}/files",
            get(project_files).post(upload_project_file),
        )
        .route(
            "/api/v1/innovation/project-files/{id}",
            get(download_project_file),
        )
        .route(
            "/api/v1/innovation/applications/{id}/files",
            get(application_files).post(upload_application_file),
        )
        .route(
            "/api/v1/innovation/application-files/{id}",
            get(download_application_file),
        )
}

/// Upload a file of a competition project (its team while registration is open, organisers
/// while the competition registers): PDF, images, Office files or MP4, recognised by content.
#[utoipa::path(post, path = "/api/v1/innovation/projects/{id}/files", tag = "innovation", params(("id" = i64, Path)),
    request_body(content_type = "multipart/form-data", description = "field `file`"),
    responses((status = 201, body = FileView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn upload_project_file(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    mp: Multipart,
) -> WebResult<Response> {
    let (name, bytes) = uploaded(mp).await?;
    let v =
        app::innovation::upload_project_file(&state.app, &user.actor, &user.meta, id, &name, bytes)
            .await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// The files of a competition project (its team, organisers in scope, its assigned judges).
#[utoipa::path(get, path = "/api/v1/innovation/projects/{id}/files", tag = "innovation", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<FileView>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn project_files(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<Vec<FileView>>> {
    Ok(Json(
        app::innovation::list_project_files(&state.app, &user.actor, id).await?,
    ))
}

/// Download a file of a competition project (audited).
#[utoipa::path(get, path = "/api/v1/innovation/project-files/{id}", tag = "innovation", params(("id" = i64, Path)),
    responses((status = 200, description = "the file's bytes"), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn download_project_file(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let (f, bytes) =
        app::innovation::download_project_file(&state.app, &user.actor, &user.meta, id).await?;
    Ok(file_response(&f, bytes))
}

/// Upload a file of a challenge application (the applying team, while the challenge still
/// takes applications).
#[utoipa::path(post, path = "/api/v1/innovation/applications/{id}/files", tag = "innovation", params(("id" = i64, Path)),
    request_body(content_type = "multipart/form-data", description = "field `file`"),
    responses((status = 201, body = FileView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn upload_application_file(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    mp: Multipart,
) -> WebResult<Response> {
    let (name, bytes) = uploaded(mp).await?;
    let v = app::innovation::upload_application_file(
        &state.app,
        &user.actor,
        &user.meta,
        id,
        &name,
        bytes,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// The files of a challenge application (the team, the posting enterprise, reviewers in
/// scope, judges once review started).
#[utoipa::path(get, path = "/api/v1/innovation/applications/{id}/files", tag = "innovation", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<FileView>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn application_files(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<Vec<FileView>>> {
    Ok(Json(
        app::innovation::list_application_files(&state.app, &user.actor, id).await?,
    ))
}

/// Download a file of a challenge application (audited).
#[utoipa::path(get, path = "/api/v1/innovation/application-files/{id}", tag = "innovation", params(("id" = i64, Path)),
    responses((status = 200, description = "the file's bytes"), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn download_application_file(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let (f, bytes) =
        app::innovation::download_application_file(&state.app, &user.actor, &user.meta, id).await?;
    Ok(file_response(&f, bytes))
}
