//! The `challenge` table: a challenge (揭榜挂帅 榜单) posted by an enterprise. Status is a projection of its event log.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `challenge`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "challenge")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub enterprise_uscc: String,
    pub enterprise_name: String,
    pub region_code: String,
    pub problem: String,
    pub indicators: String,
    pub acceptance: String,
    pub budget_fen: i64,
    pub fields: String,
    pub deadline: Date,
    pub period_months: i32,
    pub eligibility: String,
    pub contact: String,
    pub status: String,
    pub competition_id: Option<i64>,
    pub winner_application_id: Option<i64>,
    pub winner_team_id: Option<i64>,
    pub agreement_no: String,
    pub signed_on: Option<Date>,
    pub rule_version: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
