//! Finding enterprises by text: names, former names, main products and niche markets.
//!
//! The Chinese full-text index (`crates/search`: jieba words plus character bigrams, so an exact
//! substring of two or more characters is never missed) is a projection of the database. Its
//! source stamp is the newest `enterprise` audit id it has absorbed. Every write to an enterprise
//! is audited, so before answering a query the index catches up by re-reading the enterprises
//! named in the audit entries after its stamp; an entry it cannot map to one enterprise (a bulk
//! generation) or a large gap makes it rebuild. This works the same when several server
//! instances write to one PostgreSQL: each instance's index catches up from the shared log.

use crate::{App, AppError};
use ::search::{EnterpriseDoc, EnterpriseIndex, SearchError, SearchFilter, SearchPage};
use policy::org::Scope;
use std::sync::Arc;

/// Most hits a one-character (substring) query collects; an indexed query returns every hit.
pub const MAX_SUBSTRING_HITS: usize = 100_000;
/// Past this many audit entries behind, a rebuild is cheaper than catching up.
const CATCH_UP_LIMIT: u64 = 5_000;
/// Rows read per page when rebuilding.
const REBUILD_PAGE: u64 = 2_000;

fn search_err(e: SearchError) -> AppError {
    AppError::Internal(format!("search index: {e}"))
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, SearchError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(format!("search task: {e}")))?
        .map_err(search_err)
}

fn doc(m: &store::entity::enterprise::Model) -> EnterpriseDoc {
    EnterpriseDoc {
        uscc: m.uscc.clone(),
        name: m.name.clone(),
        former_names: serde_json::from_str(&m.former_names).unwrap_or_default(),
        main_products: m.main_products.clone(),
        niche_market: m.niche_market.clone(),
        region_code: m.region_code.clone(),
        industry_code: m.industry_code.clone(),
        size_class: m.size_class.clone(),
        above_size: m.above_size,
        status: m.status.clone(),
    }
}

/// The audit entity types whose entries change what the index holds of an enterprise: its
/// own record, and a year of figures (which re-derives its size class). Entity ids are the
/// code, or `code/year`.
const SOURCES: [&str; 2] = ["enterprise", "financial"];

/// The newest audit id of the index's sources.
async fn newest_source_id<C: store::ConnectionTrait>(conn: &C) -> Result<i64, AppError> {
    let mut newest = 0;
    for entity in SOURCES {
        newest = newest.max(store::audit::max_id_of(conn, entity).await?.unwrap_or(0));
    }
    Ok(newest)
}

/// The source entries after `after`, oldest first, as (audit id, enterprise code or `*`).
async fn source_entries_since<C: store::ConnectionTrait>(
    conn: &C,
    after: i64,
    limit: u64,
) -> Result<Vec<(i64, String)>, AppError> {
    let mut entries = Vec::new();
    for entity in SOURCES {
        let rows = store::audit::entity_ids_since(conn, entity, after, limit).await?;
        entries.extend(rows.into_iter().map(|(id, entity_id)| {
            let code = entity_id.split('/').next().unwrap_or_default().to_string();
            (id, code)
        }));
    }
    entries.sort_by_key(|(id, _)| *id);
    Ok(entries)
}

/// Rebuilds the index from every enterprise; readers see the old contents until the commit.
pub async fn rebuild(app: &App) -> Result<u64, AppError> {
    let index: Arc<EnterpriseIndex> = app.search_index();
    let conn = app.db().conn();
    let stamp = newest_source_id(conn).await?;
    let i = index.clone();
    blocking(move || i.clear()).await?;
    let mut after: Option<String> = None;
    let mut count = 0u64;
    loop {
        let rows =
            store::enterprise::profile::text_page(conn, after.as_deref(), None, REBUILD_PAGE)
                .await?;
        let Some(last) = rows.last() else { break };
        after = Some(last.uscc.clone());
        count += rows.len() as u64;
        let docs: Vec<EnterpriseDoc> = rows.iter().map(doc).collect();
        let i = index.clone();
        blocking(move || docs.iter().try_for_each(|d| i.upsert(d))).await?;
    }
    let i = index.clone();
    blocking(move || {
        i.set_source_stamp(stamp as u64);
        i.commit()
    })
    .await?;
    Ok(count)
}

/// Brings the index up to the database: catches up from the audit log, or rebuilds.
pub async fn sync(app: &App) -> Result<(), AppError> {
    let index = app.search_index();
    let conn = app.db().conn();
    // The common case, checked without the lock so that searches do not queue: the index has
    // absorbed every entry.
    if index.source_stamp().map_err(search_err)? == Some(newest_source_id(conn).await? as u64) {
        return Ok(());
    }
    let _guard = app.search_sync_lock().lock().await;
    let stamp = index.source_stamp().map_err(search_err)?;
    let newest = newest_source_id(conn).await?;
    let Some(stamp) = stamp else {
        rebuild(app).await?;
        return Ok(());
    };
    if stamp as i64 == newest {
        return Ok(());
    }
    if stamp as i64 > newest {
        // The database went back (a restore): the index describes a later state.
        rebuild(app).await?;
        return Ok(());
    }
    let entries = source_entries_since(conn, stamp as i64, CATCH_UP_LIMIT + 1).await?;
    if entries.len() as u64 > CATCH_UP_LIMIT || entries.iter().any(|(_, id)| id == "*") {
        rebuild(app).await?;
        return Ok(());
    }
    let mut usccs: Vec<String> = entries.iter().map(|(_, id)| id.clone()).collect();
    usccs.sort();
    usccs.dedup();
    let rows =
        store::enterprise::profile::text_page(conn, None, Some(&usccs), usccs.len() as u64).await?;
    let docs: Vec<EnterpriseDoc> = rows.iter().map(doc).collect();
    let gone: Vec<String> = usccs
        .into_iter()
        .filter(|u| !rows.iter().any(|r| &r.uscc == u))
        .collect();
    let last = entries.last().map(|(id, _)| *id).unwrap_or(newest);
    blocking(move || {
        for d in &docs {
            index.upsert(d)?;
        }
        for u in &gone {
            index.delete(u)?;
        }
        index.set_source_stamp(last as u64);
        index.commit()
    })
    .await
}

/// The codes of every enterprise whose text matches (none is left out: a list pages through
/// them, see `enterprise::list_enterprises`), most relevant first, limited to the regions
/// of `scope` where it is region-bound. A one-character query matches by plain substring in the
/// database (the index needs two characters).
pub async fn matching_usccs(app: &App, text: &str, scope: &Scope) -> Result<Vec<String>, AppError> {
    sync(app).await?;
    let prefixes = region_prefixes(scope).unwrap_or_default();
    let index = app.search_index();
    let query = text.to_string();
    let hits = tokio::task::spawn_blocking(move || index.search(&query, &prefixes, usize::MAX))
        .await
        .map_err(|e| AppError::Internal(format!("search task: {e}")))?;
    match hits {
        Ok(hits) => Ok(hits.into_iter().map(|h| h.uscc).collect()),
        Err(SearchError::QueryTooShort { .. }) => Ok(store::enterprise::profile::text_matches(
            app.db().conn(),
            text.trim(),
            MAX_SUBSTRING_HITS as u64,
        )
        .await?),
        Err(e) => Err(search_err(e)),
    }
}

/// The region prefixes that express `scope` in the index: `Some(empty)` for everywhere, `None`
/// when the scope is not a set of regions (listed enterprises, or one's own records), which
/// the index cannot express.
pub(crate) fn region_prefixes(scope: &Scope) -> Option<Vec<String>> {
    if scope.is_all() {
        return Some(Vec::new());
    }
    if scope.enterprises().next().is_some() || scope.owner().is_some() {
        return None;
    }
    let prefixes: Vec<String> = scope
        .subtrees()
        .map(|r| r.subtree_prefix().to_string())
        .chain(scope.units().map(|r| r.to_string()))
        .collect();
    // An empty scope admits nothing; an empty list would mean everywhere.
    (!prefixes.is_empty()).then_some(prefixes)
}

/// One page of the enterprises whose text matches, among those `filter` admits (the caller
/// puts the data scope into it), with the number of all such enterprises. `None` for a query
/// the index cannot answer (no part of two characters): the caller falls back to a substring
/// match in the database.
pub async fn page(
    app: &App,
    text: &str,
    filter: SearchFilter,
    offset: usize,
    limit: usize,
) -> Result<Option<SearchPage>, AppError> {
    sync(app).await?;
    let index = app.search_index();
    let query = text.to_string();
    let found =
        tokio::task::spawn_blocking(move || index.search_page(&query, &filter, offset, limit))
            .await
            .map_err(|e| AppError::Internal(format!("search task: {e}")))?;
    match found {
        Ok(page) => Ok(Some(page)),
        Err(SearchError::QueryTooShort { .. }) => Ok(None),
        Err(e) => Err(search_err(e)),
    }
}
