//! Gradient cultivation: rule sets and assessments.

pub mod assessment;
pub mod rule_set;
