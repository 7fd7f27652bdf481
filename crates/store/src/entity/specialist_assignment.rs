//! The `specialist_assignment` table: a specialist stationed in an enterprise from a date (to a date).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `specialist_assignment`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "specialist_assignment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub specialist_id: i64,
    pub enterprise_uscc: String,
    pub started_on: Date,
    pub ended_on: Option<Date>,
    pub note: String,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
