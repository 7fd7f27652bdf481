//! The `investment_target_event` table: the append-only log of an attraction project: reports (填报) with the stage and figures they ask for, approvals and returns (审核).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `investment_target_event`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "investment_target_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub target_id: i64,
    pub action: String,
    pub to_stage: Option<String>,
    pub stage_on: Option<Date>,
    pub planned_fen: Option<i64>,
    pub in_place_fen: Option<i64>,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub comment: String,
    pub at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
