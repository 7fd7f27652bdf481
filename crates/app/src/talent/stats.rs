//! Statistics of title applications, computed from the records: applicants, recommended and
//! passed, by level, route, series, county and the enterprise's tier; and the enterprises of
//! the programme's tiers (专精特新, single champions) in the region.

use crate::{Actor, App, AppError};
use chrono::NaiveDate;
use policy::enterprise::{HonorLevel, HonorStatus, HonorTitle};
use policy::org::Permission;
use policy::talent::{ApplicationState, TitleLevel};
use serde::Serialize;
use std::collections::BTreeMap;

/// Applicants by level band.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ByLevel {
    /// 正高级.
    pub full_senior: u64,
    /// 副高级.
    pub associate_senior: u64,
    /// 中级.
    pub intermediate: u64,
    /// 初级 (助理级 and 员级).
    pub junior: u64,
}

/// Counts of one group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Counts {
    /// Applications sent to the HR bureau.
    pub applicants: u64,
    /// Of them, by the recommendation route.
    pub recommended: u64,
    /// Of them, passed by a committee.
    pub passed: u64,
}

/// Enterprises of the programme's tiers holding a valid honor in the year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Surveyed {
    /// 专精特新 (specialized SMEs and little giants), single champions excluded.
    pub specialized: u64,
    /// 制造业单项冠军.
    pub single_champion: u64,
}

/// The talent statistics of a region and year.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct TalentStats {
    /// Region code.
    pub region: String,
    /// Year.
    pub year: i32,
    /// Applications sent to the HR bureau.
    pub applicants: u64,
    /// Of them, by the recommendation route.
    pub recommended: u64,
    /// Of them, passed by a committee.
    pub passed: u64,
    /// Applicants by level.
    pub by_level: ByLevel,
    /// By route (`ordinary`, `recommendation`).
    pub by_route: BTreeMap<String, Counts>,
    /// By series code.
    pub by_series: BTreeMap<String, Counts>,
    /// By county code.
    pub by_county: BTreeMap<String, Counts>,
    /// By the enterprise's tier (`single_champion`, `little_giant`, `specialized`, `other`).
    pub by_tier: BTreeMap<String, Counts>,
    /// The enterprises of the programme's tiers in the region.
    pub surveyed: Surveyed,
}

fn holds(
    h: &store::entity::honor::Model,
    titles: &[HonorTitle],
    from: NaiveDate,
    to: NaiveDate,
) -> bool {
    HonorStatus::parse(&h.status) == Some(HonorStatus::Valid)
        && HonorTitle::parse(&h.title).is_some_and(|t| titles.contains(&t))
        && h.valid_from.is_none_or(|f| f <= to)
        && h.valid_to.is_none_or(|t| t >= from)
}

/// The tier of an enterprise from its honors valid in the year.
fn tier(honors: &[store::entity::honor::Model], from: NaiveDate, to: NaiveDate) -> &'static str {
    if honors
        .iter()
        .any(|h| holds(h, &[HonorTitle::SingleChampion], from, to))
    {
        "single_champion"
    } else if honors.iter().any(|h| {
        holds(
            h,
            &[HonorTitle::LittleGiant, HonorTitle::KeyLittleGiant],
            from,
            to,
        ) && HonorLevel::parse(&h.level) == Some(HonorLevel::National)
    }) {
        "little_giant"
    } else if honors.iter().any(|h| {
        holds(
            h,
            &[
                HonorTitle::Specialized,
                HonorTitle::LittleGiant,
                HonorTitle::KeyLittleGiant,
            ],
            from,
            to,
        )
    }) {
        "specialized"
    } else {
        "other"
    }
}

fn add(c: &mut Counts, recommended: bool, passed: bool) {
    c.applicants += 1;
    c.recommended += u64::from(recommended);
    c.passed += u64::from(passed);
}

/// The statistics of `year` in the region subtree `region` (within the actor's scope).
pub async fn talent_stats(
    app: &App,
    actor: &Actor,
    region: &str,
    year: i32,
) -> Result<TalentStats, AppError> {
    let scope = actor.scope(Permission::TALENT_READ)?;
    let region = policy::org::RegionCode::parse(region)
        .map_err(|_| AppError::invalid("region", "talent.choice"))?;
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Err(AppError::invalid("year", "talent.choice"));
    };
    let conn = app.db().conn();
    let apps = store::talent::application::all_of_year(conn, &scope, year, region.subtree_prefix())
        .await?;
    let honors =
        store::talent::application::tier_honors(conn, &scope, region.subtree_prefix()).await?;
    let mut by_uscc: BTreeMap<&str, Vec<store::entity::honor::Model>> = BTreeMap::new();
    for (uscc, h) in &honors {
        by_uscc.entry(uscc.as_str()).or_default().push(h.clone());
    }
    let mut s = TalentStats {
        region: region.as_str().to_string(),
        year,
        ..TalentStats::default()
    };
    for (_, hs) in by_uscc.iter() {
        match tier(hs, from, to) {
            "single_champion" => s.surveyed.single_champion += 1,
            "little_giant" | "specialized" => s.surveyed.specialized += 1,
            _ => {}
        }
    }
    for a in &apps {
        let Some(state) = ApplicationState::parse(&a.state) else {
            continue;
        };
        if !state.is_sent() {
            continue;
        }
        let recommended = a.route == "recommendation";
        let passed = state.has_passed();
        s.applicants += 1;
        s.recommended += u64::from(recommended);
        s.passed += u64::from(passed);
        match TitleLevel::parse(&a.level).map(TitleLevel::band) {
            Some("full_senior") => s.by_level.full_senior += 1,
            Some("associate_senior") => s.by_level.associate_senior += 1,
            Some("intermediate") => s.by_level.intermediate += 1,
            _ => s.by_level.junior += 1,
        }
        add(
            s.by_route.entry(a.route.clone()).or_default(),
            recommended,
            passed,
        );
        add(
            s.by_series.entry(a.series.clone()).or_default(),
            recommended,
            passed,
        );
        let county: String = a.region_code.chars().take(6).collect();
        add(s.by_county.entry(county).or_default(), recommended, passed);
        let t = by_uscc
            .get(a.uscc.as_str())
            .map(|hs| tier(hs, from, to))
            .unwrap_or("other");
        add(
            s.by_tier.entry(t.to_string()).or_default(),
            recommended,
            passed,
        );
    }
    Ok(s)
}
