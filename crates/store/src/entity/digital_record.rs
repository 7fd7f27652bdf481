//! The `digital_record` table: a digital record: a batch of 5G base stations, or one enterprise on the cloud or certified (两化融合, DCMM).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `digital_record`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "digital_record")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: String,
    pub region_code: String,
    pub enterprise_uscc: Option<String>,
    pub quantity: i32,
    pub recorded_on: Date,
    pub place: String,
    pub source: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
