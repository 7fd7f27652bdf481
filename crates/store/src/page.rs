//! Keyset pagination: pages follow the id, never an OFFSET, so page 10,000 costs what page 1 does.

use serde::Serialize;

/// The largest page a caller may ask for.
pub const MAX_LIMIT: u64 = 500;

/// What page of a list to read: at most `limit` rows after the row whose id is `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    limit: u64,
    after: Option<i64>,
}

impl PageRequest {
    /// A page request; `limit` is clamped to 1..=[`MAX_LIMIT`].
    pub fn new(limit: u64, after: Option<i64>) -> PageRequest {
        PageRequest {
            limit: limit.clamp(1, MAX_LIMIT),
            after,
        }
    }

    /// Rows per page.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// The id the page starts after (lists run newest first, so rows with smaller ids follow).
    pub fn after(&self) -> Option<i64> {
        self.after
    }
}

/// One page of rows and the cursor of the next page, if there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page<T> {
    /// The rows.
    pub items: Vec<T>,
    /// Pass this as the cursor to read the next page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from `limit + 1` fetched rows: the extra row only tells that more follow.
    pub fn from_overfetch(
        mut rows: Vec<T>,
        req: PageRequest,
        id_of: impl Fn(&T) -> i64,
    ) -> Page<T> {
        let more = rows.len() as u64 > req.limit;
        rows.truncate(req.limit as usize);
        let next_cursor = if more {
            rows.last().map(|r| id_of(r).to_string())
        } else {
            None
        };
        Page {
            items: rows,
            next_cursor,
        }
    }

    /// Converts the rows, keeping the cursor.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }
}

/// One page of `select`, newest first by the integer key `id` (keyset: `id < cursor`).
pub async fn newest_first<C, E>(
    conn: &C,
    select: sea_orm::Select<E>,
    id: E::Column,
    page: PageRequest,
    id_of: impl Fn(&E::Model) -> i64,
) -> Result<Page<E::Model>, sea_orm::DbErr>
where
    C: sea_orm::ConnectionTrait,
    E: sea_orm::EntityTrait,
{
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
    let mut s = select;
    if let Some(after) = page.after() {
        s = s.filter(id.lt(after));
    }
    let rows = s
        .order_by_desc(id)
        .limit(page.limit() + 1)
        .all(conn)
        .await?;
    Ok(Page::from_overfetch(rows, page, id_of))
}
