//! The city overview, the county page and the leaders' screen (大屏).

use super::{Filters, arrow, growth, records_page_href, thousands, with_params};
use crate::api::stats::speaking;
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::render;
use crate::session::Authed;
use crate::state::AppState;
use app::stats::chart::{self, Area, Bar, Series, Theme};
use app::stats::{Dashboard, OutputView, county_cells};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};

/// An indicator card.
pub(crate) struct CardView {
    code: String,
    name: String,
    value: String,
    unit: String,
    yoy: String,
    arrow: &'static str,
    alert: String,
    reporting: String,
    complete: bool,
    completion: String,
    records: String,
}

/// A chart with the same numbers as a table.
pub(crate) struct ChartView {
    id: String,
    title: String,
    svg: String,
    headers: Vec<String>,
    /// Cells: (text, link or empty).
    rows: Vec<Vec<(String, String)>>,
}

#[derive(Template)]
#[template(path = "stats/dashboard.html")]
struct DashboardPage {
    c: Chrome,
    heading: String,
    region: String,
    regions: Vec<(String, String)>,
    year: i32,
    month: String,
    period_label: String,
    cards: Vec<CardView>,
    charts: Vec<ChartView>,
    method: String,
    wall_href: String,
    /// Report downloads: (element id, label, href).
    reports: Vec<(String, String, String)>,
}

/// A money figure in 亿元 (one decimal) or the unit's figure with one decimal, grouped.
fn big_value(v: &OutputView, t: &Tr) -> (String, String) {
    match &v.total_yi_yuan {
        Some(yi) => (thousands(yi), t.get("stats.unit_yi")),
        None => (
            thousands(&format!("{:.1}", v.total.parse::<f64>().unwrap_or(0.0))),
            v.unit.clone(),
        ),
    }
}

/// A value for charts: 亿元 for money, the unit otherwise.
fn chart_value(text: &str, money: bool) -> f64 {
    let v = text.parse::<f64>().unwrap_or(0.0);
    if money { v / 10_000.0 } else { v }
}

fn chart_unit(v: &OutputView, t: &Tr) -> String {
    if v.money {
        t.get("stats.unit_yi")
    } else {
        v.unit.clone()
    }
}

fn card(v: &OutputView, t: &Tr) -> CardView {
    let (value, unit) = big_value(v, t);
    CardView {
        code: v.indicator.clone(),
        name: v.indicator_name.clone(),
        value,
        unit,
        yoy: growth(v.yoy_pct),
        arrow: arrow(v.yoy_pct),
        alert: v.alert.clone(),
        reporting: t.fmt(
            "stats.reported_of",
            &[
                ("reported", &v.reported.to_string()),
                ("population", &v.enterprises.to_string()),
            ],
        ),
        complete: v.reporting_complete,
        completion: v
            .completion_pct
            .map(|c| format!("{c:.2}%"))
            .unwrap_or_default(),
        records: records_page_href(&v.records_href),
    }
}

fn months(t: &Tr) -> Vec<String> {
    (1..=12)
        .map(|m| t.fmt("stats.month_n", &[("m", &m.to_string())]))
        .collect()
}

fn trend(v: &OutputView, t: &Tr, theme: Theme, id: &str) -> ChartView {
    let labels = months(t);
    let this: Vec<Option<f64>> = v
        .months
        .iter()
        .map(|m| Some(chart_value(m, v.money)))
        .collect();
    let last: Vec<Option<f64>> = v
        .prior_months
        .iter()
        .map(|m| Some(chart_value(m, v.money)))
        .collect();
    let title = t.fmt(
        "stats.chart_trend",
        &[("indicator", &v.indicator_name), ("region", &v.region_name)],
    );
    let svg = chart::line_chart(
        id,
        &title,
        &chart_unit(v, t),
        &labels,
        &[
            Series {
                name: v.year.to_string(),
                values: this.clone(),
                dashed: false,
            },
            Series {
                name: (v.year - 1).to_string(),
                values: last.clone(),
                dashed: true,
            },
        ],
        theme,
    );
    let rows = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (a, b) = (this[i].unwrap_or(0.0), last[i].unwrap_or(0.0));
            let g = (b > 0.0).then(|| ((a - b) / b * 1000.0).round() / 10.0);
            let month = (i + 1).to_string();
            let href = with_params(
                &records_page_href(&v.records_href),
                &[("month", &month), ("period", "month")],
            );
            vec![
                (l.clone(), String::new()),
                (thousands(&format!("{a:.2}")), href),
                (thousands(&format!("{b:.2}")), String::new()),
                (growth(g), String::new()),
            ]
        })
        .collect();
    ChartView {
        id: id.into(),
        title,
        svg,
        headers: vec![
            t.get("stats.month"),
            format!("{} ({})", v.year, chart_unit(v, t)),
            format!("{} ({})", v.year - 1, chart_unit(v, t)),
            t.get("stats.yoy"),
        ],
        rows,
    }
}

fn bars(
    v: &OutputView,
    t: &Tr,
    theme: Theme,
    id: &str,
    title: String,
    link_county: bool,
) -> ChartView {
    let unit = chart_unit(v, t);
    let list: Vec<Bar> = v
        .rows
        .iter()
        .map(|r| {
            let value = chart_value(&r.total, v.money);
            Bar {
                label: r.name.clone(),
                value,
                note: format!(
                    "{} · {}",
                    thousands(&format!("{value:.1}")),
                    growth(r.yoy_pct)
                ),
                colour: chart::alert_colour(&r.alert),
            }
        })
        .collect();
    let legend: Vec<(&str, String)> = ["normal", "warning", "alert"]
        .iter()
        .map(|a| (chart::alert_colour(a), t.get(&format!("stats.alert.{a}"))))
        .collect();
    let svg = chart::bar_chart(id, &title, &unit, &list, &legend, theme);
    let rows = v
        .rows
        .iter()
        .map(|r| {
            let name_href = if link_county {
                format!("/stats/county/{}?year={}", r.key, v.year)
            } else {
                String::new()
            };
            vec![
                (r.name.clone(), name_href),
                (
                    thousands(&format!("{:.2}", chart_value(&r.total, v.money))),
                    records_page_href(&r.records_href),
                ),
                (growth(r.yoy_pct), String::new()),
                (
                    r.completion_pct
                        .map(|c| format!("{c:.2}%"))
                        .unwrap_or_else(|| "—".into()),
                    String::new(),
                ),
                (format!("{}/{}", r.reported, r.enterprises), String::new()),
            ]
        })
        .collect();
    ChartView {
        id: id.into(),
        title,
        svg,
        headers: vec![
            t.get("stats.name"),
            format!("{} ({unit})", v.indicator_name),
            t.get("stats.yoy"),
            t.get("stats.completion"),
            t.get("stats.reported"),
        ],
        rows,
    }
}

fn map(v: &OutputView, t: &Tr, theme: Theme, id: &str) -> ChartView {
    let cells = county_cells(v);
    let areas: Vec<Area> = cells
        .iter()
        .map(|c| Area {
            code: c.code.clone(),
            yoy_pct: c.yoy_pct,
            note: growth(c.yoy_pct),
            href: format!("/stats/county/{}?year={}", c.code, v.year),
        })
        .collect();
    let title = t.fmt("stats.chart_map", &[("indicator", &v.indicator_name)]);
    let svg = chart::map_chart(
        id,
        &title,
        app::stats::COUNTY_SHAPES,
        &areas,
        &t.get("stats.yoy"),
        theme,
    );
    let rows = cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                ((i + 1).to_string(), String::new()),
                (
                    c.name.clone(),
                    format!("/stats/county/{}?year={}", c.code, v.year),
                ),
                (growth(c.yoy_pct), String::new()),
                (
                    thousands(&format!("{:.2}", chart_value(&c.value, v.money))),
                    String::new(),
                ),
            ]
        })
        .collect();
    ChartView {
        id: id.into(),
        title,
        svg,
        headers: vec![
            t.get("stats.rank"),
            t.get("stats.county"),
            t.get("stats.yoy"),
            format!("{} ({})", v.indicator_name, chart_unit(v, t)),
        ],
        rows,
    }
}

async fn build(state: &AppState, user: &Authed, f: &Filters, path: &str) -> WebResult<Response> {
    let actor = speaking(user);
    let q = f.query();
    let d: Dashboard = app::stats::dashboard(&state.app, &actor, &q).await?;
    let c = Chrome::build(state, user, path, "stats.title", &[]).await;
    let t = c.t;
    let main = &d.cards[0].view;
    let is_city = d.by_county.rows.len() > 1;
    let mut charts = vec![trend(main, &t, Theme::Light, "chart-trend")];
    if is_city {
        charts.push(bars(
            &d.by_county,
            &t,
            Theme::Light,
            "chart-counties",
            t.fmt(
                "stats.chart_by_county",
                &[("indicator", &main.indicator_name)],
            ),
            true,
        ));
        charts.push(map(&d.by_county, &t, Theme::Light, "chart-map"));
    }
    if let Some(g) = &d.by_group {
        charts.push(bars(
            g,
            &t,
            Theme::Light,
            "chart-groups",
            t.fmt(
                "stats.chart_by_group",
                &[
                    ("indicator", &main.indicator_name),
                    ("set", g.group_set_name.as_deref().unwrap_or("")),
                ],
            ),
            false,
        ));
    }
    let mut industry = d.by_industry.clone();
    industry.rows.truncate(10);
    charts.push(bars(
        &industry,
        &t,
        Theme::Light,
        "chart-industries",
        t.fmt(
            "stats.chart_by_industry",
            &[("indicator", &main.indicator_name)],
        ),
        false,
    ));
    let regions = app::org::region_tree(&state.app, &user.actor)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.level == "city" || r.level == "county")
        .map(|r| (r.code, r.name))
        .collect();
    let mut reports = Vec::new();
    for f in ["pdf", "xlsx"] {
        reports.push((
            format!("report-county-annual-{f}"),
            format!(
                "{} ({})",
                t.get("stats.report_county_annual"),
                f.to_uppercase()
            ),
            format!(
                "/api/v1/stats/reports/county-annual?region={}&year={}&format={f}",
                main.region, main.year
            ),
        ));
    }
    if is_city {
        let month = main.month.unwrap_or(12);
        for f in ["pdf", "xlsx"] {
            reports.push((
                format!("report-city-monthly-{f}"),
                format!(
                    "{} ({})",
                    t.get("stats.report_city_monthly"),
                    f.to_uppercase()
                ),
                format!(
                    "/api/v1/stats/reports/city-monthly?region={}&year={}&month={month}&format={f}",
                    main.region, main.year
                ),
            ));
        }
    }
    let page = DashboardPage {
        heading: t.fmt("stats.heading", &[("region", &main.region_name)]),
        region: main.region.clone(),
        regions,
        year: main.year,
        month: main.month.map(|m| m.to_string()).unwrap_or_default(),
        period_label: main.period_label.clone(),
        cards: d.cards.iter().map(|c| card(&c.view, &t)).collect(),
        charts,
        method: main.method.text.clone(),
        wall_href: format!("/stats/wall?region={}&year={}", main.region, main.year),
        reports,
        c,
    };
    Ok(render(&page)?.into_response())
}

/// `/stats/dashboard`: the dashboard of the user's region (the city overview for the city).
pub(crate) async fn overview(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<Filters>,
) -> WebResult<Response> {
    build(&state, &user, &f, "/stats/dashboard").await
}

/// `/stats/county/{code}`: a county's page.
pub(crate) async fn county(
    State(state): State<AppState>,
    user: Authed,
    Path(code): Path<String>,
    Query(f): Query<Filters>,
) -> WebResult<Response> {
    let f = Filters {
        region: Some(code),
        ..f
    };
    build(&state, &user, &f, "/stats/dashboard").await
}

struct RankRow {
    rank: usize,
    name: String,
    value: String,
    yoy: String,
    alert: String,
}

#[derive(Template)]
#[template(path = "stats/wall.html")]
struct WallPage {
    t: Tr,
    lang_tag: &'static str,
    title: String,
    period_label: String,
    cards: Vec<CardView>,
    trend: String,
    counties: String,
    map: String,
    ranking: Vec<RankRow>,
    updated: String,
    refresh_seconds: u32,
}

/// How often the leaders' screen reloads itself.
const WALL_REFRESH_SECONDS: u32 = 300;

/// `/stats/wall`: the leaders' full-screen view: dark, large type, no navigation, reloads
/// itself, fits 1920 × 1080.
pub(crate) async fn wall(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<Filters>,
) -> WebResult<Response> {
    let actor = speaking(&user);
    let d = app::stats::dashboard(&state.app, &actor, &f.query()).await?;
    let t = Tr::new(user.lang);
    let main = &d.cards[0].view;
    let ranking = county_cells(&d.by_county)
        .into_iter()
        .enumerate()
        .map(|(i, c)| RankRow {
            rank: i + 1,
            name: c.name,
            value: thousands(&format!("{:.1}", chart_value(&c.value, main.money))),
            yoy: growth(c.yoy_pct),
            alert: c.alert,
        })
        .collect();
    let by_rows = if d.by_county.rows.len() > 1 {
        &d.by_county
    } else {
        d.by_group.as_ref().unwrap_or(&d.by_industry)
    };
    let page = WallPage {
        title: t.fmt("stats.wall_title", &[("region", &main.region_name)]),
        period_label: main.period_label.clone(),
        cards: d.cards.iter().take(4).map(|c| card(&c.view, &t)).collect(),
        trend: trend(main, &t, Theme::Dark, "wall-trend").svg,
        counties: bars(
            by_rows,
            &t,
            Theme::Dark,
            "wall-bars",
            t.fmt(
                "stats.chart_by_county",
                &[("indicator", &main.indicator_name)],
            ),
            false,
        )
        .svg,
        map: map(&d.by_county, &t, Theme::Dark, "wall-map").svg,
        ranking,
        updated: crate::format::local_time(&chrono::Utc::now()),
        refresh_seconds: WALL_REFRESH_SECONDS,
        lang_tag: user.lang.tag(),
        t,
    };
    Ok(render(&page)?.into_response())
}
