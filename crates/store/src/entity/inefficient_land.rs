//! The `inefficient_land` table: a parcel of low-efficiency land (低效用地) surveyed, and when it was entered into the database; area in hundredths of a mu.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `inefficient_land`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inefficient_land")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    pub region_code: String,
    pub location: String,
    pub enterprise_uscc: Option<String>,
    pub area_mu: i64,
    pub surveyed_on: Date,
    pub entered_on: Option<Date>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
