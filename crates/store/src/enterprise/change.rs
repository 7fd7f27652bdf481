//! Changes submitted by enterprise users, waiting for the county's confirmation.

use crate::enterprise::profile::scope_condition;
use crate::entity::{enterprise, enterprise_change};
use policy::org::Scope;
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QueryTrait,
};

/// Records a submitted change.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: enterprise_change::ActiveModel,
) -> Result<enterprise_change::Model, DbErr> {
    row.insert(conn).await
}

/// Saves a decision.
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: enterprise_change::ActiveModel,
) -> Result<enterprise_change::Model, DbErr> {
    row.update(conn).await
}

fn in_scope(scope: &Scope) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(enterprise::Column::Uscc)
        .from(enterprise::Entity)
        .cond_where(scope_condition(scope))
        .to_owned()
}

/// One change, if its enterprise is in scope.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<enterprise_change::Model>, DbErr> {
    enterprise_change::Entity::find_by_id(id)
        .filter(enterprise_change::Column::Uscc.in_subquery(in_scope(scope)))
        .one(conn)
        .await
}

/// Changes of enterprises in scope with a status, oldest first (a work queue).
pub async fn with_status<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    status: &str,
    uscc: Option<&str>,
) -> Result<Vec<enterprise_change::Model>, DbErr> {
    enterprise_change::Entity::find()
        .filter(enterprise_change::Column::Status.eq(status))
        .filter(enterprise_change::Column::Uscc.in_subquery(in_scope(scope)))
        .apply_if(uscc, |q, u| q.filter(enterprise_change::Column::Uscc.eq(u)))
        .order_by_asc(enterprise_change::Column::Id)
        .all(conn)
        .await
}
