//! The `cultivation_event` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `cultivation_event`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cultivation_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub application_id: i64,
    pub action: String,
    pub role: String,
    pub from_state: String,
    pub to_state: String,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    #[sea_orm(column_type = "Text")]
    pub comment: String,
    pub on_date: Date,
    pub at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
