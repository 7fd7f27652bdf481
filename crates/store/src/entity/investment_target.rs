//! The `investment_target` table: an investment-attraction project (招商项目). Stage, figures and dates are those approved; `pending_stage` is a report waiting for review.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `investment_target`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "investment_target")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub investor: String,
    pub region_code: String,
    pub enterprise_uscc: Option<String>,
    pub industry_code: Option<String>,
    pub chain_node: Option<String>,
    pub stage: Option<String>,
    pub pending_stage: Option<String>,
    pub planned_fen: i64,
    pub in_place_fen: i64,
    pub signed_on: Option<Date>,
    pub started_on: Option<Date>,
    pub in_production_on: Option<Date>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
