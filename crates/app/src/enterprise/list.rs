//! The enterprise list: filters, keyset pages, and text search through the index.

use crate::{Actor, App, AppError};
use policy::org::Permission;
use serde::Serialize;
use store::enterprise::profile::{EnterpriseQuery, EnterpriseSort};
use store::entity::enterprise;

/// A row of the enterprise list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EnterpriseSummary {
    /// 统一社会信用代码.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// Region.
    pub region_code: String,
    /// Industry.
    pub industry_code: String,
    /// Size class.
    pub size_class: Option<String>,
    /// 规上.
    pub above_size: bool,
    /// Status.
    pub status: String,
}

/// A page of the enterprise list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EnterpriseList {
    /// Rows.
    pub items: Vec<EnterpriseSummary>,
    /// Pass as `cursor` for the next page.
    pub next_cursor: Option<String>,
    /// Rows the filters select, counted on the first page only.
    pub total: Option<u64>,
}

/// Filters of the list as a user gives them.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// Full-text query (names, former names, products, niche).
    pub q: Option<String>,
    /// Region code: its subtree.
    pub region: Option<String>,
    /// Industry code prefix.
    pub industry: Option<String>,
    /// Size class.
    pub size_class: Option<String>,
    /// 规上 only / not.
    pub above_size: Option<bool>,
    /// Status.
    pub status: Option<String>,
    /// Holds a valid honor with this title…
    pub honor: Option<String>,
    /// …at this level.
    pub honor_level: Option<String>,
    /// Sort by name instead of code.
    pub sort_by_name: bool,
}

pub(crate) fn store_query(q: &ListQuery) -> Result<EnterpriseQuery, AppError> {
    let region_prefix = match q.region.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        None => None,
        Some(r) => Some(
            policy::org::RegionCode::parse(r)
                .map_err(|_| AppError::invalid("region", "region_code.format"))?
                .subtree_prefix()
                .to_string(),
        ),
    };
    Ok(EnterpriseQuery {
        region_prefix,
        industry_prefix: q
            .industry
            .clone()
            .map(|s| s.trim().to_ascii_uppercase())
            .filter(|s| !s.is_empty()),
        size_class: q.size_class.clone(),
        above_size: q.above_size,
        status: q.status.clone(),
        honor_title: q.honor.clone(),
        honor_level: q.honor_level.clone(),
        only: None,
        sort: if q.sort_by_name {
            EnterpriseSort::Name
        } else {
            EnterpriseSort::Uscc
        },
    })
}

/// Enterprises in the actor's scope matching the filters.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn list_enterprises(
    app: &App,
    actor: &Actor,
    q: &ListQuery,
    cursor: Option<&str>,
    limit: u64,
) -> Result<EnterpriseList, AppError> {
    let scope = actor.scope(Permission::ENTERPRISE_READ)?;
    let sq = store_query(q)?;
    let limit = limit.clamp(1, 500);
    let conn = app.db().conn();
    let (rows, next, total) = match q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => match indexed_page(app, &scope, &sq, text, cursor, limit).await? {
            Some(page) => page,
            None => {
                let hits = crate::search::matching_usccs(app, text, &scope).await?;
                search_page(conn, &scope, &sq, &hits, cursor, limit).await?
            }
        },
        None => {
            let (rows, next) =
                store::enterprise::profile::list(conn, &scope, &sq, cursor, limit).await?;
            let total = if cursor.is_none() {
                Some(app.list_counts().count(conn, &scope, &sq).await?)
            } else {
                None
            };
            (rows, next, total)
        }
    };
    Ok(EnterpriseList {
        items: rows
            .into_iter()
            .map(|m| EnterpriseSummary {
                uscc: m.uscc,
                name: m.name,
                region_code: m.region_code,
                industry_code: m.industry_code,
                size_class: m.size_class,
                above_size: m.above_size,
                status: m.status,
            })
            .collect(),
        next_cursor: next,
        total,
    })
}

/// The totals of list filters, remembered until the next write.
///
/// Counting the rows a filter selects is the dearest part of a first page (thousands of index
/// entries, against twenty rows for the page itself), and the same filters are asked again and
/// again. Every write is audited, so a count taken at the newest audit id holds until that id
/// moves; the id is read first, so a count is never older than the id it is filed under. On
/// several instances each keeps its own and each sees the shared audit log.
#[derive(Debug)]
pub(crate) struct ListCounts {
    counts: crate::memo::AuditMemo<String, u64>,
}

/// Filters remembered at most; past this the memory starts over.
const MAX_REMEMBERED_COUNTS: usize = 4_096;

impl Default for ListCounts {
    fn default() -> Self {
        ListCounts {
            counts: crate::memo::AuditMemo::new(MAX_REMEMBERED_COUNTS),
        }
    }
}

impl ListCounts {
    /// The rows `sq` selects within `scope`.
    async fn count<C: store::ConnectionTrait>(
        &self,
        conn: &C,
        scope: &policy::org::Scope,
        sq: &EnterpriseQuery,
    ) -> Result<u64, AppError> {
        let at = crate::memo::stamp(conn).await?;
        let key = format!("{scope:?}|{sq:?}");
        self.counts
            .get_or(key, at, || async {
                Ok(store::enterprise::profile::count(conn, scope, sq).await?)
            })
            .await
    }
}

type ListPage = (Vec<enterprise::Model>, Option<String>, Option<u64>);

/// One page of a text search answered by the index alone, when it can express the scope and
/// every filter (all but the honor filters): the index ranks, filters, pages and counts, and
/// the database loads the page's rows, checking scope and filters once more (a row the index
/// has not caught up with is left out rather than shown wrongly). `None` when the index
/// cannot answer; the caller then pages through every hit (`search_page`).
async fn indexed_page(
    app: &App,
    scope: &policy::org::Scope,
    sq: &EnterpriseQuery,
    text: &str,
    cursor: Option<&str>,
    limit: u64,
) -> Result<Option<ListPage>, AppError> {
    if sq.honor_title.is_some() || sq.honor_level.is_some() {
        return Ok(None);
    }
    let Some(region_prefixes) = crate::search::region_prefixes(scope) else {
        return Ok(None);
    };
    let offset = hit_position(cursor)?;
    let filter = ::search::SearchFilter {
        region_prefixes,
        region_within: sq.region_prefix.clone(),
        industry_prefix: sq.industry_prefix.clone(),
        size_class: sq.size_class.clone(),
        above_size: sq.above_size,
        status: sq.status.clone(),
    };
    let Some(page) = crate::search::page(app, text, filter, offset, limit as usize).await? else {
        return Ok(None);
    };
    let codes: Vec<String> = page.hits.iter().map(|h| h.uscc.clone()).collect();
    let mut page_query = sq.clone();
    page_query.only = Some(codes.clone());
    page_query.sort = EnterpriseSort::Uscc;
    let (found, _) =
        store::enterprise::profile::list(app.db().conn(), scope, &page_query, None, limit).await?;
    let mut by_code: std::collections::HashMap<String, enterprise::Model> =
        found.into_iter().map(|m| (m.uscc.clone(), m)).collect();
    let rows = codes.iter().filter_map(|c| by_code.remove(c)).collect();
    let end = offset + codes.len();
    let next = (end < page.total).then(|| format!("h{end}"));
    let total = cursor.is_none().then_some(page.total as u64);
    Ok(Some((rows, next, total)))
}

/// The position in the hit list a search cursor (`h<N>`) names; 0 without a cursor.
fn hit_position(cursor: Option<&str>) -> Result<usize, AppError> {
    match cursor {
        None => Ok(0),
        Some(c) => c
            .strip_prefix('h')
            .and_then(|n| n.parse::<usize>().ok())
            .ok_or_else(|| AppError::invalid("cursor", "error.bad_request")),
    }
}

/// How many search hits are checked against the filters in one query.
const HIT_CHUNK: usize = 400;

/// One page of a text search: the hits in relevance order, each checked against the scope and
/// the other filters a chunk at a time, so every match can be reached however many there are.
/// The cursor is the position in the hit list (`h<N>`). The total is the number of hits when
/// no other filter narrows them (it is not recounted when filters apply).
async fn search_page<C: store::ConnectionTrait>(
    conn: &C,
    scope: &policy::org::Scope,
    sq: &EnterpriseQuery,
    hits: &[String],
    cursor: Option<&str>,
    limit: u64,
) -> Result<ListPage, AppError> {
    let mut pos = hit_position(cursor)?;
    let unfiltered = sq.region_prefix.is_none()
        && sq.industry_prefix.is_none()
        && sq.size_class.is_none()
        && sq.above_size.is_none()
        && sq.status.is_none()
        && sq.honor_title.is_none()
        && (scope.is_all() || scope.enterprises().next().is_none() && scope.owner().is_none());
    let mut rows = Vec::new();
    'outer: while pos < hits.len() {
        let chunk = &hits[pos..(pos + HIT_CHUNK).min(hits.len())];
        let mut chunk_query = sq.clone();
        chunk_query.only = Some(chunk.to_vec());
        chunk_query.sort = EnterpriseSort::Uscc;
        let (found, _) =
            store::enterprise::profile::list(conn, scope, &chunk_query, None, HIT_CHUNK as u64)
                .await?;
        let mut by_code: std::collections::HashMap<String, enterprise::Model> =
            found.into_iter().map(|m| (m.uscc.clone(), m)).collect();
        for (i, code) in chunk.iter().enumerate() {
            if let Some(m) = by_code.remove(code) {
                rows.push(m);
                if rows.len() as u64 == limit {
                    pos += i + 1;
                    break 'outer;
                }
            }
        }
        pos += chunk.len();
    }
    let next = (pos < hits.len()).then(|| format!("h{pos}"));
    let total = (cursor.is_none() && unfiltered).then_some(hits.len() as u64);
    Ok((rows, next, total))
}

#[cfg(test)]
mod tests;
