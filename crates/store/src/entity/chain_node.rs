//! The `chain_node` table: a node of a chain map (图谱): a link or a product, under a segment or another node.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `chain_node`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chain_node")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub chain_id: i64,
    pub parent_id: Option<i64>,
    pub segment: String,
    pub kind: String,
    pub name: String,
    pub position: i32,
    pub note: String,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
