//! Enterprises: the credit code that identifies them, their industry, size and honors.

mod honor;
mod industry;
mod size;
mod uscc;

pub use honor::{HonorLevel, HonorStatus, HonorTitle};
pub use industry::{IndustryCode, IndustryCodeError, IndustryTable, Section};
pub use size::{SizeBand, SizeClass, SizeDerivation, SizeRules, SizeRulesError};
pub use uscc::{Uscc, UsccError};
