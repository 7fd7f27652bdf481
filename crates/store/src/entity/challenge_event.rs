//! The `challenge_event` table: one step of a challenge, append-only.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `challenge_event`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "challenge_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub challenge_id: i64,
    pub action: String,
    pub from_state: String,
    pub to_state: String,
    pub application_id: Option<i64>,
    pub milestone_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub comment: String,
    pub at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
