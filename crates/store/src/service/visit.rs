//! Visits (走访, 慰问) to enterprises.

use crate::entity::visit;
use crate::page::{Page, PageRequest};
use crate::scope::{ScopeColumns, condition};
use policy::org::Scope;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

fn visit_scope(scope: &Scope) -> Condition {
    condition(
        scope,
        ScopeColumns {
            region: Some(visit::Column::RegionCode),
            enterprise: Some(visit::Column::EnterpriseUscc),
            owner: Some(visit::Column::CreatedBy),
        },
    )
}

/// Records a visit.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: visit::ActiveModel,
) -> Result<visit::Model, DbErr> {
    row.insert(conn).await
}

/// A visit in scope.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<visit::Model>, DbErr> {
    visit::Entity::find_by_id(id)
        .filter(visit_scope(scope))
        .one(conn)
        .await
}

/// A page of visits in scope, newest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    page: PageRequest,
) -> Result<Page<visit::Model>, DbErr> {
    let mut s = visit::Entity::find().filter(visit_scope(scope));
    if let Some(after) = page.after() {
        s = s.filter(visit::Column::Id.lt(after));
    }
    let rows = s
        .order_by_desc(visit::Column::Id)
        .limit(page.limit() + 1)
        .all(conn)
        .await?;
    Ok(Page::from_overfetch(rows, page, |v| v.id))
}
