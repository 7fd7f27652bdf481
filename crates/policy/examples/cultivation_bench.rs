//! Benchmark of the cultivation evaluator (issue 4, BENCHMARKS.md "Cultivation screening").
//!
//! `cargo run --release -p policy --example cultivation_bench [-- N]` (N enterprise-years,
//! default 1,000,000). Inputs are synthetic metric values held in memory (registry metrics
//! present, declared ones missing, as on the radar); what is timed:
//! 1. the radar's evaluator: every tier's rule set in force on 2026-11-25 (6 sets) screened
//!    over all N enterprise-years (`RuleSet::screen`), on one thread and on two;
//! 2. the same 2022 创新型 table, generic engine (`qualifies`) against a hand-written function
//!    with the numbers as literals (the floor), one thread each;
//! 3. deriving metrics from registry-shaped inputs (`Inputs::metrics`) for 200,000 of them.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use chrono::NaiveDate;
use policy::cultivation::{
    Inputs, Metric, MetricValues, ProfileFacts, Source, Unit, YearFigures, qualifies, shipped,
};
use policy::money::Fen;
use std::time::Instant;

/// A small deterministic generator (xorshift), so every run sees the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn values(rng: &mut Rng) -> MetricValues {
    let mut m = MetricValues::default();
    for metric in Metric::ALL {
        if metric.source() == Source::Declared {
            continue;
        }
        let x = rng.next();
        let v = match metric.unit() {
            Unit::Percent => x * 40.0 - 5.0,
            Unit::WanYuan => x * x * 50_000.0,
            Unit::Count => (x * 8.0).floor(),
            Unit::Years => (x * 15.0).floor(),
            Unit::Level => (x * 5.0).floor(),
            Unit::Flag => f64::from(u8::from(x < 0.3)),
            Unit::Points => x * 100.0,
        };
        m.set(*metric, Some(v));
    }
    // Shares and ratios in their real ranges.
    let share = 40.0 + rng.next() * 60.0;
    m.set(Metric::MainRevenueSharePct, Some(share));
    m.set(Metric::DebtRatioPct, Some(20.0 + rng.next() * 70.0));
    m.set(Metric::RdRatioPct, Some(rng.next() * 8.0));
    m.set(Metric::IsSme, Some(f64::from(u8::from(rng.next() < 0.95))));
    m
}

/// The 2022 创新型 table with its numbers as literals: score ≥60 with 创新能力 ≥20, 成长性 ≥15,
/// 专业化 ≥15, or a direct route; an SME. A missing value (NaN) fails every comparison.
#[inline(never)]
fn innovative_2022_literal(m: &MetricValues) -> bool {
    let v = |x: Metric| m.0[x as usize];
    let sme = v(Metric::IsSme) >= 1.0;
    if !sme {
        return false;
    }
    if v(Metric::AwardProvincial3y) >= 1.0
        || v(Metric::HoldsHighTech) >= 1.0
        || v(Metric::HoldsInnovationTitle) >= 1.0
        || v(Metric::RdInstitutionLevel) >= 3.0
        || v(Metric::EquityFinancing3yWan) >= 500.0
    {
        return true;
    }
    let ip = if v(Metric::IpClass1HighValue) >= 1.0 {
        20
    } else if v(Metric::IpClass1SelfDeveloped) >= 1.0 {
        15
    } else if v(Metric::IpClass1) >= 1.0 {
        10
    } else if v(Metric::IpClass2) >= 1.0 {
        5
    } else {
        0
    };
    let r = v(Metric::RdRatioPct);
    let rd = if r >= 5.0 {
        20
    } else if r >= 3.0 {
        15
    } else if r >= 2.0 {
        10
    } else if r >= 1.0 {
        5
    } else {
        0
    };
    let g = v(Metric::MainRevenueGrowthPct);
    let growth = if g >= 15.0 {
        20
    } else if g >= 10.0 {
        15
    } else if g >= 5.0 {
        10
    } else if g >= 0.0 {
        5
    } else {
        0
    };
    let d = v(Metric::DebtRatioPct);
    let debt = if d <= 55.0 {
        10
    } else if d <= 75.0 {
        5
    } else {
        0
    };
    let field = if v(Metric::StrategicEmerging) >= 1.0 {
        10
    } else {
        5
    };
    let s = v(Metric::MainRevenueSharePct);
    let share = if s >= 70.0 {
        20
    } else if s >= 60.0 {
        15
    } else if s >= 55.0 {
        10
    } else if s >= 50.0 {
        5
    } else {
        0
    };
    let (a, b, c) = (ip + rd, growth + debt, field + share);
    a + b + c >= 60 && a >= 20 && b >= 15 && c >= 15
}

fn inputs(rng: &mut Rng) -> Inputs {
    let wan = |x: f64| Some(Fen::new((x * 1_000_000.0) as i64));
    let year = |y: i32, rng: &mut Rng| YearFigures {
        year: y,
        revenue: wan(1000.0 + rng.next() * 20_000.0),
        main_revenue: wan(800.0 + rng.next() * 15_000.0),
        rd_expense: wan(rng.next() * 900.0),
        net_profit: wan(rng.next() * 2000.0),
        total_assets: wan(1000.0 + rng.next() * 30_000.0),
        total_liabilities: wan(rng.next() * 20_000.0),
        staff: Some(20 + (rng.next() * 400.0) as i64),
        rd_staff: Some((rng.next() * 60.0) as i64),
        tech_staff: Some((rng.next() * 80.0) as i64),
        equity_financing: wan(0.0),
        ip_class1: Some((rng.next() * 5.0) as i64),
        ip_class2: Some((rng.next() * 8.0) as i64),
        digital_level: Some((rng.next() * 4.0) as i64),
        rd_institution_level: Some("city".into()),
        ..Default::default()
    };
    Inputs {
        year: 2025,
        years: vec![year(2025, rng), year(2024, rng), year(2023, rng)],
        profile: ProfileFacts {
            niche_since_year: Some(2015),
            founded_year: Some(2010),
            strategic_emerging: rng.next() < 0.3,
            size_class: None,
        },
        titles: vec![],
        declared: Default::default(),
    }
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let sets = shipped::all().unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let in_force: Vec<_> = policy::cultivation::Tier::ALL
        .iter()
        .filter_map(|t| shipped::applicable(&sets, *t, day))
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let t0 = Instant::now();
    let data: Vec<MetricValues> = (0..n).map(|_| values(&mut rng)).collect();
    println!(
        "generated {n} enterprise-years in {:.2} s ({} MB of metric values)",
        t0.elapsed().as_secs_f64(),
        n * std::mem::size_of::<MetricValues>() / 1_000_000
    );
    println!(
        "rule sets in force on {day}: {}",
        in_force
            .iter()
            .map(|s| s.file.code.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );

    let screen_all = |part: &[MetricValues]| {
        let (mut qualified, mut near) = (0u64, 0u64);
        for m in part {
            for set in &in_force {
                let s = set.screen(m);
                qualified += u64::from(s.distance == 0);
                near += u64::from(s.distance == 1);
            }
        }
        (qualified, near)
    };
    let t = Instant::now();
    let (q1, n1) = screen_all(&data);
    let one = t.elapsed().as_secs_f64();
    println!(
        "screen, 1 thread:  {n} × {} tiers = {} evaluations in {one:.3} s ({:.0} ns each); qualified {q1}, near {n1}",
        in_force.len(),
        n * in_force.len(),
        one * 1e9 / (n * in_force.len()) as f64
    );
    let t = Instant::now();
    let (a, b) = data.split_at(n / 2);
    let (q2, n2) = std::thread::scope(|s| {
        let h = s.spawn(|| screen_all(b));
        let x = screen_all(a);
        let y = h.join().unwrap();
        (x.0 + y.0, x.1 + y.1)
    });
    let two = t.elapsed().as_secs_f64();
    assert_eq!((q1, n1), (q2, n2));
    println!("screen, 2 threads: {two:.3} s");

    let innovative = sets
        .iter()
        .find(|s| s.file.code == "innovative-2022-63")
        .unwrap();
    let t = Instant::now();
    let generic = data
        .iter()
        .filter(|m| qualifies(innovative, m) == Some(true))
        .count();
    let g = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let literal = data.iter().filter(|m| innovative_2022_literal(m)).count();
    let l = t.elapsed().as_secs_f64();
    assert_eq!(generic, literal, "the engine and the literal table agree");
    println!(
        "创新型 2022 over {n}: engine (qualifies) {g:.3} s ({:.0} ns each), hand-written literals {l:.3} s ({:.0} ns each), ratio {:.1}×; {generic} qualify in both",
        g * 1e9 / n as f64,
        l * 1e9 / n as f64,
        g / l
    );

    let k = n.min(200_000);
    let raw: Vec<Inputs> = (0..k).map(|_| inputs(&mut rng)).collect();
    let t = Instant::now();
    let mut sum = 0.0;
    for i in &raw {
        sum += i.metrics().get(Metric::RdRatioPct).unwrap_or(0.0);
    }
    let d = t.elapsed().as_secs_f64();
    println!(
        "Inputs → metrics for {k}: {d:.3} s ({:.0} ns each; checksum {sum:.0})",
        d * 1e9 / k as f64
    );
}
