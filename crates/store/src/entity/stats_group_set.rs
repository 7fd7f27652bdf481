//! The `stats_group_set` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `stats_group_set`: a named set of enterprise groups used in a region.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stats_group_set")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub region_code: String,
    /// The groups, JSON: `[{"code","name_zh","name_en","prefixes":[…]}]`.
    #[sea_orm(column_type = "Text")]
    pub groups: String,
    pub sort: i32,
    pub source: String,
    pub updated_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
