//! Use cases of strongcity.
//!
//! Every use case takes the acting user, checks the permission by name with
//! [`Actor::scope`] *before* reading anything, passes the resulting data scope to the store,
//! runs one transaction and writes its audit record inside that transaction. This is an API
//! boundary: the web layer and the command line call only what is public here.

pub mod actor;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod demo;
pub mod enterprise;
pub mod error;
pub mod io;
pub mod jobs;
pub mod notify;
pub mod org;
pub mod search;
pub mod settings;
pub mod synthetic;

pub use actor::{Actor, RequestMeta};
pub use error::{AppError, FieldError};
pub use settings::Settings;
pub use store::page::{Page, PageRequest};
pub use store::{Backend, Db, DbTarget, OpenError};

/// The application: the database and the settings every use case needs.
#[derive(Debug, Clone)]
pub struct App {
    db: Db,
    settings: Settings,
}

impl App {
    /// Wraps an open, migrated database.
    pub fn new(db: Db, settings: Settings) -> App {
        App { db, settings }
    }

    /// The database (for health checks and the command line's backup).
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The settings in force.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
}
