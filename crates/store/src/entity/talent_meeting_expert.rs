//! The `talent_meeting_expert` table: an expert considered for a meeting: drawn or excluded (with why), attending.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `talent_meeting_expert`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "talent_meeting_expert")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    pub expert_id: i64,
    pub drawn: bool,
    pub excluded_reason: String,
    pub attended: bool,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
