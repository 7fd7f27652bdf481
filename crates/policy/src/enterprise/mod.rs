//! Enterprises: the unified social credit code that identifies them.

mod uscc;

pub use uscc::{Uscc, UsccError};
