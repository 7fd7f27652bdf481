//! Figures computed from the records: key projects against plan, attraction signed and in
//! place (with the counties' targets), land, support funds and digital records — for a region's
//! subtree (or the reader's whole scope) and a year.

use super::county_target::{CountyTargetView, completion};
use super::{check_year, exact_wan_yuan, region_names};
use crate::{Actor, App, AppError};
use chrono::Datelike;
use policy::org::Permission;
use policy::project::attraction::AttractionStage;
use policy::project::records::DigitalKind;
use policy::project::{Mu, completion_pct};
use serde::Serialize;
use store::project::attraction::TargetFilter;
use store::project::fund::RecordFilter;
use store::project::key_project::ProjectFilter;

/// The year asked for, or this year (China time).
fn year_or_now(year: Option<i32>) -> Result<i32, AppError> {
    check_year(year.unwrap_or_else(|| store::service::china_today().year()))
}

/// Key projects of a year (`GET /api/v1/projects/stats`).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProjectStats {
    /// Region (its subtree), if one was asked for.
    pub region: Option<String>,
    /// Year.
    pub year: i32,
    /// Projects with a plan for the year.
    pub count: u64,
    /// Investment they completed in the year, 万元 (exact).
    pub invested_wan_yuan: String,
    /// Their plans, 万元 (exact).
    pub planned_wan_yuan: String,
    /// invested ÷ planned, percent, two decimals; null with no plan.
    pub completion_pct: Option<f64>,
}

/// The figures of the year's key projects in `region`'s subtree (or the whole scope).
pub async fn project_stats(
    app: &App,
    actor: &Actor,
    region: Option<&str>,
    year: Option<i32>,
) -> Result<ProjectStats, AppError> {
    let scope = actor.scope(Permission::PROJECT_READ)?;
    let region = super::parse_region(region)?;
    let year = year_or_now(year)?;
    let f = ProjectFilter {
        region: region.clone(),
        ..Default::default()
    };
    let t = store::project::key_project::totals(app.db().conn(), &scope, &f, year).await?;
    Ok(ProjectStats {
        region: region.map(|r| r.to_string()),
        year,
        count: t.count,
        invested_wan_yuan: exact_wan_yuan(t.invested_fen),
        planned_wan_yuan: exact_wan_yuan(t.planned_fen),
        completion_pct: completion_pct(t.invested_fen, t.planned_fen),
    })
}

/// Projects at one approved stage.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StageCount {
    /// Stage.
    pub stage: String,
    /// Projects.
    pub count: u64,
}

/// What was done against the targets of the counties in the region.
pub type TargetCompletion = CountyTargetView;

/// Investment attraction of a year (`GET /api/v1/investment/stats`).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InvestmentStats {
    /// Region (its subtree), if one was asked for.
    pub region: Option<String>,
    /// Year.
    pub year: i32,
    /// Only projects planned at this or more, 万元.
    pub min_wan_yuan: String,
    /// Projects newly signed in the year (approved), of at least the minimum.
    pub signed_count: u64,
    /// Their planned investment, 万元 (exact).
    pub planned_wan_yuan: String,
    /// Their funds in place, 万元 (exact).
    pub in_place_wan_yuan: String,
    /// in place ÷ planned, percent, two decimals.
    pub in_place_pct: Option<f64>,
    /// Those projects by their approved stage now.
    pub by_stage: Vec<StageCount>,
    /// Projects in negotiation now (of at least the minimum).
    pub negotiating: u64,
    /// Projects with a report waiting for review.
    pub pending_reports: u64,
    /// The counties' targets for the year, with completion.
    pub targets: Vec<TargetCompletion>,
}

/// The attraction figures of `region`'s subtree (or the whole scope) for a year.
pub async fn investment_stats(
    app: &App,
    actor: &Actor,
    region: Option<&str>,
    year: Option<i32>,
    min_wan_yuan: Option<&str>,
) -> Result<InvestmentStats, AppError> {
    let scope = actor.scope(Permission::INVESTMENT_READ)?;
    let region = super::parse_region(region)?;
    let year = year_or_now(year)?;
    let min = match min_wan_yuan.map(str::trim).filter(|s| !s.is_empty()) {
        Some(m) => policy::money::Fen::parse_wan_yuan(m)
            .map_err(|e| AppError::invalid("min_wan_yuan", e.key()))?
            .get(),
        None => 0,
    };
    let conn = app.db().conn();
    let signed = TargetFilter {
        region: region.clone(),
        signed_year: Some(year),
        min_planned_fen: Some(min),
        ..Default::default()
    };
    let signed_count = store::project::attraction::count(conn, &scope, &signed).await?;
    let (planned, in_place) = store::project::attraction::sums(conn, &scope, &signed).await?;
    let mut by_stage: Vec<StageCount> = AttractionStage::ALL
        .iter()
        .filter(|s| s.is_signed())
        .map(|s| StageCount {
            stage: s.as_str().into(),
            count: 0,
        })
        .collect();
    for (stage, n) in store::project::attraction::count_by_stage(conn, &scope, &signed).await? {
        if let Some(row) = by_stage
            .iter_mut()
            .find(|r| Some(&r.stage) == stage.as_ref())
        {
            row.count = n.max(0) as u64;
        }
    }
    let negotiating = store::project::attraction::count(
        conn,
        &scope,
        &TargetFilter {
            region: region.clone(),
            stage: Some(AttractionStage::Negotiating.as_str().into()),
            min_planned_fen: Some(min),
            ..Default::default()
        },
    )
    .await?;
    let pending_reports = store::project::attraction::count(
        conn,
        &scope,
        &TargetFilter {
            region: region.clone(),
            pending: true,
            ..Default::default()
        },
    )
    .await?;
    let names = region_names(conn).await?;
    let mut targets = Vec::new();
    for t in store::project::attraction::county_targets(conn, &scope, region.as_ref(), year).await?
    {
        let name = names.get(&t.region_code).cloned().unwrap_or_default();
        targets.push(completion(conn, &scope, &t, name).await?);
    }
    Ok(InvestmentStats {
        region: region.map(|r| r.to_string()),
        year,
        min_wan_yuan: exact_wan_yuan(min),
        signed_count,
        planned_wan_yuan: exact_wan_yuan(planned),
        in_place_wan_yuan: exact_wan_yuan(in_place),
        in_place_pct: completion_pct(in_place, planned),
        by_stage,
        negotiating,
        pending_reports,
        targets,
    })
}

/// Land of a year (`GET /api/v1/land/stats`). Areas in 亩, two decimals, exact.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LandStats {
    /// Region (its subtree), if one was asked for.
    pub region: Option<String>,
    /// Year.
    pub year: i32,
    /// Approved-but-unsupplied parcels on record.
    pub unsupplied_parcels: u64,
    /// Their approved area.
    pub unsupplied_approved_mu: String,
    /// Of which not yet disposed of.
    pub unsupplied_remaining_mu: String,
    /// Disposals in the year.
    pub disposals: u64,
    /// Area disposed of in the year.
    pub disposed_mu: String,
    /// Low-efficiency parcels surveyed in the year.
    pub inefficient_surveyed: u64,
    /// Their area.
    pub inefficient_surveyed_mu: String,
    /// Low-efficiency parcels entered into the database in the year.
    pub inefficient_entered: u64,
    /// Their area.
    pub inefficient_entered_mu: String,
}

/// The land figures of `region`'s subtree (or the whole scope) for a year.
pub async fn land_stats(
    app: &App,
    actor: &Actor,
    region: Option<&str>,
    year: Option<i32>,
) -> Result<LandStats, AppError> {
    let scope = actor.scope(Permission::PROJECT_READ)?;
    let region = super::parse_region(region)?;
    let year = year_or_now(year)?;
    let t = store::project::land::totals(app.db().conn(), &scope, region.as_ref(), year).await?;
    Ok(LandStats {
        region: region.map(|r| r.to_string()),
        year,
        unsupplied_parcels: t.parcels,
        unsupplied_approved_mu: Mu::new(t.approved_mu).text(),
        unsupplied_remaining_mu: Mu::new(t.approved_mu - t.disposed_mu_ever).text(),
        disposals: t.disposals,
        disposed_mu: Mu::new(t.disposed_mu).text(),
        inefficient_surveyed: t.surveyed,
        inefficient_surveyed_mu: Mu::new(t.surveyed_mu).text(),
        inefficient_entered: t.entered,
        inefficient_entered_mu: Mu::new(t.entered_mu).text(),
    })
}

/// One programme's payments.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProgrammeRow {
    /// Programme.
    pub programme: String,
    /// Payments.
    pub payments: u64,
    /// Paid, 万元 (exact).
    pub total_wan_yuan: String,
}

/// Support funds paid in a year (`GET /api/v1/support-funds/stats`).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SupportFundStats {
    /// Region (its subtree), if one was asked for.
    pub region: Option<String>,
    /// Year.
    pub year: i32,
    /// Paid in all, 万元 (exact).
    pub total_wan_yuan: String,
    /// Payments.
    pub payments: u64,
    /// Enterprises paid.
    pub enterprises: u64,
    /// By programme, largest first.
    pub by_programme: Vec<ProgrammeRow>,
}

/// The support funds paid in `region`'s subtree (or the whole scope) in a year.
pub async fn support_fund_stats(
    app: &App,
    actor: &Actor,
    region: Option<&str>,
    year: Option<i32>,
) -> Result<SupportFundStats, AppError> {
    let scope = actor.scope(Permission::PROJECT_READ)?;
    let region = super::parse_region(region)?;
    let year = year_or_now(year)?;
    let conn = app.db().conn();
    let f = RecordFilter {
        region: region.clone(),
        year: Some(year),
        ..Default::default()
    };
    let rows = store::project::fund::payments_by_programme(conn, &scope, &f).await?;
    let total: i64 = rows.iter().filter_map(|r| r.2).sum();
    let payments: i64 = rows.iter().map(|r| r.1).sum();
    Ok(SupportFundStats {
        region: region.map(|r| r.to_string()),
        year,
        total_wan_yuan: exact_wan_yuan(total),
        payments: payments.max(0) as u64,
        enterprises: store::project::fund::enterprises_paid(conn, &scope, &f).await?,
        by_programme: rows
            .into_iter()
            .map(|(programme, n, fen)| ProgrammeRow {
                programme,
                payments: n.max(0) as u64,
                total_wan_yuan: exact_wan_yuan(fen.unwrap_or(0)),
            })
            .collect(),
    })
}

/// Digital figures of a year (`GET /api/v1/digital/stats`), summed from the records.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DigitalStats {
    /// Region (its subtree), if one was asked for.
    pub region: Option<String>,
    /// Year.
    pub year: i32,
    /// 5G base stations built (the batches' counts summed).
    pub base_stations_5g: i64,
    /// Batches they were recorded in.
    pub base_station_batches: u64,
    /// Enterprises newly on the cloud.
    pub cloud_enterprises: i64,
    /// Enterprises certified for 两化融合.
    pub integration_certified: i64,
    /// Enterprises certified for DCMM.
    pub dcmm_certified: i64,
}

/// The digital figures of `region`'s subtree (or the whole scope) for a year.
pub async fn digital_stats(
    app: &App,
    actor: &Actor,
    region: Option<&str>,
    year: Option<i32>,
) -> Result<DigitalStats, AppError> {
    let scope = actor.scope(Permission::PROJECT_READ)?;
    let region = super::parse_region(region)?;
    let year = year_or_now(year)?;
    let f = RecordFilter {
        region: region.clone(),
        year: Some(year),
        ..Default::default()
    };
    let rows = store::project::fund::digital_by_kind(app.db().conn(), &scope, &f).await?;
    let of = |k: DigitalKind| rows.iter().find(|r| r.0 == k.as_str());
    let quantity = |k: DigitalKind| of(k).and_then(|r| r.2).unwrap_or(0);
    Ok(DigitalStats {
        region: region.map(|r| r.to_string()),
        year,
        base_stations_5g: quantity(DigitalKind::BaseStation5g),
        base_station_batches: of(DigitalKind::BaseStation5g).map_or(0, |r| r.1.max(0) as u64),
        cloud_enterprises: quantity(DigitalKind::CloudAdoption),
        integration_certified: quantity(DigitalKind::IntegrationCertification),
        dcmm_certified: quantity(DigitalKind::DcmmCertification),
    })
}
