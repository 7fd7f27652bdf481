//! Use cases of strongcity.
//!
//! Every use case takes the acting user, checks the permission by name with
//! [`Actor::scope`] *before* reading anything, passes the resulting data scope to the store,
//! runs one transaction and writes its audit record inside that transaction. This is an API
//! boundary: the web layer and the command line call only what is public here.

pub mod actor;
pub mod attachment;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod chain;
pub mod cultivation;
pub mod demo;
pub mod enterprise;
pub mod error;
pub mod innovation;
pub mod io;
pub mod jobs;
mod memo;
pub mod notice;
pub mod notify;
pub mod org;
pub mod project;
pub mod search;
pub mod service;
pub mod settings;
pub mod stats;
pub mod synthetic;
pub mod talent;
#[cfg(test)]
mod test_support;

pub use actor::{Actor, RequestMeta};
pub use error::{AppError, FieldError};
pub use settings::Settings;
pub use store::page::{Page, PageRequest};
pub use store::{Backend, Db, DbTarget, OpenError};

/// The application: the database, the settings every use case needs, and the search index
/// (a projection of the database, rebuilt from it when absent or stale).
#[derive(Clone)]
pub struct App {
    db: Db,
    settings: Settings,
    search: std::sync::Arc<::search::EnterpriseIndex>,
    search_sync: std::sync::Arc<tokio::sync::Mutex<()>>,
    list_counts: std::sync::Arc<enterprise::ListCounts>,
    matching: std::sync::Arc<innovation::MatchState>,
    stats_cube: std::sync::Arc<stats::CubeCell>,
    chain_memo: std::sync::Arc<chain::ChainMemo>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("db", &self.db)
            .field("settings", &self.settings)
            .finish()
    }
}

impl App {
    /// Wraps an open, migrated database, with the search index in memory (built from the
    /// database on first use).
    pub fn new(db: Db, settings: Settings) -> App {
        let index = ::search::EnterpriseIndex::in_memory()
            .or_else(|_| ::search::EnterpriseIndex::in_memory());
        App::with_index(db, settings, index)
    }

    /// Wraps a database with the search index kept in `dir` (so a restart does not rebuild it).
    pub fn with_index_dir(
        db: Db,
        settings: Settings,
        dir: &std::path::Path,
    ) -> Result<App, AppError> {
        let index = ::search::EnterpriseIndex::open(dir).or_else(|e| match e {
            ::search::SearchError::IncompatibleSchema => {
                std::fs::remove_dir_all(dir)
                    .map_err(|e| AppError::Internal(format!("search index dir: {e}")))?;
                ::search::EnterpriseIndex::open(dir).map_err(|e| AppError::Internal(e.to_string()))
            }
            other => Err(AppError::Internal(format!("search index: {other}"))),
        })?;
        Ok(App::with_index(db, settings, Ok(index)))
    }

    fn with_index(
        db: Db,
        settings: Settings,
        index: Result<::search::EnterpriseIndex, ::search::SearchError>,
    ) -> App {
        let index = match index {
            Ok(i) => i,
            Err(e) => {
                tracing::error!(error = %e, "the search index could not be created");
                std::process::abort()
            }
        };
        App {
            db,
            settings,
            search: std::sync::Arc::new(index),
            search_sync: std::sync::Arc::new(tokio::sync::Mutex::new(())),
            list_counts: std::sync::Arc::default(),
            matching: std::sync::Arc::default(),
            stats_cube: std::sync::Arc::default(),
            chain_memo: std::sync::Arc::default(),
        }
    }

    pub(crate) fn search_index(&self) -> std::sync::Arc<::search::EnterpriseIndex> {
        self.search.clone()
    }

    pub(crate) fn search_sync_lock(&self) -> &tokio::sync::Mutex<()> {
        &self.search_sync
    }

    pub(crate) fn list_counts(&self) -> &enterprise::ListCounts {
        &self.list_counts
    }

    pub(crate) fn matching(&self) -> &innovation::MatchState {
        &self.matching
    }

    pub(crate) fn stats_cube(&self) -> &stats::CubeCell {
        &self.stats_cube
    }

    pub(crate) fn chain_memo(&self) -> &chain::ChainMemo {
        &self.chain_memo
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
