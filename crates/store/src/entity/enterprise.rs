//! The `enterprise` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `enterprise`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprise")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub uscc: String,
    pub name: String,
    pub region_code: String,
    pub status: String,
    pub created_at: DateTimeUtc,
    /// JSON array of former names.
    #[sea_orm(column_type = "Text")]
    pub former_names: String,
    pub county_code: String,
    pub address: String,
    pub industry_code: String,
    pub size_class: Option<String>,
    /// How the size class was derived (rule version, year, thresholds), JSON.
    #[sea_orm(column_type = "Text")]
    pub size_basis: String,
    pub above_size: bool,
    pub above_size_since: Option<i32>,
    pub founded_on: Option<Date>,
    pub legal_rep: String,
    pub contact_name: String,
    pub contact_phone: String,
    #[sea_orm(column_type = "Text")]
    pub main_products: String,
    #[sea_orm(column_type = "Text")]
    pub niche_market: String,
    pub niche_since_year: Option<i32>,
    pub strategic_emerging: bool,
    /// Test laboratories, production lines, industry-university-research bases, JSON.
    #[sea_orm(column_type = "Text")]
    pub capabilities: String,
    pub status_date: Option<Date>,
    pub status_reason: String,
    pub updated_at: Option<DateTimeUtc>,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
