//! A rule set as written in its TOML file, checked and compiled for the evaluator.
//!
//! The same parser serves the shipped files and an administrator's edited copy: every problem
//! comes back as a [`RuleSetError`] whose key names a catalogue message and whose path says
//! where (`indicators[2].measures[0].bands[1]`).

use super::metric::{METRIC_COUNT, Metric};
use super::tier::{ReviewLevel, Tier};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A comparison written in a rule file: exactly one of `min` (≥, "以上"), `above` (>, "超过"),
/// `max` (≤, "以下/不超过") and `below` (<, "低于").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// value ≥ threshold.
    Min,
    /// value > threshold.
    Above,
    /// value ≤ threshold.
    Max,
    /// value < threshold.
    Below,
}

/// Tolerance for float noise in derived ratios (far below one fen in 万元 or 0.000001%).
pub const EPS: f64 = 1e-9;

impl Op {
    /// Whether `value` passes `threshold`.
    #[inline]
    pub fn test(self, value: f64, threshold: f64) -> bool {
        match self {
            Op::Min => value >= threshold - EPS,
            Op::Above => value > threshold + EPS,
            Op::Max => value <= threshold + EPS,
            Op::Below => value < threshold - EPS,
        }
    }

    /// Whether this comparison prefers lower values.
    pub fn lower_is_better(self) -> bool {
        matches!(self, Op::Max | Op::Below)
    }

    /// The sign shown with a threshold.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Min => "≥",
            Op::Above => ">",
            Op::Max => "≤",
            Op::Below => "<",
        }
    }
}

/// A band of an indicator: a comparison and the points it gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// ≥.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// >.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above: Option<f64>,
    /// ≤.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// <.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<f64>,
    /// Points given.
    pub points: u32,
}

/// One way to measure an indicator; the indicator scores the best of its measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Metric code.
    pub metric: String,
    /// Bands, best first; a value meeting none scores 0.
    pub bands: Vec<Band>,
}

/// A scoring indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Code, unique in the set.
    pub code: String,
    /// Name as the policy words it.
    pub name: String,
    /// Category code.
    pub category: String,
    /// Maximum points.
    pub max: u32,
    /// A slot the province defines (特色化); empty until an administrator fills it.
    #[serde(default)]
    pub slot: bool,
    /// Measures (none for an unfilled slot).
    #[serde(default)]
    pub measures: Vec<Measure>,
}

/// A category of indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Maximum points.
    pub max: u32,
    /// Least points required (0: none).
    #[serde(default)]
    pub min: u32,
}

/// A condition: a test of one metric, or a group (`all_of` / `any_of`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionSpec {
    /// Code, unique among its siblings.
    pub code: String,
    /// Name as the policy words it.
    pub name: String,
    /// Metric code (a test).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// ≥.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// >.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above: Option<f64>,
    /// ≤.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// <.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<f64>,
    /// Met when every part is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<ConditionSpec>,
    /// Met when any part is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<ConditionSpec>,
}

/// A rule set file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSetFile {
    /// Code, e.g. `innovative-2022-63`.
    pub code: String,
    /// Tier decided.
    pub tier: Tier,
    /// Policy version, e.g. `2022-63`.
    pub version: String,
    /// Name.
    pub name: String,
    /// The document it comes from.
    pub source: String,
    /// First day it applies.
    pub effective_from: NaiveDate,
    /// Last day it applies, if replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<NaiveDate>,
    /// Years a recognised title is valid.
    pub validity_years: u32,
    /// Review levels, enterprise first.
    pub review_levels: Vec<ReviewLevel>,
    /// Length of the public notice, in days.
    pub public_notice_days: u32,
    /// Whether those are working days.
    #[serde(default)]
    pub public_notice_working_days: bool,
    /// Whether a re-review (复核) of a title won before this set took effect uses the set that
    /// was in force when the title was won (as the 2026 小巨人 复核 kept the 2022 criteria).
    #[serde(default)]
    pub re_review_by_award_set: bool,
    /// Facts not confirmed by an official text: editable defaults.
    #[serde(default)]
    pub unconfirmed: Vec<String>,
    /// What the reviewers check and the enterprise pledges (not evaluated from data).
    #[serde(default)]
    pub declarations: Vec<String>,
    /// Pass mark of the score (none: the set has no score).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_mark: Option<u32>,
    /// Categories.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// Indicators.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Hard conditions: all must be met.
    #[serde(default)]
    pub conditions: Vec<ConditionSpec>,
    /// Direct routes: any one replaces the score requirement.
    #[serde(default)]
    pub direct_routes: Vec<ConditionSpec>,
}

/// Why a rule set is unusable: a catalogue key, where, and the detail.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key} at {path}: {detail}")]
pub struct RuleSetError {
    /// Message-catalogue key (`cultivation.rules.*`).
    pub key: &'static str,
    /// Where in the file.
    pub path: String,
    /// The offending value or the parser's message.
    pub detail: String,
}

fn err(key: &'static str, path: impl Into<String>, detail: impl Into<String>) -> RuleSetError {
    RuleSetError {
        key,
        path: path.into(),
        detail: detail.into(),
    }
}

/// A compiled band.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CBand {
    /// Comparison.
    pub op: Op,
    /// Threshold.
    pub threshold: f64,
    /// Points.
    pub points: u32,
}

/// A compiled measure.
#[derive(Debug, Clone, PartialEq)]
pub struct CMeasure {
    /// Metric.
    pub metric: Metric,
    /// Bands, best first.
    pub bands: Vec<CBand>,
}

/// A compiled indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct CIndicator {
    /// Index of its category.
    pub category: usize,
    /// Maximum.
    pub max: u32,
    /// Measures.
    pub measures: Vec<CMeasure>,
}

/// A compiled condition.
#[derive(Debug, Clone, PartialEq)]
pub enum CCondition {
    /// One metric against a threshold.
    Test {
        /// Metric.
        metric: Metric,
        /// Comparison.
        op: Op,
        /// Threshold.
        threshold: f64,
    },
    /// All parts.
    All(Vec<CCondition>),
    /// Any part.
    Any(Vec<CCondition>),
}

/// The direction a rule set prefers for a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Not used.
    Unused,
    /// Higher is better.
    Higher,
    /// Lower is better.
    Lower,
}

/// A checked, compiled rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    /// The file it was compiled from.
    pub file: RuleSetFile,
    /// Indicators, in file order.
    pub indicators: Vec<CIndicator>,
    /// Conditions, in file order.
    pub conditions: Vec<CCondition>,
    /// Direct routes, in file order.
    pub direct_routes: Vec<CCondition>,
    /// Direction of each metric as this set uses it.
    pub directions: [Direction; METRIC_COUNT],
}

fn one_op(
    path: &str,
    min: Option<f64>,
    above: Option<f64>,
    max: Option<f64>,
    below: Option<f64>,
) -> Result<(Op, f64), RuleSetError> {
    let given: Vec<(Op, f64)> = [
        (Op::Min, min),
        (Op::Above, above),
        (Op::Max, max),
        (Op::Below, below),
    ]
    .into_iter()
    .filter_map(|(op, v)| v.map(|v| (op, v)))
    .collect();
    match given.as_slice() {
        [(op, v)] if v.is_finite() => Ok((*op, *v)),
        _ => Err(err(
            "cultivation.rules.op",
            path,
            "min / above / max / below",
        )),
    }
}

struct Compiler {
    directions: [Direction; METRIC_COUNT],
}

impl Compiler {
    fn metric(&mut self, path: &str, code: &str, lower: bool) -> Result<Metric, RuleSetError> {
        let m = Metric::parse(code)
            .ok_or_else(|| err("cultivation.rules.unknown_metric", path, code))?;
        let want = if lower {
            Direction::Lower
        } else {
            Direction::Higher
        };
        let slot = &mut self.directions[m.index()];
        if *slot != Direction::Unused && *slot != want {
            return Err(err("cultivation.rules.direction", path, code));
        }
        *slot = want;
        Ok(m)
    }

    fn condition(&mut self, path: &str, c: &ConditionSpec) -> Result<CCondition, RuleSetError> {
        if c.code.trim().is_empty() || c.name.trim().is_empty() {
            return Err(err("cultivation.rules.missing_name", path, &c.code));
        }
        let groups = usize::from(!c.all_of.is_empty()) + usize::from(!c.any_of.is_empty());
        match (&c.metric, groups) {
            (Some(code), 0) => {
                let (op, threshold) = one_op(path, c.min, c.above, c.max, c.below)?;
                let metric = self.metric(path, code, op.lower_is_better())?;
                Ok(CCondition::Test {
                    metric,
                    op,
                    threshold,
                })
            }
            (None, 1) if c.min.or(c.above).or(c.max).or(c.below).is_none() => {
                let (parts, all) = if c.all_of.is_empty() {
                    (&c.any_of, false)
                } else {
                    (&c.all_of, true)
                };
                let word = if all { "all_of" } else { "any_of" };
                let compiled = parts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| self.condition(&format!("{path}.{word}[{i}]"), p))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(if all {
                    CCondition::All(compiled)
                } else {
                    CCondition::Any(compiled)
                })
            }
            _ => Err(err("cultivation.rules.condition_form", path, &c.code)),
        }
    }

    fn measure(&mut self, path: &str, m: &Measure, max: u32) -> Result<CMeasure, RuleSetError> {
        if m.bands.is_empty() {
            return Err(err("cultivation.rules.no_bands", path, &m.metric));
        }
        let mut bands = Vec::with_capacity(m.bands.len());
        for (i, b) in m.bands.iter().enumerate() {
            let bp = format!("{path}.bands[{i}]");
            let (op, threshold) = one_op(&bp, b.min, b.above, b.max, b.below)?;
            if b.points > max {
                return Err(err(
                    "cultivation.rules.points_over_max",
                    bp,
                    format!("{} > {max}", b.points),
                ));
            }
            bands.push(CBand {
                op,
                threshold,
                points: b.points,
            });
        }
        let lower = bands[0].op.lower_is_better();
        for (i, pair) in bands.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            let bp = format!("{path}.bands[{}]", i + 1);
            let threshold_ok = if lower {
                b.threshold >= a.threshold
            } else {
                b.threshold <= a.threshold
            };
            if b.op.lower_is_better() != lower || !threshold_ok || b.points > a.points {
                return Err(err(
                    "cultivation.rules.band_order",
                    bp,
                    format!("{}{} → {}", b.op.symbol(), b.threshold, b.points),
                ));
            }
        }
        let metric = self.metric(&format!("{path}.metric"), &m.metric, lower)?;
        Ok(CMeasure { metric, bands })
    }
}

fn unique<'a>(path: &str, codes: impl Iterator<Item = &'a str>) -> Result<(), RuleSetError> {
    let mut seen = std::collections::BTreeSet::new();
    for c in codes {
        if !seen.insert(c) {
            return Err(err("cultivation.rules.duplicate_code", path, c));
        }
    }
    Ok(())
}

impl RuleSet {
    /// Parses and checks a rule file.
    pub fn parse(text: &str) -> Result<RuleSet, RuleSetError> {
        let file: RuleSetFile = toml::from_str(text)
            .map_err(|e| err("cultivation.rules.syntax", "", e.to_string().trim()))?;
        RuleSet::compile(file)
    }

    /// Checks and compiles a parsed file.
    pub fn compile(file: RuleSetFile) -> Result<RuleSet, RuleSetError> {
        if file.code.trim().is_empty()
            || !file
                .code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(err("cultivation.rules.code", "code", &file.code));
        }
        if let Some(to) = file.effective_to
            && to < file.effective_from
        {
            return Err(err(
                "cultivation.rules.dates",
                "effective_to",
                to.to_string(),
            ));
        }
        if file.review_levels.first() != Some(&ReviewLevel::Enterprise) {
            return Err(err("cultivation.rules.review_levels", "review_levels", ""));
        }
        unique(
            "categories",
            file.categories.iter().map(|c| c.code.as_str()),
        )?;
        unique(
            "indicators",
            file.indicators.iter().map(|c| c.code.as_str()),
        )?;
        unique(
            "conditions",
            file.conditions.iter().map(|c| c.code.as_str()),
        )?;
        unique(
            "direct_routes",
            file.direct_routes.iter().map(|c| c.code.as_str()),
        )?;
        if file.categories.len() > super::evaluate::MAX_CATEGORIES {
            return Err(err(
                "cultivation.rules.too_many_categories",
                "categories",
                file.categories.len().to_string(),
            ));
        }
        let mut compiler = Compiler {
            directions: [Direction::Unused; METRIC_COUNT],
        };
        for (i, c) in file.categories.iter().enumerate() {
            if c.min > c.max {
                return Err(err(
                    "cultivation.rules.category_min",
                    format!("categories[{i}]"),
                    format!("{} > {}", c.min, c.max),
                ));
            }
        }
        let mut indicators = Vec::with_capacity(file.indicators.len());
        let mut sums = vec![0u32; file.categories.len()];
        for (i, ind) in file.indicators.iter().enumerate() {
            let path = format!("indicators[{i}]");
            let category = file
                .categories
                .iter()
                .position(|c| c.code == ind.category)
                .ok_or_else(|| err("cultivation.rules.unknown_category", &path, &ind.category))?;
            if ind.measures.is_empty() && !ind.slot {
                return Err(err("cultivation.rules.no_measures", &path, &ind.code));
            }
            let measures = ind
                .measures
                .iter()
                .enumerate()
                .map(|(j, m)| compiler.measure(&format!("{path}.measures[{j}]"), m, ind.max))
                .collect::<Result<Vec<_>, _>>()?;
            sums[category] += ind.max;
            indicators.push(CIndicator {
                category,
                max: ind.max,
                measures,
            });
        }
        for (i, c) in file.categories.iter().enumerate() {
            if sums[i] != c.max {
                return Err(err(
                    "cultivation.rules.category_max",
                    format!("categories[{i}]"),
                    format!("{} ≠ {}", sums[i], c.max),
                ));
            }
        }
        let total: u32 = file.categories.iter().map(|c| c.max).sum();
        match file.pass_mark {
            Some(p) if file.indicators.is_empty() || p > total => {
                return Err(err(
                    "cultivation.rules.pass_mark",
                    "pass_mark",
                    format!("{p} / {total}"),
                ));
            }
            None if !file.indicators.is_empty() => {
                return Err(err("cultivation.rules.pass_mark", "pass_mark", ""));
            }
            _ => {}
        }
        if file.pass_mark.is_none() && !file.direct_routes.is_empty() {
            return Err(err(
                "cultivation.rules.routes_without_score",
                "direct_routes",
                "",
            ));
        }
        if file.conditions.is_empty() && file.pass_mark.is_none() {
            return Err(err("cultivation.rules.empty", "", &file.code));
        }
        let conditions = file
            .conditions
            .iter()
            .enumerate()
            .map(|(i, c)| compiler.condition(&format!("conditions[{i}]"), c))
            .collect::<Result<Vec<_>, _>>()?;
        let direct_routes = file
            .direct_routes
            .iter()
            .enumerate()
            .map(|(i, c)| compiler.condition(&format!("direct_routes[{i}]"), c))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(RuleSet {
            indicators,
            conditions,
            direct_routes,
            directions: compiler.directions,
            file,
        })
    }

    /// Whether this set applies on `date`.
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        self.file.effective_from <= date && self.file.effective_to.is_none_or(|to| date <= to)
    }

    /// Whether a re-review of a title won on `won_on`, made while this set is in force, is
    /// judged by the set in force on `won_on` instead.
    pub fn re_reviews_with_award_set(&self, won_on: NaiveDate) -> bool {
        self.file.re_review_by_award_set && won_on < self.file.effective_from
    }

    /// The highest total the indicators can give.
    pub fn max_total(&self) -> u32 {
        self.indicators.iter().map(|i| i.max).sum()
    }
}
