//! The `evaluation_subject` table: a person who reports at a meeting, with the counters of their ratings (never who gave them).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `evaluation_subject`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_subject")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    pub seq: i32,
    pub name: String,
    pub position: String,
    pub organisation: String,
    pub good: i32,
    pub fairly_good: i32,
    pub fair: i32,
    pub poor: i32,
    pub score_sum: i64,
    pub score_count: i32,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
