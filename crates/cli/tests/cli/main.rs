//! Integration tests of the `strongcity` binary. Each test runs the real binary in its own
//! temporary directory, then looks at what it printed and at the database it left behind.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[cfg(test)]
mod backup;
#[cfg(test)]
mod config;
#[cfg(test)]
mod demo;
#[cfg(test)]
mod help_and_jobs;
#[cfg(test)]
mod imports;
#[cfg(test)]
mod report;
#[cfg(test)]
mod serve;
#[cfg(test)]
mod support;
#[cfg(test)]
mod users;
