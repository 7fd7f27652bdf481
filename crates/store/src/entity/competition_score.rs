//! The `competition_score` table: a judge's rubric score of a project in a round.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `competition_score`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "competition_score")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub competition_id: i64,
    pub round: String,
    pub project_id: i64,
    pub expert_id: i64,
    pub criteria: String,
    pub total: i32,
    pub comment: String,
    pub at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
