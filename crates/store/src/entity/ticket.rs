//! The `ticket` table: a ticket (诉求). Status and department are a projection of its event log.
#![allow(missing_docs)]

use sea_orm::entity::prelude::*;

/// A row of `ticket`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub category: String,
    pub description: String,
    pub enterprise_uscc: String,
    pub region_code: String,
    pub source: String,
    pub visit_id: Option<i64>,
    pub raised_by: Option<i64>,
    pub department_id: Option<i64>,
    pub status: String,
    pub reply: String,
    pub rule_version: String,
    pub received_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The current round's resolution deadline while the clock runs.
    pub clock_due_on: Option<Date>,
    /// Working days left while waiting on the enterprise.
    pub clock_paused_left: Option<i32>,
    /// Once done: every round on time.
    pub clock_on_time: Option<bool>,
    /// Once done: working days to resolution, pauses left out.
    pub clock_working_days: Option<i32>,
    /// Escalation level of the current round.
    pub clock_escalation: i16,
    /// The latest rating.
    pub clock_rating: Option<String>,
    /// What the clock columns were computed on (rule-set version / calendar stamp); empty
    /// until first computed.
    pub clock_basis: String,
}

/// No declared relations: joins are written in the queries that need them.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
