//! The `visit` table: a visit (走访) or a condolence visit (慰问) to an enterprise.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `visit`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "visit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub enterprise_uscc: String,
    pub region_code: String,
    pub kind: String,
    pub visited_on: Date,
    pub visitors: String,
    pub support_money_fen: Option<i64>,
    pub support_kind: String,
    pub notes: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
