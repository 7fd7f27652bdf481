//! The `unsupplied_land` table: a parcel approved for construction but not supplied (批而未供); area in hundredths of a mu.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `unsupplied_land`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "unsupplied_land")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    pub region_code: String,
    pub location: String,
    pub approved_mu: i64,
    pub approved_on: Date,
    pub approval_document: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
