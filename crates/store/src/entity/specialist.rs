//! The `specialist` table: a specialist (助企专员): a person of a department, with an account or not.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `specialist`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "specialist")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub region_code: String,
    pub department_id: Option<i64>,
    pub phone: String,
    pub user_id: Option<i64>,
    pub retired: bool,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
