//! Screening: how far an enterprise-year is from qualifying, without building the full
//! explanation (the radar runs this over every enterprise in scope and every tier).

use super::evaluate::{Verdict, and, any_of, condition_met, indicator_points, or, score};
use super::metric::MetricValues;
use super::rule_set::{CCondition, RuleSet};
use serde::Serialize;

/// The distance of an enterprise-year from qualifying.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Screen {
    /// The verdict.
    pub verdict: Verdict,
    /// How many items must change: 0 when qualified; each unmet or unknown hard condition
    /// counts one, and the score counts one if raising a single indicator to its maximum
    /// (or supplying its value) would meet it, two otherwise.
    pub distance: u32,
    /// How far, for ordering: the sum over the items of the relative shortfall (0 = there).
    pub shortfall: f64,
}

fn relative(delta: f64, target: f64) -> f64 {
    delta.abs() / target.abs().max(1.0)
}

fn shortfall(c: &CCondition, m: &MetricValues) -> f64 {
    match c {
        CCondition::Test {
            metric,
            op,
            threshold,
        } => match m.get(*metric) {
            Some(v) if op.test(v, *threshold) => 0.0,
            Some(v) => relative(threshold - v, *threshold),
            None => 1.0,
        },
        CCondition::All(parts) => parts.iter().map(|p| shortfall(p, m)).sum(),
        CCondition::Any(parts) => parts
            .iter()
            .map(|p| shortfall(p, m))
            .fold(f64::INFINITY, f64::min)
            .min(1.0),
    }
}

impl RuleSet {
    /// Screens one enterprise-year: each condition, the routes and the score are evaluated
    /// once; a set of conditions already two items short skips the score.
    pub fn screen(&self, m: &MetricValues) -> Screen {
        let mut q = Some(true);
        let mut distance = 0;
        let mut short = 0.0;
        for c in &self.conditions {
            let met = condition_met(c, m);
            q = and(q, met);
            if met != Some(true) {
                distance += 1;
                short += shortfall(c, m);
            }
        }
        if q == Some(false) && distance >= 2 {
            return Screen {
                verdict: Verdict::NotQualified,
                distance,
                shortfall: short,
            };
        }
        if let Some(pass) = self.file.pass_mark {
            let routes = any_of(self.direct_routes.iter().map(|r| condition_met(r, m)));
            if routes != Some(true) {
                let (total, met, cats) = score(self, m);
                q = and(q, or(met, routes));
                if met != Some(true) {
                    let n = self.file.categories.len();
                    let cat_ok = |i: usize, low: u32| low >= self.file.categories[i].min;
                    let one_fixes = self.indicators.iter().any(|ind| {
                        let p = indicator_points(ind, m).0.unwrap_or(0);
                        total - p + ind.max >= pass
                            && (0..n).all(|i| {
                                let low = if i == ind.category {
                                    cats[i].0 - p + ind.max
                                } else {
                                    cats[i].0
                                };
                                cat_ok(i, low)
                            })
                    });
                    let cat_short: u32 = (0..n)
                        .map(|i| self.file.categories[i].min.saturating_sub(cats[i].0))
                        .sum();
                    let points_short = pass.saturating_sub(total).max(cat_short);
                    distance += if one_fixes { 1 } else { 2 };
                    short += f64::from(points_short) / f64::from(pass.max(1));
                }
            }
        }
        let verdict = match q {
            Some(true) => Verdict::Qualified,
            Some(false) => Verdict::NotQualified,
            None => Verdict::Undetermined,
        };
        if verdict == Verdict::Qualified {
            return Screen {
                verdict,
                distance: 0,
                shortfall: 0.0,
            };
        }
        Screen {
            verdict,
            distance: distance.max(1),
            shortfall: short,
        }
    }
}
