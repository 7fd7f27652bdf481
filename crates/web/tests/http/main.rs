//! HTTP tests: the real server on a random port, driven over HTTP, on SQLite and PostgreSQL.

#[path = "../common/mod.rs"]
mod common;

mod smoke;
