//! Evidence files of an application: the upload from its record page (multipart, the CSRF
//! token in the query string) and the download, both checked in `app` by permission and scope.

use crate::error::{WebError, WebResult};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
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
    mut mp: Multipart,
) -> WebResult<Response> {
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Ok(Some(field)) = mp.next_field().await {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("upload").to_string();
            let bytes = field
                .bytes()
                .await
                .map_err(|e| WebError::bad_request(e.to_string()))?;
            file = Some((name, bytes.to_vec()));
        }
    }
    let (name, bytes) = file.unwrap_or_default();
    match app::talent::upload_file(&state.app, &user.actor, &user.meta, id, &name, bytes).await {
        Ok(_) => Ok(Redirect::to(&format!("/talent/applications/{id}#files")).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            crate::pages::talent::record_with_errors(&state, &user, id, &errs).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `filename*` of RFC 5987: every byte outside the unreserved set percent-encoded.
fn encoded(name: &str) -> String {
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn download(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let (f, bytes) = app::talent::download_file(&state.app, &user.actor, &user.meta, id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, f.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"file-{}\"; filename*=UTF-8''{}",
                    f.id,
                    encoded(&f.name)
                ),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        bytes,
    )
        .into_response())
}
