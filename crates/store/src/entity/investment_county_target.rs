//! The `investment_county_target` table: a county's attraction targets for a year (目标考核): signed projects of at least `min_fen` planned, their planned investment and funds in place.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `investment_county_target`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "investment_county_target")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub region_code: String,
    pub year: i32,
    /// Projects count towards the target from this planned investment up (fen).
    pub min_fen: i64,
    pub signed_count: i32,
    pub planned_fen: i64,
    pub in_place_fen: i64,
    pub updated_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
