//! The Chinese full-text index of enterprises.
//!
//! The index is a projection of the database: the `app` layer feeds it ([`EnterpriseIndex::upsert`],
//! [`EnterpriseIndex::delete`], [`EnterpriseIndex::commit`]) and rebuilds it when it is absent
//! or stale, which it tells by the stamp it stored with the last commit
//! ([`EnterpriseIndex::source_stamp`]). Nothing here touches the database, and the only I/O is
//! the index directory.
//!
//! # How text is indexed
//! Name, former names, main products and niche market are each indexed twice, after folding
//! full-width ASCII and case:
//! - as **jieba words** (search mode: `北京大学` gives `北京`, `大学` and `北京大学`), for
//!   word-level relevance;
//! - as overlapping **character bigrams** with their positions (`钢铁厂` gives `钢铁`@0,
//!   `铁厂`@1), for exact substrings.
//!
//! # The recall guarantee
//! A query is split at spaces and punctuation into parts, and each part of two or more
//! characters must match. A part matches a record when its bigrams occur at consecutive
//! positions in one of the record's fields, which is exactly when that field contains the part
//! as a substring; this is an ordinary tantivy phrase query over the bigram field (a term query
//! for two characters). So a query part never misses a record that contains it, whatever jieba
//! makes of either (`铁厂` finds `钢铁厂`, which jieba segments as one word). A part also
//! matches when each of its jieba words occurs somewhere in the record (`纺织园区` finds a
//! record with `纺织` in its name and `园区` in its niche). Exact matches are boosted, and the
//! name weighs more than former names, and those more than products and niche.
//!
//! Queries are never handed to tantivy's query parser, which would turn Chinese into a single
//! phrase (`纺织园区` → 0 hits).
//!
//! # Single characters
//! Refused: a query whose parts are all one character long fails with
//! [`SearchError::QueryTooShort`], and one-character parts of a longer query are ignored. A
//! single character cannot be matched exactly with bigrams, and in a registry of a province it
//! would match most records anyway; the list filters serve that need better.

mod error;
mod index;
mod profile;
mod query;
mod schema;
mod text;

pub use error::SearchError;
pub use index::{EnterpriseDoc, EnterpriseIndex, Hit, SearchFilter, SearchPage};
pub use profile::{
    CANDIDATES_PER_RESULT, Match, MatchIndex, MatchQuery, ProfileDoc, ProfileKind, WEIGHTS,
};

#[cfg(test)]
mod tests;
