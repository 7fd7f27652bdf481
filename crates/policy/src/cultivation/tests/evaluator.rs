//! The evaluator on whole enterprises: verdicts, missing inputs, gaps, rule selection.

use super::*;
use crate::enterprise::{HonorLevel, HonorTitle, SizeClass};
use crate::money::Fen;
use chrono::NaiveDate;

fn set(code: &str) -> RuleSet {
    shipped::all()
        .unwrap()
        .into_iter()
        .find(|s| s.file.code == code)
        .unwrap()
}

fn wan(w: i64) -> Option<Fen> {
    Some(Fen::new(w * 1_000_000))
}

fn year(y: i32, revenue: i64, main: i64, rd: i64) -> YearFigures {
    YearFigures {
        year: y,
        revenue: wan(revenue),
        main_revenue: wan(main),
        rd_expense: wan(rd),
        net_profit: wan(revenue / 10),
        total_assets: wan(10_000),
        total_liabilities: wan(5_000),
        staff: Some(200),
        rd_staff: Some(30),
        tech_staff: Some(40),
        equity_financing: wan(0),
        ip_class1_high_value: Some(0),
        ip_class1_self_developed: Some(0),
        ip_class1: Some(1),
        ip_class2: Some(3),
        invention_patents: Some(1),
        utility_models: Some(3),
        software_copyrights: Some(1),
        digital_level: Some(2),
        rd_institution_level: Some("city".into()),
        quality_award: false,
        quality_certification: true,
        own_brand: true,
        standard_drafting: false,
    }
}

fn inputs() -> Inputs {
    Inputs {
        year: 2025,
        years: vec![
            year(2025, 12_000, 9_000, 312),
            year(2024, 11_000, 8_000, 300),
            year(2023, 10_000, 7_000, 250),
        ],
        profile: ProfileFacts {
            niche_since_year: Some(2018),
            founded_year: Some(2010),
            strategic_emerging: true,
            size_class: Some(SizeClass::Medium),
        },
        titles: vec![],
        declared: Default::default(),
    }
}

#[test]
fn metrics_are_derived_from_the_years_and_missing_ones_stay_missing() {
    let m = inputs().metrics();
    assert_eq!(m.get(Metric::RevenueWan), Some(12_000.0));
    assert_eq!(m.get(Metric::RdRatioPct), Some(2.6));
    assert_eq!(m.get(Metric::MainRevenueGrowthPct), Some(12.5));
    assert_eq!(m.get(Metric::DebtRatioPct), Some(50.0));
    assert_eq!(m.get(Metric::NicheYears), Some(7.0));
    assert_eq!(m.get(Metric::QualityItems), Some(2.0));
    assert_eq!(m.get(Metric::RdInstitutionLevel), Some(2.0));
    assert_eq!(
        m.get(Metric::AwardProvincial3y),
        None,
        "declared, not given"
    );
    let mut only_this_year = inputs();
    only_this_year.years.truncate(1);
    let m = only_this_year.metrics();
    assert_eq!(
        m.get(Metric::MainRevenueGrowthPct),
        None,
        "no prior year: not zero"
    );
    assert_eq!(m.get(Metric::RdExpenseSum2Wan), None);
}

#[test]
fn a_square_growth_lands_exactly_on_its_edge() {
    let mut i = inputs();
    i.years[0].revenue = wan(1_440);
    i.years[2].revenue = wan(1_000);
    assert_eq!(i.metrics().get(Metric::RevenueCagr2Pct), Some(20.0));
}

#[test]
fn the_innovative_assessment_explains_every_item_and_the_rd_gap_in_money() {
    let a = set("innovative-2022-63").evaluate(&inputs().metrics());
    // ip 10 (one class I) + rd 10 (2.6%) = 20 innovation; growth 15 (12.5%) + debt 10 = 25;
    // field 10 + share 20 (75%) = 30.
    assert_eq!(a.total, 75);
    assert_eq!(a.verdict, Verdict::Qualified);
    assert!(a.qualified);
    let cats: Vec<(u32, u32)> = a
        .categories
        .iter()
        .map(|c| (c.points, c.min_required))
        .collect();
    assert_eq!(cats, vec![(20, 20), (25, 15), (30, 15)]);
    let rd = a.indicators.iter().find(|i| i.code == "rd_ratio").unwrap();
    assert_eq!(
        (rd.points, rd.max, rd.band.as_deref()),
        (Some(10), 20, Some("≥2"))
    );
    let gap = rd.gap.unwrap();
    assert_eq!(gap.target, 3.0);
    assert!((gap.delta - 0.4).abs() < 1e-9);
    assert_eq!(gap.points_after, Some(15));
    let lever = gap.lever.unwrap();
    assert_eq!(lever.input, LeverInput::RdExpense);
    assert!(
        (lever.amount - 48.0).abs() < 1e-6,
        "0.4% of 12000万 = 48万: {}",
        lever.amount
    );
    assert!(a.missing.contains(&Metric::AwardProvincial3y));
    let route = a.direct_routes.iter().find(|r| r.code == "award").unwrap();
    assert_eq!(
        route.met, None,
        "an undeclared award is unknown, not absent"
    );
}

#[test]
fn a_category_minimum_fails_the_score_even_above_the_pass_mark() {
    let rs = set("innovative-2022-63");
    let m = inputs()
        .metrics()
        .with(Metric::RdRatioPct, 0.5)
        .with(Metric::IpClass1, 0.0)
        .with(Metric::IpClass2, 0.0)
        .with(Metric::AwardProvincial3y, 0.0)
        .with(Metric::HoldsInnovationTitle, 0.0);
    let a = rs.evaluate(&m);
    assert_eq!(a.categories[0].points, 0);
    assert_eq!(a.categories[0].met, Some(false));
    assert_eq!(a.total, 55);
    assert_eq!(a.verdict, Verdict::NotQualified);
    let routed = rs.evaluate(&m.with(Metric::AwardProvincial3y, 1.0));
    assert_eq!(
        routed.verdict,
        Verdict::Qualified,
        "a direct route replaces the score"
    );
}

#[test]
fn a_missing_input_leaves_the_verdict_undetermined_only_when_it_could_matter() {
    let rs = set("innovative-2022-63");
    let mut m = inputs()
        .metrics()
        .with(Metric::AwardProvincial3y, 0.0)
        .with(Metric::HoldsInnovationTitle, 0.0);
    m.set(Metric::MainRevenueGrowthPct, None);
    let a = rs.evaluate(&m);
    // Growth needs 15 points in its category; the debt ratio gives 10: growth decides.
    assert_eq!(a.verdict, Verdict::Undetermined);
    let ind = a
        .indicators
        .iter()
        .find(|i| i.code == "main_revenue_growth")
        .unwrap();
    assert_eq!(ind.points, None);
    assert_eq!(ind.missing, vec![Metric::MainRevenueGrowthPct]);
    assert!(a.missing.contains(&Metric::MainRevenueGrowthPct));
    assert_eq!(
        rs.evaluate(&m.with(Metric::MainRevenueGrowthPct, 0.0))
            .verdict,
        Verdict::Qualified
    );
    assert_eq!(
        rs.evaluate(&m.with(Metric::MainRevenueGrowthPct, -0.1))
            .verdict,
        Verdict::NotQualified
    );
}

#[test]
fn the_specialized_conditions_name_the_failing_threshold() {
    let mut i = inputs();
    i.titles.push(HeldTitle {
        title: HonorTitle::Innovative,
        level: HonorLevel::Provincial,
    });
    let a = set("specialized-2022-63").evaluate(&i.metrics());
    let rd = a.conditions.iter().find(|c| c.code == "rd").unwrap();
    assert_eq!(rd.met, Some(false));
    let ratio = rd.parts.iter().find(|p| p.code == "rd_ratio").unwrap();
    assert_eq!(
        (ratio.value, ratio.threshold, ratio.met),
        (Some(2.6), Some(3.0), Some(false))
    );
    assert!((ratio.gap.unwrap().lever.unwrap().amount - 48.0).abs() < 1e-6);
    assert_eq!(a.verdict, Verdict::NotQualified);
    let local = a.indicators.iter().find(|i| i.code == "local").unwrap();
    assert!(local.unconfigured);
    assert_eq!(local.points, None);
}

#[test]
fn the_rule_set_is_chosen_by_the_assessment_date() {
    let sets = shipped::all().unwrap();
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let on = |t, day| shipped::applicable(&sets, t, d(day)).map(|s| s.file.code.as_str());
    assert_eq!(
        on(Tier::Specialized, "2026-03-31"),
        Some("specialized-2022-63")
    );
    assert_eq!(
        on(Tier::Specialized, "2026-04-01"),
        Some("specialized-2026-2")
    );
    assert_eq!(
        on(Tier::LittleGiant, "2026-04-01"),
        Some("little_giant-2026-2")
    );
    assert_eq!(on(Tier::TechSme, "2026-11-25"), Some("tech_sme-2017-115"));
    assert_eq!(on(Tier::Innovative, "2021-01-01"), None);
}

#[test]
fn bad_rule_files_are_refused_with_a_key_and_a_place() {
    let good = shipped::FILES[1].1;
    let cases = [
        (
            good.replace("min = 3, points = 15", "min = 4, points = 21"),
            "cultivation.rules.points_over_max",
        ),
        (
            good.replace("{ min = 3, points = 15 }", "{ min = 6, points = 15 }"),
            "cultivation.rules.band_order",
        ),
        (
            good.replace("metric = \"rd_ratio_pct\"", "metric = \"rd_ratio\""),
            "cultivation.rules.unknown_metric",
        ),
        (
            good.replace(
                "{ min = 2, points = 10 }",
                "{ min = 2, max = 3, points = 10 }",
            ),
            "cultivation.rules.op",
        ),
        (
            good.replace("max = 40\nmin = 20", "max = 45\nmin = 20"),
            "cultivation.rules.category_max",
        ),
        (
            good.replace("pass_mark = 60", "pass_mark = 160"),
            "cultivation.rules.pass_mark",
        ),
        (
            good.replace("tier = \"innovative\"", "tier = \"heroic\""),
            "cultivation.rules.syntax",
        ),
        (
            good.replace("category = \"growth\"", "category = \"growht\""),
            "cultivation.rules.unknown_category",
        ),
        (
            good.replace(
                "metric = \"is_sme\"\nmin = 1",
                "metric = \"debt_ratio_pct\"\nmin = 1",
            ),
            "cultivation.rules.direction",
        ),
    ];
    for (text, key) in cases {
        let e = RuleSet::parse(&text).unwrap_err();
        assert_eq!(e.key, key, "{e}");
    }
    let e =
        RuleSet::parse(&good.replace("min = 3, points = 15", "min = 4, points = 21")).unwrap_err();
    assert_eq!(e.path, "indicators[1].measures[0].bands[1]");
}
