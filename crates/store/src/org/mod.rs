//! Regions, departments, users, roles, sessions and the login log.

pub mod department;
pub mod login_log;
pub mod region;
pub mod role;
pub mod session;
pub mod user;
