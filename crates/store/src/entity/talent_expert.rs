//! The `talent_expert` table: an expert of the pool (评审专家库).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `talent_expert`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "talent_expert")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub employer_uscc: String,
    pub employer_name: String,
    pub series: String,
    pub specialty: String,
    #[sea_orm(column_type = "Text")]
    pub conflicts: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
