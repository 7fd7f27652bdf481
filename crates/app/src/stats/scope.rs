//! The data scope in the form the in-memory aggregate applies it: region prefixes, single
//! units and listed enterprises, checked on plain strings for tens of thousands of
//! enterprises per request.

use policy::org::Scope;
use std::collections::HashSet;

/// A scope prepared for matching enterprises by region code and credit code.
#[derive(Debug, Clone)]
pub(crate) struct ScopeFilter {
    all: bool,
    prefixes: Vec<String>,
    units: HashSet<String>,
    enterprises: HashSet<String>,
}

impl ScopeFilter {
    /// Prepares `scope`. Assignments (`assigned`) and owners are not regions or enterprises
    /// and admit nothing here: statistics are granted by region.
    pub fn new(scope: &Scope) -> ScopeFilter {
        ScopeFilter {
            all: scope.is_all(),
            prefixes: scope
                .subtrees()
                .map(|r| r.subtree_prefix().to_string())
                .collect(),
            units: scope.units().map(|r| r.to_string()).collect(),
            enterprises: scope.enterprises().map(|u| u.to_string()).collect(),
        }
    }

    /// Whether an enterprise (by its region and code) is visible.
    pub fn admits(&self, region_code: &str, uscc: &str) -> bool {
        self.all
            || self.prefixes.iter().any(|p| region_code.starts_with(p))
            || self.units.contains(region_code)
            || self.enterprises.contains(uscc)
    }

    /// Whether a whole region (its subtree) lies within the scope.
    pub fn covers_region(&self, region_code: &str) -> bool {
        self.all || self.prefixes.iter().any(|p| region_code.starts_with(p))
    }

    /// Whether a region is in the scope or above part of it (its sets and totals may be shown
    /// restricted to the part in scope).
    pub fn reaches_region(&self, region_code: &str) -> bool {
        let prefix = policy::org::RegionCode::parse(region_code)
            .map(|r| r.subtree_prefix().to_string())
            .unwrap_or_else(|_| region_code.to_string());
        self.covers_region(region_code)
            || self.prefixes.iter().any(|p| p.starts_with(&prefix))
            || self.units.iter().any(|u| u.starts_with(&prefix))
    }
}
