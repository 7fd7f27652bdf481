//! The `evaluation_meeting` table: an evaluation meeting (述职评议).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `evaluation_meeting`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_meeting")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub held_on: Date,
    pub scale: String,
    pub status: String,
    pub region_code: String,
    pub codes_issued: i32,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
