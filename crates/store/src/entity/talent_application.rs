//! The `talent_application` table: a title application (职称申报).
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `talent_application`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "talent_application")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub year: i32,
    pub uscc: String,
    pub enterprise_name: String,
    pub region_code: String,
    pub person_name: String,
    pub id_number: String,
    pub series: String,
    pub specialty: String,
    pub level: String,
    pub route: String,
    pub education: String,
    pub current_title: Option<String>,
    pub years_in_title: i32,
    pub years_of_work: i32,
    #[sea_orm(column_type = "Text")]
    pub evidence: String,
    #[sea_orm(column_type = "Text")]
    pub attachments: String,
    #[sea_orm(column_type = "Text")]
    pub conditions: String,
    pub rules_version: String,
    pub state: String,
    pub internal_notice_from: Option<Date>,
    pub internal_notice_to: Option<Date>,
    pub meeting_id: Option<i64>,
    pub granted_on: Option<Date>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
