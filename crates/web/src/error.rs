//! One error type for every handler, with stable snake_case codes.
//!
//! A handler returns [`WebError`]; its response carries a [`Problem`] in its extensions, and the
//! `render_problems` middleware (which knows the request's language, path and id) turns that
//! into `{"error":{"code","message","details"}}` under `/api/` or a localised HTML page
//! elsewhere. axum's own rejections (bad JSON, a bad path parameter, an unknown route) are
//! caught there too, so no client ever sees a bare text error or a 500 for bad input.

use app::{AppError, FieldError};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// What went wrong, before it is put into words.
#[derive(Debug, Clone)]
pub struct Problem {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable code; also the catalogue key `error.<code>`.
    pub code: &'static str,
    /// Parameters of the message.
    pub params: Vec<(String, String)>,
    /// Field errors, each with a catalogue key.
    pub fields: Vec<FieldError>,
    /// Text details (axum rejection text); never a cause chain.
    pub detail: Option<String>,
}

impl Problem {
    /// A problem with just a status and code.
    pub fn new(status: StatusCode, code: &'static str) -> Problem {
        Problem {
            status,
            code,
            params: Vec::new(),
            fields: Vec::new(),
            detail: None,
        }
    }
}

/// The error of every handler.
#[derive(Debug)]
pub struct WebError(pub Problem);

impl WebError {
    /// A CSRF failure.
    pub fn csrf() -> WebError {
        WebError(Problem::new(StatusCode::FORBIDDEN, "csrf"))
    }

    /// A malformed request.
    pub fn bad_request(detail: impl Into<String>) -> WebError {
        let mut p = Problem::new(StatusCode::BAD_REQUEST, "bad_request");
        p.detail = Some(detail.into());
        WebError(p)
    }
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> WebError {
        let p = match e {
            AppError::Unauthenticated => Problem::new(StatusCode::UNAUTHORIZED, "unauthenticated"),
            AppError::InvalidCredentials => {
                Problem::new(StatusCode::UNAUTHORIZED, "invalid_credentials")
            }
            AppError::Locked { until } => {
                let mut p = Problem::new(StatusCode::LOCKED, "locked");
                p.params
                    .push(("until".into(), crate::format::local_time(&until)));
                p.detail = Some(until.to_rfc3339());
                p
            }
            AppError::AccountDisabled => Problem::new(StatusCode::FORBIDDEN, "account_disabled"),
            AppError::PasswordChangeRequired => {
                Problem::new(StatusCode::FORBIDDEN, "password_change_required")
            }
            AppError::Forbidden(perm) => {
                let mut p = Problem::new(StatusCode::FORBIDDEN, "forbidden");
                p.detail = Some(perm.to_string());
                p
            }
            AppError::NotFound => Problem::new(StatusCode::NOT_FOUND, "not_found"),
            AppError::Invalid(fields) => {
                let mut p = Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
                p.fields = fields;
                p
            }
            AppError::Conflict(what) => {
                let mut p = Problem::new(StatusCode::CONFLICT, "conflict");
                p.detail = Some(what);
                p
            }
            AppError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        };
        WebError(p)
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut res = self.0.status.into_response();
        res.extensions_mut().insert(self.0);
        res
    }
}

/// The result of a handler.
pub type WebResult<T> = Result<T, WebError>;
