//! Key projects read: one project with its plans, months and problems; the list with the figures
//! of a year.

use super::{check_year, exact_wan_yuan, region_names};
use crate::{Actor, App, AppError, Page, PageRequest};
use chrono::NaiveDate;
use policy::org::Permission;
use policy::project::completion_pct;
use serde::{Deserialize, Serialize};

/// A year's plan and what was done against it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanView {
    /// Year.
    pub year: i32,
    /// Planned, 万元 (exact).
    pub planned_wan_yuan: String,
    /// Completed in the year's months, 万元 (exact).
    pub invested_wan_yuan: String,
    /// Completed ÷ planned, percent, two decimals.
    pub completion_pct: Option<f64>,
}

/// A month's investment.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProgressView {
    /// Year.
    pub year: i32,
    /// Month.
    pub month: i32,
    /// Completed in the month, 万元 (exact).
    pub invested_wan_yuan: String,
}

/// A key project with its plans, months and problems.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KeyProjectView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Level.
    pub level: String,
    /// Region.
    pub region_code: String,
    /// Its name.
    pub region_name: String,
    /// Enterprise.
    pub enterprise_uscc: Option<String>,
    /// Its name.
    pub enterprise_name: Option<String>,
    /// Industry.
    pub industry_code: String,
    /// Total investment, 万元.
    pub total_investment_wan_yuan: Option<String>,
    /// What is built.
    pub construction: String,
    /// Stage.
    pub stage: String,
    /// 开工.
    pub started_on: Option<NaiveDate>,
    /// 竣工.
    pub completed_on: Option<NaiveDate>,
    /// 投产.
    pub in_production_on: Option<NaiveDate>,
    /// Plans by year, with what was done.
    pub plans: Vec<PlanView>,
    /// Monthly investment, oldest first.
    pub progress: Vec<ProgressView>,
    /// Problems raised, each a ticket.
    pub problems: Vec<super::ProblemView>,
    /// Whether the reader may change it.
    pub can_write: bool,
}

/// A row of the key-project list, with the figures of the year asked for.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KeyProjectRow {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Level.
    pub level: String,
    /// Region.
    pub region_code: String,
    /// Its name.
    pub region_name: String,
    /// Enterprise.
    pub enterprise_uscc: Option<String>,
    /// Industry.
    pub industry_code: String,
    /// Stage.
    pub stage: String,
    /// The year's plan, 万元.
    pub planned_wan_yuan: Option<String>,
    /// The year's investment, 万元.
    pub invested_wan_yuan: Option<String>,
    /// Completion, percent.
    pub completion_pct: Option<f64>,
}

/// Filters of the key-project list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct ProjectListQuery {
    /// Region code (subtree).
    pub region: Option<String>,
    /// Year: projects with a plan for it, and its figures.
    pub year: Option<i32>,
    /// Level code.
    pub level: Option<String>,
    /// Stage code.
    pub stage: Option<String>,
    /// Part of the name.
    pub q: Option<String>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
    /// Page size.
    pub limit: Option<u64>,
}

/// One project in the actor's scope with its plans, months and problems.
pub async fn get_key_project(
    app: &App,
    actor: &Actor,
    id: i64,
) -> Result<KeyProjectView, AppError> {
    let scope = actor.scope(Permission::PROJECT_READ)?;
    let conn = app.db().conn();
    let p = store::project::key_project::find(conn, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let can_write = match actor.scope(Permission::PROJECT_WRITE) {
        Ok(w) => store::project::key_project::find(conn, &w, id)
            .await?
            .is_some(),
        Err(_) => false,
    };
    let plans = store::project::key_project::plans_of(conn, id).await?;
    let progress = store::project::key_project::progress_of(conn, id).await?;
    let problems = super::problem::problems_view(conn, id).await?;
    let region_name = store::org::region::find(conn, &p.region_code)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    let enterprise_name = match &p.enterprise_uscc {
        Some(u) => store::enterprise::profile::find(conn, &policy::org::Scope::all(), u)
            .await?
            .map(|e| e.name),
        None => None,
    };
    let invested_in = |year: i32| -> i64 {
        progress
            .iter()
            .filter(|m| m.year == year)
            .map(|m| m.invested_fen)
            .sum()
    };
    Ok(KeyProjectView {
        plans: plans
            .iter()
            .map(|pl| {
                let done = invested_in(pl.year);
                PlanView {
                    year: pl.year,
                    planned_wan_yuan: exact_wan_yuan(pl.planned_fen),
                    invested_wan_yuan: exact_wan_yuan(done),
                    completion_pct: completion_pct(done, pl.planned_fen),
                }
            })
            .collect(),
        progress: progress
            .iter()
            .map(|m| ProgressView {
                year: m.year,
                month: m.month,
                invested_wan_yuan: exact_wan_yuan(m.invested_fen),
            })
            .collect(),
        problems,
        can_write,
        id: p.id,
        name: p.name,
        level: p.level,
        region_code: p.region_code,
        region_name,
        enterprise_uscc: p.enterprise_uscc,
        enterprise_name,
        industry_code: p.industry_code,
        total_investment_wan_yuan: p.total_investment_fen.map(exact_wan_yuan),
        construction: p.construction,
        stage: p.stage,
        started_on: p.started_on,
        completed_on: p.completed_on,
        in_production_on: p.in_production_on,
    })
}

/// A page of key projects in the actor's scope, newest first, with the figures of the year
/// asked for.
pub async fn list_key_projects(
    app: &App,
    actor: &Actor,
    q: &ProjectListQuery,
) -> Result<Page<KeyProjectRow>, AppError> {
    let scope = actor.scope(Permission::PROJECT_READ)?;
    let region = super::parse_region(q.region.as_deref())?;
    let year = q.year.map(check_year).transpose()?;
    let nonempty = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    let filter = store::project::key_project::ProjectFilter {
        region,
        year,
        level: nonempty(&q.level),
        stage: nonempty(&q.stage),
        enterprise: None,
        name: nonempty(&q.q),
    };
    let after = match q.cursor.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => Some(
            c.parse::<i64>()
                .map_err(|_| AppError::invalid("cursor", "error.bad_request"))?,
        ),
        None => None,
    };
    let conn = app.db().conn();
    let page = store::project::key_project::list(
        conn,
        &scope,
        &filter,
        PageRequest::new(q.limit.unwrap_or(50), after),
    )
    .await?;
    let ids: Vec<i64> = page.items.iter().map(|p| p.id).collect();
    let figures = match year {
        Some(y) => store::project::key_project::year_figures(conn, &ids, y).await?,
        None => Default::default(),
    };
    let names = region_names(conn).await?;
    Ok(page.map(|p| {
        let (planned, invested) = figures.get(&p.id).copied().unwrap_or((None, None));
        let invested = planned.map(|_| invested.unwrap_or(0)).or(invested);
        KeyProjectRow {
            region_name: names.get(&p.region_code).cloned().unwrap_or_default(),
            planned_wan_yuan: planned.map(exact_wan_yuan),
            invested_wan_yuan: invested.map(exact_wan_yuan),
            completion_pct: planned.and_then(|pl| completion_pct(invested.unwrap_or(0), pl)),
            id: p.id,
            name: p.name,
            level: p.level,
            region_code: p.region_code,
            enterprise_uscc: p.enterprise_uscc,
            industry_code: p.industry_code,
            stage: p.stage,
        }
    }))
}
