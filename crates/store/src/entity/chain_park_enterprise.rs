//! The `chain_park_enterprise` table: an enterprise located in a park.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `chain_park_enterprise`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chain_park_enterprise")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub park_id: i64,
    pub enterprise_uscc: String,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
