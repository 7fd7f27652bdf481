//! The `support_fund_payment` table: a support-fund payment (扶持资金拨付) to an enterprise under a programme.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `support_fund_payment`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "support_fund_payment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub programme: String,
    pub enterprise_uscc: String,
    pub region_code: String,
    pub amount_fen: i64,
    pub paid_on: Date,
    pub document: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
