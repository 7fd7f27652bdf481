//! Applications (申报) and their append-only event log.

use crate::entity::{cultivation_application as application, cultivation_event as event};
use crate::page::{Page, PageRequest};
use policy::org::{RegionCode, Scope};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

/// What an application list or count is restricted to.
#[derive(Debug, Clone, Default)]
pub struct ApplicationFilter {
    /// Region subtree.
    pub region: Option<RegionCode>,
    /// Track code.
    pub track: Option<String>,
    /// Year.
    pub year: Option<i32>,
    /// Any of these states.
    pub states: Vec<String>,
    /// One enterprise.
    pub uscc: Option<String>,
    /// `new` or `re_review`.
    pub kind: Option<String>,
}

fn select(scope: &Scope, f: &ApplicationFilter) -> sea_orm::Select<application::Entity> {
    let mut s = application::Entity::find().filter(super::scoped(
        scope,
        application::Column::RegionCode,
        application::Column::Uscc,
        f.region.as_ref(),
    ));
    if let Some(t) = &f.track {
        s = s.filter(application::Column::Track.eq(t.as_str()));
    }
    if let Some(y) = f.year {
        s = s.filter(application::Column::Year.eq(y));
    }
    if !f.states.is_empty() {
        s = s.filter(application::Column::State.is_in(f.states.clone()));
    }
    if let Some(u) = &f.uscc {
        s = s.filter(application::Column::Uscc.eq(u.as_str()));
    }
    if let Some(k) = &f.kind {
        s = s.filter(application::Column::Kind.eq(k.as_str()));
    }
    s
}

/// Adds an application.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: application::ActiveModel,
) -> Result<application::Model, DbErr> {
    row.insert(conn).await
}

/// Saves an application's changed columns.
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: application::ActiveModel,
) -> Result<application::Model, DbErr> {
    row.update(conn).await
}

/// An application in scope.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<application::Model>, DbErr> {
    select(scope, &ApplicationFilter::default())
        .filter(application::Column::Id.eq(id))
        .one(conn)
        .await
}

/// Applications in scope, newest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &ApplicationFilter,
    page: PageRequest,
) -> Result<Page<application::Model>, DbErr> {
    crate::page::newest_first(conn, select(scope, f), application::Column::Id, page, |r| {
        r.id
    })
    .await
}

/// How many applications match.
pub async fn count<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &ApplicationFilter,
) -> Result<u64, DbErr> {
    select(scope, f).count(conn).await
}

/// The distinct campaigns of the matching applications.
pub async fn campaigns_of<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &ApplicationFilter,
) -> Result<u64, DbErr> {
    let ids: Vec<Option<i64>> = select(scope, f)
        .select_only()
        .column(application::Column::CampaignId)
        .distinct()
        .into_tuple()
        .all(conn)
        .await?;
    Ok(ids.into_iter().flatten().count() as u64)
}

/// Matching applications counted by (region code, track, year, state), for the statistics
/// table.
pub async fn grouped_counts<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &ApplicationFilter,
) -> Result<Vec<(String, String, i32, String, i64)>, DbErr> {
    select(scope, f)
        .select_only()
        .column(application::Column::RegionCode)
        .column(application::Column::Track)
        .column(application::Column::Year)
        .column(application::Column::State)
        .column_as(application::Column::Id.count(), "n")
        .group_by(application::Column::RegionCode)
        .group_by(application::Column::Track)
        .group_by(application::Column::Year)
        .group_by(application::Column::State)
        .into_tuple()
        .all(conn)
        .await
}

/// Appends an event.
pub async fn append_event<C: ConnectionTrait>(
    conn: &C,
    row: event::ActiveModel,
) -> Result<event::Model, DbErr> {
    row.insert(conn).await
}

/// An application's events, oldest first.
pub async fn events_of<C: ConnectionTrait>(
    conn: &C,
    application_id: i64,
) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::ApplicationId.eq(application_id))
        .order_by_asc(event::Column::Id)
        .all(conn)
        .await
}
