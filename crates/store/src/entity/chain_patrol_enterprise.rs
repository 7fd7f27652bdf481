//! The `chain_patrol_enterprise` table: an enterprise visited on a patrol.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `chain_patrol_enterprise`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chain_patrol_enterprise")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub patrol_id: i64,
    pub enterprise_uscc: String,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
