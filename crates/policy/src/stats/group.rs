//! Enterprise groups (企业分组): named sets of GB/T 4754 industry-code prefixes, such as a
//! county's leading industries. Groups of one set may overlap.

use serde::{Deserialize, Serialize};

/// Whether an industry code is industrial in the statistics office's sense (工业): mining (B),
/// manufacturing (C), and electricity, heat, gas and water (D).
pub fn is_industrial(industry_code: &str) -> bool {
    matches!(industry_code.as_bytes().first(), Some(b'B' | b'C' | b'D'))
}

/// One group: a name and the industry-code prefixes it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    /// Code, unique within its set.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Industry-code prefixes with their section letter (`C39`, `C3833`).
    pub prefixes: Vec<String>,
}

impl GroupDef {
    /// Whether an enterprise with this industry code belongs to the group.
    pub fn contains(&self, industry_code: &str) -> bool {
        self.prefixes.iter().any(|p| industry_code.starts_with(p))
    }
}

/// A set of groups used in a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSetDef {
    /// Code.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// The region whose dashboards use it.
    pub region: String,
    /// Its groups, in display order.
    pub group: Vec<GroupDef>,
}

/// The shipped group file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFile {
    /// Version.
    pub version: String,
    /// The sets.
    pub set: Vec<GroupSetDef>,
}

/// Why a group set is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GroupsError {
    /// A code that is not lower-case letters, digits and `_`.
    #[error("stats.group_code: '{0}'")]
    Code(String),
    /// A prefix that is not a section letter and 2-4 digits.
    #[error("stats.group_prefix: '{0}'")]
    Prefix(String),
    /// A name left empty, no group, no prefix, or a code given twice.
    #[error("stats.group_set: {0}")]
    Set(String),
}

impl GroupsError {
    /// The message-catalogue key.
    pub fn key(&self) -> &'static str {
        match self {
            GroupsError::Code(_) => "stats.group_code",
            GroupsError::Prefix(_) => "stats.group_prefix",
            GroupsError::Set(_) => "stats.group_set",
        }
    }
}

fn code_ok(c: &str) -> bool {
    !c.is_empty()
        && c.len() <= 40
        && c.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn prefix_ok(p: &str) -> bool {
    let b = p.as_bytes();
    b.len() >= 3
        && b.len() <= 5
        && b[0].is_ascii_uppercase()
        && b[1..].iter().all(u8::is_ascii_digit)
}

impl GroupSetDef {
    /// Checks codes, prefixes and names.
    pub fn validate(&self) -> Result<(), GroupsError> {
        if !code_ok(&self.code) {
            return Err(GroupsError::Code(self.code.clone()));
        }
        if self.name_zh.trim().is_empty() || self.group.is_empty() {
            return Err(GroupsError::Set(self.code.clone()));
        }
        let mut seen = std::collections::BTreeSet::new();
        for g in &self.group {
            if !code_ok(&g.code) {
                return Err(GroupsError::Code(g.code.clone()));
            }
            if !seen.insert(g.code.as_str()) || g.name_zh.trim().is_empty() || g.prefixes.is_empty()
            {
                return Err(GroupsError::Set(format!("{}/{}", self.code, g.code)));
            }
            if let Some(p) = g.prefixes.iter().find(|p| !prefix_ok(p)) {
                return Err(GroupsError::Prefix(p.clone()));
            }
        }
        Ok(())
    }
}

impl GroupFile {
    /// Checks every set and that set codes are unique.
    pub fn validate(&self) -> Result<(), GroupsError> {
        let mut seen = std::collections::BTreeSet::new();
        for s in &self.set {
            s.validate()?;
            if !seen.insert(s.code.as_str()) {
                return Err(GroupsError::Set(format!("{} twice", s.code)));
            }
        }
        Ok(())
    }
}
