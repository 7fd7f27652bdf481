//! The `competition` table: an innovation competition (创新创业大赛).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `competition`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "competition")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub year: i32,
    pub organisers: String,
    pub region_code: String,
    pub registration_opens: Date,
    pub registration_closes: Date,
    pub stage: String,
    pub judges_per_project: i32,
    pub rule_version: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
