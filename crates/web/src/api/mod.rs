//! The JSON API under `/api/v1` (an API boundary: its shapes are documented in OpenAPI and kept
//! stable). Errors are `{"error":{"code","message","details"}}` with the right status.

pub mod audit;
pub mod chain;
pub mod cultivation;
pub mod enterprise;
pub mod innovation;
pub mod innovation_files;
pub mod io;
pub mod jobs;
pub mod notice;
pub mod notify;
pub mod org;
pub mod project;
pub mod service;
pub mod session;
pub mod stats;
pub mod stats_report;
pub mod talent;
pub mod talent_review;

use crate::routes::RouteTable;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

/// The routes of the API.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .merge(session::routes())
        .merge(org::routes())
        .merge(enterprise::routes())
        .merge(io::routes())
        .merge(audit::routes())
        .merge(notify::routes())
        .merge(jobs::routes())
        .merge(notice::routes())
        .merge(talent::routes())
        .merge(cultivation::routes())
        .merge(service::routes())
        .merge(talent_review::routes())
        .merge(innovation::routes())
        .merge(innovation_files::routes())
        .merge(stats::routes())
        .merge(chain::routes())
        .merge(project::routes())
}

/// `?limit=&cursor=` of every list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// Rows per page, 1-500 (default 50).
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl Paging {
    /// The page request; a cursor that is not a number is refused.
    pub fn request(&self) -> Result<app::PageRequest, crate::error::WebError> {
        let after = match self.cursor.as_deref().filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => Some(c.parse::<i64>().map_err(|_| {
                crate::error::WebError::from(app::AppError::invalid("cursor", "error.bad_request"))
            })?),
        };
        Ok(app::PageRequest::new(self.limit.unwrap_or(50), after))
    }
}

/// The error body every API error answers with.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// The parts of an error.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct ErrorDetail {
    /// Stable snake_case code: `unauthenticated`, `invalid_credentials`, `locked`, `forbidden`,
    /// `not_found`, `invalid`, `conflict`, `csrf`, `bad_request`, `internal`, ...
    pub code: String,
    /// The message in the user's language.
    pub message: String,
    /// Field errors `[{"field","code","message"}]`, or a text.
    pub details: serde_json::Value,
}
