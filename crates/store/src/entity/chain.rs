//! The `chain` table: an industry chain (产业链) with its lead department, working group and policy plan (一链一策).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `chain`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chain")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub region_code: String,
    pub industry: String,
    pub lead_department_id: Option<i64>,
    pub working_group: String,
    pub plan_title: String,
    pub plan_text: String,
    pub plan_updated_at: Option<DateTimeUtc>,
    pub status: String,
    pub status_reason: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
