//! The `chain_target` table: a chain's output target for a year (interim, until the statistics context's chain targets are merged).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `chain_target`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chain_target")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub chain_id: i64,
    pub year: i32,
    pub target_fen: i64,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
