//! The `key_project_problem` table: a problem of a key project, raised as a ticket (诉求).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `key_project_problem`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "key_project_problem")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub ticket_id: i64,
    pub title: String,
    pub raised_by: Option<i64>,
    pub raised_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
