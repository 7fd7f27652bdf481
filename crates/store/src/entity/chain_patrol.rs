//! The `chain_patrol` table: leaders' work on a chain: 问链 / 巡链 / 诊链.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `chain_patrol`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chain_patrol")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub chain_id: i64,
    pub region_code: String,
    pub kind: String,
    pub patrolled_on: Date,
    pub led_by: String,
    pub participants: String,
    pub findings: String,
    pub follow_up: String,
    pub follow_up_on: Option<Date>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
