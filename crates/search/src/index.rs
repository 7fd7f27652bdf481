//! The index itself: opening, writing, committing and searching.

use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::StrColumn;
use tantivy::directory::MmapDirectory;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument,
    TantivyError, Term,
};

use crate::error::SearchError;
use crate::schema::Fields;
use crate::{query, text};

/// What the index knows of one enterprise: the texts people search and the region it is in.
///
/// Built by the `app` layer from the registry record; the index stores only the USCC back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnterpriseDoc {
    /// 统一社会信用代码, already validated; the key of the record in the index.
    pub uscc: String,
    /// The current registered name.
    pub name: String,
    /// Names the enterprise was registered under before.
    pub former_names: Vec<String>,
    /// Main products, free text.
    pub main_products: String,
    /// The niche market (细分市场), free text.
    pub niche_market: String,
    /// GB/T 2260 region code (or a longer town/park code that starts with it).
    pub region_code: String,
    /// GB/T 4754 industry code (`C3831`).
    pub industry_code: String,
    /// Size class code, when derived.
    pub size_class: Option<String>,
    /// Above designated size (规上).
    pub above_size: bool,
    /// Status code (`operating`, `closed`, `moved`).
    pub status: String,
}

/// Which enterprises a search may return, besides matching the text. Every filter that is set
/// must hold; none of them changes the ranking.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchFilter {
    /// Region code prefixes (subtrees), any of which admits a record; empty means everywhere.
    /// The data scope of the user goes here.
    pub region_prefixes: Vec<String>,
    /// One more region prefix that must hold as well (the region the user filters by).
    pub region_within: Option<String>,
    /// An industry code prefix (`C`, `C38`, `C3831`).
    pub industry_prefix: Option<String>,
    /// A size class code.
    pub size_class: Option<String>,
    /// Above designated size or not.
    pub above_size: Option<bool>,
    /// A status code.
    pub status: Option<String>,
}

/// One page of search results and how many records match in all.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchPage {
    /// The hits of the page, best first.
    pub hits: Vec<Hit>,
    /// Every record that matches the query and the filter.
    pub total: usize,
}

/// One search result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// 统一社会信用代码 of the matching enterprise.
    pub uscc: String,
    /// Relevance; higher is better. Only comparable within one search.
    pub score: f32,
}

/// Memory the writer may use before it flushes a segment, shared by its threads. 50 MB keeps a
/// rebuild of a province's registry to a few segments without weighing on a small server.
const WRITER_MEMORY: usize = 50_000_000;

/// The writer and the stamp to write with its next commit, under one lock so a commit always
/// carries the stamp that was set before it.
struct WriterState {
    writer: IndexWriter,
    stamp: Option<u64>,
}

/// The full-text index of enterprises.
///
/// Every method takes `&self`, so one index can be shared (in an `Arc`) by many tokio tasks:
/// writes are serialised by an internal lock and searches run in parallel with them. Methods
/// block (a commit syncs files, a search reads them): call them from `spawn_blocking` in async
/// code. Writes become visible to searches at [`EnterpriseIndex::commit`].
pub struct EnterpriseIndex {
    reader: IndexReader,
    fields: Fields,
    state: Mutex<WriterState>,
    /// The stamp of the last commit, kept in memory so that checking it (before every
    /// search) reads no file.
    committed: Mutex<Option<u64>>,
}

impl EnterpriseIndex {
    /// Opens the index in `dir`, creating the directory and an empty index when absent.
    ///
    /// Fails with [`SearchError::Locked`] when another writer holds the directory, and with
    /// [`SearchError::IncompatibleSchema`] when it holds an index of another schema.
    pub fn open(dir: &Path) -> Result<Self, SearchError> {
        std::fs::create_dir_all(dir)?;
        let (schema, fields) = Fields::build();
        let directory = MmapDirectory::open(dir)?;
        let index = Index::open_or_create(directory, schema).map_err(|e| match e {
            TantivyError::SchemaError(_) | TantivyError::IncompatibleIndex(_) => {
                SearchError::IncompatibleSchema
            }
            other => other.into(),
        })?;
        Self::from_index(index, fields)
    }

    /// An index held in memory only, for tests and one-off use.
    pub fn in_memory() -> Result<Self, SearchError> {
        let (schema, fields) = Fields::build();
        Self::from_index(Index::create_in_ram(schema), fields)
    }

    fn from_index(index: Index, fields: Fields) -> Result<Self, SearchError> {
        // Tokenizers are not stored in the index, so they are registered on every open.
        index
            .tokenizers()
            .register(text::WORDS, text::WordTokenizer::default());
        index
            .tokenizers()
            .register(text::BIGRAMS, text::BigramTokenizer);
        let stamp = parse_stamp(index.load_metas()?.payload.as_deref());
        let writer = index.writer(WRITER_MEMORY)?;
        // Reloaded by hand after each commit, so a search right after `commit` sees it.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(EnterpriseIndex {
            reader,
            fields,
            state: Mutex::new(WriterState { writer, stamp }),
            committed: Mutex::new(stamp),
        })
    }

    /// Adds the enterprise, replacing any earlier version with the same USCC.
    pub fn upsert(&self, doc: &EnterpriseDoc) -> Result<(), SearchError> {
        let document = self.document(doc);
        let state = self.lock();
        // Under one lock, so two upserts of one USCC cannot interleave into two documents.
        state
            .writer
            .delete_term(Term::from_field_text(self.fields.uscc, &doc.uscc));
        state.writer.add_document(document)?;
        Ok(())
    }

    /// Removes the enterprise with this USCC (nothing happens when it is absent).
    pub fn delete(&self, uscc: &str) -> Result<(), SearchError> {
        let state = self.lock();
        state
            .writer
            .delete_term(Term::from_field_text(self.fields.uscc, uscc));
        Ok(())
    }

    /// Removes every enterprise, uncommitted changes included, to rebuild the index.
    ///
    /// Searches keep seeing the old contents until the next [`EnterpriseIndex::commit`], so a
    /// rebuild (`clear`, `upsert` each record, `set_source_stamp`, `commit`) never shows an
    /// empty or half-filled index.
    pub fn clear(&self) -> Result<(), SearchError> {
        let mut state = self.lock();
        // Rolling back first drops documents still in the indexing pipeline, which deleting
        // the committed segments alone would let through.
        state.writer.rollback()?;
        state.writer.delete_all_documents()?;
        Ok(())
    }

    /// Records which state of the database the index reflects, written with the next commit.
    ///
    /// The app chooses the value (a change counter, the latest audit id, a hash) and compares
    /// it with [`EnterpriseIndex::source_stamp`] at start-up to decide whether to rebuild.
    pub fn set_source_stamp(&self, stamp: u64) {
        self.lock().stamp = Some(stamp);
    }

    /// The stamp of the last commit, `None` for a new index (which is therefore stale).
    pub fn source_stamp(&self) -> Result<Option<u64>, SearchError> {
        Ok(*self
            .committed
            .lock()
            .unwrap_or_else(PoisonError::into_inner))
    }

    /// Makes every change so far durable and visible to searches, with the stamp set last.
    pub fn commit(&self) -> Result<(), SearchError> {
        let mut state = self.lock();
        let stamp = state.stamp;
        let mut prepared = state.writer.prepare_commit()?;
        // The payload belongs to one commit only: write the stamp on every commit, or the
        // next commit would lose it.
        if let Some(stamp) = stamp {
            prepared.set_payload(&stamp.to_string());
        }
        prepared.commit()?;
        // Still under the lock, so a concurrent commit cannot reload in between and leave the
        // reader behind this one.
        self.reader.reload()?;
        *self
            .committed
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = stamp;
        Ok(())
    }

    /// How many enterprises searches see (as of the last commit).
    pub fn doc_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The best `limit` enterprises for `query`, best first.
    ///
    /// `region_prefixes` keeps only enterprises whose region code starts with one of them
    /// (a region's subtree); empty means everywhere. Every query part of two or more
    /// characters is found wherever it occurs as a substring of a name, former name, the main
    /// products or the niche market (see the crate documentation); parts of one character are
    /// ignored, and a query without a longer part is refused with
    /// [`SearchError::QueryTooShort`].
    pub fn search(
        &self,
        query: &str,
        region_prefixes: &[String],
        limit: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        let filter = SearchFilter {
            region_prefixes: region_prefixes.to_vec(),
            ..SearchFilter::default()
        };
        Ok(self.search_page(query, &filter, 0, limit)?.hits)
    }

    /// The hits ranked `offset..offset + limit` for `query` among the records `filter`
    /// admits, best first, with the number of all matching records.
    ///
    /// One pass collects the page and the count; only the page's codes are read back, from
    /// the code's fast column, so a page costs the same whether 10 or 100,000 records match.
    pub fn search_page(
        &self,
        query: &str,
        filter: &SearchFilter,
        offset: usize,
        limit: usize,
    ) -> Result<SearchPage, SearchError> {
        let query = query::build(&self.fields, query, filter)?;
        let searcher = self.reader.searcher();
        if limit == 0 {
            let total = searcher.search(&query, &Count)?;
            return Ok(SearchPage {
                hits: Vec::new(),
                total,
            });
        }
        // tantivy reserves room for the page up front: a limit from the outside (every hit)
        // is bounded by what the index holds, never more.
        let limit = limit.min(
            usize::try_from(searcher.num_docs())
                .unwrap_or(usize::MAX)
                .max(1),
        );
        let collector = (
            TopDocs::with_limit(limit)
                .and_offset(offset)
                .order_by_score(),
            Count,
        );
        let (top, total) = searcher.search(&query, &collector)?;
        let hits = self.codes(&searcher, top)?;
        Ok(SearchPage { hits, total })
    }

    /// The codes of the found documents, read from the `uscc` fast column of each segment.
    fn codes(
        &self,
        searcher: &Searcher,
        top: Vec<(f32, DocAddress)>,
    ) -> Result<Vec<Hit>, SearchError> {
        let columns: Vec<Option<StrColumn>> = searcher
            .segment_readers()
            .iter()
            .map(|reader| reader.fast_fields().str("uscc"))
            .collect::<Result<_, _>>()?;
        let mut hits = Vec::with_capacity(top.len());
        let mut code = String::new();
        for (score, address) in top {
            let Some(Some(column)) = columns.get(address.segment_ord as usize) else {
                continue;
            };
            let Some(ord) = column.term_ords(address.doc_id).next() else {
                continue;
            };
            if column.ord_to_str(ord, &mut code)? {
                hits.push(Hit {
                    uscc: code.clone(),
                    score,
                });
            }
        }
        Ok(hits)
    }

    fn document(&self, doc: &EnterpriseDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut document = TantivyDocument::default();
        document.add_text(f.uscc, &doc.uscc);
        let region = doc.region_code.trim();
        for (end, _) in region.char_indices().skip(1) {
            document.add_text(f.region_prefix, &region[..end]);
        }
        if !region.is_empty() {
            document.add_text(f.region_prefix, region);
        }
        let industry = doc.industry_code.trim();
        for (end, _) in industry.char_indices().skip(1) {
            document.add_text(f.industry_prefix, &industry[..end]);
        }
        if !industry.is_empty() {
            document.add_text(f.industry_prefix, industry);
        }
        if let Some(size) = &doc.size_class {
            document.add_text(f.size_class, size);
        }
        document.add_text(f.above_size, if doc.above_size { "1" } else { "0" });
        document.add_text(f.status, &doc.status);
        let [name, former, products, niche] = &f.texts;
        let mut add = |field: &crate::schema::TextField, value: &str| {
            let value = text::normalize(value);
            document.add_text(field.words, &value);
            document.add_text(field.bigrams, &value);
        };
        add(name, &doc.name);
        for former_name in &doc.former_names {
            add(former, former_name);
        }
        add(products, &doc.main_products);
        add(niche, &doc.niche_market);
        document
    }

    /// The writer lock. A panic elsewhere while it was held leaves the writer usable (tantivy
    /// keeps its own state consistent), so a poisoned lock is taken over rather than turning
    /// every later write into an error.
    fn lock(&self) -> MutexGuard<'_, WriterState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl std::fmt::Debug for EnterpriseIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The tantivy handles say nothing useful; what the index holds does.
        f.debug_struct("EnterpriseIndex")
            .field("doc_count", &self.doc_count())
            .finish_non_exhaustive()
    }
}

/// The stamp in a commit payload; anything unreadable counts as no stamp, so the app rebuilds.
fn parse_stamp(payload: Option<&str>) -> Option<u64> {
    payload.and_then(|p| p.parse().ok())
}
