//! The `chain_leader` table: a leader of a chain: general chain leader (总链长), chain leader (链长) or deputy (副链长), a user or a named person with a post.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `chain_leader`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chain_leader")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub chain_id: i64,
    pub role: String,
    pub user_id: Option<i64>,
    pub name: String,
    pub post: String,
    pub position: i32,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
