//! Signing in and out, sessions, and passwords.

mod login;
mod password;
mod session;

pub use login::{LoginOutcome, login};
pub use password::{change_password, hash_password, verify_password};
pub use session::{SessionToken, logout, resolve_session};
