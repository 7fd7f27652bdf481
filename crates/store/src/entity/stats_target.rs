//! The `stats_target` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `stats_target`: a year's target of an indicator for a region or a chain.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stats_target")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `region` or `chain`.
    pub kind: String,
    /// The region code, or the chain's code.
    pub key: String,
    pub year: i32,
    pub indicator: String,
    pub value: i64,
    /// The region the target belongs to (who may read and set it).
    pub region_code: String,
    pub note: String,
    pub updated_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
