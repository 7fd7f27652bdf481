//! Turning the user's query into a tantivy query.
//!
//! The raw query never reaches tantivy's query parser: it would turn Chinese text into one
//! phrase (`纺织园区` → 0 hits). Instead the query is split into parts at spaces and
//! punctuation, and every part of two or more characters must match, in either of two ways:
//!
//! - **exactly**: its character bigrams appear as a consecutive phrase in one text field, which
//!   holds exactly when that field contains the part as a substring (boosted, so such records
//!   rank high); or
//! - **by words**: each of its jieba words (two characters or more) appears in some text field,
//!   as a jieba word or as a substring. `纺织园区` thus also finds a record whose name says
//!   `纺织` and whose niche says `园区`.
//!
//! jieba words add word-level relevance to the score. Parts of one character are ignored; a
//! query with no part of two characters is refused ([`SearchError::QueryTooShort`]).

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use crate::error::SearchError;
use crate::index::SearchFilter;
use crate::schema::Fields;
use crate::text;

/// The shortest query part that is searched, in characters.
pub(crate) const MIN_PART_CHARS: usize = 2;

/// An exact substring counts this much more than the same words found apart.
const EXACT_BOOST: f32 = 2.0;

/// Builds the query for `query`, restricted to the records `filter` admits.
pub(crate) fn build(
    fields: &Fields,
    query: &str,
    filter: &SearchFilter,
) -> Result<Box<dyn Query>, SearchError> {
    let normalized = text::normalize(query);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = text::parts(&normalized)
        .filter(|part| part.chars().count() >= MIN_PART_CHARS)
        .map(|part| (Occur::Must, part_query(fields, part)))
        .collect();
    if clauses.is_empty() {
        return Err(SearchError::QueryTooShort {
            min_chars: MIN_PART_CHARS,
        });
    }
    if let Some(filter) = region_filter(fields, &filter.region_prefixes) {
        clauses.push((Occur::Must, filter));
    }
    let exact = [
        (
            fields.region_prefix,
            filter
                .region_within
                .as_deref()
                .filter(|r| !r.trim().is_empty()),
        ),
        (fields.industry_prefix, filter.industry_prefix.as_deref()),
        (fields.size_class, filter.size_class.as_deref()),
        (
            fields.above_size,
            filter.above_size.map(|a| if a { "1" } else { "0" }),
        ),
        (fields.status, filter.status.as_deref()),
    ];
    for (field, value) in exact {
        if let Some(value) = value {
            clauses.push((Occur::Must, unscored(any_term(field, &[value]))));
        }
    }
    if clauses.len() == 1
        && let Some((_, only)) = clauses.pop()
    {
        return Ok(only);
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// The query for one part: exactly, or all its words.
fn part_query(fields: &Fields, part: &str) -> Box<dyn Query> {
    let mut either: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for field in &fields.texts {
        either.push((
            Occur::Should,
            boosted(substring(field.bigrams, part), field.weight * EXACT_BOOST),
        ));
    }
    let words = text::query_words(part);
    if words.is_empty() || words.iter().any(|w| w == part) {
        // The part is one word (or jieba found none): the exact match already covers it, and
        // the jieba term only adds word-level relevance. Keeping the clauses flat lets tantivy
        // prune with block-max WAND.
        for field in &fields.texts {
            either.push((
                Occur::Should,
                boosted(word(field.words, part), field.weight),
            ));
        }
    } else {
        let all_words = words
            .iter()
            .map(|w| (Occur::Must, word_anywhere(fields, w)))
            .collect();
        either.push((Occur::Should, Box::new(BooleanQuery::new(all_words))));
    }
    Box::new(BooleanQuery::new(either))
}

/// A word in any text field, as a jieba word or as a substring.
fn word_anywhere(fields: &Fields, w: &str) -> Box<dyn Query> {
    let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for field in &fields.texts {
        any.push((Occur::Should, boosted(word(field.words, w), field.weight)));
        any.push((
            Occur::Should,
            boosted(substring(field.bigrams, w), field.weight),
        ));
    }
    Box::new(BooleanQuery::new(any))
}

/// A jieba word in a words field.
fn word(field: Field, w: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, w),
        IndexRecordOption::WithFreqs,
    ))
}

/// A substring (of two or more characters, all word characters) in a bigram field: its bigrams
/// at consecutive positions.
fn substring(field: Field, part: &str) -> Box<dyn Query> {
    let mut terms: Vec<Term> = text::bigrams(part)
        .iter()
        .map(|bigram| Term::from_field_text(field, bigram))
        .collect();
    if terms.len() == 1
        && let Some(term) = terms.pop()
    {
        return Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
    }
    Box::new(PhraseQuery::new(terms))
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, boost))
}

/// Records whose region code starts with one of the prefixes; `None` when nothing is filtered
/// (no prefixes, or an empty prefix, which every code starts with).
fn region_filter(fields: &Fields, region_prefixes: &[String]) -> Option<Box<dyn Query>> {
    let prefixes: Vec<&str> = region_prefixes.iter().map(|p| p.trim()).collect();
    if prefixes.is_empty() || prefixes.iter().any(|p| p.is_empty()) {
        return None;
    }
    Some(unscored(any_term(fields.region_prefix, &prefixes)))
}

/// Records holding any of `values` as a term of `field`.
fn any_term(field: Field, values: &[&str]) -> Box<dyn Query> {
    let any: Vec<(Occur, Box<dyn Query>)> = values
        .iter()
        .map(|v| -> (Occur, Box<dyn Query>) {
            (
                Occur::Should,
                Box::new(TermQuery::new(
                    Term::from_field_text(field, v),
                    IndexRecordOption::Basic,
                )),
            )
        })
        .collect();
    Box::new(BooleanQuery::new(any))
}

/// A filter: scores nothing, so it does not change the ranking.
fn unscored(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}
