//! The statistics page: pool, reserve, applied, recognised and success rate by county × track ×
//! year, each figure a link to the pool or application list it counts, and its xlsx export.

use super::track_label;
use super::track_options;
use crate::error::WebResult;
use crate::pages::chrome::Chrome;
use crate::pages::render;
use crate::routes::{RouteTable, get};
use crate::session::Authed;
use crate::state::AppState;
use app::cultivation::{StatsRow, StatsTableQuery};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// The routes of this file.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .route("/cultivation/stats", get(page))
        .route("/cultivation/stats/export.xlsx", get(export))
}

/// The filters as the form sends them.
#[derive(Debug, Default, Deserialize)]
struct StatsForm {
    #[serde(default)]
    region: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    track: String,
}

impl StatsForm {
    fn query(&self) -> Result<StatsTableQuery, app::AppError> {
        let given = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let year = match given(&self.year) {
            Some(y) => Some(
                y.parse()
                    .map_err(|_| app::AppError::invalid("year", "common.year_format"))?,
            ),
            None => None,
        };
        Ok(StatsTableQuery {
            region: given(&self.region),
            year,
            track: given(&self.track),
        })
    }

    fn query_string(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("region", self.region.trim())
            .append_pair("year", self.year.trim())
            .append_pair("track", self.track.trim())
            .finish()
    }
}

/// A figure and the list behind it.
struct Figure {
    value: String,
    href: String,
}

struct Line {
    region: String,
    region_code: String,
    track: String,
    year: i32,
    pool: Figure,
    reserve: Figure,
    applied: Figure,
    recognised: Figure,
    rate: Figure,
}

fn line(t: &crate::i18n::Tr, r: StatsRow) -> Line {
    let base = form_urlencoded::Serializer::new(String::new())
        .append_pair("region", &r.region_code)
        .append_pair("track", &r.track)
        .append_pair("year", &r.year.to_string())
        .finish();
    let pools = |list: &str| format!("/cultivation/pools?{base}&list={list}");
    let applied = format!("/cultivation/applications?{base}&applied=1");
    Line {
        region: r.region_name,
        track: track_label(t, &r.track),
        year: r.year,
        pool: Figure {
            value: r.pool.to_string(),
            href: pools("pool"),
        },
        reserve: Figure {
            value: r.reserve.to_string(),
            href: pools("reserve"),
        },
        applied: Figure {
            value: r.applied.to_string(),
            href: applied.clone(),
        },
        recognised: Figure {
            value: r.recognised.to_string(),
            href: format!("/cultivation/applications?{base}&state=recognised"),
        },
        rate: Figure {
            value: r
                .success_rate_pct
                .map(|p| format!("{p:.1}%"))
                .unwrap_or_else(|| "—".into()),
            href: applied,
        },
        region_code: r.region_code,
    }
}

#[derive(Template)]
#[template(path = "cultivation/stats.html")]
struct Page {
    c: Chrome,
    f: StatsForm,
    tracks: Vec<(String, String)>,
    lines: Vec<Line>,
    export_url: String,
}

async fn page(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<StatsForm>,
) -> WebResult<Response> {
    let table = app::cultivation::stats_table(&state.app, &user.actor, &f.query()?).await?;
    let c = Chrome::build(
        &state,
        &user,
        "/cultivation/stats",
        "cultivation.stats.title",
        &[],
    )
    .await;
    let lines = table.rows.into_iter().map(|r| line(&c.t, r)).collect();
    let export_url = format!("/cultivation/stats/export.xlsx?{}", f.query_string());
    Ok(render(&Page {
        tracks: track_options(&c.t, false),
        c,
        f,
        lines,
        export_url,
    })?
    .into_response())
}

async fn export(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<StatsForm>,
) -> WebResult<Response> {
    let bytes = app::cultivation::stats_table_xlsx(&state.app, &user.actor, &f.query()?).await?;
    Ok(super::xlsx_download("cultivation-stats.xlsx", bytes))
}
