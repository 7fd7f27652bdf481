//! The `enterprise` table.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `enterprise`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enterprise")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub uscc: String,
    pub name: String,
    pub region_code: String,
    pub status: String,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
