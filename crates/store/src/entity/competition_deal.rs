//! The `competition_deal` table: a negotiation or signing with the development zone after the award.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `competition_deal`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "competition_deal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub competition_id: i64,
    pub project_id: i64,
    pub kind: String,
    pub amount_fen: i64,
    pub counterpart: String,
    pub status: String,
    pub signed_on: Option<Date>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
