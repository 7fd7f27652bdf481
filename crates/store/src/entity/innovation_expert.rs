//! The `innovation_expert` table: an expert of the innovation judging pool.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `innovation_expert`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "innovation_expert")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub employer: String,
    pub fields: String,
    pub user_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
