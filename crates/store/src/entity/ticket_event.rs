//! The `ticket_event` table: one step of a ticket, append-only.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `ticket_event`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ticket_id: i64,
    pub action: String,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub department_id: Option<i64>,
    pub rating: Option<String>,
    pub level: Option<i16>,
    pub comment: String,
    pub at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
