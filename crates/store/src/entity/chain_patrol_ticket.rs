//! The `chain_patrol_ticket` table: a ticket raised from a problem found on a patrol: the chain's tag on the ticket.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `chain_patrol_ticket`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chain_patrol_ticket")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub patrol_id: i64,
    pub chain_id: i64,
    pub ticket_id: i64,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
