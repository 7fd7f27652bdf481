//! The `competition_interest` table: an interest a judge declared in a project (a conflict).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `competition_interest`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "competition_interest")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub competition_id: i64,
    pub expert_id: i64,
    pub project_id: i64,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
