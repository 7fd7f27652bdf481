//! The map of a chain: its nodes and the enterprises attached to them.

use super::chain_ids_in;
use crate::entity::{chain_node, chain_node_enterprise};
use policy::org::Scope;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// The nodes of a chain in scope, in drawing order (segment order is the caller's; here by
/// position, then id).
pub async fn nodes_of<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    chain_id: i64,
) -> Result<Vec<chain_node::Model>, DbErr> {
    chain_node::Entity::find()
        .filter(chain_node::Column::ChainId.eq(chain_id))
        .filter(chain_node::Column::ChainId.in_subquery(chain_ids_in(scope)))
        .order_by_asc(chain_node::Column::Position)
        .order_by_asc(chain_node::Column::Id)
        .all(conn)
        .await
}

/// One node of a chain in scope.
pub async fn find_node<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    chain_id: i64,
    node_id: i64,
) -> Result<Option<chain_node::Model>, DbErr> {
    chain_node::Entity::find_by_id(node_id)
        .filter(chain_node::Column::ChainId.eq(chain_id))
        .filter(chain_node::Column::ChainId.in_subquery(chain_ids_in(scope)))
        .one(conn)
        .await
}

/// Inserts a node.
pub async fn insert_node<C: ConnectionTrait>(
    conn: &C,
    row: chain_node::ActiveModel,
) -> Result<chain_node::Model, DbErr> {
    row.insert(conn).await
}

/// Inserts many nodes (the demo and benchmarks), returning nothing.
pub async fn insert_nodes<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<chain_node::ActiveModel>,
) -> Result<(), DbErr> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        chain_node::Entity::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Saves a node's changed columns.
pub async fn update_node<C: ConnectionTrait>(
    conn: &C,
    row: chain_node::ActiveModel,
) -> Result<chain_node::Model, DbErr> {
    row.update(conn).await
}

/// Sets the segment of the given nodes (a moved subtree takes its new parent's segment).
pub async fn set_segment<C: ConnectionTrait>(
    conn: &C,
    chain_id: i64,
    node_ids: &[i64],
    segment: &str,
) -> Result<(), DbErr> {
    if node_ids.is_empty() {
        return Ok(());
    }
    chain_node::Entity::update_many()
        .col_expr(
            chain_node::Column::Segment,
            sea_orm::sea_query::Expr::value(segment),
        )
        .filter(chain_node::Column::ChainId.eq(chain_id))
        .filter(chain_node::Column::Id.is_in(node_ids.to_vec()))
        .exec(conn)
        .await
        .map(|_| ())
}

/// Deletes a node and the enterprise links on it (the caller has refused a node with
/// children and recorded what goes in the audit log).
pub async fn delete_node<C: ConnectionTrait>(
    conn: &C,
    chain_id: i64,
    node_id: i64,
) -> Result<(), DbErr> {
    chain_node_enterprise::Entity::delete_many()
        .filter(chain_node_enterprise::Column::ChainId.eq(chain_id))
        .filter(chain_node_enterprise::Column::NodeId.eq(node_id))
        .exec(conn)
        .await?;
    chain_node::Entity::delete_many()
        .filter(chain_node::Column::ChainId.eq(chain_id))
        .filter(chain_node::Column::Id.eq(node_id))
        .exec(conn)
        .await
        .map(|_| ())
}

/// An enterprise on a node, as the map and the figures read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    /// The node.
    pub node_id: i64,
    /// The enterprise.
    pub enterprise_uscc: String,
    /// Its role there.
    pub role: String,
}

/// Node, enterprise and role of a chain's links in scope, by node then insertion: what both
/// link readers select.
fn links_in(scope: &Scope, chain_id: i64) -> sea_orm::Select<chain_node_enterprise::Entity> {
    chain_node_enterprise::Entity::find()
        .select_only()
        .column(chain_node_enterprise::Column::NodeId)
        .column(chain_node_enterprise::Column::EnterpriseUscc)
        .column(chain_node_enterprise::Column::Role)
        .filter(chain_node_enterprise::Column::ChainId.eq(chain_id))
        .filter(chain_node_enterprise::Column::ChainId.in_subquery(chain_ids_in(scope)))
        .order_by_asc(chain_node_enterprise::Column::NodeId)
        .order_by_asc(chain_node_enterprise::Column::Id)
}

/// The enterprise links of a chain in scope, by node, without the registry facts: a chain
/// read again after a map edit keeps the facts it already has and reads only those of
/// enterprises new on the map.
pub async fn links_of<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    chain_id: i64,
) -> Result<Vec<LinkRow>, DbErr> {
    let rows: Vec<(i64, String, String)> = links_in(scope, chain_id).into_tuple().all(conn).await?;
    Ok(rows
        .into_iter()
        .map(|(node_id, enterprise_uscc, role)| LinkRow {
            node_id,
            enterprise_uscc,
            role,
        })
        .collect())
}

/// The enterprise links of a chain in scope, by node, each with the enterprise's name and
/// region when it is in the registry: the map, the figures and the gaps read both, so one
/// statement (a join on the enterprise's key) reads them together.
pub async fn links_with_facts<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    chain_id: i64,
) -> Result<Vec<(LinkRow, Option<super::facts::EnterpriseFacts>)>, DbErr> {
    use crate::entity::enterprise;
    use sea_orm::JoinType;
    use sea_orm::sea_query::Expr;
    let to_enterprise = chain_node_enterprise::Entity::belongs_to(enterprise::Entity)
        .from(chain_node_enterprise::Column::EnterpriseUscc)
        .to(enterprise::Column::Uscc)
        .into();
    /// Node, enterprise, role, and the enterprise's name and region (none when absent).
    type Row = (i64, String, String, Option<String>, Option<String>);
    let rows: Vec<Row> = links_in(scope, chain_id)
        .column_as(
            Expr::col((enterprise::Entity, enterprise::Column::Name)),
            "name",
        )
        .column_as(
            Expr::col((enterprise::Entity, enterprise::Column::RegionCode)),
            "region_code",
        )
        .join(JoinType::LeftJoin, to_enterprise)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(node_id, uscc, role, name, region_code)| {
            let facts =
                name.zip(region_code)
                    .map(|(name, region_code)| super::facts::EnterpriseFacts {
                        uscc: uscc.clone(),
                        name,
                        region_code,
                    });
            (
                LinkRow {
                    node_id,
                    enterprise_uscc: uscc,
                    role,
                },
                facts,
            )
        })
        .collect())
}

/// `SELECT enterprise_uscc FROM chain_node_enterprise WHERE chain_id = ?`: the enterprises on
/// a chain's map, as a subquery.
pub fn usccs_on_chain(chain_id: i64) -> sea_orm::sea_query::SelectStatement {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    Query::select()
        .column(chain_node_enterprise::Column::EnterpriseUscc)
        .from(chain_node_enterprise::Entity)
        .and_where(Expr::col(chain_node_enterprise::Column::ChainId).eq(chain_id))
        .to_owned()
}

/// The link of one enterprise to one node, if any.
pub async fn find_link<C: ConnectionTrait>(
    conn: &C,
    chain_id: i64,
    node_id: i64,
    uscc: &str,
) -> Result<Option<chain_node_enterprise::Model>, DbErr> {
    chain_node_enterprise::Entity::find()
        .filter(chain_node_enterprise::Column::ChainId.eq(chain_id))
        .filter(chain_node_enterprise::Column::NodeId.eq(node_id))
        .filter(chain_node_enterprise::Column::EnterpriseUscc.eq(uscc))
        .one(conn)
        .await
}

/// Attaches an enterprise to a node.
pub async fn insert_link<C: ConnectionTrait>(
    conn: &C,
    row: chain_node_enterprise::ActiveModel,
) -> Result<chain_node_enterprise::Model, DbErr> {
    row.insert(conn).await
}

/// Attaches many enterprises (the demo and benchmarks).
pub async fn insert_links<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<chain_node_enterprise::ActiveModel>,
) -> Result<(), DbErr> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        chain_node_enterprise::Entity::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Saves a link's changed columns (its role).
pub async fn update_link<C: ConnectionTrait>(
    conn: &C,
    row: chain_node_enterprise::ActiveModel,
) -> Result<chain_node_enterprise::Model, DbErr> {
    row.update(conn).await
}

/// Detaches an enterprise from a node.
pub async fn delete_link<C: ConnectionTrait>(conn: &C, link_id: i64) -> Result<(), DbErr> {
    chain_node_enterprise::Entity::delete_by_id(link_id)
        .exec(conn)
        .await
        .map(|_| ())
}

/// The distinct enterprises on the given chains in scope.
pub async fn enterprises_on<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    chain_ids: &[i64],
) -> Result<Vec<(i64, String)>, DbErr> {
    chain_node_enterprise::Entity::find()
        .select_only()
        .column(chain_node_enterprise::Column::ChainId)
        .column(chain_node_enterprise::Column::EnterpriseUscc)
        .distinct()
        .filter(chain_node_enterprise::Column::ChainId.is_in(chain_ids.to_vec()))
        .filter(chain_node_enterprise::Column::ChainId.in_subquery(chain_ids_in(scope)))
        .into_tuple::<(i64, String)>()
        .all(conn)
        .await
}
