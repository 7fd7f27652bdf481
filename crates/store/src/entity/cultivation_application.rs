//! The `cultivation_application` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `cultivation_application`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cultivation_application")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub campaign_id: Option<i64>,
    pub uscc: String,
    pub region_code: String,
    pub track: String,
    pub year: i32,
    pub kind: String,
    pub state: String,
    pub assessment_id: Option<i64>,
    pub renews_honor_id: Option<i64>,
    pub honor_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub evidence: String,
    pub pledge_truthful: bool,
    pub pledge_compliant: bool,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
