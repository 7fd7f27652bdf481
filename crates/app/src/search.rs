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
use ::search::{EnterpriseDoc, EnterpriseIndex, SearchError};
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
    }
}

/// Rebuilds the index from every enterprise; readers see the old contents until the commit.
pub async fn rebuild(app: &App) -> Result<u64, AppError> {
    let index: Arc<EnterpriseIndex> = app.search_index();
    let conn = app.db().conn();
    let stamp = store::audit::max_id_of(conn, "enterprise")
        .await?
        .unwrap_or(0);
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
    let _guard = app.search_sync_lock().lock().await;
    let index = app.search_index();
    let conn = app.db().conn();
    let i = index.clone();
    let stamp = blocking(move || i.source_stamp()).await?;
    let newest = store::audit::max_id_of(conn, "enterprise")
        .await?
        .unwrap_or(0);
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
    let entries =
        store::audit::entity_ids_since(conn, "enterprise", stamp as i64, CATCH_UP_LIMIT + 1)
            .await?;
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
    let prefixes: Vec<String> =
        if scope.is_all() || scope.enterprises().next().is_some() || scope.owner().is_some() {
            Vec::new()
        } else {
            scope
                .subtrees()
                .map(|r| r.subtree_prefix().to_string())
                .chain(scope.units().map(|r| r.to_string()))
                .collect()
        };
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
