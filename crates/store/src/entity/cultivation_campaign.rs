//! The `cultivation_campaign` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `cultivation_campaign`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cultivation_campaign")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub track: String,
    pub year: i32,
    pub name: String,
    pub region_code: String,
    pub opens_on: Date,
    pub closes_on: Date,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
