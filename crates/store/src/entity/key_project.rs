//! The `key_project` table: a key project (重点项目) with its level, stage and stage dates.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `key_project`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "key_project")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub level: String,
    pub region_code: String,
    pub enterprise_uscc: Option<String>,
    pub industry_code: String,
    pub total_investment_fen: Option<i64>,
    pub construction: String,
    pub stage: String,
    pub started_on: Option<Date>,
    pub completed_on: Option<Date>,
    pub in_production_on: Option<Date>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
