//! The evaluator: a rule set applied to one enterprise-year's metrics.
//!
//! Missing metrics make results unknown (three-valued), never zero: a condition on a missing
//! metric is neither met nor failed, an indicator without any value has no points, and the
//! verdict is `undetermined` when a missing value could still change it.

use super::gap::{Gap, condition_gap, indicator_gap};
use super::metric::{Metric, MetricValues};
use super::rule_set::{CCondition, CIndicator, CMeasure, ConditionSpec, Op, RuleSet};
use super::tier::Tier;
use serde::{Serialize, Serializer};

/// The outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Qualifies on the data given.
    Qualified,
    /// Does not qualify, whatever the missing values are.
    NotQualified,
    /// A missing value decides it.
    Undetermined,
}

impl Verdict {
    fn of(v: Option<bool>) -> Verdict {
        match v {
            Some(true) => Verdict::Qualified,
            Some(false) => Verdict::NotQualified,
            None => Verdict::Undetermined,
        }
    }

    /// The code.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Qualified => "qualified",
            Verdict::NotQualified => "not_qualified",
            Verdict::Undetermined => "undetermined",
        }
    }
}

impl Serialize for Metric {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// A category's subtotal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryResult {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Points (of the indicators with values).
    pub points: u32,
    /// Maximum.
    pub max: u32,
    /// Least required.
    pub min_required: u32,
    /// Whether the minimum is met (`None`: a missing value decides).
    pub met: Option<bool>,
}

/// An indicator's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorResult {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Category code.
    pub category: String,
    /// The metric that scored (the first measure when none has a value).
    pub metric: Option<Metric>,
    /// Its value.
    pub value: Option<f64>,
    /// The band reached (`≥3`), if any.
    pub band: Option<String>,
    /// Points (`None` when no measure has a value).
    pub points: Option<u32>,
    /// Maximum.
    pub max: u32,
    /// The smallest change that reaches the next band.
    pub gap: Option<Gap>,
    /// Metrics that were missing.
    pub missing: Vec<Metric>,
    /// A province-defined slot not yet filled.
    pub unconfigured: bool,
}

/// A condition's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConditionResult {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Met (`None`: missing value).
    pub met: Option<bool>,
    /// Metric tested (a test).
    pub metric: Option<Metric>,
    /// Its value.
    pub value: Option<f64>,
    /// Comparison.
    pub op: Option<Op>,
    /// Threshold.
    pub threshold: Option<f64>,
    /// The smallest change that meets it.
    pub gap: Option<Gap>,
    /// Parts of a group.
    pub parts: Vec<ConditionResult>,
    /// Whether the parts are alternatives (`any_of`) rather than all required.
    pub any: bool,
}

/// A full assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// Rule-set code.
    pub rule_set: String,
    /// Policy version.
    pub version: String,
    /// Tier.
    pub tier: Tier,
    /// The verdict.
    pub verdict: Verdict,
    /// `verdict == qualified`.
    pub qualified: bool,
    /// Total points (of indicators with values).
    pub total: u32,
    /// Highest possible total.
    pub max_total: u32,
    /// Pass mark.
    pub pass_mark: Option<u32>,
    /// Whether the score requirement (pass mark and category minimums) is met.
    pub score_met: Option<bool>,
    /// Categories.
    pub categories: Vec<CategoryResult>,
    /// Indicators.
    pub indicators: Vec<IndicatorResult>,
    /// Hard conditions.
    pub conditions: Vec<ConditionResult>,
    /// Direct routes.
    pub direct_routes: Vec<ConditionResult>,
    /// Every missing metric, once.
    pub missing: Vec<Metric>,
}

pub(super) fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

pub(super) fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

/// Three-valued "all": false if any is false, unknown if any is unknown, else true.
fn all_of(items: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut acc = Some(true);
    for v in items {
        acc = and(acc, v);
    }
    acc
}

/// Three-valued "any": true if any is true, unknown if any is unknown, else false.
pub(super) fn any_of(items: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut acc = Some(false);
    for v in items {
        acc = or(acc, v);
    }
    acc
}

/// Points of one measure for `value`, and the index of the band reached.
#[inline]
pub fn measure_points(m: &CMeasure, value: f64) -> (u32, Option<usize>) {
    for (i, b) in m.bands.iter().enumerate() {
        if b.op.test(value, b.threshold) {
            return (b.points, Some(i));
        }
    }
    (0, None)
}

/// Points of an indicator: the best over measures with values (`None` if none has one), and
/// the most it could give if the missing values were known.
#[inline]
pub fn indicator_points(ind: &CIndicator, m: &MetricValues) -> (Option<u32>, u32) {
    let mut best: Option<u32> = None;
    let mut missing = ind.measures.is_empty();
    for measure in &ind.measures {
        match m.get(measure.metric) {
            Some(v) => {
                let p = measure_points(measure, v).0;
                best = Some(best.map_or(p, |b| b.max(p)));
            }
            None => missing = true,
        }
    }
    let upper = if missing { ind.max } else { best.unwrap_or(0) };
    (best, upper)
}

/// Whether a condition is met (`None`: a missing value decides).
pub fn condition_met(c: &CCondition, m: &MetricValues) -> Option<bool> {
    match c {
        CCondition::Test {
            metric,
            op,
            threshold,
        } => m.get(*metric).map(|v| op.test(v, *threshold)),
        CCondition::All(parts) => all_of(parts.iter().map(|p| condition_met(p, m))),
        CCondition::Any(parts) => any_of(parts.iter().map(|p| condition_met(p, m))),
    }
}

/// Most categories a rule set may have.
pub const MAX_CATEGORIES: usize = 8;

/// Points per category: (known, optimistic).
pub(super) type Subtotals = [(u32, u32); MAX_CATEGORIES];

/// The known total, whether the score requirement is met, and the category subtotals.
pub(super) fn score(rs: &RuleSet, m: &MetricValues) -> (u32, Option<bool>, Subtotals) {
    let mut cats: Subtotals = [(0, 0); MAX_CATEGORIES];
    for ind in &rs.indicators {
        let (p, upper) = indicator_points(ind, m);
        cats[ind.category].0 += p.unwrap_or(0);
        cats[ind.category].1 += upper;
    }
    let Some(pass) = rs.file.pass_mark else {
        return (0, Some(true), cats);
    };
    let total: u32 = cats.iter().map(|c| c.0).sum();
    let upper: u32 = cats.iter().map(|c| c.1).sum();
    let mins_low = rs
        .file
        .categories
        .iter()
        .zip(&cats)
        .all(|(c, (low, _))| *low >= c.min);
    let mins_up = rs
        .file
        .categories
        .iter()
        .zip(&cats)
        .all(|(c, (_, up))| *up >= c.min);
    let met = if total >= pass && mins_low {
        Some(true)
    } else if upper < pass || !mins_up {
        Some(false)
    } else {
        None
    };
    (total, met, cats)
}

/// Whether the enterprise qualifies (`None`: a missing value decides).
pub fn qualifies(rs: &RuleSet, m: &MetricValues) -> Option<bool> {
    let mut q = Some(true);
    for c in &rs.conditions {
        q = and(q, condition_met(c, m));
        if q == Some(false) {
            return q;
        }
    }
    if rs.file.pass_mark.is_some() {
        let routes = any_of(rs.direct_routes.iter().map(|r| condition_met(r, m)));
        if routes == Some(true) {
            return q;
        }
        q = and(q, or(score(rs, m).1, routes));
    }
    q
}

fn condition_result(
    spec: &ConditionSpec,
    c: &CCondition,
    m: &MetricValues,
    missing: &mut Vec<Metric>,
) -> ConditionResult {
    let met = condition_met(c, m);
    let mut r = ConditionResult {
        code: spec.code.clone(),
        name: spec.name.clone(),
        met,
        metric: None,
        value: None,
        op: None,
        threshold: None,
        gap: None,
        parts: Vec::new(),
        any: false,
    };
    match c {
        CCondition::Test {
            metric,
            op,
            threshold,
        } => {
            r.metric = Some(*metric);
            r.value = m.get(*metric);
            r.op = Some(*op);
            r.threshold = Some(*threshold);
            if r.value.is_none() {
                missing.push(*metric);
            }
            if met == Some(false) {
                r.gap = condition_gap(*metric, *op, *threshold, m);
            }
        }
        CCondition::All(parts) | CCondition::Any(parts) => {
            r.any = matches!(c, CCondition::Any(_));
            let specs = if r.any { &spec.any_of } else { &spec.all_of };
            r.parts = specs
                .iter()
                .zip(parts)
                .map(|(s, p)| condition_result(s, p, m, missing))
                .collect();
        }
    }
    r
}

impl RuleSet {
    /// Applies the rule set to one enterprise-year's metrics.
    pub fn evaluate(&self, m: &MetricValues) -> Assessment {
        let mut missing = Vec::new();
        let (total, score_met, cats) = score(self, m);
        let categories = self
            .file
            .categories
            .iter()
            .zip(&cats)
            .map(|(c, (low, up))| CategoryResult {
                code: c.code.clone(),
                name: c.name.clone(),
                points: *low,
                max: c.max,
                min_required: c.min,
                met: if *low >= c.min {
                    Some(true)
                } else if *up < c.min {
                    Some(false)
                } else {
                    None
                },
            })
            .collect();
        let indicators = self
            .file
            .indicators
            .iter()
            .zip(&self.indicators)
            .map(|(spec, ind)| {
                let (points, _) = indicator_points(ind, m);
                let mut scored: Option<(&CMeasure, f64, u32, Option<usize>)> = None;
                let mut ind_missing = Vec::new();
                for measure in &ind.measures {
                    match m.get(measure.metric) {
                        Some(v) => {
                            let (p, band) = measure_points(measure, v);
                            if scored.is_none_or(|s| p > s.2) {
                                scored = Some((measure, v, p, band));
                            }
                        }
                        None => ind_missing.push(measure.metric),
                    }
                }
                missing.extend(ind_missing.iter().copied());
                let gap = match points {
                    Some(p) if p < ind.max => indicator_gap(ind, p, m),
                    _ => None,
                };
                IndicatorResult {
                    code: spec.code.clone(),
                    name: spec.name.clone(),
                    category: spec.category.clone(),
                    metric: scored
                        .map(|s| s.0.metric)
                        .or_else(|| ind.measures.first().map(|x| x.metric)),
                    value: scored.map(|s| s.1),
                    band: scored.and_then(|(measure, _, _, band)| {
                        let b = measure.bands[band?];
                        Some(format!("{}{}", b.op.symbol(), b.threshold))
                    }),
                    points,
                    max: ind.max,
                    gap,
                    missing: ind_missing,
                    unconfigured: ind.measures.is_empty(),
                }
            })
            .collect();
        let conditions = self
            .file
            .conditions
            .iter()
            .zip(&self.conditions)
            .map(|(s, c)| condition_result(s, c, m, &mut missing))
            .collect();
        let direct_routes = self
            .file
            .direct_routes
            .iter()
            .zip(&self.direct_routes)
            .map(|(s, c)| condition_result(s, c, m, &mut missing))
            .collect();
        missing.sort();
        missing.dedup();
        let verdict = Verdict::of(qualifies(self, m));
        Assessment {
            rule_set: self.file.code.clone(),
            version: self.file.version.clone(),
            tier: self.file.tier,
            verdict,
            qualified: verdict == Verdict::Qualified,
            total,
            max_total: self.max_total(),
            pass_mark: self.file.pass_mark,
            score_met: self.file.pass_mark.map(|_| score_met).unwrap_or(Some(true)),
            categories,
            indicators,
            conditions,
            direct_routes,
            missing,
        }
    }
}
