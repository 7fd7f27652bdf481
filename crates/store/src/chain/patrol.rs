//! Leaders' patrols of a chain (问链 / 巡链 / 诊链), the enterprises visited and the tickets
//! raised from the problems found.

use super::chain_ids_in;
use crate::entity::{chain_patrol, chain_patrol_enterprise, chain_patrol_ticket};
use policy::org::Scope;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// Inserts a patrol.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: chain_patrol::ActiveModel,
) -> Result<chain_patrol::Model, DbErr> {
    row.insert(conn).await
}

/// Saves a patrol's changed columns (the follow-up).
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: chain_patrol::ActiveModel,
) -> Result<chain_patrol::Model, DbErr> {
    row.update(conn).await
}

/// One patrol of a chain in scope.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    chain_id: i64,
    id: i64,
) -> Result<Option<chain_patrol::Model>, DbErr> {
    chain_patrol::Entity::find_by_id(id)
        .filter(chain_patrol::Column::ChainId.eq(chain_id))
        .filter(chain_patrol::Column::ChainId.in_subquery(chain_ids_in(scope)))
        .one(conn)
        .await
}

/// The patrols of a chain in scope, newest first.
pub async fn of_chain<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    chain_id: i64,
) -> Result<Vec<chain_patrol::Model>, DbErr> {
    chain_patrol::Entity::find()
        .filter(chain_patrol::Column::ChainId.eq(chain_id))
        .filter(chain_patrol::Column::ChainId.in_subquery(chain_ids_in(scope)))
        .order_by_desc(chain_patrol::Column::PatrolledOn)
        .order_by_desc(chain_patrol::Column::Id)
        .all(conn)
        .await
}

/// Records the enterprises visited on a patrol.
pub async fn add_enterprises<C: ConnectionTrait>(
    conn: &C,
    patrol_id: i64,
    usccs: &[String],
) -> Result<(), DbErr> {
    if usccs.is_empty() {
        return Ok(());
    }
    let rows: Vec<chain_patrol_enterprise::ActiveModel> = usccs
        .iter()
        .map(|u| chain_patrol_enterprise::ActiveModel {
            patrol_id: sea_orm::Set(patrol_id),
            enterprise_uscc: sea_orm::Set(u.clone()),
            ..Default::default()
        })
        .collect();
    chain_patrol_enterprise::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await
        .map(|_| ())
}

/// Tags a ticket with the patrol (and chain) that raised it.
pub async fn tag_ticket<C: ConnectionTrait>(
    conn: &C,
    patrol_id: i64,
    chain_id: i64,
    ticket_id: i64,
) -> Result<(), DbErr> {
    chain_patrol_ticket::ActiveModel {
        patrol_id: sea_orm::Set(patrol_id),
        chain_id: sea_orm::Set(chain_id),
        ticket_id: sea_orm::Set(ticket_id),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map(|_| ())
}

/// The enterprises visited on the given patrols: (patrol id, code).
pub async fn enterprises_of<C: ConnectionTrait>(
    conn: &C,
    patrol_ids: &[i64],
) -> Result<Vec<(i64, String)>, DbErr> {
    chain_patrol_enterprise::Entity::find()
        .select_only()
        .column(chain_patrol_enterprise::Column::PatrolId)
        .column(chain_patrol_enterprise::Column::EnterpriseUscc)
        .filter(chain_patrol_enterprise::Column::PatrolId.is_in(patrol_ids.to_vec()))
        .order_by_asc(chain_patrol_enterprise::Column::Id)
        .into_tuple()
        .all(conn)
        .await
}

/// The tickets raised from a chain's patrols: (patrol id, ticket id).
pub async fn tickets_of_chain<C: ConnectionTrait>(
    conn: &C,
    chain_id: i64,
) -> Result<Vec<(i64, i64)>, DbErr> {
    chain_patrol_ticket::Entity::find()
        .select_only()
        .column(chain_patrol_ticket::Column::PatrolId)
        .column(chain_patrol_ticket::Column::TicketId)
        .filter(chain_patrol_ticket::Column::ChainId.eq(chain_id))
        .order_by_asc(chain_patrol_ticket::Column::Id)
        .into_tuple()
        .all(conn)
        .await
}

/// The tickets raised from a chain's patrols (the patrol's follow-up shows where they stand).
pub async fn ticket_rows<C: ConnectionTrait>(
    conn: &C,
    chain_id: i64,
) -> Result<Vec<crate::entity::ticket::Model>, DbErr> {
    use crate::entity::ticket;
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let tagged = Query::select()
        .column(chain_patrol_ticket::Column::TicketId)
        .from(chain_patrol_ticket::Entity)
        .and_where(Expr::col(chain_patrol_ticket::Column::ChainId).eq(chain_id))
        .to_owned();
    ticket::Entity::find()
        .filter(Expr::col(ticket::Column::Id).in_subquery(tagged))
        .all(conn)
        .await
}
