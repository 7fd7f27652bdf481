//! The talent rule file: its shape, and the checks that make it usable.

use super::ballot::Fraction;
use super::committee::CommitteeRules;
use super::conditions::LevelConditions;
use super::quota::QuotaRow;
use super::{Route, TitleLevel};
use crate::attachment::AttachmentRules;
use serde::{Deserialize, Serialize};

/// A specialty (专业) of a series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Specialty {
    /// Code, e.g. `foundry`.
    pub code: String,
    /// Chinese name, e.g. 铸造.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}

/// A series (系列) with its specialties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    /// Code, e.g. `engineering`.
    pub code: String,
    /// Chinese name, e.g. 工程技术.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Its specialties.
    pub specialties: Vec<Specialty>,
}

/// Which applications the recommendation route admits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationRules {
    /// Levels a recommended engineer may apply for.
    pub levels: Vec<TitleLevel>,
    /// Series codes.
    pub series: Vec<String>,
}

/// Thresholds of the secret ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotRules {
    /// Share of the members that must attend ("at least").
    pub quorum: Fraction,
    /// Share of the attending experts whose yes passes a candidate ("at least").
    pub pass: Fraction,
}

/// Lengths of the notices, in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeRules {
    /// The employer's internal notice before it sends the application on.
    pub internal_working_days: u32,
    /// The public notice of results before the title is granted.
    pub public_working_days: u32,
}

/// A versioned set of talent rules (`rules/talent-2026-1.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TalentRules {
    /// Version id, e.g. `2026-1`.
    pub version: String,
    /// Series and specialties.
    pub series: Vec<Series>,
    /// Ordinary-route conditions per level.
    pub conditions: Vec<LevelConditions>,
    /// Quota rows, first match wins.
    pub quota: Vec<QuotaRow>,
    /// The recommendation route.
    pub recommendation: RecommendationRules,
    /// Committees.
    pub committee: CommitteeRules,
    /// The ballot.
    pub ballot: BallotRules,
    /// Notices.
    pub notice: NoticeRules,
    /// Evidence files.
    #[serde(default)]
    pub attachments: AttachmentRules,
}

/// Why a rule file is unusable (the text names the problem).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("talent rules: {0}")]
pub struct TalentRulesError(pub String);

impl TalentRules {
    /// Checks what a file cannot express by its shape: fractions within (0, 1], every level has
    /// conditions, codes unique.
    pub fn validate(&self) -> Result<(), TalentRulesError> {
        for (name, f) in [("quorum", self.ballot.quorum), ("pass", self.ballot.pass)] {
            if f.denominator == 0 || f.numerator == 0 || f.numerator > f.denominator {
                return Err(TalentRulesError(format!("ballot.{name} must be in (0, 1]")));
            }
        }
        for level in TitleLevel::ALL {
            if !self.conditions.iter().any(|c| c.level == *level) {
                return Err(TalentRulesError(format!(
                    "no conditions for {}",
                    level.as_str()
                )));
            }
        }
        let mut codes: Vec<&str> = self.series.iter().map(|s| s.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        if codes.len() != self.series.len() || codes.is_empty() {
            return Err(TalentRulesError("series codes must be unique".into()));
        }
        if self.committee.max_approval_years == 0 {
            return Err(TalentRulesError(
                "committee.max_approval_years must be positive".into(),
            ));
        }
        if let Some(k) = self.attachments.unknown_kinds().first() {
            return Err(TalentRulesError(format!("attachments: unknown kind {k}")));
        }
        Ok(())
    }

    /// A series by code.
    pub fn series(&self, code: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.code == code)
    }

    /// A specialty of a series by code.
    pub fn specialty(&self, series: &str, code: &str) -> Option<&Specialty> {
        self.series(series)?
            .specialties
            .iter()
            .find(|s| s.code == code)
    }

    /// The ordinary-route conditions of a level.
    pub fn conditions_for(&self, level: TitleLevel) -> Option<&LevelConditions> {
        self.conditions.iter().find(|c| c.level == level)
    }

    /// Whether an application by `route` may ask for `level` in `series`.
    pub fn route_admits(&self, route: Route, series: &str, level: TitleLevel) -> bool {
        match route {
            Route::Ordinary => true,
            Route::Recommendation => {
                self.recommendation.levels.contains(&level)
                    && self.recommendation.series.iter().any(|s| s == series)
            }
        }
    }
}
