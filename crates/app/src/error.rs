//! What a use case can answer instead of its result. Each variant maps to one HTTP status and
//! one message-catalogue key in the web layer.

use chrono::{DateTime, Utc};
use policy::org::Permission;

/// A problem with one field of the input, named by a message-catalogue key.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// The field (or `row N, column C` for imports).
    pub field: String,
    /// The catalogue key of the reason.
    pub key: String,
    /// Values the message mentions (the expected check character, the minimum length, ...).
    pub params: Vec<(String, String)>,
}

impl FieldError {
    /// A field error without parameters.
    pub fn new(field: impl Into<String>, key: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            key: key.into(),
            params: Vec::new(),
        }
    }

    /// A password the policy refuses, with the minimum the message names.
    pub fn password(field: impl Into<String>, e: &policy::password::PasswordError) -> FieldError {
        use policy::password::PasswordError;
        let min = match e {
            PasswordError::TooShort { min } | PasswordError::TooSimple { min } => *min,
        };
        FieldError::new(field, e.key()).with("min", min)
    }

    /// A credit code that does not parse; a wrong check character names the right one.
    pub fn uscc(field: impl Into<String>, e: &policy::enterprise::UsccError) -> FieldError {
        match e {
            policy::enterprise::UsccError::Check { expected, .. } => {
                FieldError::new(field, e.key()).with("expected", expected)
            }
            other => FieldError::new(field, other.key()),
        }
    }

    /// Adds a parameter the message mentions.
    pub fn with(mut self, name: &str, value: impl ToString) -> FieldError {
        self.params.push((name.to_string(), value.to_string()));
        self
    }
}

/// Why a use case did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No valid session.
    #[error("not signed in")]
    Unauthenticated,
    /// Wrong user name or password.
    #[error("wrong user name or password")]
    InvalidCredentials,
    /// Too many failed logins; try again after the time given.
    #[error("account locked until {until}")]
    Locked {
        /// When the lock ends.
        until: DateTime<Utc>,
    },
    /// The account is disabled.
    #[error("account disabled")]
    AccountDisabled,
    /// The initial password must be changed before anything else.
    #[error("password change required")]
    PasswordChangeRequired,
    /// The actor lacks the permission.
    #[error("missing permission {0}")]
    Forbidden(Permission),
    /// Not there, or not in the actor's scope: the two answer the same.
    #[error("not found")]
    NotFound,
    /// The input is wrong; nothing was changed.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// The change conflicts with existing data (a duplicate key, a stale state).
    #[error("conflict: {0}")]
    Conflict(String),
    /// Anything else: a database failure, a bug. Logged with its cause; the user sees an id.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// One invalid field.
    pub fn invalid(field: impl Into<String>, key: impl Into<String>) -> AppError {
        AppError::Invalid(vec![FieldError::new(field, key)])
    }
}

impl From<sea_orm::DbErr> for AppError {
    #[track_caller]
    fn from(e: sea_orm::DbErr) -> AppError {
        let at = std::panic::Location::caller();
        AppError::Internal(format!("database: {e} (at {at})"))
    }
}
