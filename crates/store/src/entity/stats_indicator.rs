//! The `stats_indicator` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `stats_indicator`: one indicator card.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stats_indicator")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub unit_zh: String,
    pub unit_en: String,
    pub decimals: i16,
    pub money: bool,
    #[sea_orm(column_type = "Text")]
    pub definition_zh: String,
    #[sea_orm(column_type = "Text")]
    pub definition_en: String,
    pub lead_department: String,
    pub frequency: String,
    pub owner: String,
    pub higher_is_better: bool,
    pub negative_allowed: bool,
    pub red_below_yoy: Option<i64>,
    pub orange_below_yoy: Option<i64>,
    pub min_reporting_pct: Option<i64>,
    pub max_abs_yoy: Option<i64>,
    pub is_default: bool,
    pub sort: i32,
    /// `shipped` (from the rule file) or `edited` (an administrator changed it).
    pub source: String,
    pub revision: i32,
    pub updated_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
