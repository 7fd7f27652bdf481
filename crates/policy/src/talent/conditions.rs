//! Ordinary-route conditions (常规申报条件): prior title, education and years, shown met or not.

use super::{Education, TitleLevel};
use serde::{Deserialize, Serialize};

/// One way to qualify for a level: every condition given must be met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionPath {
    /// Least education.
    pub education: Education,
    /// Title that must be held (at least this level).
    #[serde(default)]
    pub prior_title: Option<TitleLevel>,
    /// Years the prior title has been held.
    #[serde(default)]
    pub min_years_in_title: u32,
    /// Years of professional work.
    #[serde(default)]
    pub min_years_of_work: u32,
}

/// The alternative paths to one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelConditions {
    /// The level applied for.
    pub level: TitleLevel,
    /// Any one of these qualifies.
    pub paths: Vec<ConditionPath>,
}

/// What the conditions look at in an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Highest education.
    pub education: Education,
    /// Title held now, if any.
    pub current_title: Option<TitleLevel>,
    /// Years the current title has been held.
    pub years_in_title: u32,
    /// Years of professional work.
    pub years_of_work: u32,
}

/// One condition, with what was required and what the candidate has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionCheck {
    /// `education`, `prior_title`, `years_in_title` or `years_of_work`.
    pub item: &'static str,
    /// Required value (a code or a number as text).
    pub required: String,
    /// The candidate's value.
    pub actual: String,
    /// Whether it is met.
    pub met: bool,
}

/// The checks of one path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathReport {
    /// Each condition of the path.
    pub checks: Vec<ConditionCheck>,
    /// Whether every one is met.
    pub met: bool,
}

/// The evaluation of a candidate against a level's conditions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionReport {
    /// The level.
    pub level: TitleLevel,
    /// The rule-set version used.
    pub rules: String,
    /// Each path.
    pub paths: Vec<PathReport>,
    /// Whether any path is met.
    pub met: bool,
}

impl LevelConditions {
    /// Evaluates `c` against every path.
    pub fn evaluate(&self, rules_version: &str, c: &Candidate) -> ConditionReport {
        let paths: Vec<PathReport> = self.paths.iter().map(|p| p.evaluate(c)).collect();
        ConditionReport {
            level: self.level,
            rules: rules_version.to_string(),
            met: paths.iter().any(|p| p.met),
            paths,
        }
    }
}

impl ConditionPath {
    fn evaluate(&self, c: &Candidate) -> PathReport {
        let mut checks = vec![ConditionCheck {
            item: "education",
            required: self.education.as_str().into(),
            actual: c.education.as_str().into(),
            met: c.education >= self.education,
        }];
        if let Some(prior) = self.prior_title {
            let holds = c.current_title.is_some_and(|t| t >= prior);
            checks.push(ConditionCheck {
                item: "prior_title",
                required: prior.as_str().into(),
                actual: c.current_title.map(|t| t.as_str()).unwrap_or("").into(),
                met: holds,
            });
            if self.min_years_in_title > 0 {
                checks.push(ConditionCheck {
                    item: "years_in_title",
                    required: self.min_years_in_title.to_string(),
                    actual: c.years_in_title.to_string(),
                    met: holds && c.years_in_title >= self.min_years_in_title,
                });
            }
        }
        if self.min_years_of_work > 0 {
            checks.push(ConditionCheck {
                item: "years_of_work",
                required: self.min_years_of_work.to_string(),
                actual: c.years_of_work.to_string(),
                met: c.years_of_work >= self.min_years_of_work,
            });
        }
        let met = checks.iter().all(|k| k.met);
        PathReport { checks, met }
    }
}
