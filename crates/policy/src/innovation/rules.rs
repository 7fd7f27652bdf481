//! The innovation rule file (`rules/innovation.toml`): its shape and the checks that make it
//! usable.

use serde::{Deserialize, Serialize};

/// One criterion of the competition rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// Code, e.g. `innovation`.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Maximum points.
    pub max: u32,
}

/// A track and its awards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackRule {
    /// Code, e.g. `startup_enterprise`.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// First prizes.
    pub first: u32,
    /// Second prizes.
    pub second: u32,
    /// Third prizes.
    pub third: u32,
}

/// Challenge rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeRules {
    /// Working days of the winner's public notice.
    pub notice_working_days: u32,
    /// Highest expert score.
    pub max_score: u32,
}

/// Competition rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetitionRules {
    /// Judges per project and round.
    pub judges_per_project: u32,
    /// Distance from the median that flags a score.
    pub outlier_points: f64,
    /// Finalists per track.
    pub finalists_per_track: u32,
    /// The rubric.
    pub criteria: Vec<Criterion>,
    /// The tracks.
    pub tracks: Vec<TrackRule>,
}

/// The whole rule file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InnovationRules {
    /// Version stored with decisions.
    pub version: String,
    /// Challenges.
    pub challenge: ChallengeRules,
    /// Competitions.
    pub competition: CompetitionRules,
    /// Files of competition projects and challenge applications.
    pub attachments: crate::attachment::AttachmentRules,
}

/// Why a rule file is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("innovation rules: {0}")]
pub struct RulesError(pub String);

impl InnovationRules {
    /// Parses and checks a rule file.
    pub fn parse(text: &str) -> Result<InnovationRules, RulesError> {
        let r: InnovationRules = toml::from_str(text).map_err(|e| RulesError(e.to_string()))?;
        r.validate()?;
        Ok(r)
    }

    /// Checks that the numbers make sense together.
    pub fn validate(&self) -> Result<(), RulesError> {
        let c = &self.competition;
        if c.judges_per_project == 0 {
            return Err(RulesError("judges_per_project must be at least 1".into()));
        }
        if c.criteria.is_empty() || c.criteria.iter().any(|k| k.max == 0) {
            return Err(RulesError("every criterion needs a positive max".into()));
        }
        if c.tracks.is_empty() {
            return Err(RulesError("at least one track".into()));
        }
        if c.outlier_points.is_nan() || c.outlier_points <= 0.0 {
            return Err(RulesError("outlier_points must be positive".into()));
        }
        if self.challenge.notice_working_days == 0 || self.challenge.max_score == 0 {
            return Err(RulesError(
                "challenge notice and score must be positive".into(),
            ));
        }
        let a = &self.attachments;
        if a.max_bytes == 0 || a.max_files == 0 || a.kinds.is_empty() {
            return Err(RulesError(
                "attachments need a size, a count and kinds".into(),
            ));
        }
        if let Some(k) = a.unknown_kinds().first() {
            return Err(RulesError(format!("attachments: unknown kind {k}")));
        }
        Ok(())
    }

    /// The rubric's total.
    pub fn rubric_total(&self) -> u32 {
        self.competition.criteria.iter().map(|c| c.max).sum()
    }

    /// A track by code.
    pub fn track(&self, code: &str) -> Option<&TrackRule> {
        self.competition.tracks.iter().find(|t| t.code == code)
    }
}
