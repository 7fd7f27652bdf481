//! The `land_disposal` table: a disposal of (part of) an unsupplied parcel (处置); area in hundredths of a mu.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `land_disposal`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "land_disposal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub parcel_id: i64,
    pub region_code: String,
    pub area_mu: i64,
    pub method: String,
    pub disposed_on: Date,
    pub note: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
