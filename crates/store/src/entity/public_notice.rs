//! The `public_notice` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `public_notice`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "public_notice")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub subject_kind: String,
    pub subject_id: i64,
    pub region_code: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    #[sea_orm(column_type = "Text")]
    pub items: String,
    pub working_days: i32,
    pub start_date: Date,
    pub end_date: Date,
    pub status: String,
    pub opened_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
