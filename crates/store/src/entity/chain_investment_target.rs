//! The `chain_investment_target` table: an investment target (招商目标) against a gap of a chain map, with its stage and amounts.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `chain_investment_target`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chain_investment_target")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub chain_id: i64,
    pub node_id: i64,
    pub gap_kind: String,
    pub target_enterprise: String,
    pub place: String,
    pub stage: String,
    pub owner: String,
    pub planned_fen: Option<i64>,
    pub in_place_fen: Option<i64>,
    pub investment_project_id: Option<i64>,
    pub note: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
