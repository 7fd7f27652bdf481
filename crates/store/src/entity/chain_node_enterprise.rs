//! The `chain_node_enterprise` table: an enterprise attached to a node of a chain map in a role (链主 / 骨干 / 配套).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `chain_node_enterprise`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chain_node_enterprise")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub chain_id: i64,
    pub node_id: i64,
    pub enterprise_uscc: String,
    pub role: String,
    pub note: String,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
