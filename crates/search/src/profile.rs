//! The matching index: research-team profiles and open challenges, ranked against each other.
//!
//! A second index type beside [`crate::EnterpriseIndex`], with the same tokenizer (jieba words
//! after the same normalisation), so Chinese text is matched by words, never by tantivy's query
//! parser. Each document is a *profile*: a team (name, summary, results) or a challenge
//! (title, problem, indicators), with field tags and, for teams, their record. One index holds
//! one kind, so the candidate query is a pure disjunction of term queries, which tantivy
//! answers with block-max WAND (it skips the blocks that cannot reach the top).
//!
//! # Ranking
//! [`MatchIndex::rank`] asks for profiles of one kind that fit a text and tags:
//! 1. **Candidates** by BM25: every jieba word of the text (two characters or more) and every
//!    tag is an optional clause (tags boosted, titles weigh more than bodies); the best
//!    [`CANDIDATES_PER_RESULT`] × `limit` documents go on.
//! 2. **Re-ranking** of the candidates by a weighted sum of four parts in 0..1 ([`WEIGHTS`]):
//!    text relevance (BM25 ÷ the best candidate's), field tags shared (÷ the query's tags),
//!    past results (`1 − 1 ÷ (1 + completed + patents ÷ 10)`: the first completed challenge
//!    counts most) and capacity (1 with a free place, 0 when full).
//! 3. **Reasons** for the final list: the query words its text contains, the shared tags,
//!    its record and free places, so the reader sees why each one is there.

use std::collections::BTreeSet;
use std::sync::{Mutex, MutexGuard, PoisonError};

use tantivy::collector::TopDocs;
use tantivy::columnar::StrColumn;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::error::SearchError;
use crate::text;

/// What a profile describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileKind {
    /// A research team.
    Team,
    /// An open challenge.
    Challenge,
}

/// One profile as the app feeds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileDoc {
    /// Its id in its own table.
    pub id: i64,
    /// Name or title.
    pub title: String,
    /// The descriptive text (summary and results; problem and indicators).
    pub text: String,
    /// Field tags.
    pub tags: Vec<String>,
    /// Challenges completed (teams).
    pub completed: u32,
    /// Patents held (teams).
    pub patents: u32,
    /// Places free for another challenge (teams; capacity minus active work).
    pub free_capacity: i32,
}

/// What to rank.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatchQuery {
    /// Title and description of the other side.
    pub text: String,
    /// Its field tags.
    pub tags: Vec<String>,
    /// Profiles wanted.
    pub limit: usize,
    /// Ids to leave out (e.g. teams that already applied); filtered after the candidate search
    /// so that the search stays a pure disjunction.
    pub exclude: Vec<i64>,
}

/// One ranked profile with the reasons that put it there.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    /// Profile id.
    pub id: i64,
    /// The combined score, 0..1.
    pub score: f32,
    /// Text relevance part, 0..1.
    pub text: f32,
    /// Tag part, 0..1.
    pub tag: f32,
    /// Past-results part, 0..1.
    pub results: f32,
    /// Capacity part, 0 or 1.
    pub capacity: f32,
    /// Query words its text contains, most telling first (at most eight).
    pub matched_words: Vec<String>,
    /// Tags it shares with the query.
    pub shared_tags: Vec<String>,
    /// Challenges completed.
    pub completed: u32,
    /// Patents.
    pub patents: u32,
    /// Free places.
    pub free_capacity: i32,
}

/// The weights of the four parts of the score (text, tags, results, capacity); they add to 1.
pub const WEIGHTS: [f32; 4] = [0.5, 0.25, 0.15, 0.10];
/// Candidates read per result wanted, before re-ranking.
pub const CANDIDATES_PER_RESULT: usize = 8;
/// A tag shared counts this much against one word of text in the candidate search.
const TAG_BOOST: f32 = 3.0;
/// The title counts this much more than the body.
const TITLE_BOOST: f32 = 1.5;
/// Query words used at most (a long text's first words carry its subject).
const MAX_QUERY_WORDS: usize = 96;

#[derive(Clone, Copy, Debug)]
struct Fields {
    id: Field,
    title: Field,
    body: Field,
    tags: Field,
    completed: Field,
    patents: Field,
    free: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let words = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(text::WORDS)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
        .set_stored();
    let fields = Fields {
        id: b.add_i64_field("id", INDEXED | STORED | FAST),
        title: b.add_text_field("title", words.clone()),
        body: b.add_text_field("body", words),
        tags: b.add_text_field("tags", STRING | STORED | FAST),
        completed: b.add_u64_field("completed", FAST),
        patents: b.add_u64_field("patents", FAST),
        free: b.add_i64_field("free", FAST),
    };
    (b.build(), fields)
}

/// The tags folded the way text is (full-width, case), trimmed.
fn fold_tag(t: &str) -> String {
    text::normalize(t.trim())
}

/// The index of profiles. Shared like [`crate::EnterpriseIndex`]: `&self` methods, writes
/// serialised, searches in parallel; call from `spawn_blocking` in async code.
pub struct MatchIndex {
    reader: IndexReader,
    fields: Fields,
    words: TextAnalyzer,
    writer: Mutex<IndexWriter>,
    stamp: Mutex<Option<u64>>,
    kind: ProfileKind,
}

impl std::fmt::Debug for MatchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MatchIndex")
            .field("docs", &self.reader.searcher().num_docs())
            .finish_non_exhaustive()
    }
}

impl MatchIndex {
    /// An index of one kind of profile, in memory (it is rebuilt from the database on start).
    pub fn in_memory(kind: ProfileKind) -> Result<MatchIndex, SearchError> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        index
            .tokenizers()
            .register(text::WORDS, text::WordTokenizer::default());
        let words = index.tokenizers().get(text::WORDS).ok_or_else(|| {
            SearchError::Index(tantivy::TantivyError::InternalError("tokenizer".into()))
        })?;
        let writer = index.writer(50_000_000)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(MatchIndex {
            reader,
            fields,
            words,
            writer: Mutex::new(writer),
            stamp: Mutex::new(None),
            kind,
        })
    }

    fn lock(&self) -> MutexGuard<'_, IndexWriter> {
        self.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds a profile, replacing an earlier version with the same id.
    pub fn upsert(&self, doc: &ProfileDoc) -> Result<(), SearchError> {
        let f = self.fields;
        let mut d = TantivyDocument::default();
        d.add_i64(f.id, doc.id);
        d.add_text(f.title, text::normalize(&doc.title));
        d.add_text(f.body, text::normalize(&doc.text));
        for t in &doc.tags {
            let t = fold_tag(t);
            if !t.is_empty() {
                d.add_text(f.tags, &t);
            }
        }
        d.add_u64(f.completed, u64::from(doc.completed));
        d.add_u64(f.patents, u64::from(doc.patents));
        d.add_i64(f.free, i64::from(doc.free_capacity));
        let w = self.lock();
        w.delete_term(Term::from_field_i64(f.id, doc.id));
        w.add_document(d)?;
        Ok(())
    }

    /// Removes a profile (nothing happens when it is absent).
    pub fn delete(&self, id: i64) -> Result<(), SearchError> {
        let w = self.lock();
        w.delete_term(Term::from_field_i64(self.fields.id, id));
        Ok(())
    }

    /// Removes every profile (a rebuild follows).
    pub fn clear(&self) -> Result<(), SearchError> {
        let mut w = self.lock();
        w.rollback()?;
        w.delete_all_documents()?;
        Ok(())
    }

    /// Makes the changes visible, remembering which state of the database they reflect.
    pub fn commit(&self, stamp: u64) -> Result<(), SearchError> {
        let mut w = self.lock();
        w.commit()?;
        self.reader.reload()?;
        *self.stamp.lock().unwrap_or_else(PoisonError::into_inner) = Some(stamp);
        Ok(())
    }

    /// The stamp of the last commit (none before the first).
    pub fn stamp(&self) -> Option<u64> {
        *self.stamp.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Profiles searches see.
    pub fn doc_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The distinct jieba words (two characters or more) of a text, in order of appearance.
    fn words_of(&self, text: &str) -> Vec<String> {
        let mut analyzer = self.words.clone();
        let normalized = text::normalize(text);
        let mut stream = analyzer.token_stream(&normalized);
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        while stream.advance() {
            let w = stream.token().text.clone();
            if w.chars().count() >= 2 && seen.insert(w.clone()) {
                out.push(w);
                if out.len() >= MAX_QUERY_WORDS {
                    break;
                }
            }
        }
        out
    }

    /// The profiles that fit `q` best, best first, each with its reasons.
    pub fn rank(&self, q: &MatchQuery) -> Result<Vec<Match>, SearchError> {
        let f = self.fields;
        let kind = self.kind;
        let words = self.words_of(&q.text);
        let tags: Vec<String> = q
            .tags
            .iter()
            .map(|t| fold_tag(t))
            .filter(|t| !t.is_empty())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for w in &words {
            for (field, boost) in [(f.title, TITLE_BOOST), (f.body, 1.0)] {
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(
                            Term::from_field_text(field, w),
                            IndexRecordOption::WithFreqs,
                        )),
                        boost,
                    )),
                ));
            }
        }
        for t in &tags {
            should.push((
                Occur::Should,
                Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.tags, t),
                        IndexRecordOption::Basic,
                    )),
                    TAG_BOOST,
                )),
            ));
        }
        if should.is_empty() || q.limit == 0 {
            return Ok(Vec::new());
        }
        let query = BooleanQuery::new(should);
        let searcher = self.reader.searcher();
        let want =
            (q.limit.saturating_mul(CANDIDATES_PER_RESULT) + q.exclude.len()).clamp(1, 10_000);
        let top = searcher.search(&query, &TopDocs::with_limit(want).order_by_score())?;
        let best = top
            .first()
            .map(|(s, _)| *s)
            .unwrap_or(1.0)
            .max(f32::MIN_POSITIVE);
        struct Cand {
            addr: tantivy::DocAddress,
            id: i64,
            text: f32,
            tag: f32,
            results: f32,
            capacity: f32,
            score: f32,
            shared: Vec<String>,
            completed: u32,
            patents: u32,
            free: i32,
        }
        // The columns of each segment, opened once for all the candidates.
        let mut columns = Vec::with_capacity(searcher.segment_readers().len());
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            columns.push((
                ff.i64("id")?,
                ff.u64("completed")?,
                ff.u64("patents")?,
                ff.i64("free")?,
                ff.str("tags")?,
            ));
        }
        let mut cands = Vec::with_capacity(top.len());
        for (bm25, addr) in top {
            let Some((ids, completed, patents, free, tag_col)) =
                columns.get(addr.segment_ord as usize)
            else {
                continue;
            };
            let doc = addr.doc_id;
            let id = ids.first(doc).unwrap_or_default();
            if q.exclude.contains(&id) {
                continue;
            }
            let completed = completed.first(doc).unwrap_or(0) as u32;
            let patents = patents.first(doc).unwrap_or(0) as u32;
            let free = free.first(doc).unwrap_or(0) as i32;
            let shared = match tag_col {
                Some(col) => shared_tags(col, doc, &tags)?,
                None => Vec::new(),
            };
            let text = bm25 / best;
            let tag = if tags.is_empty() {
                0.0
            } else {
                shared.len() as f32 / tags.len() as f32
            };
            let results = 1.0 - 1.0 / (1.0 + completed as f32 + patents as f32 / 10.0);
            let capacity = if kind == ProfileKind::Team {
                if free > 0 { 1.0 } else { 0.0 }
            } else {
                1.0
            };
            let score =
                WEIGHTS[0] * text + WEIGHTS[1] * tag + WEIGHTS[2] * results + WEIGHTS[3] * capacity;
            cands.push(Cand {
                addr,
                id,
                text,
                tag,
                results,
                capacity,
                score,
                shared,
                completed,
                patents,
                free,
            });
        }
        cands.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        cands.truncate(q.limit);
        let mut out = Vec::with_capacity(cands.len());
        for c in cands {
            let doc: TantivyDocument = searcher.doc(c.addr)?;
            let mut body = String::new();
            for field in [f.title, f.body] {
                for v in doc.get_all(field) {
                    if let Some(s) = v.as_str() {
                        body.push_str(s);
                        body.push('\n');
                    }
                }
            }
            let matched_words: Vec<String> = words
                .iter()
                .filter(|w| body.contains(String::as_str(w)))
                .take(8)
                .cloned()
                .collect();
            out.push(Match {
                id: c.id,
                score: c.score,
                text: c.text,
                tag: c.tag,
                results: c.results,
                capacity: c.capacity,
                matched_words,
                shared_tags: c.shared,
                completed: c.completed,
                patents: c.patents,
                free_capacity: c.free,
            });
        }
        Ok(out)
    }
}

fn shared_tags(col: &StrColumn, doc: u32, wanted: &[String]) -> Result<Vec<String>, SearchError> {
    let mut out = Vec::new();
    let mut s = String::new();
    for ord in col.term_ords(doc) {
        s.clear();
        if col.ord_to_str(ord, &mut s)? && wanted.contains(&s) {
            out.push(s.clone());
        }
    }
    Ok(out)
}
