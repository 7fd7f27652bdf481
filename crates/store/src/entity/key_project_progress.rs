//! The `key_project_progress` table: investment a key project completed in one month (月度完成投资).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `key_project_progress`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "key_project_progress")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub year: i32,
    pub month: i32,
    pub invested_fen: i64,
    pub recorded_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
