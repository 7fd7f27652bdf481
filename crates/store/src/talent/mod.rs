//! Professional titles: applications and their event log, recommendation places, experts,
//! committees, meetings and the secret ballot.

pub mod application;
pub mod review;
