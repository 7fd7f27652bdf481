//! Browser tests: headless Chromium, driven through chromedriver, walks the main flows of each
//! demo role against the real server on a fresh demo database.
//!
//! The suite runs when `STRONGCITY_CHROMEDRIVER` names the chromedriver binary (Debian's
//! `chromium-driver`); otherwise each test prints one line saying so and returns. Screenshots of
//! the main pages go to `target/screenshots/`; with `STRONGCITY_DOCS_SCREENSHOT=1` the admin home
//! page is also written to `docs/screenshot-home.png` for the README.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

#[cfg(test)]
mod harness;

#[cfg(test)]
mod roles;

#[cfg(test)]
mod language;

#[cfg(test)]
mod password;

#[cfg(test)]
mod phone;

#[cfg(test)]
mod pages;

#[cfg(test)]
mod project;

#[cfg(test)]
mod chain;
#[cfg(test)]
mod cultivation;
#[cfg(test)]
mod innovation;
#[cfg(test)]
mod service;
#[cfg(test)]
mod stats;
#[cfg(test)]
mod talent;
