//! Gaps: the smallest change that meets a condition or reaches an indicator's next band,
//! with the money (or people) it takes where the metric is a share of something.

use super::evaluate::measure_points;
use super::metric::{Metric, MetricValues};
use super::rule_set::{CIndicator, Op};
use serde::Serialize;

/// The figure to change to close a gap of a share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeverInput {
    /// More R&D expense (万元).
    RdExpense,
    /// More net profit (万元).
    NetProfit,
    /// More main-business revenue at the same revenue (万元).
    MainRevenue,
    /// Less debt (万元).
    Liabilities,
    /// More R&D staff (persons).
    RdStaff,
    /// More technical staff (persons).
    TechStaff,
}

/// How much of an input closes the gap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Lever {
    /// The input.
    pub input: LeverInput,
    /// The amount: 万元 for money, persons (rounded up) for staff; a decrease for liabilities.
    pub amount: f64,
}

/// The smallest change that meets a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gap {
    /// The metric to change.
    pub metric: Metric,
    /// Its value now.
    pub value: f64,
    /// The threshold to reach.
    pub target: f64,
    /// The comparison (with `above`/`below` the target itself is not yet enough).
    pub op: Op,
    /// `target - value` (negative when the metric must fall).
    pub delta: f64,
    /// The indicator's points once reached (indicators only).
    pub points_after: Option<u32>,
    /// The money or people it takes, for shares.
    pub lever: Option<Lever>,
}

fn lever(metric: Metric, delta: f64, m: &MetricValues) -> Option<Lever> {
    let of = |base: Metric, input: LeverInput| {
        m.get(base).map(|b| Lever {
            input,
            amount: delta / 100.0 * b,
        })
    };
    let people = |base: Metric, input: LeverInput| {
        m.get(base).map(|b| Lever {
            input,
            amount: (delta / 100.0 * b - 1e-9).ceil().max(1.0),
        })
    };
    match metric {
        Metric::RdRatioPct => of(Metric::RevenueWan, LeverInput::RdExpense),
        Metric::NetMarginPct => of(Metric::RevenueWan, LeverInput::NetProfit),
        Metric::MainRevenueSharePct => of(Metric::RevenueWan, LeverInput::MainRevenue),
        Metric::DebtRatioPct => {
            of(Metric::TotalAssetsWan, LeverInput::Liabilities).map(|l| Lever {
                amount: -l.amount,
                ..l
            })
        }
        Metric::RdStaffSharePct => people(Metric::Staff, LeverInput::RdStaff),
        Metric::TechStaffSharePct => people(Metric::Staff, LeverInput::TechStaff),
        _ => None,
    }
}

/// The gap of a failed test (`None` when the value is missing).
pub fn condition_gap(metric: Metric, op: Op, threshold: f64, m: &MetricValues) -> Option<Gap> {
    let value = m.get(metric)?;
    let delta = threshold - value;
    Some(Gap {
        metric,
        value,
        target: threshold,
        op,
        delta,
        points_after: None,
        lever: lever(metric, delta, m),
    })
}

fn relative(delta: f64, target: f64) -> f64 {
    delta.abs() / target.abs().max(1.0)
}

/// The smallest change that lifts an indicator from `points` to its next band: the lowest
/// points above `points` any measure offers, and of those the smallest relative change.
pub fn indicator_gap(ind: &CIndicator, points: u32, m: &MetricValues) -> Option<Gap> {
    let mut best: Option<(u32, f64, Gap)> = None;
    for measure in &ind.measures {
        let Some(value) = m.get(measure.metric) else {
            continue;
        };
        let (now, reached) = measure_points(measure, value);
        let above = reached.unwrap_or(measure.bands.len());
        // Bands are best first: the next band up is the last one before `above` that gives
        // more than the indicator has now.
        let next = measure.bands[..above]
            .iter()
            .rev()
            .find(|b| b.points > points.max(now));
        let Some(b) = next else {
            continue;
        };
        let delta = b.threshold - value;
        let rel = relative(delta, b.threshold);
        let better = best
            .as_ref()
            .is_none_or(|(p, r, _)| b.points < *p || (b.points == *p && rel < *r));
        if better {
            best = Some((
                b.points,
                rel,
                Gap {
                    metric: measure.metric,
                    value,
                    target: b.threshold,
                    op: b.op,
                    delta,
                    points_after: Some(b.points),
                    lever: lever(measure.metric, delta, m),
                },
            ));
        }
    }
    best.map(|(_, _, g)| g)
}
