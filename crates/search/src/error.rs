//! The errors of the index.

use thiserror::Error;

/// Why an index operation failed.
///
/// Only [`SearchError::QueryTooShort`] is the user's doing; the web layer shows it with the
/// message-catalogue key [`SearchError::code`]. Every other variant is an internal failure that
/// belongs in the log, and the app may answer it by rebuilding the index.
#[derive(Debug, Error)]
pub enum SearchError {
    /// The query has no part of at least `min_chars` letters or digits.
    ///
    /// Single characters are refused rather than matched loosely: the exact-substring guarantee
    /// is built on character bigrams, and a one-character query would match most of a
    /// province's registry anyway.
    #[error("the search query needs at least {min_chars} characters")]
    QueryTooShort {
        /// The shortest query part that is searched.
        min_chars: usize,
    },
    /// Another writer (usually another process) holds the index directory.
    #[error("the search index directory is in use by another writer")]
    Locked,
    /// The directory holds an index built with another schema (an older version of this crate)
    /// or by an incompatible tantivy version.
    ///
    /// The index is a projection of the database, so the caller may delete the directory and
    /// rebuild it.
    #[error("the search index directory holds an index with another schema")]
    IncompatibleSchema,
    /// The index directory could not be created or read.
    #[error("search index directory: {0}")]
    Io(#[from] std::io::Error),
    /// tantivy failed.
    #[error("search index: {0}")]
    Index(tantivy::TantivyError),
}

impl SearchError {
    /// A stable snake_case code, usable as a message-catalogue key.
    pub fn code(&self) -> &'static str {
        match self {
            SearchError::QueryTooShort { .. } => "search_query_too_short",
            SearchError::Locked => "search_index_locked",
            SearchError::IncompatibleSchema => "search_index_incompatible",
            SearchError::Io(_) => "search_index_io",
            SearchError::Index(_) => "search_index_failed",
        }
    }
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(error: tantivy::TantivyError) -> Self {
        match error {
            tantivy::TantivyError::LockFailure(..) => SearchError::Locked,
            other => SearchError::Index(other),
        }
    }
}

impl From<tantivy::directory::error::OpenDirectoryError> for SearchError {
    fn from(error: tantivy::directory::error::OpenDirectoryError) -> Self {
        SearchError::Index(error.into())
    }
}
