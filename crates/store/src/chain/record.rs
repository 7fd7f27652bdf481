//! Chains and their leaders (a chain's yearly target is a statistics target of kind `chain`).

use super::{chain_ids_in, chain_scope};
use crate::entity::{chain, chain_leader};
use crate::scope::code_prefix;
use policy::org::Scope;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// Inserts a chain.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: chain::ActiveModel,
) -> Result<chain::Model, DbErr> {
    row.insert(conn).await
}

/// Saves a chain's changed columns.
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: chain::ActiveModel,
) -> Result<chain::Model, DbErr> {
    row.update(conn).await
}

/// A chain the scope admits.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<chain::Model>, DbErr> {
    chain::Entity::find_by_id(id)
        .filter(chain_scope(scope))
        .one(conn)
        .await
}

/// Whether a code is taken, whatever the scope (codes are unique across the platform).
pub async fn code_taken<C: ConnectionTrait>(conn: &C, code: &str) -> Result<bool, DbErr> {
    Ok(chain::Entity::find()
        .select_only()
        .column(chain::Column::Id)
        .filter(chain::Column::Code.eq(code))
        .into_tuple::<i64>()
        .one(conn)
        .await?
        .is_some())
}

/// The active chains in scope, optionally within a region's subtree, by region and code.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    region_prefix: Option<&str>,
) -> Result<Vec<chain::Model>, DbErr> {
    let mut s = chain::Entity::find()
        .filter(chain_scope(scope))
        .filter(chain::Column::Status.eq("active"));
    if let Some(p) = region_prefix.filter(|p| !p.is_empty()) {
        s = s.filter(code_prefix(chain::Column::RegionCode, p));
    }
    s.order_by_asc(chain::Column::RegionCode)
        .order_by_asc(chain::Column::Code)
        .all(conn)
        .await
}

/// The leaders of chains in scope, in each chain's order.
pub async fn leaders_of<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    chain_ids: &[i64],
) -> Result<Vec<chain_leader::Model>, DbErr> {
    chain_leader::Entity::find()
        .filter(chain_leader::Column::ChainId.is_in(chain_ids.to_vec()))
        .filter(chain_leader::Column::ChainId.in_subquery(chain_ids_in(scope)))
        .order_by_asc(chain_leader::Column::ChainId)
        .order_by_asc(chain_leader::Column::Position)
        .order_by_asc(chain_leader::Column::Id)
        .all(conn)
        .await
}

/// Replaces a chain's leaders (the caller has checked the chain is in scope).
pub async fn replace_leaders<C: ConnectionTrait>(
    conn: &C,
    chain_id: i64,
    rows: Vec<chain_leader::ActiveModel>,
) -> Result<(), DbErr> {
    chain_leader::Entity::delete_many()
        .filter(chain_leader::Column::ChainId.eq(chain_id))
        .exec(conn)
        .await?;
    if !rows.is_empty() {
        chain_leader::Entity::insert_many(rows)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}
