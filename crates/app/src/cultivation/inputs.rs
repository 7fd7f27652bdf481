//! The registry's records as an assessment's inputs (`policy::cultivation::Inputs`).

use chrono::NaiveDate;
use policy::cultivation::{HeldTitle, Inputs, ProfileFacts, YearFigures};
use policy::enterprise::{HonorLevel, HonorTitle, SizeClass};
use policy::money::Fen;
use std::collections::BTreeMap;
use store::entity::{enterprise, financial, honor};

fn year_figures(f: &financial::Model) -> YearFigures {
    let fen = |v: Option<i64>| v.map(Fen::new);
    let n = |v: Option<i32>| v.map(i64::from);
    YearFigures {
        year: f.year,
        revenue: fen(f.revenue_fen),
        main_revenue: fen(f.main_revenue_fen),
        rd_expense: fen(f.rd_expense_fen),
        net_profit: fen(f.net_profit_fen),
        total_assets: fen(f.total_assets_fen),
        total_liabilities: fen(f.total_liabilities_fen),
        staff: n(f.staff),
        rd_staff: n(f.rd_staff),
        tech_staff: n(f.tech_staff),
        equity_financing: fen(f.equity_financing_fen),
        ip_class1_high_value: n(f.ip_class1_high_value),
        ip_class1_self_developed: n(f.ip_class1_self_developed),
        ip_class1: n(f.ip_class1),
        ip_class2: n(f.ip_class2),
        invention_patents: n(f.invention_patents),
        utility_models: n(f.utility_models),
        software_copyrights: n(f.software_copyrights),
        digital_level: n(f.digital_level),
        rd_institution_level: f.rd_institution_level.clone(),
        quality_award: f.quality_award,
        quality_certification: f.quality_certification,
        own_brand: f.own_brand,
        standard_drafting: f.standard_drafting,
    }
}

/// Whether an honor holds on `date`: status valid and the date within its validity.
pub fn holds_on(h: &honor::Model, date: NaiveDate) -> bool {
    h.status == "valid"
        && h.valid_from.is_none_or(|f| f <= date)
        && h.valid_to.is_none_or(|t| date <= t)
}

/// The titles held on `date`.
pub fn held_titles(honors: &[honor::Model], date: NaiveDate) -> Vec<HeldTitle> {
    honors
        .iter()
        .filter(|h| holds_on(h, date))
        .filter_map(|h| {
            Some(HeldTitle {
                title: HonorTitle::parse(&h.title)?,
                level: HonorLevel::parse(&h.level)?,
            })
        })
        .collect()
}

/// The inputs of `year` for one enterprise from its records.
pub fn inputs_of(
    e: &enterprise::Model,
    financials: &[financial::Model],
    honors: &[honor::Model],
    year: i32,
    date: NaiveDate,
    declared: BTreeMap<String, f64>,
) -> Inputs {
    let mut years: Vec<YearFigures> = financials
        .iter()
        .filter(|f| f.uscc == e.uscc && (year - 2..=year).contains(&f.year))
        .map(year_figures)
        .collect();
    years.sort_by_key(|y| std::cmp::Reverse(y.year));
    Inputs {
        year,
        years,
        profile: ProfileFacts {
            niche_since_year: e.niche_since_year,
            founded_year: e.founded_on.map(|d| chrono::Datelike::year(&d)),
            strategic_emerging: e.strategic_emerging,
            size_class: e.size_class.as_deref().and_then(SizeClass::parse),
        },
        titles: held_titles(honors, date),
        declared,
    }
}
