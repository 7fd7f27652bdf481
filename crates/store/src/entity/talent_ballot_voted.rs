//! The `talent_ballot_voted` table: that an expert has voted in a meeting (never how).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `talent_ballot_voted`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "talent_ballot_voted")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    pub expert_id: i64,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
