//! The `login_log` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `login_log`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub username: String,
    pub user_id: Option<i64>,
    pub at: DateTimeUtc,
    pub client_addr: String,
    pub user_agent: String,
    pub success: bool,
    pub reason: String,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
