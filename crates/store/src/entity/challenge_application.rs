//! The `challenge_application` table: a team's application (揭榜) for a challenge, with its plan.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `challenge_application`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "challenge_application")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub challenge_id: i64,
    pub team_id: i64,
    pub plan: String,
    pub status: String,
    pub formal_comment: String,
    pub defence_score: Option<i32>,
    pub submitted_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
