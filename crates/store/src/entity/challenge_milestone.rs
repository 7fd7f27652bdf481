//! The `challenge_milestone` table: a milestone of a challenge with its tranche (拨付).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `challenge_milestone`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "challenge_milestone")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub challenge_id: i64,
    pub seq: i32,
    pub kind: String,
    pub title: String,
    pub target: String,
    pub due_month: i32,
    pub amount_fen: i64,
    pub status: String,
    pub checked_on: Option<Date>,
    pub check_comment: String,
    pub paid_on: Option<Date>,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
