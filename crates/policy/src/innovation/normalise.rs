//! Per-judge score normalisation and outlier flags.
//!
//! A harsh judge should not sink the projects they happen to see, nor a lenient one lift them.
//! Each judge's raw totals in a round are turned into z-scores against that judge's own scores
//! (`z = (raw − mean_judge) ÷ sd_judge`, population standard deviation). A judge who scored
//! fewer than two projects, or gave every project the same total, tells nothing about order:
//! their z-scores are 0. A project's normalised score is the mean of its judges' z-scores,
//! shown on the familiar T scale `50 + 10 × mean z` (50 is the average project).
//!
//! A score is flagged as an outlier when the project has at least three scores and the score
//! is at least `outlier_points` away from the median of that project's raw totals (the rule
//! file sets the distance). Flags are for the organisers to look at, not an automatic drop.

use serde::Serialize;
use std::collections::BTreeMap;

/// One judge's raw total for one project in one round.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JudgeScore {
    /// Judge id.
    pub judge: i64,
    /// Project id.
    pub project: i64,
    /// The raw total (sum of the rubric's criteria).
    pub raw: f64,
}

/// A project's scores after normalisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NormalisedProject {
    /// Project id.
    pub project: i64,
    /// How many judges scored it.
    pub judges: usize,
    /// The mean raw total.
    pub raw_mean: f64,
    /// The mean of its judges' z-scores.
    pub mean_z: f64,
    /// `50 + 10 × mean_z`.
    pub t_score: f64,
    /// Judges whose score for it is an outlier.
    pub outliers: Vec<i64>,
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Normalises the scores of one round; projects in id order.
pub fn normalise(scores: &[JudgeScore], outlier_points: f64) -> Vec<NormalisedProject> {
    let mut by_judge: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
    for s in scores {
        by_judge.entry(s.judge).or_default().push(s.raw);
    }
    let stats: BTreeMap<i64, (f64, f64)> = by_judge
        .iter()
        .map(|(j, v)| {
            let n = v.len() as f64;
            let mean = v.iter().sum::<f64>() / n;
            let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
            (*j, (mean, var.sqrt()))
        })
        .collect();
    let z = |s: &JudgeScore| -> f64 {
        match stats.get(&s.judge) {
            Some((mean, sd)) if by_judge[&s.judge].len() >= 2 && *sd > 1e-9 => (s.raw - mean) / sd,
            _ => 0.0,
        }
    };
    let mut by_project: BTreeMap<i64, Vec<&JudgeScore>> = BTreeMap::new();
    for s in scores {
        by_project.entry(s.project).or_default().push(s);
    }
    by_project
        .into_iter()
        .map(|(project, ss)| {
            let n = ss.len() as f64;
            let raw_mean = ss.iter().map(|s| s.raw).sum::<f64>() / n;
            let mean_z = ss.iter().map(|s| z(s)).sum::<f64>() / n;
            let outliers = if ss.len() >= 3 {
                let mut raws: Vec<f64> = ss.iter().map(|s| s.raw).collect();
                let m = median(&mut raws);
                let mut o: Vec<i64> = ss
                    .iter()
                    .filter(|s| (s.raw - m).abs() >= outlier_points)
                    .map(|s| s.judge)
                    .collect();
                o.sort_unstable();
                o
            } else {
                Vec::new()
            };
            NormalisedProject {
                project,
                judges: ss.len(),
                raw_mean,
                mean_z,
                t_score: 50.0 + 10.0 * mean_z,
                outliers,
            }
        })
        .collect()
}
