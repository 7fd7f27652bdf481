//! The `cultivation_rule_set` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `cultivation_rule_set`: one revision of a rule set (its TOML body).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cultivation_rule_set")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    /// 0 for a draft; 1, 2, … once published.
    pub revision: i32,
    pub tier: String,
    pub version: String,
    pub name: String,
    pub effective_from: Date,
    pub effective_to: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// `shipped` or `edited`.
    pub origin: String,
    /// `draft` or `published`.
    pub status: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
