//! Store tests: each runs on SQLite, and on PostgreSQL when `STRONGCITY_TEST_DATABASE_URL` is set.

mod attachment;
mod audit;
mod cultivation;
mod jobs;
mod project;
mod schema;
mod scope;
mod service;
mod stats;
