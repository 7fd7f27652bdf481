//! An assessment as a card: conditions met or not with value and threshold, indicators with
//! band, points, maximum and gap, categories with their minimums, the total against the pass
//! mark, the direct routes and the verdict. The assessment record and the application record
//! (beside the evidence, for the reviewers) show the same card.

use super::explain::{self, CondRow};
use crate::i18n::Tr;
use app::cultivation::AssessmentView;

/// A category's line.
pub struct CategoryRow {
    /// Name.
    pub name: String,
    /// Points won.
    pub points: u32,
    /// Maximum.
    pub max: u32,
    /// Least required.
    pub min: u32,
    /// Status class.
    pub class: &'static str,
    /// Status label.
    pub status: String,
}

/// An indicator's line.
pub struct IndicatorRow {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Its category's name.
    pub category: String,
    /// The metric measured.
    pub metric: String,
    /// The value with its unit.
    pub value: String,
    /// The band reached.
    pub band: String,
    /// Points won ("—" when a missing input decides).
    pub points: String,
    /// Maximum.
    pub max: u32,
    /// What would reach the next band.
    pub gap: String,
    /// Why it is not scored (missing inputs, an unfilled slot).
    pub note: String,
}

/// The card.
pub struct AssessmentCard {
    /// The assessment.
    pub a: AssessmentView,
    /// Tier name.
    pub tier: String,
    /// Verdict class.
    pub verdict_class: &'static str,
    /// Verdict label.
    pub verdict: String,
    /// "total / max, pass mark".
    pub score: String,
    /// Categories.
    pub categories: Vec<CategoryRow>,
    /// Indicators.
    pub indicators: Vec<IndicatorRow>,
    /// Hard conditions as a tree.
    pub conditions: Vec<CondRow>,
    /// Direct routes as a tree.
    pub routes: Vec<CondRow>,
    /// Missing inputs by name.
    pub missing: Vec<String>,
}

impl AssessmentCard {
    /// The card of `a` in the user's language.
    pub fn new(t: &Tr, a: AssessmentView) -> AssessmentCard {
        let (verdict_class, verdict) = match a.verdict.as_str() {
            "qualified" => ("green", t.get("cultivation.verdict.qualified")),
            "not_qualified" => ("red", t.get("cultivation.verdict.not_qualified")),
            _ => ("orange", t.get("cultivation.verdict.undetermined")),
        };
        let score = match a.pass_mark {
            Some(p) => t.fmt(
                "cultivation.score_line",
                &[
                    ("total", &a.total.to_string()),
                    ("max", &a.max_total.to_string()),
                    ("pass", &p.to_string()),
                ],
            ),
            None => t.get("cultivation.no_score"),
        };
        let cat_name = |code: &str| {
            a.categories
                .iter()
                .find(|c| c.code == code)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        };
        let categories = a
            .categories
            .iter()
            .map(|c| {
                let (class, status) = explain::met(t, c.met);
                CategoryRow {
                    name: c.name.clone(),
                    points: c.points,
                    max: c.max,
                    min: c.min_required,
                    class,
                    status,
                }
            })
            .collect();
        let indicators = a
            .indicators
            .iter()
            .map(|i| IndicatorRow {
                code: i.code.clone(),
                name: i.name.clone(),
                category: cat_name(&i.category),
                metric: i
                    .metric
                    .map(|m| explain::metric_name(t, m).to_string())
                    .unwrap_or_default(),
                value: if i.unconfigured {
                    String::new()
                } else {
                    explain::value(t, i.metric, i.value)
                },
                band: i.band.clone().unwrap_or_default(),
                points: i
                    .points
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "—".into()),
                max: i.max,
                gap: i
                    .gap
                    .as_ref()
                    .map(|g| explain::gap(t, g))
                    .unwrap_or_default(),
                note: if i.unconfigured {
                    t.get("cultivation.slot_unconfigured")
                } else if !i.missing.is_empty() {
                    t.fmt(
                        "cultivation.indicator_missing",
                        &[(
                            "names",
                            &i.missing
                                .iter()
                                .map(|m| explain::metric_name(t, *m))
                                .collect::<Vec<_>>()
                                .join("、"),
                        )],
                    )
                } else {
                    String::new()
                },
            })
            .collect();
        AssessmentCard {
            tier: explain::tier_name(t, &a.tier),
            verdict_class,
            verdict,
            score,
            categories,
            indicators,
            conditions: explain::conditions(t, &a.conditions),
            routes: explain::conditions(t, &a.direct_routes),
            missing: a
                .missing
                .iter()
                .map(|m| explain::metric_name(t, *m).to_string())
                .collect(),
            a,
        }
    }
}
