//! Attraction pages (the year's figures, the counties' targets, the projects; one project
//! with its reports and reviews, and the report and review forms) and the land page (land,
//! support funds and digital figures with the parcels).

use super::{Fields, field, label, nonempty, pct, this_year, wan};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::AppError;
use app::project::{
    CountyTargetView, DigitalStats, InefficientView, LandStats, ParcelView, ReportForm, ReviewForm,
    SupportFundStats, TargetListQuery, TargetView,
};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/investment", get(list_page))
        .route("/investment/{id}", get(record_page))
        .route("/investment/{id}/report", post(report))
        .route("/investment/{id}/review", post(review))
        .route("/land", get(land_page))
}

#[derive(Deserialize, Default)]
struct Filters {
    region: Option<String>,
    year: Option<String>,
    stage: Option<String>,
    pending: Option<String>,
}

struct Row {
    id: i64,
    name: String,
    investor: String,
    region: String,
    stage: String,
    pending: String,
    planned: String,
    in_place: String,
    signed_on: String,
}

struct TargetRow {
    county: String,
    signed: String,
    planned: String,
    in_place: String,
}

#[derive(Template)]
#[template(path = "project/investment.html")]
struct ListPage {
    c: Chrome,
    region: String,
    year: String,
    pending: bool,
    signed: u64,
    planned: String,
    in_place: String,
    in_place_pct: String,
    waiting: u64,
    targets: Vec<TargetRow>,
    items: Vec<Row>,
}

fn target_row(t: &CountyTargetView) -> TargetRow {
    TargetRow {
        county: t.region_name.clone(),
        signed: format!(
            "{} / {} ({})",
            t.actual_signed_count,
            t.signed_count,
            pct(t.signed_completion_pct)
        ),
        planned: format!(
            "{} / {} ({})",
            wan(&t.actual_planned_wan_yuan),
            wan(&t.planned_wan_yuan),
            pct(t.planned_completion_pct)
        ),
        in_place: format!(
            "{} / {} ({})",
            wan(&t.actual_in_place_wan_yuan),
            wan(&t.in_place_wan_yuan),
            pct(t.in_place_completion_pct)
        ),
    }
}

async fn list_page(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<Filters>,
) -> WebResult<Response> {
    let c = Chrome::build(&state, &user, "/investment", "investment.title", &[]).await;
    let t = &c.t;
    let year = nonempty(&f.year).unwrap_or_else(this_year);
    let year_n = year.trim().parse::<i32>().ok();
    let region = nonempty(&f.region);
    let pending = f.pending.as_deref() == Some("1");
    let s = app::project::investment_stats(
        &state.app,
        &user.actor,
        region.as_deref(),
        year_n,
        Some("10000"),
    )
    .await?;
    let q = TargetListQuery {
        region: region.clone(),
        stage: nonempty(&f.stage),
        pending: pending.then_some(true),
        limit: Some(100),
        ..Default::default()
    };
    let page = app::project::list_targets(&state.app, &user.actor, &q).await?;
    let items = page
        .items
        .iter()
        .map(|r| Row {
            id: r.id,
            name: r.name.clone(),
            investor: r.investor.clone(),
            region: r.region_name.clone(),
            stage: r
                .stage
                .as_deref()
                .map_or_else(|| "—".into(), |s| label(t, "investment.stage.", s)),
            pending: r
                .pending_stage
                .as_deref()
                .map_or_else(String::new, |s| label(t, "investment.stage.", s)),
            planned: wan(&r.planned_wan_yuan),
            in_place: wan(&r.in_place_wan_yuan),
            signed_on: r.signed_on.map(|d| d.to_string()).unwrap_or_default(),
        })
        .collect();
    let view = ListPage {
        region: region.unwrap_or_default(),
        pending,
        signed: s.signed_count,
        planned: wan(&s.planned_wan_yuan),
        in_place: wan(&s.in_place_wan_yuan),
        in_place_pct: pct(s.in_place_pct),
        waiting: s.pending_reports,
        targets: s.targets.iter().map(target_row).collect(),
        items,
        year,
        c,
    };
    Ok(render(&view)?.into_response())
}

struct EventRow {
    action: String,
    stage: String,
    figures: String,
    who: String,
    at: String,
    comment: String,
}

#[derive(Template)]
#[template(path = "project/investment_record.html")]
struct RecordPage {
    c: Chrome,
    v: TargetView,
    stage: String,
    pending: String,
    planned: String,
    in_place: String,
    events: Vec<EventRow>,
    can_report: bool,
    can_review: bool,
    stages: Vec<(String, String)>,
    errors: Vec<(String, String)>,
}

const STAGES: [&str; 4] = ["negotiating", "signed", "started", "in_production"];

async fn record_view(
    state: &AppState,
    user: &Authed,
    id: i64,
    errors: Vec<(String, String)>,
) -> WebResult<RecordPage> {
    let v = app::project::get_target(&state.app, &user.actor, id).await?;
    let c = Chrome::build(
        state,
        user,
        "/investment",
        "investment.record",
        &[("/investment", "investment.title")],
    )
    .await;
    let t = &c.t;
    let stage_of = |s: &Option<String>| {
        s.as_deref()
            .map_or_else(|| "—".into(), |s| label(t, "investment.stage.", s))
    };
    let page = RecordPage {
        stage: stage_of(&v.stage),
        pending: v
            .pending_stage
            .as_deref()
            .map_or_else(String::new, |s| label(t, "investment.stage.", s)),
        planned: wan(&v.planned_wan_yuan),
        in_place: wan(&v.in_place_wan_yuan),
        events: v
            .events
            .iter()
            .map(|e| EventRow {
                action: label(t, "investment.action.", &e.action),
                stage: stage_of(&e.to_stage),
                figures: format!(
                    "{} / {}",
                    e.planned_wan_yuan
                        .as_deref()
                        .map_or_else(|| "—".into(), wan),
                    e.in_place_wan_yuan
                        .as_deref()
                        .map_or_else(|| "—".into(), wan)
                ),
                who: e.actor_name.clone(),
                at: e.at.format("%Y-%m-%d %H:%M").to_string(),
                comment: e.comment.clone(),
            })
            .collect(),
        can_report: v.allowed_actions.iter().any(|a| a == "report"),
        can_review: v
            .allowed_actions
            .iter()
            .any(|a| a == "approve" || a == "return"),
        stages: STAGES
            .iter()
            .map(|s| (s.to_string(), label(t, "investment.stage.", s)))
            .collect(),
        errors,
        v,
        c,
    };
    Ok(page)
}

async fn record_page(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    Ok(render(&record_view(&state, &user, id, Vec::new()).await?)?.into_response())
}

async fn done<T>(
    state: &AppState,
    user: &Authed,
    id: i64,
    r: Result<T, AppError>,
) -> WebResult<Response> {
    match r {
        Ok(_) => Ok(Redirect::to(&format!("/investment/{id}")).into_response()),
        Err(AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&Tr::new(user.lang), &errs).all();
            let v = record_view(state, user, id, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&v)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn report(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let form = ReportForm {
        stage: field(&f, "stage"),
        stage_on: field(&f, "stage_on"),
        planned_wan_yuan: field(&f, "planned_wan_yuan"),
        in_place_wan_yuan: field(&f, "in_place_wan_yuan"),
        comment: field(&f, "comment"),
    };
    let r = app::project::report_target(&state.app, &user.actor, &user.meta, id, form).await;
    done(&state, &user, id, r).await
}

async fn review(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let form = ReviewForm {
        ids: vec![id],
        decision: field(&f, "decision"),
        comment: field(&f, "comment"),
    };
    let r = app::project::review_reports(&state.app, &user.actor, &user.meta, form).await;
    done(&state, &user, id, r).await
}

#[derive(Template)]
#[template(path = "project/land.html")]
struct LandPage {
    c: Chrome,
    tab: &'static str,
    region: String,
    year: String,
    land: LandStats,
    funds: SupportFundStats,
    digital: DigitalStats,
    parcels: Vec<ParcelView>,
    inefficient: Vec<InefficientView>,
}

async fn land_page(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<Filters>,
) -> WebResult<Response> {
    let c = Chrome::build(&state, &user, "/land", "land.title", &[]).await;
    let region = nonempty(&f.region);
    let year = nonempty(&f.year).unwrap_or_else(this_year);
    let year_n = year.trim().parse::<i32>().ok();
    let (app, actor, r) = (&state.app, &user.actor, region.as_deref());
    let land = app::project::land_stats(app, actor, r, year_n).await?;
    let funds = app::project::support_fund_stats(app, actor, r, year_n).await?;
    let mut funds = funds;
    for p in &mut funds.by_programme {
        p.total_wan_yuan = wan(&p.total_wan_yuan);
    }
    funds.total_wan_yuan = wan(&funds.total_wan_yuan);
    let digital = app::project::digital_stats(app, actor, r, year_n).await?;
    let page = app::PageRequest::new(50, None);
    let parcels = app::project::list_parcels(app, actor, r, page).await?.items;
    let inefficient = app::project::list_inefficient(app, actor, r, page)
        .await?
        .items;
    let view = LandPage {
        tab: "land",
        region: region.clone().unwrap_or_default(),
        year,
        land,
        funds,
        digital,
        parcels,
        inefficient,
        c,
    };
    Ok(render(&view)?.into_response())
}
