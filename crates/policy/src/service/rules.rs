//! The service rule set: deadlines per ticket category, reminder and escalation thresholds.
//!
//! No national standard fixes how many working days a 诉求 may take (`policy-rules.md` §4),
//! so these are editable defaults shipped as `rules/service-deadlines.toml`.

use serde::{Deserialize, Serialize};

/// The deadlines of one ticket category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRule {
    /// Category code (`policy`, `financing`, …); its name is a catalogue key.
    pub code: String,
    /// Working days from receipt to the department's first response.
    pub first_response_days: u32,
    /// Working days from receipt (or reopening) to resolution.
    pub resolution_days: u32,
}

/// The service rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRules {
    /// Version id.
    pub version: String,
    /// A reminder (催办) goes out when this many working days or fewer are left.
    pub remind_before_days: u32,
    /// Escalation (督办) reaches the leader in charge after this many working days overdue
    /// (the department head hears on the first day overdue).
    pub escalate_leader_after_days: u32,
    /// How many times a bad rating reopens a ticket; after that a bad rating closes it.
    pub max_reopens: u32,
    /// The categories.
    pub category: Vec<CategoryRule>,
}

/// Why a rule file is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("service rules: {0}")]
pub struct ServiceRulesError(pub String);

impl ServiceRules {
    /// Checks the rule set: at least one category, unique codes, positive deadlines, a first
    /// response due no later than the resolution.
    pub fn validate(&self) -> Result<(), ServiceRulesError> {
        if self.category.is_empty() {
            return Err(ServiceRulesError("no category".into()));
        }
        let mut seen = std::collections::BTreeSet::new();
        for c in &self.category {
            if !seen.insert(c.code.as_str()) {
                return Err(ServiceRulesError(format!("category {} twice", c.code)));
            }
            if c.first_response_days == 0 || c.resolution_days < c.first_response_days {
                return Err(ServiceRulesError(format!(
                    "category {}: need 0 < first_response_days <= resolution_days",
                    c.code
                )));
            }
        }
        Ok(())
    }

    /// The rule of a category.
    pub fn category(&self, code: &str) -> Option<&CategoryRule> {
        self.category.iter().find(|c| c.code == code)
    }
}
