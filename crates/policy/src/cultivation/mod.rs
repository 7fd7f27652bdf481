//! Gradient cultivation (梯度培育): rule sets and the evaluator.
//!
//! A rule set ([`RuleSet`]) is data — a TOML file shipped in the binary or an administrator's
//! edited copy — holding the hard conditions, the scoring indicators with their bands, the
//! category maxima and minimums, the pass mark, the direct routes, validity and the review
//! levels. [`Inputs`] is the snapshot of an enterprise-year an assessment reads; it derives
//! [`MetricValues`], which [`RuleSet::evaluate`] turns into an [`Assessment`]. No I/O here.

mod evaluate;
mod gap;
mod inputs;
mod metric;
pub mod pool;
mod rule_set;
mod screen;
pub mod shipped;
mod tier;
pub mod workflow;

pub use evaluate::{
    Assessment, CategoryResult, ConditionResult, IndicatorResult, Verdict, condition_met,
    indicator_points, measure_points, qualifies,
};
pub use gap::{Gap, Lever, LeverInput};
pub use inputs::{HeldTitle, Inputs, ProfileFacts, YearFigures, institution_level};
pub use metric::{METRIC_COUNT, Metric, MetricValues, Source, Unit};
pub use rule_set::{
    Band, CBand, CCondition, CIndicator, CMeasure, Category, ConditionSpec, Direction, EPS,
    Indicator, Measure, Op, RuleSet, RuleSetError, RuleSetFile,
};
pub use screen::Screen;
pub use tier::{ReviewLevel, Tier};

#[cfg(test)]
mod tests;
