//! Pool entries (培育库 and reserve lists).

use crate::entity::cultivation_pool_entry as entry;
use crate::page::{Page, PageRequest};
use policy::org::{RegionCode, Scope};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QuerySelect,
};

/// What a pool list or count is restricted to.
#[derive(Debug, Clone, Default)]
pub struct PoolFilter {
    /// Region subtree.
    pub region: Option<RegionCode>,
    /// Track code.
    pub track: Option<String>,
    /// Year.
    pub year: Option<i32>,
    /// `pool` or `reserve`.
    pub list: Option<String>,
    /// One enterprise.
    pub uscc: Option<String>,
}

fn select(scope: &Scope, f: &PoolFilter) -> sea_orm::Select<entry::Entity> {
    let mut s = entry::Entity::find().filter(super::scoped(
        scope,
        entry::Column::RegionCode,
        entry::Column::Uscc,
        f.region.as_ref(),
    ));
    if let Some(t) = &f.track {
        s = s.filter(entry::Column::Track.eq(t.as_str()));
    }
    if let Some(y) = f.year {
        s = s.filter(entry::Column::Year.eq(y));
    }
    if let Some(l) = &f.list {
        s = s.filter(entry::Column::List.eq(l.as_str()));
    }
    if let Some(u) = &f.uscc {
        s = s.filter(entry::Column::Uscc.eq(u.as_str()));
    }
    s
}

/// Adds an entry.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: entry::ActiveModel,
) -> Result<entry::Model, DbErr> {
    row.insert(conn).await
}

/// Saves an entry's changed columns (its exit).
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: entry::ActiveModel,
) -> Result<entry::Model, DbErr> {
    row.update(conn).await
}

/// An entry in scope.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<entry::Model>, DbErr> {
    select(scope, &PoolFilter::default())
        .filter(entry::Column::Id.eq(id))
        .one(conn)
        .await
}

/// Entries in scope, newest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &PoolFilter,
    page: PageRequest,
) -> Result<Page<entry::Model>, DbErr> {
    crate::page::newest_first(conn, select(scope, f), entry::Column::Id, page, |r| r.id).await
}

/// How many entries match (entered in the year, whether they have since left or not).
pub async fn count<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &PoolFilter,
) -> Result<u64, DbErr> {
    select(scope, f).count(conn).await
}

/// Matching entries counted by (region code, track, year, list), for the statistics table.
pub async fn grouped_counts<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &PoolFilter,
) -> Result<Vec<(String, String, i32, String, i64)>, DbErr> {
    select(scope, f)
        .select_only()
        .column(entry::Column::RegionCode)
        .column(entry::Column::Track)
        .column(entry::Column::Year)
        .column(entry::Column::List)
        .column_as(entry::Column::Id.count(), "n")
        .group_by(entry::Column::RegionCode)
        .group_by(entry::Column::Track)
        .group_by(entry::Column::Year)
        .group_by(entry::Column::List)
        .into_tuple()
        .all(conn)
        .await
}
