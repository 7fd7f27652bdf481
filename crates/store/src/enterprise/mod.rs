//! The enterprise registry: profiles, yearly financials, honors, pending changes.

pub mod bulk;
pub mod change;
pub mod financial;
pub mod honor;
pub mod profile;
