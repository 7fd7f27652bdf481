//! Invariants of every shipped rule set, on random enterprise-years.

use super::*;
use proptest::prelude::*;

fn scale(metric: Metric, x: f64) -> f64 {
    match metric.unit() {
        Unit::Percent => x * 120.0 - 10.0,
        Unit::WanYuan => x * 60_000.0,
        Unit::Count => (x * 12.0).floor(),
        Unit::Years => (x * 15.0).floor(),
        Unit::Level => (x * 5.0).floor(),
        Unit::Flag => {
            if x < 0.7 {
                1.0
            } else {
                0.0
            }
        }
        Unit::Points => x * 100.0,
    }
}

fn values() -> impl Strategy<Value = MetricValues> {
    (
        proptest::collection::vec(0.0f64..1.0, METRIC_COUNT),
        proptest::collection::vec(proptest::bool::weighted(0.05), METRIC_COUNT),
    )
        .prop_map(|(xs, missing)| {
            let mut m = MetricValues::default();
            for (i, metric) in Metric::ALL.iter().enumerate() {
                let v = (!missing[i]).then(|| scale(*metric, xs[i]));
                m.set(*metric, v);
            }
            m
        })
}

fn sets() -> Vec<RuleSet> {
    shipped::all().unwrap()
}

/// `m` with `metric` moved by `by` (> 0) in the direction the set prefers.
fn improved(rs: &RuleSet, m: &MetricValues, metric: Metric, by: f64) -> Option<MetricValues> {
    let v = m.get(metric)?;
    match rs.directions[metric.index()] {
        Direction::Unused => None,
        Direction::Higher => Some(m.with(metric, v + by)),
        Direction::Lower => Some(m.with(metric, v - by)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn points_never_exceed_the_maximum(m in values()) {
        for rs in sets() {
            let a = rs.evaluate(&m);
            for (ind, spec) in a.indicators.iter().zip(&rs.file.indicators) {
                prop_assert!(ind.points.unwrap_or(0) <= spec.max, "{} {}", rs.file.code, spec.code);
            }
            for c in &a.categories {
                prop_assert!(c.points <= c.max);
            }
            prop_assert!(a.total <= a.max_total);
        }
    }

    #[test]
    fn improving_one_input_never_lowers_its_points(
        m in values(), which in 0..METRIC_COUNT, by in 0.000001f64..50.0,
    ) {
        let metric = Metric::ALL[which];
        for rs in sets() {
            let Some(better) = improved(&rs, &m, metric, by) else { continue };
            for ind in &rs.indicators {
                let (before, _) = indicator_points(ind, &m);
                let (after, _) = indicator_points(ind, &better);
                prop_assert!(after >= before, "{} {}", rs.file.code, metric.code());
            }
        }
    }

    #[test]
    fn a_qualified_enterprise_stays_qualified_when_any_input_improves(
        m in values(), which in 0..METRIC_COUNT, by in 0.000001f64..50.0,
    ) {
        let metric = Metric::ALL[which];
        for rs in sets() {
            if qualifies(&rs, &m) != Some(true) {
                continue;
            }
            if let Some(better) = improved(&rs, &m, metric, by) {
                prop_assert_eq!(qualifies(&rs, &better), Some(true), "{} {}", rs.file.code, metric.code());
            }
        }
    }

    #[test]
    fn the_screen_agrees_with_the_full_assessment(m in values()) {
        for rs in sets() {
            let s = rs.screen(&m);
            let a = rs.evaluate(&m);
            prop_assert_eq!(s.verdict, a.verdict);
            prop_assert_eq!(s.distance == 0, a.qualified);
        }
    }
}

#[test]
fn every_shipped_set_can_be_met() {
    // A strong enterprise on every metric (best direction) qualifies for every set but the
    // one that excludes holders of a higher title: it proves no set is unreachable.
    for rs in sets() {
        let mut m = MetricValues::default();
        for metric in Metric::ALL {
            let v = match rs.directions[metric.index()] {
                Direction::Lower => 0.0,
                _ => 1e6,
            };
            m.set(*metric, Some(v));
        }
        assert_eq!(qualifies(&rs, &m), Some(true), "{}", rs.file.code);
        assert_eq!(rs.screen(&m).distance, 0);
    }
}
