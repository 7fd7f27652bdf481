//! The `research_team` table: a research team (科研团队): a university, institute or company group that takes on challenges.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `research_team`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "research_team")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub institution: String,
    pub kind: String,
    pub region_code: String,
    pub fields: String,
    pub summary: String,
    pub results: String,
    pub patents: i32,
    pub people: i32,
    pub capacity: i32,
    pub user_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
