//! The `enterprise_change` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `enterprise_change`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprise_change")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub uscc: String,
    pub kind: String,
    pub year: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub diff: String,
    pub submitted_by: i64,
    pub submitted_at: DateTimeUtc,
    pub status: String,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    pub reason: String,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
