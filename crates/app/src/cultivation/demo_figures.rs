//! Yearly figures (2023–2025) for the demo's cultivation enterprises, so that the
//! self-assessment and the screening radar show real, varied results: some enterprises qualify,
//! some are one indicator short (the R&D ratio at 2.6% of revenue, growth at 3%), some are far
//! off, and some have reported nothing (their assessment names the missing inputs). The demo
//! writes them in one import through the registry's own path (`io::import`, one transaction).

/// The first and last financial year the demo reports.
pub const FIRST_YEAR: i32 = 2023;
/// The last year: what a self-assessment made in 2026 reads.
pub const LAST_YEAR: i32 = 2025;

/// What an enterprise of one kind reports for the last year; earlier years follow from its
/// growth. Shares and ratios are fractions.
struct Kind {
    revenue: f64,
    main_share: f64,
    growth: f64,
    rd_ratio: f64,
    rd_ratio_before: f64,
    net_margin: f64,
    debt_ratio: f64,
    staff: i64,
    rd_staff_share: f64,
    tech_staff_share: f64,
    ip: [i64; 4],
    digital_level: i64,
    rd_institution: &'static str,
    quality: [bool; 4],
}

/// Ten kinds, taken in turn; `None` reports nothing.
fn kind(n: usize) -> Option<Kind> {
    let k =
        |revenue, main_share, growth, (rd_ratio, rd_ratio_before), net_margin, debt_ratio| Kind {
            revenue,
            main_share,
            growth,
            rd_ratio,
            rd_ratio_before,
            net_margin,
            debt_ratio,
            staff: 200,
            rd_staff_share: 0.12,
            tech_staff_share: 0.18,
            ip: [0, 0, 0, 3],
            digital_level: 2,
            rd_institution: "city",
            quality: [false, true, false, false],
        };
    Some(match n % 10 {
        // A leader: qualifies for most tiers it does not hold.
        0 => Kind {
            staff: 320,
            rd_staff_share: 0.22,
            tech_staff_share: 0.31,
            ip: [1, 3, 5, 12],
            digital_level: 4,
            rd_institution: "provincial",
            quality: [true, true, true, true],
            ..k(18000.0, 0.92, 0.18, (0.056, 0.052), 0.11, 0.42)
        },
        // Solid: qualifies for 创新型 on its score.
        1 => Kind {
            staff: 180,
            rd_staff_share: 0.15,
            ip: [0, 1, 2, 6],
            digital_level: 3,
            quality: [false, true, true, false],
            ..k(9000.0, 0.82, 0.11, (0.042, 0.039), 0.08, 0.52)
        },
        // R&D at 2.6% of revenue: one indicator (and one 专精特新 condition) short of 3%.
        2 => k(12000.0, 0.85, 0.12, (0.026, 0.027), 0.07, 0.50),
        // Growth at 3%: the 成长性 minimum is one indicator short.
        3 => Kind {
            ip: [0, 0, 1, 4],
            ..k(6000.0, 0.78, 0.03, (0.034, 0.032), 0.05, 0.58)
        },
        // Indebted but growing fast.
        4 => Kind {
            ip: [0, 0, 1, 5],
            ..k(15000.0, 0.72, 0.16, (0.031, 0.030), 0.04, 0.78)
        },
        // Small and far off.
        5 => Kind {
            staff: 45,
            ip: [0, 0, 0, 2],
            digital_level: 1,
            rd_institution: "none",
            quality: [false; 4],
            ..k(1800.0, 0.66, 0.07, (0.015, 0.014), 0.03, 0.62)
        },
        // Shrinking.
        6 => Kind {
            staff: 90,
            ip: [0, 0, 0, 0],
            digital_level: 1,
            rd_institution: "none",
            quality: [false; 4],
            ..k(4000.0, 0.55, -0.04, (0.008, 0.009), 0.01, 0.81)
        },
        // Nothing reported yet.
        7 => return None,
        // R&D at 2.8% of a larger revenue.
        8 => k(25000.0, 0.88, 0.10, (0.028, 0.031), 0.06, 0.47),
        // Large main business, modest R&D intensity.
        _ => Kind {
            staff: 420,
            ip: [1, 1, 2, 9],
            digital_level: 3,
            rd_institution: "provincial",
            quality: [true, true, true, false],
            ..k(30000.0, 0.95, 0.09, (0.033, 0.031), 0.09, 0.48)
        },
    })
}

/// The year the `n`th demo enterprise entered its niche, and whether its main product is in
/// 《战略性新兴产业分类》 (profile columns of the enterprise import).
pub(super) fn profile(n: usize) -> (i32, bool) {
    (LAST_YEAR - 3 - (n % 9) as i32, n.is_multiple_of(3))
}

/// 万元 with two decimals.
fn wan(v: f64) -> String {
    format!("{v:.2}")
}

/// The financials header of the import (its English column keys).
pub(super) const HEADER: &str = "uscc,year,revenue_wan_yuan,main_revenue_wan_yuan,rd_expense_wan_yuan,\
net_profit_wan_yuan,total_assets_wan_yuan,total_liabilities_wan_yuan,staff,rd_staff,tech_staff,\
equity_financing_wan_yuan,ip_class1_high_value,ip_class1_self_developed,ip_class1,ip_class2,\
digital_level,rd_institution_level,quality_award,quality_certification,own_brand,standard_drafting\n";

/// Appends the rows of the `n`th enterprise of a county (nothing for the kind that reports
/// nothing).
pub(super) fn rows(csv: &mut String, code: &str, n: usize) {
    let Some(k) = kind(n) else {
        return;
    };
    // A little spread so that no two enterprises of a kind look the same; ratios are kept.
    let spread = 1.0 + ((n * 37) % 11) as f64 / 100.0 - 0.05;
    for year in FIRST_YEAR..=LAST_YEAR {
        let back = LAST_YEAR - year;
        let revenue = k.revenue * spread / (1.0 + k.growth).powi(back);
        let rd_ratio = if year == LAST_YEAR {
            k.rd_ratio
        } else {
            k.rd_ratio_before
        };
        let assets = revenue * 0.9;
        let staff = k.staff - back as i64 * 5;
        let [hv, own, class1, class2] = k.ip;
        let flag = |b: bool| if b { "是" } else { "否" };
        csv.push_str(&format!(
            "{code},{year},{},{},{},{},{},{},{staff},{},{},0,{hv},{own},{class1},{class2},{},{},{},{},{},{}\n",
            wan(revenue),
            wan(revenue * k.main_share),
            wan(revenue * rd_ratio),
            wan(revenue * k.net_margin),
            wan(assets),
            wan(assets * k.debt_ratio),
            (staff as f64 * k.rd_staff_share).round() as i64,
            (staff as f64 * k.tech_staff_share).round() as i64,
            k.digital_level,
            k.rd_institution,
            flag(k.quality[0]),
            flag(k.quality[1]),
            flag(k.quality[2]),
            flag(k.quality[3]),
        ));
    }
}

/// The foundry the `enterprise` account belongs to: 2025 revenue 12000万 with R&D 312万
/// (2.6%), so its self-assessment for 专精特新 shows the R&D condition a gap short.
pub(super) fn foundry_rows(csv: &mut String, code: &str) {
    for (year, revenue, main, rd) in [
        (2025, "12000", "9000", "312"),
        (2024, "11000", "8000", "300"),
        (2023, "10000", "7000", "250"),
    ] {
        csv.push_str(&format!(
            "{code},{year},{revenue},{main},{rd},1200,10000,5000,200,30,40,0,0,0,1,3,2,city,否,是,是,否\n"
        ));
    }
}
