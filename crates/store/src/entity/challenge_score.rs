//! The `challenge_score` table: an expert's score of a challenge application.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `challenge_score`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "challenge_score")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub application_id: i64,
    pub challenge_id: i64,
    pub expert_user_id: i64,
    pub score: i32,
    pub comment: String,
    pub at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
