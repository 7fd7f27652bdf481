//! The `evaluation_code` table: a one-time rating code of a meeting: only its hash and whether it was used.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `evaluation_code`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_code")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    pub code_hash: String,
    pub used: bool,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
