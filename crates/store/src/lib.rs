//! Storage of strongcity: schema migrations, entities and scoped queries.
//!
//! One code path serves SQLite and PostgreSQL through sea-orm. Queries over records that belong
//! to regions or enterprises take a required [`policy::org::Scope`], so the data scope sits in the
//! WHERE clause and no caller can forget it. Functions are generic over [`ConnectionTrait`] so the
//! `app` layer runs several of them in one transaction.

pub mod attachment;
pub mod audit;
pub mod calendar;
pub mod chain;
pub mod cultivation;
mod db;
pub mod enterprise;
pub mod entity;
pub mod innovation;
pub mod jobs;
pub mod migration;
pub mod notice;
pub mod notify;
pub mod org;
pub mod page;
pub mod project;
pub mod scope;
pub mod service;
pub mod stats;
pub mod talent;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use db::{Backend, Db, DbTarget, OpenError};
pub use sea_orm::{ConnectionTrait, DatabaseTransaction, DbErr, TransactionTrait};

/// Whether a database error is a unique-key violation (a duplicate username, code, ...).
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
#[cfg(test)]
mod tests;
