//! Band edges of every indicator of every shipped rule set, exactly at the edge and just
//! under it (just over, for lower-is-better bands), with the numbers of policy-rules.md.

use super::*;
use std::collections::BTreeSet;
use std::sync::Mutex;

static COVERED: Mutex<BTreeSet<(String, String)>> = Mutex::new(BTreeSet::new());

fn set(code: &str) -> RuleSet {
    shipped::all()
        .unwrap()
        .into_iter()
        .find(|s| s.file.code == code)
        .unwrap_or_else(|| panic!("no shipped set {code}"))
}

fn zeros() -> MetricValues {
    let mut m = MetricValues::default();
    for metric in Metric::ALL {
        m.set(*metric, Some(0.0));
    }
    m
}

fn step(metric: Metric) -> f64 {
    match metric.unit() {
        Unit::Percent | Unit::WanYuan => 1e-6,
        _ => 1.0,
    }
}

fn points(rs: &RuleSet, indicator: &str, m: &MetricValues) -> u32 {
    let i = rs
        .file
        .indicators
        .iter()
        .position(|x| x.code == indicator)
        .unwrap_or_else(|| panic!("{}: no indicator {indicator}", rs.file.code));
    indicator_points(&rs.indicators[i], m).0.unwrap()
}

/// `edges` = (edge, points at the edge), best first; below the last edge scores `floor`.
fn check(code: &str, indicator: &str, metric: &str, edges: &[(f64, u32)], floor: u32) {
    let rs = set(code);
    let metric = Metric::parse(metric).unwrap();
    let lower = rs.directions[metric.index()] == Direction::Lower;
    let d = if lower { step(metric) } else { -step(metric) };
    for (k, (edge, pts)) in edges.iter().enumerate() {
        let next = edges.get(k + 1).map_or(floor, |e| e.1);
        let at = points(&rs, indicator, &zeros().with(metric, *edge));
        let past = points(&rs, indicator, &zeros().with(metric, edge + d));
        assert_eq!(at, *pts, "{code} {indicator}: exactly {edge}");
        assert_eq!(past, next, "{code} {indicator}: just past {edge}");
    }
    COVERED
        .lock()
        .unwrap()
        .insert((code.to_string(), indicator.to_string()));
}

fn innovative(code: &str) {
    check(code, "ip", "ip_class1_high_value", &[(1.0, 20)], 0);
    check(code, "ip", "ip_class1_self_developed", &[(1.0, 15)], 0);
    check(code, "ip", "ip_class1", &[(1.0, 10)], 0);
    check(code, "ip", "ip_class2", &[(1.0, 5)], 0);
    let rd = [(5.0, 20), (3.0, 15), (2.0, 10), (1.0, 5)];
    check(code, "rd_ratio", "rd_ratio_pct", &rd, 0);
    let g = [(15.0, 20), (10.0, 15), (5.0, 10), (0.0, 5)];
    check(
        code,
        "main_revenue_growth",
        "main_revenue_growth_pct",
        &g,
        0,
    );
    check(
        code,
        "debt_ratio",
        "debt_ratio_pct",
        &[(55.0, 10), (75.0, 5)],
        0,
    );
    check(code, "product_field", "strategic_emerging", &[(1.0, 10)], 5);
    let share = [(70.0, 20), (60.0, 15), (55.0, 10), (50.0, 5)];
    check(
        code,
        "main_revenue_share",
        "main_revenue_share_pct",
        &share,
        0,
    );
}

fn specialized_table(code: &str) {
    let c = code;
    check(
        c,
        "main_revenue_share",
        "main_revenue_share_pct",
        &[(80.0, 5), (70.0, 3), (60.0, 1)],
        0,
    );
    let g = [(10.0, 10), (8.0, 8), (6.0, 6), (4.0, 4), (0.0, 2)];
    check(
        c,
        "main_revenue_growth_avg2",
        "main_revenue_growth_avg2_pct",
        &g,
        0,
    );
    let y = [(10.0, 5), (8.0, 4), (6.0, 3), (4.0, 2), (2.0, 1)];
    check(c, "niche_years", "niche_years", &y, 0);
    check(
        c,
        "product_field",
        "main_product_field_level",
        &[(2.0, 5), (1.0, 3)],
        0,
    );
    check(
        c,
        "digital_level",
        "digital_level",
        &[(3.0, 5), (2.0, 3)],
        0,
    );
    check(c, "quality", "quality_items", &[(2.0, 5), (1.0, 3)], 0);
    let nm = [(10.0, 10), (8.0, 8), (6.0, 6), (4.0, 4), (2.0, 2)];
    check(c, "net_margin", "net_margin_pct", &nm, 0);
    check(
        c,
        "debt_ratio",
        "debt_ratio_pct",
        &[(50.0, 5), (60.0, 3), (70.0, 1)],
        0,
    );
    check(c, "ip", "ip_class1_high_value", &[(1.0, 10)], 0);
    check(c, "ip", "ip_class1_self_developed", &[(1.0, 8)], 0);
    check(c, "ip", "ip_class1", &[(1.0, 6)], 0);
    check(c, "ip", "ip_class2", &[(1.0, 2)], 0);
    let money = [(500.0, 10), (400.0, 8), (300.0, 6), (200.0, 4), (100.0, 2)];
    check(c, "rd_input", "rd_expense_wan", &money, 0);
    let ratio = [(10.0, 10), (8.0, 8), (6.0, 6), (4.0, 4), (3.0, 2)];
    check(c, "rd_input", "rd_ratio_pct", &ratio, 0);
    check(
        c,
        "rd_staff_share",
        "rd_staff_share_pct",
        &[(20.0, 5), (10.0, 3), (5.0, 1)],
        0,
    );
    let inst = [(4.0, 10), (3.0, 8), (2.0, 4), (1.0, 2)];
    check(c, "rd_institution", "rd_institution_level", &inst, 0);
    COVERED
        .lock()
        .unwrap()
        .insert((code.to_string(), "local".to_string()));
}

fn tech_sme() {
    let c = "tech_sme-2017-115";
    let t = [(30.0, 20), (25.0, 16), (20.0, 12), (15.0, 8), (10.0, 4)];
    check(c, "tech_staff_share", "tech_staff_share_pct", &t, 0);
    let rd = [(6.0, 50), (5.0, 40), (4.0, 30), (3.0, 20), (2.0, 10)];
    check(c, "rd", "rd_ratio_pct", &rd, 0);
    let cost = [(30.0, 50), (25.0, 40), (20.0, 30), (15.0, 20), (10.0, 10)];
    check(c, "rd", "rd_cost_ratio_pct", &cost, 0);
    check(c, "ip", "ip_class1", &[(1.0, 30)], 0);
    let ip2 = [(4.0, 24), (3.0, 18), (2.0, 12), (1.0, 6)];
    check(c, "ip", "ip_class2", &ip2, 0);
}

#[test]
fn every_indicator_of_every_shipped_set_is_checked_at_its_band_edges() {
    innovative("innovative-2022-63");
    innovative("innovative-2026-2");
    specialized_table("specialized-2022-63");
    specialized_table("specialized-2026-2");
    specialized_table("little_giant-2026-2");
    tech_sme();
    let covered = COVERED.lock().unwrap().clone();
    for rs in shipped::all().unwrap() {
        for ind in &rs.file.indicators {
            assert!(
                covered.contains(&(rs.file.code.clone(), ind.code.clone())),
                "{} {} has no edge test",
                rs.file.code,
                ind.code
            );
        }
    }
}

/// The leaf test named by a path of codes through the condition tree.
fn leaf<'a>(rs: &'a RuleSet, path: &[&str]) -> (&'a CCondition, Metric, Op, f64) {
    let top = rs
        .file
        .conditions
        .iter()
        .position(|c| c.code == path[0])
        .unwrap_or_else(|| panic!("{}: no condition {}", rs.file.code, path[0]));
    let mut spec = &rs.file.conditions[top];
    let mut c = &rs.conditions[top];
    for code in &path[1..] {
        let (specs, parts) = match c {
            CCondition::All(p) => (&spec.all_of, p),
            CCondition::Any(p) => (&spec.any_of, p),
            CCondition::Test { .. } => panic!("{code}: not a group"),
        };
        let i = specs.iter().position(|s| s.code == *code).unwrap();
        spec = &specs[i];
        c = &parts[i];
    }
    match c {
        CCondition::Test {
            metric,
            op,
            threshold,
        } => (c, *metric, *op, *threshold),
        _ => panic!("{path:?} is a group"),
    }
}

/// A condition's edge: met exactly at `edge` (unless strict) and not just past it.
fn cond(code: &str, path: &[&str], metric: &str, edge: f64, strict: bool) {
    let rs = set(code);
    let (c, m, op, threshold) = leaf(&rs, path);
    assert_eq!(m.code(), metric, "{code} {path:?}");
    assert_eq!(threshold, edge, "{code} {path:?}: threshold");
    let d = step(m);
    let (inside, outside) = match op {
        Op::Min => (edge, edge - d),
        Op::Above => (edge + d, edge),
        Op::Max => (edge, edge + d),
        Op::Below => (edge - d, edge),
    };
    assert_eq!(
        matches!(op, Op::Above | Op::Below),
        strict,
        "{code} {path:?}: strictness"
    );
    let z = zeros();
    assert_eq!(
        condition_met(c, &z.with(m, inside)),
        Some(true),
        "{code} {path:?} at {inside}"
    );
    assert_eq!(
        condition_met(c, &z.with(m, outside)),
        Some(false),
        "{code} {path:?} at {outside}"
    );
    assert_eq!(
        condition_met(c, &MetricValues::default()),
        None,
        "{code} {path:?}: missing"
    );
}

#[test]
fn hard_conditions_sit_at_the_policy_numbers() {
    let s = "specialized-2022-63";
    cond(s, &["niche_years"], "niche_years", 2.0, false);
    cond(s, &["rd", "rd_expense"], "rd_expense_wan", 100.0, false);
    cond(s, &["rd", "rd_ratio"], "rd_ratio_pct", 3.0, false);
    cond(s, &["revenue", "revenue"], "revenue_wan", 1000.0, false);
    cond(
        s,
        &["revenue", "financing"],
        "equity_financing_2y_wan",
        2000.0,
        false,
    );
    let s = "specialized-2026-2";
    cond(s, &["niche_years"], "niche_years", 3.0, false);
    cond(s, &["revenue", "revenue"], "revenue_wan", 1500.0, false);
    cond(
        s,
        &["main_revenue_share"],
        "main_revenue_share_pct",
        80.0,
        false,
    );
    cond(s, &["debt_ratio"], "debt_ratio_pct", 80.0, false);
    cond(
        s,
        &["rd", "rd_ratio_each_year"],
        "rd_ratio_min2_pct",
        3.0,
        false,
    );
    let s = "little_giant-2022-63";
    cond(
        s,
        &["zhuan", "main_revenue_share"],
        "main_revenue_share_pct",
        70.0,
        false,
    );
    cond(
        s,
        &["zhuan", "growth"],
        "main_revenue_growth_avg2_pct",
        5.0,
        false,
    );
    cond(s, &["jing", "debt_ratio"], "debt_ratio_pct", 70.0, false);
    cond(s, &["te", "niche_share"], "niche_share_pct", 10.0, false);
    cond(
        s,
        &["zhuan", "niche_years", "three_years"],
        "niche_years",
        3.0,
        false,
    );
    let s = "little_giant-2026-2";
    cond(s, &["revenue"], "revenue_wan", 5000.0, false);
    cond(
        s,
        &["main_revenue_share"],
        "main_revenue_share_pct",
        90.0,
        false,
    );
    cond(s, &["growth"], "revenue_cagr2_pct", 5.0, false);
    cond(s, &["debt_ratio"], "debt_ratio_pct", 75.0, false);
    cond(s, &["rd", "rd_sum"], "rd_expense_sum2_wan", 1200.0, false);
    cond(s, &["ip", "ip_class1"], "ip_class1", 4.0, false);
    let s = "tech_sme-2017-115";
    cond(s, &["staff"], "staff", 500.0, false);
    cond(s, &["sales"], "revenue_wan", 20000.0, false);
    cond(s, &["assets"], "total_assets_wan", 20000.0, false);
    let s = "gazelle-sd";
    cond(s, &["debt_ratio"], "debt_ratio_pct", 70.0, true);
    cond(s, &["operating_years"], "operating_years", 3.0, false);
    cond(s, &["credit"], "credit_score", 75.0, false);
    cond(
        s,
        &["growth", "over_400m", "revenue"],
        "revenue_wan",
        40000.0,
        true,
    );
    cond(
        s,
        &["rd", "large", "rd_ratio"],
        "rd_ratio_min2_pct",
        2.5,
        false,
    );
    let s = "single_champion-2023-138";
    cond(
        s,
        &["revenue", "revenue_400m"],
        "revenue_avg3_wan",
        40000.0,
        false,
    );
    cond(s, &["field_years", "ten_years"], "field_years", 10.0, false);
}
