//! Honors near or past the end of their validity.

use crate::entity::{enterprise, honor};
use crate::scope::{ScopeColumns, condition};
use chrono::NaiveDate;
use policy::org::Scope;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
};

/// The codes of the enterprises in scope, as a subquery.
fn enterprises_in(scope: &Scope) -> sea_orm::sea_query::SelectStatement {
    enterprise::Entity::find()
        .filter(condition(
            scope,
            ScopeColumns {
                region: Some(enterprise::Column::RegionCode),
                enterprise: Some(enterprise::Column::Uscc),
                owner: None,
            },
        ))
        .select_only()
        .column(enterprise::Column::Uscc)
        .into_query()
}

/// Valid honors of enterprises in scope whose validity ends between `from` and `until`
/// (inclusive), soonest first, of the given titles.
pub async fn due<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    titles: &[&str],
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<honor::Model>, DbErr> {
    let in_scope = enterprises_in(scope);
    honor::Entity::find()
        .filter(honor::Column::Status.eq("valid"))
        .filter(honor::Column::Title.is_in(titles.iter().map(|t| t.to_string())))
        .filter(honor::Column::ValidTo.gte(from))
        .filter(honor::Column::ValidTo.lte(until))
        .filter(honor::Column::Uscc.in_subquery(in_scope))
        .order_by_asc(honor::Column::ValidTo)
        .order_by_asc(honor::Column::Id)
        .limit(1000)
        .all(conn)
        .await
}

/// One honor, if the scope admits its enterprise.
pub async fn honor_in<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<honor::Model>, DbErr> {
    let in_scope = enterprises_in(scope);
    honor::Entity::find_by_id(id)
        .filter(honor::Column::Uscc.in_subquery(in_scope))
        .one(conn)
        .await
}

/// Honors still marked valid whose validity ended before `today`.
pub async fn lapsed<C: ConnectionTrait>(
    conn: &C,
    today: NaiveDate,
) -> Result<Vec<honor::Model>, DbErr> {
    honor::Entity::find()
        .filter(honor::Column::Status.eq("valid"))
        .filter(honor::Column::ValidTo.lt(today))
        .order_by_asc(honor::Column::Id)
        .all(conn)
        .await
}

/// How many honors of `title` won in `year` enterprises in scope (and in the region subtree)
/// hold, whatever their status now.
pub async fn count_won<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    region: Option<&policy::org::RegionCode>,
    title: &str,
    year: i32,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    let in_scope = enterprise::Entity::find()
        .filter(super::scoped(
            scope,
            enterprise::Column::RegionCode,
            enterprise::Column::Uscc,
            region,
        ))
        .select_only()
        .column(enterprise::Column::Uscc)
        .into_query();
    honor::Entity::find()
        .filter(honor::Column::Title.eq(title))
        .filter(honor::Column::Year.eq(year))
        .filter(honor::Column::Uscc.in_subquery(in_scope))
        .count(conn)
        .await
}
