//! The `talent_meeting` table: a review meeting of a committee.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `talent_meeting`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "talent_meeting")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub committee_id: i64,
    pub held_on: Date,
    pub status: String,
    pub members: i32,
    pub attending: i32,
    #[sea_orm(column_type = "Text")]
    pub draw_log: String,
    pub opened_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
