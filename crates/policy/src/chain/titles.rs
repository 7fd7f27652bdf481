//! Which titles count for what on a chain (`rules/chain-titles.toml`): titled enterprises,
//! innovation platforms, weak-link ticket categories and the region summaries.

use crate::enterprise::{HonorLevel, HonorTitle};
use serde::Deserialize;

/// One region summary: enterprises holding one of `titles` (at `level`, when given).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TitleSummary {
    /// Stable code of the summary.
    pub code: String,
    /// Title codes.
    pub titles: Vec<String>,
    /// Level code, if only one level counts.
    #[serde(default)]
    pub level: Option<String>,
}

/// The title rules in force.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TitleRules {
    /// Version of the rule file.
    pub version: String,
    /// Titles that make an enterprise titled.
    pub titled: Vec<String>,
    /// Titles that are innovation platforms.
    pub platforms: Vec<String>,
    /// Ticket categories that are weak-link needs.
    pub need_categories: Vec<String>,
    /// Region summaries.
    #[serde(default)]
    pub summary: Vec<TitleSummary>,
}

/// Why a title rule file is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TitleRulesError {
    /// Not TOML of the expected shape.
    #[error("chain title rules: {0}")]
    Syntax(String),
    /// A title or level code the registry does not know.
    #[error("chain title rules: unknown code '{0}'")]
    Unknown(String),
}

impl TitleRules {
    /// Parses and checks a rule file.
    pub fn parse(text: &str) -> Result<TitleRules, TitleRulesError> {
        let rules: TitleRules =
            toml::from_str(text).map_err(|e| TitleRulesError::Syntax(e.to_string()))?;
        let titles = rules
            .titled
            .iter()
            .chain(&rules.platforms)
            .chain(rules.summary.iter().flat_map(|s| s.titles.iter()));
        for t in titles {
            if HonorTitle::ALL.iter().all(|h| h.as_str() != t) {
                return Err(TitleRulesError::Unknown(t.clone()));
            }
        }
        for l in rules.summary.iter().filter_map(|s| s.level.as_deref()) {
            if HonorLevel::parse(l).is_none_or(|p| p.as_str() != l) {
                return Err(TitleRulesError::Unknown(l.to_string()));
            }
        }
        Ok(rules)
    }

    /// Whether holding `title` makes an enterprise titled.
    pub fn is_titled(&self, title: &str) -> bool {
        self.titled.iter().any(|t| t == title)
    }

    /// Whether `title` is an innovation platform.
    pub fn is_platform(&self, title: &str) -> bool {
        self.platforms.iter().any(|t| t == title)
    }
}
