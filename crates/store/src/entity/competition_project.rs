//! The `competition_project` table: a project registered in a competition's track.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `competition_project`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "competition_project")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub competition_id: i64,
    pub track: String,
    pub title: String,
    pub team_name: String,
    pub employer: String,
    pub members: String,
    pub description: String,
    pub stage: String,
    pub attachments: String,
    pub challenge_id: Option<i64>,
    pub enterprise_uscc: Option<String>,
    pub registered_by: Option<i64>,
    pub finalist: bool,
    pub award: Option<String>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
