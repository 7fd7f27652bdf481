//! Finding enterprises by text: names, former names, main products and niche markets.
//!
//! For now a substring match in the database (`LIKE '%q%'`, exact for any query of any length);
//! the Chinese full-text index (tantivy + jieba) replaces it as a projection kept current on
//! every write.

use crate::{App, AppError};

/// The codes of the enterprises whose text contains the query.
pub async fn matching_usccs(app: &App, text: &str) -> Result<Vec<String>, AppError> {
    Ok(store::enterprise::profile::text_matches(app.db().conn(), text.trim(), 10_000).await?)
}
