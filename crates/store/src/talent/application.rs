//! Applications within scope, their append-only event log and the recommendation places.

use crate::entity::{
    talent_application as app, talent_event as event, talent_recommendation as rec,
};
use crate::scope::{ScopeColumns, condition};
use policy::org::Scope;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

/// The scope condition of applications: the enterprise's region, the enterprise itself, or
/// the user who created it.
pub fn scope_condition(scope: &Scope) -> Condition {
    condition(
        scope,
        ScopeColumns {
            region: Some(app::Column::RegionCode),
            enterprise: Some(app::Column::Uscc),
            owner: Some(app::Column::CreatedBy),
        },
    )
}

/// Inserts an application.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: app::ActiveModel,
) -> Result<app::Model, DbErr> {
    row.insert(conn).await
}

/// Saves changed columns.
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: app::ActiveModel,
) -> Result<app::Model, DbErr> {
    row.update(conn).await
}

/// One application, if the scope admits it.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<app::Model>, DbErr> {
    app::Entity::find_by_id(id)
        .filter(scope_condition(scope))
        .one(conn)
        .await
}

/// Filters of the application list.
#[derive(Debug, Clone, Default)]
pub struct ApplicationFilter {
    /// Review year.
    pub year: Option<i32>,
    /// State code.
    pub state: Option<String>,
    /// Enterprise.
    pub uscc: Option<String>,
    /// Region subtree (code prefix).
    pub region: Option<String>,
    /// Meeting.
    pub meeting_id: Option<i64>,
}

/// Applications in scope, newest first, at most `limit`.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &ApplicationFilter,
    limit: u64,
) -> Result<Vec<app::Model>, DbErr> {
    let mut q = app::Entity::find().filter(scope_condition(scope));
    if let Some(y) = f.year {
        q = q.filter(app::Column::Year.eq(y));
    }
    if let Some(s) = &f.state {
        q = q.filter(app::Column::State.eq(s.clone()));
    }
    if let Some(u) = &f.uscc {
        q = q.filter(app::Column::Uscc.eq(u.clone()));
    }
    if let Some(r) = &f.region {
        q = q.filter(crate::scope::code_prefix(app::Column::RegionCode, r));
    }
    if let Some(m) = f.meeting_id {
        q = q.filter(app::Column::MeetingId.eq(m));
    }
    q.order_by_desc(app::Column::Id)
        .limit(limit)
        .all(conn)
        .await
}

/// Appends one event.
pub async fn append_event<C: ConnectionTrait>(
    conn: &C,
    row: event::ActiveModel,
) -> Result<event::Model, DbErr> {
    row.insert(conn).await
}

/// The events of an application, oldest first.
pub async fn events<C: ConnectionTrait>(
    conn: &C,
    application_id: i64,
) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::ApplicationId.eq(application_id))
        .order_by_asc(event::Column::Id)
        .all(conn)
        .await
}

/// The recommendation places an enterprise has taken in a year, by slot.
pub async fn recommendations<C: ConnectionTrait>(
    conn: &C,
    uscc: &str,
    year: i32,
) -> Result<Vec<rec::Model>, DbErr> {
    rec::Entity::find()
        .filter(rec::Column::Uscc.eq(uscc))
        .filter(rec::Column::Year.eq(year))
        .order_by_asc(rec::Column::Slot)
        .all(conn)
        .await
}

/// The recommendation of an application, if it came by that route.
pub async fn recommendation_of<C: ConnectionTrait>(
    conn: &C,
    application_id: i64,
) -> Result<Option<rec::Model>, DbErr> {
    rec::Entity::find()
        .filter(rec::Column::ApplicationId.eq(application_id))
        .one(conn)
        .await
}

/// Takes a place. The unique key on (enterprise, year, slot) refuses a second writer of the
/// same slot, whatever the engine's isolation.
pub async fn take_place<C: ConnectionTrait>(
    conn: &C,
    row: rec::ActiveModel,
) -> Result<rec::Model, DbErr> {
    row.insert(conn).await
}

/// Applications in scope with the given state count (for the workbench).
pub async fn count_in_state<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    state: &str,
) -> Result<u64, DbErr> {
    app::Entity::find()
        .filter(scope_condition(scope))
        .filter(app::Column::State.eq(state))
        .count(conn)
        .await
}

/// Every application of a year in scope whose enterprise lies in the region subtree `prefix`.
pub async fn all_of_year<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    year: i32,
    prefix: &str,
) -> Result<Vec<app::Model>, DbErr> {
    app::Entity::find()
        .filter(scope_condition(scope))
        .filter(app::Column::Year.eq(year))
        .filter(crate::scope::code_prefix(app::Column::RegionCode, prefix))
        .all(conn)
        .await
}

/// The honors of the programme's tiers (专精特新, little giants, single champions) of the
/// enterprises in scope in the region subtree `prefix`, with their enterprise's code.
pub async fn tier_honors<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    prefix: &str,
) -> Result<Vec<(String, crate::entity::honor::Model)>, DbErr> {
    use crate::entity::{enterprise, honor};
    use sea_orm::sea_query::Query;
    let enterprises = Query::select()
        .column(enterprise::Column::Uscc)
        .from(enterprise::Entity)
        .cond_where(
            Condition::all()
                .add(crate::enterprise::profile::scope_condition(scope))
                .add(crate::scope::code_prefix(
                    enterprise::Column::RegionCode,
                    prefix,
                )),
        )
        .to_owned();
    Ok(honor::Entity::find()
        .filter(honor::Column::Uscc.in_subquery(enterprises))
        .filter(honor::Column::Title.is_in([
            "specialized",
            "little_giant",
            "key_little_giant",
            "single_champion",
        ]))
        .all(conn)
        .await?
        .into_iter()
        .map(|h| (h.uscc.clone(), h))
        .collect())
}
