//! The `cultivation_assessment` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `cultivation_assessment`: one assessment with its inputs and result as JSON.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cultivation_assessment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub uscc: String,
    pub region_code: String,
    pub tier: String,
    pub year: i32,
    pub rule_set_id: i64,
    pub rule_set_code: String,
    pub rule_set_revision: i32,
    pub rule_version: String,
    pub assessed_on: Date,
    /// The input snapshot (`policy::cultivation::Inputs`), JSON.
    #[sea_orm(column_type = "Text")]
    pub inputs: String,
    /// The assessment (`policy::cultivation::Assessment`), JSON.
    #[sea_orm(column_type = "Text")]
    pub result: String,
    pub verdict: String,
    pub qualified: bool,
    pub total: i32,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
