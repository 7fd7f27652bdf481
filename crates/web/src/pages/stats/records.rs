//! The enterprises behind a figure, and the seed facts beside the platform's figures.

use super::{growth, thousands};
use crate::api::stats::speaking;
use crate::error::WebResult;
use crate::pages::chrome::Chrome;
use crate::pages::render;
use crate::session::Authed;
use crate::state::AppState;
use app::stats::OutputQuery;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};

struct Row {
    uscc: String,
    name: String,
    county: String,
    industry: String,
    value: String,
    prior: String,
    yoy: String,
    note: String,
}

#[derive(Template)]
#[template(path = "stats/records.html")]
struct RecordsPage {
    c: Chrome,
    heading: String,
    unit: String,
    total: String,
    prior: String,
    yoy: String,
    count: usize,
    rows: Vec<Row>,
    method: String,
    back: String,
    first_url: String,
    next_url: Option<String>,
}

fn money_or_exact(wan: &Option<String>, exact: &Option<String>) -> String {
    match (wan, exact) {
        (Some(w), _) => thousands(w),
        (None, Some(e)) => thousands(e),
        _ => "—".into(),
    }
}

/// `/stats/records?…`: the enterprises behind a figure (the query of `/api/v1/stats/records`).
pub(crate) async fn records_page(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<OutputQuery>,
) -> WebResult<Response> {
    let actor = speaking(&user);
    let v = app::stats::records(&state.app, &actor, &q).await?;
    let c = Chrome::build(
        &state,
        &user,
        "/stats/dashboard",
        "stats.records_title",
        &[("/stats/dashboard", "stats.title")],
    )
    .await;
    let t = c.t;
    let rows = v
        .items
        .iter()
        .map(|r| Row {
            uscc: r.uscc.clone(),
            name: r.name.clone(),
            county: r.county_name.clone(),
            industry: r.industry_code.clone(),
            value: money_or_exact(&r.value_wan_yuan, &r.value),
            prior: money_or_exact(&r.prior_wan_yuan, &r.prior),
            yoy: growth(r.yoy_pct),
            note: match (r.value.is_none(), r.check, r.in_current) {
                (_, _, false) => t.get("stats.prior_only"),
                (true, _, _) => t.get("stats.not_reported"),
                (_, true, _) => t.get("stats.to_check"),
                _ => String::new(),
            },
        })
        .collect();
    let mut base: Vec<(&str, String)> = vec![
        ("region", v.region.clone()),
        ("year", q.year.map(|y| y.to_string()).unwrap_or_default()),
        ("month", q.month.map(|m| m.to_string()).unwrap_or_default()),
        ("period", q.period.clone().unwrap_or_default()),
        ("indicator", v.indicator.clone()),
        ("basis", q.basis.clone().unwrap_or_default()),
        ("group_by", q.group_by.clone().unwrap_or_default()),
        ("group_set", q.group_set.clone().unwrap_or_default()),
        ("key", q.key.clone().unwrap_or_default()),
    ];
    base.retain(|(_, v)| !v.is_empty());
    let page_q = crate::pages::list::PageQuery {
        limit: q.limit,
        cursor: q.cursor.clone(),
    };
    let (first_url, next_url) =
        crate::pages::list::pager("/stats/records", &base, &page_q, v.next_cursor.as_deref());
    let heading = match &v.key_name {
        Some(k) => format!(
            "{} · {k} · {} · {}",
            v.region_name, v.indicator_name, v.period_label
        ),
        None => format!(
            "{} · {} · {}",
            v.region_name, v.indicator_name, v.period_label
        ),
    };
    let unit = if v.money {
        t.get("stats.unit_wan")
    } else {
        v.unit.clone()
    };
    let page = RecordsPage {
        heading,
        unit,
        total: money_or_exact(&v.total_wan_yuan, &Some(v.total.clone())),
        prior: money_or_exact(&v.prior_wan_yuan, &Some(v.prior.clone())),
        yoy: growth(v.yoy_pct),
        count: v.count,
        rows,
        method: v.method.text.clone(),
        back: format!("/stats/dashboard?region={}", v.region),
        first_url,
        next_url,
        c,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "stats/seed_facts.html")]
struct SeedFactsPage {
    c: Chrome,
    rows: Vec<app::stats::seed_facts::SeedFactView>,
    matched: usize,
}

/// `/stats/seed-facts`: each seed figure beside the platform's, ticked when equal.
pub(crate) async fn seed_facts_page(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Response> {
    let rows = app::stats::seed_facts::seed_fact_checks(&state.app, &speaking(&user)).await?;
    let c = Chrome::build(
        &state,
        &user,
        "/stats/seed-facts",
        "stats.seed_facts_title",
        &[],
    )
    .await;
    let matched = rows.iter().filter(|r| r.matches).count();
    Ok(render(&SeedFactsPage { c, rows, matched })?.into_response())
}
