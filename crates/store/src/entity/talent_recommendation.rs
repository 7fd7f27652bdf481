//! The `talent_recommendation` table: a recommendation place taken (举荐名额), unique per enterprise, year and slot.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `talent_recommendation`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "talent_recommendation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub uscc: String,
    pub year: i32,
    pub slot: i32,
    pub application_id: i64,
    pub recommender_name: String,
    pub recommender_role: String,
    pub basis: String,
    pub created_by: Option<i64>,
    pub signed_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
