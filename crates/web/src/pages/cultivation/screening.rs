//! The screening radar page and its xlsx export.

use super::explain;
use crate::api::cultivation::screening::ScreenParams;
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::render;
use crate::routes::{RouteTable, get};
use crate::session::Authed;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use policy::cultivation::Tier;

/// The routes of this file.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .route("/cultivation/screening", get(page))
        .route("/cultivation/screening/export.xlsx", get(export))
}

struct Row {
    uscc: String,
    name: String,
    tier: String,
    tier_code: String,
    class: &'static str,
    status: String,
    score: String,
    blocking: String,
    missing: String,
}

#[derive(Template)]
#[template(path = "cultivation/screening.html")]
struct Page {
    c: Chrome,
    year: i32,
    tiers: Vec<(String, String, bool)>,
    enterprises: u64,
    evaluated: u64,
    qualified: u64,
    near: u64,
    rows: Vec<Row>,
    export_url: String,
}

async fn page(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<ScreenParams>,
) -> WebResult<Response> {
    let q = p.query()?;
    let r = app::cultivation::screen(&state.app, &user.actor, &q).await?;
    let c = Chrome::build(
        &state,
        &user,
        "/cultivation/screening",
        "cultivation.screening.title",
        &[],
    )
    .await;
    let t = Tr::new(user.lang);
    let picked = q.tier.map(Tier::as_str).unwrap_or("");
    let mut tiers = vec![(String::new(), t.get("common.all"), picked.is_empty())];
    tiers.extend(Tier::ALL.iter().map(|x| {
        (
            x.as_str().to_string(),
            explain::tier_name(&t, x.as_str()),
            x.as_str() == picked,
        )
    }));
    let rows = r
        .rows
        .iter()
        .map(|row| {
            let (class, key) = if row.status == "qualified" {
                ("green", "cultivation.screening.qualified")
            } else {
                ("orange", "cultivation.screening.near")
            };
            let mut blocking = row.blocking.clone();
            if let Some(short) = row.score_short {
                blocking.push(t.fmt(
                    "cultivation.screening.score_short",
                    &[("n", &short.to_string())],
                ));
            }
            Row {
                uscc: row.uscc.clone(),
                name: row.name.clone(),
                tier: explain::tier_name(&t, &row.tier),
                tier_code: row.tier.clone(),
                class,
                status: t.get(key),
                score: match (row.total, row.pass_mark) {
                    (Some(total), Some(pass)) => format!("{total} / {pass}"),
                    _ => String::new(),
                },
                blocking: blocking.join("；"),
                missing: row
                    .missing
                    .iter()
                    .map(|m| explain::metric_name(&t, *m))
                    .collect::<Vec<_>>()
                    .join("、"),
            }
        })
        .collect();
    let export_url = format!(
        "/cultivation/screening/export.xlsx?year={}&tier={}",
        q.year, picked
    );
    Ok(render(&Page {
        c,
        year: q.year,
        tiers,
        enterprises: r.enterprises,
        evaluated: r.evaluated,
        qualified: r.qualified,
        near: r.near,
        rows,
        export_url,
    })?
    .into_response())
}

async fn export(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<ScreenParams>,
) -> WebResult<Response> {
    let q = p.query()?;
    let bytes = app::cultivation::screen_xlsx(&state.app, &user.actor, &q).await?;
    Ok(super::xlsx_download(
        &format!("screening-{}.xlsx", q.year),
        bytes,
    ))
}
