//! System administration pages: users, regions, audit and login logs, calendar, jobs.

mod audit;
mod calendar;
mod jobs;
mod regions;
mod users;

pub use audit::{AuditFilters, audit_export_response};

use crate::routes::RouteTable;

/// The routes of the system pages.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .merge(users::routes())
        .merge(regions::routes())
        .merge(audit::routes())
        .merge(calendar::routes())
        .merge(jobs::routes())
}

/// Reads the `file` field of a multipart upload.
pub(crate) async fn upload(
    mut mp: axum::extract::Multipart,
) -> Result<Vec<u8>, crate::error::WebError> {
    while let Ok(Some(field)) = mp.next_field().await {
        if field.name() == Some("file") {
            return field
                .bytes()
                .await
                .map(|b| b.to_vec())
                .map_err(|e| crate::error::WebError::bad_request(e.to_string()));
        }
    }
    Err(crate::error::WebError::bad_request(
        "multipart field 'file' missing",
    ))
}
