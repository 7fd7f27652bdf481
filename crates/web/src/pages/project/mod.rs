//! Key-project pages: the list (filters by level, stage, county and year, with totals), one
//! project (plan against monthly investment as a chart and a table, stage, problems) with the
//! progress-entry and stage forms, and its edit form (`edit`); the attraction and land pages
//! live in `investment`, the support-fund and digital-record lists in `records`.

mod edit;
mod investment;
mod records;

use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chain::money;
use crate::pages::chrome::Chrome;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::AppError;
use app::project::{KeyProjectView, ProgressForm, ProjectListQuery, StageForm};
use app::stats::chart::{Series, Theme, line_chart};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::collections::HashMap;

pub(crate) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/projects", get(list_page))
        .route("/projects/{id}", get(record_page))
        .route("/projects/{id}/edit", get(edit::edit_page).post(edit::edit))
        .route("/projects/{id}/progress", post(progress))
        .route("/projects/{id}/stage", post(stage))
        .merge(investment::routes())
        .merge(records::routes())
}

/// A code's label under a catalogue prefix, or the code.
pub(crate) fn label(t: &Tr, prefix: &str, code: &str) -> String {
    crate::pages::chain::label(t, prefix, code)
}

/// A percent with two decimals, or a dash.
pub(crate) fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "—".into(), |p| format!("{p:.2}%"))
}

/// This year (China time), the default of the year filters.
pub(crate) fn this_year() -> String {
    chrono::Datelike::year(&(chrono::Utc::now() + chrono::Duration::hours(8))).to_string()
}

/// A 万元 figure with separators.
pub(crate) fn wan(v: &str) -> String {
    money(&Some(v.to_string()))
}

#[derive(Deserialize, Default)]
struct Filters {
    region: Option<String>,
    year: Option<String>,
    level: Option<String>,
    stage: Option<String>,
    q: Option<String>,
    cursor: Option<String>,
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.clone().filter(|v| !v.trim().is_empty())
}

struct Row {
    id: i64,
    name: String,
    level: String,
    region: String,
    stage: String,
    stage_class: &'static str,
    planned: String,
    invested: String,
    completion: String,
}

#[derive(Template)]
#[template(path = "project/list.html")]
struct ListPage {
    c: Chrome,
    region: String,
    year: String,
    level: String,
    stage: String,
    q: String,
    levels: Vec<(String, String)>,
    stages: Vec<(String, String)>,
    count: u64,
    planned: String,
    invested: String,
    completion: String,
    items: Vec<Row>,
    next_url: Option<String>,
    first_url: String,
    error: Option<String>,
}

const LEVELS: [&str; 3] = ["province", "city", "county"];
const STAGES: [&str; 4] = [
    "planned",
    "under_construction",
    "completed",
    "in_production",
];

fn stage_class(s: &str) -> &'static str {
    match s {
        "in_production" | "completed" => "green",
        "under_construction" => "blue",
        _ => "grey",
    }
}

fn options(t: &Tr, prefix: &str, codes: &[&str]) -> Vec<(String, String)> {
    codes
        .iter()
        .map(|c| (c.to_string(), label(t, prefix, c)))
        .collect()
}

async fn list_page(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<Filters>,
) -> WebResult<Response> {
    let c = Chrome::build(&state, &user, "/projects", "project.title", &[]).await;
    let t = &c.t;
    let year = nonempty(&f.year).unwrap_or_else(this_year);
    let year_n = year.trim().parse::<i32>().ok();
    let q = ProjectListQuery {
        region: nonempty(&f.region),
        year: year_n,
        level: nonempty(&f.level),
        stage: nonempty(&f.stage),
        q: nonempty(&f.q),
        cursor: nonempty(&f.cursor),
        limit: Some(50),
    };
    let mut error = None;
    let page = match app::project::list_key_projects(&state.app, &user.actor, &q).await {
        Ok(p) => p,
        Err(AppError::Invalid(errs)) => {
            error = Some(
                FieldErrors::from_app(t, &errs)
                    .all()
                    .into_iter()
                    .map(|(f, m)| format!("{f}: {m}"))
                    .collect::<Vec<_>>()
                    .join("；"),
            );
            app::Page {
                items: Vec::new(),
                next_cursor: None,
            }
        }
        Err(e) => return Err(e.into()),
    };
    let totals = if error.is_none() {
        Some(
            app::project::project_stats(&state.app, &user.actor, q.region.as_deref(), year_n)
                .await?,
        )
    } else {
        None
    };
    let base = format!(
        "/projects?region={}&year={}&level={}&stage={}&q={}",
        q.region.clone().unwrap_or_default(),
        year,
        q.level.clone().unwrap_or_default(),
        q.stage.clone().unwrap_or_default(),
        q.q.clone().unwrap_or_default()
    );
    let items = page
        .items
        .iter()
        .map(|r| Row {
            id: r.id,
            name: r.name.clone(),
            level: label(t, "project.level.", &r.level),
            region: r.region_name.clone(),
            stage: label(t, "project.stage.", &r.stage),
            stage_class: stage_class(&r.stage),
            planned: money(&r.planned_wan_yuan),
            invested: money(&r.invested_wan_yuan),
            completion: pct(r.completion_pct),
        })
        .collect();
    let view = ListPage {
        region: q.region.clone().unwrap_or_default(),
        level: q.level.clone().unwrap_or_default(),
        stage: q.stage.clone().unwrap_or_default(),
        q: q.q.clone().unwrap_or_default(),
        levels: options(t, "project.level.", &LEVELS),
        stages: options(t, "project.stage.", &STAGES),
        count: totals.as_ref().map_or(0, |s| s.count),
        planned: totals
            .as_ref()
            .map_or_else(|| "—".into(), |s| wan(&s.planned_wan_yuan)),
        invested: totals
            .as_ref()
            .map_or_else(|| "—".into(), |s| wan(&s.invested_wan_yuan)),
        completion: pct(totals.as_ref().and_then(|s| s.completion_pct)),
        items,
        next_url: page.next_cursor.map(|cur| format!("{base}&cursor={cur}")),
        first_url: if q.cursor.is_some() {
            base.clone()
        } else {
            String::new()
        },
        year,
        error,
        c,
    };
    let status = if view.error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, render(&view)?).into_response())
}

struct PlanRow {
    year: i32,
    planned: String,
    invested: String,
    completion: String,
}

struct MonthRow {
    year: i32,
    month: i32,
    invested: String,
}

struct ProblemRow {
    title: String,
    ticket_id: i64,
    status: String,
}

#[derive(Template)]
#[template(path = "project/record.html")]
struct RecordPage {
    c: Chrome,
    p: KeyProjectView,
    level: String,
    stage: String,
    stage_class: &'static str,
    total: String,
    plans: Vec<PlanRow>,
    months: Vec<MonthRow>,
    problems: Vec<ProblemRow>,
    chart: String,
    stages: Vec<(String, String)>,
    errors: Vec<(String, String)>,
    year: String,
    month: String,
    amount: String,
}

/// The plan of the latest planned year against the cumulative monthly investment.
fn chart(t: &Tr, p: &KeyProjectView) -> String {
    let Some(plan) = p.plans.iter().max_by_key(|p| p.year) else {
        return String::new();
    };
    let planned: f64 = plan.planned_wan_yuan.parse().unwrap_or(0.0);
    let mut sum = 0.0;
    let mut done = Vec::new();
    for m in 1..=12 {
        if let Some(v) = p
            .progress
            .iter()
            .find(|r| r.year == plan.year && r.month == m)
        {
            sum += v.invested_wan_yuan.parse::<f64>().unwrap_or(0.0);
        }
        done.push(Some(sum));
    }
    let labels: Vec<String> = (1..=12).map(|m| format!("{m}月")).collect();
    line_chart(
        "project-chart",
        &t.fmt("project.chart_title", &[("year", &plan.year.to_string())]),
        &t.get("project.unit_wan"),
        &labels,
        &[
            Series {
                name: t.get("project.cumulative"),
                values: done,
                dashed: false,
            },
            Series {
                name: t.get("project.plan"),
                values: vec![Some(planned); 12],
                dashed: true,
            },
        ],
        Theme::Light,
    )
}

async fn record_view(
    state: &AppState,
    user: &Authed,
    id: i64,
    errors: Vec<(String, String)>,
    entered: (&str, &str, &str),
) -> WebResult<RecordPage> {
    let p = app::project::get_key_project(&state.app, &user.actor, id).await?;
    let c = Chrome::build(
        state,
        user,
        "/projects",
        "project.record",
        &[("/projects", "project.title")],
    )
    .await;
    let t = &c.t;
    let page = RecordPage {
        level: label(t, "project.level.", &p.level),
        stage: label(t, "project.stage.", &p.stage),
        stage_class: stage_class(&p.stage),
        total: money(&p.total_investment_wan_yuan),
        plans: p
            .plans
            .iter()
            .map(|r| PlanRow {
                year: r.year,
                planned: wan(&r.planned_wan_yuan),
                invested: wan(&r.invested_wan_yuan),
                completion: pct(r.completion_pct),
            })
            .collect(),
        months: p
            .progress
            .iter()
            .map(|r| MonthRow {
                year: r.year,
                month: r.month,
                invested: wan(&r.invested_wan_yuan),
            })
            .collect(),
        problems: p
            .problems
            .iter()
            .map(|r| ProblemRow {
                title: r.title.clone(),
                ticket_id: r.ticket_id,
                status: r.ticket_status.clone(),
            })
            .collect(),
        chart: chart(t, &p),
        stages: options(t, "project.stage.", &STAGES),
        errors,
        year: entered.0.to_string(),
        month: entered.1.to_string(),
        amount: entered.2.to_string(),
        p,
        c,
    };
    Ok(page)
}

async fn record_page(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let v = record_view(&state, &user, id, Vec::new(), (&this_year(), "", "")).await?;
    Ok(render(&v)?.into_response())
}

type Fields = HashMap<String, String>;

fn field(f: &Fields, k: &str) -> String {
    f.get(k).cloned().unwrap_or_default()
}

async fn after(
    state: &AppState,
    user: &Authed,
    id: i64,
    f: &Fields,
    r: Result<KeyProjectView, AppError>,
) -> WebResult<Response> {
    match r {
        Ok(_) => Ok(Redirect::to(&format!("/projects/{id}#progress")).into_response()),
        Err(AppError::Invalid(errs)) => {
            let t = Tr::new(user.lang);
            let errors = FieldErrors::from_app(&t, &errs).all();
            let v = record_view(
                state,
                user,
                id,
                errors,
                (
                    &field(f, "year"),
                    &field(f, "month"),
                    &field(f, "invested_wan_yuan"),
                ),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&v)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn progress(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let form = ProgressForm {
        year: field(&f, "year").trim().parse().ok(),
        month: field(&f, "month").trim().parse().ok(),
        invested_wan_yuan: field(&f, "invested_wan_yuan"),
    };
    let r = app::project::record_progress(&state.app, &user.actor, &user.meta, id, form).await;
    after(&state, &user, id, &f, r).await
}

async fn stage(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let form = StageForm {
        stage: field(&f, "stage"),
        on: field(&f, "on"),
    };
    let r = app::project::change_stage(&state.app, &user.actor, &user.meta, id, form).await;
    after(&state, &user, id, &f, r).await
}
