//! HTTP tests: the real server on a random port, driven over HTTP, on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

#[cfg(test)]
mod audit;
#[cfg(test)]
mod bad_input;
#[cfg(test)]
mod chain;
#[cfg(test)]
mod competition_pages;
#[cfg(test)]
mod cultivation;
#[cfg(test)]
mod cultivation_review;
#[cfg(test)]
mod cultivation_stats;
#[cfg(test)]
mod health;
#[cfg(test)]
mod imports;
#[cfg(test)]
mod innovation;
#[cfg(test)]
mod innovation_files;
#[cfg(test)]
mod login;
#[cfg(test)]
mod matrix;
#[cfg(test)]
mod notice;
#[cfg(test)]
mod password;
#[cfg(test)]
mod project;
#[cfg(test)]
mod project_pages;
#[cfg(test)]
mod project_records;
#[cfg(test)]
mod scope;
#[cfg(test)]
mod service_pages;
#[cfg(test)]
mod sessions;
#[cfg(test)]
mod smoke;
#[cfg(test)]
mod stats;
#[cfg(test)]
mod stats_report;
#[cfg(test)]
mod support;
#[cfg(test)]
mod talent;
