//! The `talent_meeting_candidate` table: a candidate on a meeting's agenda, with the anonymous vote counters.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `talent_meeting_candidate`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "talent_meeting_candidate")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    pub application_id: i64,
    pub yes: i32,
    pub no: i32,
    pub abstain: i32,
    pub outcome: Option<String>,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
