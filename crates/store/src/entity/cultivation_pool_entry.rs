//! The `cultivation_pool_entry` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `cultivation_pool_entry`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cultivation_pool_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub uscc: String,
    pub region_code: String,
    pub track: String,
    pub year: i32,
    pub list: String,
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub entry_reason: String,
    #[sea_orm(column_type = "Text")]
    pub exit_reason: String,
    pub entered_on: Date,
    pub exited_on: Option<Date>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
