//! Investment targets of a chain's gaps and their append-only stage log.

use super::chain_ids_in;
use crate::entity::{chain_investment_event, chain_investment_target};
use policy::org::Scope;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

/// Inserts a target.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: chain_investment_target::ActiveModel,
) -> Result<chain_investment_target::Model, DbErr> {
    row.insert(conn).await
}

/// Saves a target's changed columns.
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: chain_investment_target::ActiveModel,
) -> Result<chain_investment_target::Model, DbErr> {
    row.update(conn).await
}

/// One target of a chain in scope.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    chain_id: i64,
    id: i64,
) -> Result<Option<chain_investment_target::Model>, DbErr> {
    chain_investment_target::Entity::find_by_id(id)
        .filter(chain_investment_target::Column::ChainId.eq(chain_id))
        .filter(chain_investment_target::Column::ChainId.in_subquery(chain_ids_in(scope)))
        .one(conn)
        .await
}

/// The targets of a chain in scope, oldest first.
pub async fn of_chain<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    chain_id: i64,
) -> Result<Vec<chain_investment_target::Model>, DbErr> {
    chain_investment_target::Entity::find()
        .filter(chain_investment_target::Column::ChainId.eq(chain_id))
        .filter(chain_investment_target::Column::ChainId.in_subquery(chain_ids_in(scope)))
        .order_by_asc(chain_investment_target::Column::Id)
        .all(conn)
        .await
}

/// How many targets sit on a node (a node with targets is not removed silently).
pub async fn count_on_node<C: ConnectionTrait>(conn: &C, node_id: i64) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    chain_investment_target::Entity::find()
        .filter(chain_investment_target::Column::NodeId.eq(node_id))
        .count(conn)
        .await
}

/// Appends a step to a target's log.
pub async fn append<C: ConnectionTrait>(
    conn: &C,
    row: chain_investment_event::ActiveModel,
) -> Result<chain_investment_event::Model, DbErr> {
    row.insert(conn).await
}

/// The logs of the given targets, oldest first.
pub async fn events_of<C: ConnectionTrait>(
    conn: &C,
    target_ids: &[i64],
) -> Result<Vec<chain_investment_event::Model>, DbErr> {
    chain_investment_event::Entity::find()
        .filter(chain_investment_event::Column::TargetId.is_in(target_ids.to_vec()))
        .order_by_asc(chain_investment_event::Column::Id)
        .all(conn)
        .await
}
