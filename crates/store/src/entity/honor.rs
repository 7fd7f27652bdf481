//! The `honor` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `honor`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "honor")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub uscc: String,
    pub title: String,
    pub level: String,
    pub batch: String,
    pub year: i32,
    pub certificate_no: String,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub status: String,
    pub status_reason: String,
    pub source_document: String,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
