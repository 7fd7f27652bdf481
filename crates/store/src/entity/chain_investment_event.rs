//! The `chain_investment_event` table: a step of an investment target (append-only).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `chain_investment_event`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chain_investment_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub target_id: i64,
    pub action: String,
    pub from_stage: Option<String>,
    pub to_stage: String,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub comment: String,
    pub happened_on: Date,
    pub at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
