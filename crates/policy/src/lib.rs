//! The pure domain of strongcity.
//!
//! Everything here is deterministic and free of I/O: identifiers that parse their input once
//! (so an invalid one cannot be built), the working-day calendar, permissions and data scope.
//! Errors are enums whose variants name message-catalogue keys, so the web layer can say what
//! went wrong in the user's language.

pub mod attachment;
pub mod calendar;
pub mod chain;
pub mod cultivation;
pub mod dates;
pub mod enterprise;
pub mod innovation;
pub mod money;
pub mod notice;
pub mod org;
pub mod password;
pub mod project;
pub mod service;
pub mod stats;
pub mod talent;
