//! The `key_project_plan` table: a key project's investment plan for one year (年度计划投资).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `key_project_plan`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "key_project_plan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub year: i32,
    pub planned_fen: i64,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
