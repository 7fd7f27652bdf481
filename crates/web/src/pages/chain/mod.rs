//! Industry chain pages: the list with each chain's figures, one chain (figures, leaders and
//! plan, the drawn map, nodes with their enterprises, gaps and investment targets, the lists,
//! patrols) with the chain office's editing forms, the chain form and the patrol form.

mod detail;
mod edit;
mod patrol;

use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::render;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::chain::{ChainDetail, ChainFiguresView, ChainListQuery};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use policy::org::Permission;
use serde::Deserialize;

pub(crate) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/chains", get(list_page).post(edit::create))
        .route("/chains/new", get(edit::new_page))
        .route("/chains/{id}", get(detail::page))
        .route("/chains/{id}/edit", get(edit::edit_page).post(edit::update))
        .route("/chains/{id}/target", post(edit::set_target))
        .route("/chains/{id}/nodes", post(edit::add_node))
        .route("/chains/{id}/nodes/{node}", post(edit::update_node))
        .route("/chains/{id}/nodes/{node}/remove", post(edit::remove_node))
        .route("/chains/{id}/nodes/{node}/enterprises", post(edit::attach))
        .route(
            "/chains/{id}/nodes/{node}/enterprises/{uscc}/remove",
            post(edit::detach),
        )
        .route("/chains/{id}/investment-targets", post(edit::add_target))
        .route(
            "/chains/{id}/investment-targets/{target}",
            post(edit::act_on_target),
        )
        .route(
            "/chains/{id}/patrols",
            get(patrol::new_page).post(patrol::create),
        )
        .route(
            "/chains/{id}/patrols/{patrol}/follow-up",
            post(patrol::follow_up),
        )
}

/// The label of a code under a catalogue prefix (`chain.segment.` + `upstream`); the code
/// itself when the catalogue has none.
pub(crate) fn label(t: &Tr, prefix: &str, code: &str) -> String {
    let key = format!("{prefix}{code}");
    if t.has(&key) {
        t.get(&key)
    } else {
        code.to_string()
    }
}

/// The words of the drawn map in the reader's language.
pub fn svg_labels(t: &Tr, d: &ChainDetail) -> app::chain::svg::SvgLabels {
    let seg = |s: &str| t.get(&format!("chain.segment.{s}"));
    let role = |r: &str| t.get(&format!("chain.role.{r}"));
    app::chain::svg::SvgLabels {
        caption: t.fmt(
            "chain.map_caption",
            &[("name", &d.chain.name), ("year", &d.year.to_string())],
        ),
        segments: [seg("upstream"), seg("midstream"), seg("downstream")],
        roles: [role("lead"), role("backbone"), role("supplier")],
        gap: t.get("chain.gap"),
        titled: t.get("chain.titled_mark"),
        not_local: t.get("chain.not_local"),
        more: t.get("chain.more"),
        empty: t.get("chain.no_local"),
        unit: t.get("chain.map_unit"),
    }
}

/// Figures as a page shows them.
pub(crate) struct Figures {
    pub output: String,
    pub target: String,
    pub completion: String,
    pub yoy: String,
    pub yoy_class: &'static str,
    pub enterprises: u32,
    pub titled: u32,
    pub without: u32,
    pub above: Option<bool>,
}

/// Thousands separators on a 万元 amount given with two decimals.
pub(crate) fn money(v: &Option<String>) -> String {
    let Some(v) = v else {
        return "—".into();
    };
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

impl Figures {
    pub(crate) fn of(f: &ChainFiguresView) -> Figures {
        Figures {
            output: money(&f.output_wan_yuan),
            target: money(&f.target_wan_yuan),
            completion: f
                .completion_pct
                .map_or_else(|| "—".into(), |p| format!("{p:.2}%")),
            yoy: f
                .yoy_pct
                .map_or_else(|| "—".into(), |p| format!("{p:+.1}%")),
            yoy_class: match f.yoy_pct {
                Some(p) if p > 0.0 => "green",
                Some(p) if p < 0.0 => "red",
                _ => "grey",
            },
            enterprises: f.enterprise_count,
            titled: f.titled_enterprise_count,
            without: f.enterprises_without_figures,
            above: f.above_target,
        }
    }
}

struct Row {
    id: i64,
    code: String,
    name: String,
    region: String,
    industry: String,
    f: Figures,
    nodes: u32,
    gaps: u32,
}

#[derive(Template)]
#[template(path = "chain/list.html")]
struct ListPage {
    c: Chrome,
    region: String,
    year: String,
    items: Vec<Row>,
    total: Figures,
    titles: Vec<String>,
    source_note: String,
    can_manage: bool,
}

#[derive(Deserialize, Default)]
struct Filters {
    region: Option<String>,
    year: Option<String>,
}

async fn list_page(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<Filters>,
) -> WebResult<Response> {
    let q = ChainListQuery {
        region: f.region.clone().filter(|r| !r.trim().is_empty()),
        year: f.year.clone().filter(|y| !y.trim().is_empty()),
    };
    let list = app::chain::list_chains(&state.app, &user.actor, &q).await?;
    let c = Chrome::build(&state, &user, "/chains", "chain.title", &[]).await;
    let t = &c.t;
    let items = list
        .items
        .iter()
        .map(|r| Row {
            id: r.id,
            code: r.code.clone(),
            name: r.name.clone(),
            region: r.region_code.clone(),
            industry: r.industry.clone(),
            f: Figures::of(&r.figures),
            nodes: r.node_count,
            gaps: r.gap_count,
        })
        .collect();
    let titles = list
        .titles
        .iter()
        .map(|s| {
            t.fmt(
                "chain.summary_line",
                &[
                    ("name", &label(t, "chain.summary.", &s.code)),
                    ("in_region", &s.in_region.to_string()),
                    ("on_chains", &s.on_chains.to_string()),
                ],
            )
        })
        .collect();
    let page = ListPage {
        source_note: label(t, "chain.source.", &list.figure_source),
        total: Figures::of(&list.total),
        can_manage: user.actor.can(Permission::CHAIN_MANAGE),
        region: f.region.unwrap_or_default(),
        year: list.year.to_string(),
        items,
        titles,
        c,
    };
    Ok(render(&page)?.into_response())
}
