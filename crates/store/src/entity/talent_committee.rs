//! The `talent_committee` table: a review committee (评审委员会) with its approval.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `talent_committee`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "talent_committee")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub series: String,
    pub specialty: String,
    pub org: String,
    pub level: String,
    pub size: i32,
    pub approved_on: Date,
    pub expires_on: Date,
    pub approval_document: String,
    pub rules_version: String,
    pub created_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
