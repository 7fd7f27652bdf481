//! The `financial` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `financial`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "financial")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub uscc: String,
    pub year: i32,
    pub revenue_fen: Option<i64>,
    pub main_revenue_fen: Option<i64>,
    pub rd_expense_fen: Option<i64>,
    pub net_profit_fen: Option<i64>,
    pub total_assets_fen: Option<i64>,
    pub total_liabilities_fen: Option<i64>,
    pub staff: Option<i32>,
    pub rd_staff: Option<i32>,
    pub tech_staff: Option<i32>,
    pub equity_financing_fen: Option<i64>,
    pub ip_class1_high_value: Option<i32>,
    pub ip_class1_self_developed: Option<i32>,
    pub ip_class1: Option<i32>,
    pub ip_class2: Option<i32>,
    pub invention_patents: Option<i32>,
    pub utility_models: Option<i32>,
    pub software_copyrights: Option<i32>,
    pub digital_level: Option<i32>,
    pub rd_institution_level: Option<String>,
    pub quality_award: bool,
    pub quality_certification: bool,
    pub own_brand: bool,
    pub standard_drafting: bool,
    pub data_source: String,
    pub confirmed_by: String,
    pub updated_at: Option<DateTimeUtc>,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
