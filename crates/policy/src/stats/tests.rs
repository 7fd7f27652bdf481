use super::cube::{Cube, Member};
use super::*;
use proptest::prelude::*;

#[test]
fn quantities_parse_exactly_in_the_units_step() {
    assert_eq!(parse_quantity("1234.56", 6), Ok(1_234_560_000));
    assert_eq!(parse_quantity(" 1,234.5 ", 4), Ok(12_345_000));
    assert_eq!(parse_quantity("-3", 6), Ok(-3_000_000));
    assert_eq!(parse_quantity("0.0001", 4), Ok(1));
    assert_eq!(
        parse_quantity("2.50000", 1),
        Ok(25),
        "trailing zeros are not precision"
    );
    assert!(matches!(
        parse_quantity("0.00001", 4),
        Err(QuantityError::Precision(_, 4))
    ));
    assert!(matches!(
        parse_quantity("12a", 6),
        Err(QuantityError::Format(_))
    ));
    assert!(matches!(
        parse_quantity("", 6),
        Err(QuantityError::Format(_))
    ));
    assert!(matches!(
        parse_quantity(".", 6),
        Err(QuantityError::Format(_))
    ));
    assert!(matches!(
        parse_quantity("99999999999999", 6),
        Err(QuantityError::Range(_))
    ));
}

#[test]
fn quantities_format_with_rounding_half_away_from_zero() {
    assert_eq!(format_quantity(12_168_000_000_000, 6, 2), "12168000.00");
    assert_eq!(format_quantity(1_234_565_000, 6, 2), "1234.57");
    assert_eq!(format_quantity(-1_234_565_000, 6, 2), "-1234.57");
    assert_eq!(format_quantity(5, 1, 0), "1");
    assert_eq!(format_quantity(-4, 1, 0), "0");
    assert_eq!(format_tenths(134), "13.4");
    assert_eq!(format_tenths(-5), "-0.5");
    assert_eq!(format_hundredths(15842), "158.42");
}

#[test]
fn growth_and_completion_round_at_the_edges() {
    // 茌平区: 1216.8 against 1073.0 is +13.4017% → 13.4.
    assert_eq!(yoy_tenths(12_168_000, 10_730_000), Some(134));
    // Exactly half a tenth rounds away from zero: +0.05% → 0.1, -0.05% → -0.1; +0.045% → 0.0.
    assert_eq!(yoy_tenths(20_010, 20_000), Some(1));
    assert_eq!(yoy_tenths(19_990, 20_000), Some(-1));
    assert_eq!(yoy_tenths(20_009, 20_000), Some(0));
    assert_eq!(yoy_tenths(100, 0), None, "no prior, no growth");
    assert_eq!(
        yoy_tenths(100, -5),
        None,
        "growth over a loss has no meaning"
    );
    assert_eq!(completion_hundredths(10_720, 6_766), Some(15844));
    assert_eq!(completion_hundredths(1, 0), None);
}

#[test]
fn periods_follow_the_api() {
    let y = Period::parse(2022, None, None).unwrap();
    assert_eq!((y.kind, y.months()), (PeriodKind::Year, (1, 12)));
    let ytd = Period::parse(2022, Some(3), None).unwrap();
    assert_eq!((ytd.kind, ytd.months()), (PeriodKind::YearToDate, (1, 3)));
    assert_eq!(ytd.label(), "2022-01~03");
    let m = Period::parse(2022, Some(3), Some("month")).unwrap();
    assert_eq!((m.months(), m.label()), ((3, 3), "2022-03".to_string()));
    assert_eq!(m.prior().year, 2021);
    assert_eq!(Period::parse(2022, Some(13), None), Err(PeriodError::Month));
    assert_eq!(Period::parse(2022, Some(0), None), Err(PeriodError::Month));
    assert_eq!(Period::parse(1800, None, None), Err(PeriodError::Year));
    assert_eq!(
        Period::parse(2022, None, Some("month")),
        Err(PeriodError::Kind)
    );
    assert_eq!(
        Period::parse(2022, None, Some("week")),
        Err(PeriodError::Kind)
    );
    assert_eq!(Basis::parse(None), Some(Basis::Comparable));
    assert_eq!(Basis::parse(Some("reported")), Some(Basis::Reported));
    assert_eq!(Basis::parse(Some("nominal")), None);
}

fn shipped_indicators() -> IndicatorFile {
    toml::from_str(include_str!("../../../../rules/stats-indicators.toml")).unwrap()
}

#[test]
fn the_shipped_indicators_are_valid_and_output_is_the_default() {
    let f = shipped_indicators();
    f.validate().unwrap();
    let codes: Vec<&str> = f.indicator.iter().map(|i| i.code.as_str()).collect();
    for c in [
        "output",
        "revenue",
        "profit",
        "tax",
        "electricity",
        "investment",
    ] {
        assert!(codes.contains(&c), "{c} shipped");
    }
    assert_eq!(
        f.indicator
            .iter()
            .find(|i| i.default)
            .map(|i| i.code.as_str()),
        Some("output")
    );
}

#[test]
fn alert_colours_follow_the_thresholds_with_below_excluding_the_edge() {
    let out = shipped_indicators().indicator.remove(0);
    assert_eq!(
        (out.red_below_yoy, out.orange_below_yoy),
        (Some(0), Some(50))
    );
    assert_eq!(out.alert(Some(-1)), AlertLevel::Alert);
    assert_eq!(out.alert(Some(0)), AlertLevel::Warning, "0 is not below 0");
    assert_eq!(out.alert(Some(49)), AlertLevel::Warning);
    assert_eq!(out.alert(Some(50)), AlertLevel::Normal);
    assert_eq!(out.alert(None), AlertLevel::Unknown);
    let mut lower = out.clone();
    lower.higher_is_better = false;
    assert_eq!(lower.alert(Some(1)), AlertLevel::Alert, "rising is bad");
    assert_eq!(lower.alert(Some(-60)), AlertLevel::Normal);
    assert!(out.reporting_complete(95, 100));
    assert!(!out.reporting_complete(94, 100));
    assert!(out.implausible(Some(501)) && !out.implausible(Some(500)));
}

#[test]
fn bad_indicator_cards_are_refused_by_key() {
    let mut i = shipped_indicators().indicator.remove(0);
    i.code = "Output".into();
    assert_eq!(i.validate().unwrap_err().key(), "stats.indicator_code");
    let mut i = shipped_indicators().indicator.remove(0);
    i.decimals = 7;
    assert_eq!(i.validate().unwrap_err().key(), "stats.indicator_decimals");
    let mut i = shipped_indicators().indicator.remove(0);
    i.orange_below_yoy = Some(-10);
    assert_eq!(
        i.validate().unwrap_err().key(),
        "stats.indicator_thresholds"
    );
    let mut f = shipped_indicators();
    f.indicator[1].default = true;
    assert_eq!(f.validate().unwrap_err().key(), "stats.indicator_set");
}

#[test]
fn the_shipped_groups_are_valid_and_match_by_prefix() {
    let f: GroupFile = toml::from_str(include_str!("../../../../rules/stats-groups.toml")).unwrap();
    f.validate().unwrap();
    let lead = f.set.iter().find(|s| s.code == "yanggu_leading").unwrap();
    assert_eq!(lead.region, "371521");
    let names: Vec<&str> = lead.group.iter().map(|g| g.name_zh.as_str()).collect();
    assert_eq!(names, ["光电信息", "食品加工", "塑料化工"]);
    assert!(lead.group[0].contains("C3976") && lead.group[0].contains("C3833"));
    assert!(
        !lead.group[0].contains("C3831"),
        "cables are not optoelectronics"
    );
    assert!(lead.group[1].contains("C1351") && lead.group[2].contains("C2651"));
    let mut bad = lead.clone();
    bad.group[0].prefixes = vec!["39".into()];
    assert_eq!(bad.validate().unwrap_err().key(), "stats.group_prefix");
    assert!(is_industrial("C3252") && is_industrial("D4415") && !is_industrial("F5123"));
}

fn member(uscc: &str, region: &str, industry: &str, since: Option<i32>) -> Member {
    Member {
        uscc: uscc.into(),
        name: uscc.into(),
        region_code: region.into(),
        industry_code: industry.into(),
        above_size: since.is_some(),
        above_size_since: since,
    }
}

#[test]
fn the_comparable_basis_compares_this_years_population_with_itself() {
    let mut c = Cube::new();
    let a = c.upsert_member(member("A", "371503", "C3252", Some(2010)));
    // B entered the population in 2022: it counts on both sides of the comparable growth with
    // its own 2021 figures, and only on the current side of the reported one.
    let b = c.upsert_member(member("B", "371503001", "C2651", Some(2022)));
    let small = c.upsert_member(member("S", "371503", "C3252", None));
    let shop = c.upsert_member(member("F", "371503", "F5123", Some(2010)));
    for m in 1..=12 {
        c.set(a, "output", 2021, m, 100);
        c.set(a, "output", 2022, m, 110);
        c.set(b, "output", 2021, m, 10);
        c.set(b, "output", 2022, m, 20);
        c.set(small, "output", 2022, m, 1_000);
        c.set(shop, "output", 2022, m, 1_000);
    }
    let all = |_: &Member| true;
    let none = |_: usize, _: &Member, _: &mut Vec<usize>| {};
    let year = Period::year(2022);
    let comp = c.aggregate("output", &year, Basis::Comparable, &all, 0, &none);
    assert_eq!((comp.total.current, comp.total.prior), (1560, 1320));
    assert_eq!((comp.total.population, comp.total.reported), (2, 2));
    let rep = c.aggregate("output", &year, Basis::Reported, &all, 0, &none);
    assert_eq!((rep.total.current, rep.total.prior), (1560, 1200));
    let q1 = Period::parse(2022, Some(3), None).unwrap();
    let ytd = c.aggregate("output", &q1, Basis::Comparable, &all, 0, &none);
    assert_eq!((ytd.total.current, ytd.total.prior), (390, 330));
    assert_eq!(
        ytd.total.current_months[11], 130,
        "trend months cover the year"
    );
    let by_county = |_: usize, m: &Member, out: &mut Vec<usize>| {
        if m.county() == "371503" {
            out.push(0);
            out.push(1);
        }
    };
    let rows = c.aggregate("output", &year, Basis::Comparable, &all, 2, &by_county);
    assert_eq!(rows.rows[0], rows.total);
    assert_eq!(rows.rows[1], rows.total);
    let recs = c.records("output", &year, Basis::Comparable, &|_, _| true);
    assert_eq!(
        recs.iter()
            .map(|r| (r.member, r.current))
            .collect::<Vec<_>>(),
        [(a, Some(1320)), (b, Some(240))]
    );
    assert_eq!(c.latest_month("output"), Some((2022, 12)));
    assert_eq!(c.get(b, "output", 2021, 5), Some(10));
    assert_eq!(c.get(b, "revenue", 2021, 5), None);
}

#[test]
fn the_cube_grows_its_years_both_ways_and_clears_an_enterprise() {
    let mut c = Cube::new();
    let a = c.upsert_member(member("A", "371503", "C3252", Some(2010)));
    c.set(a, "output", 2022, 3, 7);
    c.set(a, "output", 2019, 1, 5);
    c.set(a, "output", 2024, 12, 9);
    let b = c.upsert_member(member("B", "371503", "C3252", Some(2010)));
    c.set(b, "output", 2020, 6, 4);
    assert_eq!(c.year_span(), Some((2019, 2024)));
    assert_eq!(c.get(a, "output", 2022, 3), Some(7));
    assert_eq!(c.get(a, "output", 2019, 1), Some(5));
    assert_eq!(c.get(a, "output", 2024, 12), Some(9));
    assert_eq!(c.get(b, "output", 2020, 6), Some(4));
    assert_eq!(c.get(b, "output", 2022, 3), None);
    c.clear_figures(a);
    assert_eq!(c.get(a, "output", 2022, 3), None);
    assert_eq!(c.get(b, "output", 2020, 6), Some(4));
}

proptest! {
    /// The cube's sums equal a plain sum over the figures, on both bases and any period.
    #[test]
    fn aggregates_equal_a_plain_sum(
        figures in proptest::collection::vec((0usize..6, 2020i32..2023, 1u8..13, -1000i64..100_000), 0..120),
        sinces in proptest::collection::vec(proptest::option::of(2019i32..2024), 6),
        month in proptest::option::of(1i64..13),
        monthly in any::<bool>(),
        reported in any::<bool>(),
    ) {
        let mut c = Cube::new();
        for (i, since) in sinces.iter().enumerate() {
            c.upsert_member(member(&format!("E{i}"), "371521", "C3976", *since));
        }
        let mut plain = std::collections::BTreeMap::new();
        for (e, y, m, v) in &figures {
            c.set(*e, "output", *y, *m, *v);
            plain.insert((*e, *y, *m), *v);
        }
        let kind = if monthly && month.is_some() { Some("month") } else { None };
        let period = Period::parse(2022, month, kind).unwrap();
        let basis = if reported { Basis::Reported } else { Basis::Comparable };
        let (a, b) = period.months();
        let sum = |year: i32, pop_year: i32| -> i128 {
            plain.iter()
                .filter(|((e, y, m), _)| *y == year && *m >= a && *m <= b
                    && sinces[*e].is_some_and(|s| s <= pop_year))
                .map(|(_, v)| *v as i128)
                .sum()
        };
        let got = c.aggregate("output", &period, basis, &|_| true, 0, &|_, _, _| {});
        prop_assert_eq!(got.total.current, sum(2022, 2022));
        let prior_pop = if reported { 2021 } else { 2022 };
        prop_assert_eq!(got.total.prior, sum(2021, prior_pop));
    }
}
