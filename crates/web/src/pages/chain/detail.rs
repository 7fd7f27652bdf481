//! The page of one chain.

use super::{Figures, label, money, svg_labels};
use crate::error::WebResult;
use crate::format::local_time;
use crate::pages::chrome::Chrome;
use crate::pages::render;
use crate::session::Authed;
use crate::state::AppState;
use app::chain::ChainDetail;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use policy::chain::InvestmentStage;
use policy::org::Permission;
use serde::Deserialize;

pub(super) struct EnterpriseRow {
    pub uscc: String,
    pub name: String,
    pub role: String,
    pub role_label: String,
    pub local: bool,
    pub output: String,
    pub titles: String,
    pub titled: bool,
}

pub(super) struct NodeRow {
    pub id: i64,
    pub indent: u32,
    pub segment: String,
    pub kind: String,
    pub name: String,
    pub local: u32,
    pub gaps: String,
    pub enterprises: Vec<EnterpriseRow>,
}

pub(super) struct TargetRow {
    pub id: i64,
    pub node_name: String,
    pub gap_kind: String,
    pub enterprise: String,
    pub place: String,
    pub owner: String,
    pub stage: String,
    pub stage_class: &'static str,
    pub planned: String,
    pub in_place: String,
    pub project: String,
    pub can_advance: bool,
    pub can_drop: bool,
    pub log: Vec<String>,
}

pub(super) struct GapRow {
    pub node_name: String,
    pub segment: String,
    pub kind: String,
    pub kind_class: &'static str,
    pub reason: String,
    pub targets: Vec<(String, String, &'static str)>,
    pub value: String,
}

pub(super) struct PatrolRow {
    pub id: i64,
    pub kind: String,
    pub on: String,
    pub led_by: String,
    pub participants: String,
    pub enterprises: String,
    pub findings: String,
    pub follow_up: String,
    pub follow_up_on: String,
    pub tickets: Vec<(i64, String, String)>,
}

/// A weak-link need: ticket id, title, category, status, node.
pub type NeedRow = (i64, String, String, String, String);

#[derive(Template)]
#[template(path = "chain/detail.html")]
pub(super) struct DetailPage {
    pub c: Chrome,
    pub d: ChainDetail,
    pub f: Figures,
    pub svg: String,
    pub svg_url: String,
    pub source_note: String,
    /// The monthly trend drawn (SVG) and as a table: month, this year, last year (万元).
    pub trend_svg: String,
    pub trend_rows: Vec<(String, String, String)>,
    pub leaders: Vec<(String, String, String)>,
    pub nodes: Vec<NodeRow>,
    pub node_options: Vec<(i64, String)>,
    pub gaps: Vec<GapRow>,
    pub targets: Vec<TargetRow>,
    pub key_enterprises: Vec<(String, String, String, String, String)>,
    pub platforms: Vec<(String, String, String)>,
    pub parks: Vec<(String, String)>,
    pub projects: Vec<(String, String)>,
    pub without_note: String,
    pub needs: Option<Vec<NeedRow>>,
    pub patrols: Vec<PatrolRow>,
    pub segments: Vec<(String, String)>,
    pub kinds: Vec<(String, String)>,
    pub roles: Vec<(String, String)>,
    pub can_read_tickets: bool,
    pub errors: Vec<(String, String)>,
    /// The node being edited (`?node=`): id, name, parent (0 for none), segment, kind,
    /// position, note.
    pub sel: Option<Selected>,
}

pub(super) struct Selected {
    pub id: i64,
    pub name: String,
    pub parent: i64,
    pub segment: String,
    pub kind: String,
    pub position: i32,
    pub note: String,
}

fn stage_class(stage: &str) -> &'static str {
    match stage {
        "in_production" => "green",
        "signed" | "started" => "blue",
        "dropped" => "grey",
        _ => "orange",
    }
}

fn gap_class(kind: &str) -> &'static str {
    match kind {
        "technology" => "orange",
        "supply" => "red",
        _ => "red",
    }
}

/// The chain's output month by month against the year before: the line chart of the
/// statistics dashboards, and its table.
fn trend(t: &crate::i18n::Tr, d: &ChainDetail) -> (String, Vec<(String, String, String)>) {
    use app::stats::chart::{Series, Theme, line_chart};
    let labels: Vec<String> = d
        .months
        .iter()
        .map(|m| t.fmt("stats.month_n", &[("m", &m.month.to_string())]))
        .collect();
    let value = |v: &Option<String>| v.as_deref().and_then(|v| v.parse::<f64>().ok());
    let svg = line_chart(
        "chain-trend",
        &t.fmt("chain.trend", &[("chain", &d.chain.name)]),
        &t.get("chain.output"),
        &labels,
        &[
            Series {
                name: d.year.to_string(),
                values: d.months.iter().map(|m| value(&m.output_wan_yuan)).collect(),
                dashed: false,
            },
            Series {
                name: (d.year - 1).to_string(),
                values: d
                    .months
                    .iter()
                    .map(|m| value(&m.last_year_wan_yuan))
                    .collect(),
                dashed: true,
            },
        ],
        Theme::Light,
    );
    let rows = labels
        .into_iter()
        .zip(&d.months)
        .map(|(l, m)| (l, money(&m.output_wan_yuan), money(&m.last_year_wan_yuan)))
        .collect();
    (svg, rows)
}

/// Builds the page of a chain, with the errors of a refused form.
pub(super) async fn view(
    state: &AppState,
    user: &Authed,
    id: i64,
    year: Option<&str>,
    selected: Option<i64>,
    errors: Vec<(String, String)>,
) -> WebResult<DetailPage> {
    let d = app::chain::get_chain(&state.app, &user.actor, id, year).await?;
    let path = format!("/chains/{id}");
    let mut c = Chrome::build(
        state,
        user,
        &path,
        "chain.record",
        &[("/chains", "chain.title")],
    )
    .await;
    c.title = d.chain.name.clone();
    if let Some(last) = c.crumbs.last_mut() {
        last.1 = d.chain.name.clone();
    }
    let t = c.t;
    let svg = app::chain::svg::draw(&d.map, &svg_labels(&t, &d));
    let (trend_svg, trend_rows) = trend(&t, &d);
    let titles = |ts: &[app::chain::TitleView]| {
        ts.iter()
            .map(|x| {
                format!(
                    "{}（{}）",
                    label(&t, "track.", &x.title),
                    label(&t, "chain.level.", &x.level)
                )
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    let mut nodes = Vec::new();
    let mut node_options = Vec::new();
    for seg in &d.map.segments {
        for n in &seg.nodes {
            let seg_label = label(&t, "chain.segment.", &n.segment);
            node_options.push((
                n.id,
                format!(
                    "{}{} · {}",
                    "　".repeat(n.depth as usize),
                    n.name,
                    seg_label
                ),
            ));
            nodes.push(NodeRow {
                id: n.id,
                indent: n.depth,
                segment: seg_label,
                kind: label(&t, "chain.kind.", &n.kind),
                name: n.name.clone(),
                local: n.local_in_subtree,
                gaps: n
                    .gaps
                    .iter()
                    .map(|g| label(&t, "chain.gap_reason.", g))
                    .collect::<Vec<_>>()
                    .join("、"),
                enterprises: n
                    .enterprises
                    .iter()
                    .map(|e| EnterpriseRow {
                        uscc: e.uscc.clone(),
                        name: e.name.clone(),
                        role: e.role.clone(),
                        role_label: label(&t, "chain.role.", &e.role),
                        local: e.local,
                        output: money(&e.output_wan_yuan),
                        titles: titles(&e.titles),
                        titled: e.titled,
                    })
                    .collect(),
            });
        }
    }
    let targets: Vec<TargetRow> = d
        .investment_targets
        .iter()
        .map(|x| {
            let stage = InvestmentStage::parse(&x.stage).ok();
            TargetRow {
                id: x.id,
                node_name: x.node_name.clone(),
                gap_kind: label(&t, "chain.gap_kind.", &x.gap_kind),
                enterprise: x.target_enterprise.clone(),
                place: x.place.clone(),
                owner: x.owner.clone(),
                stage: label(&t, "chain.stage.", &x.stage),
                stage_class: stage_class(&x.stage),
                planned: money(&x.planned_wan_yuan),
                in_place: money(&x.in_place_wan_yuan),
                project: x
                    .investment_project_id
                    .map(|p| format!("#{p}"))
                    .unwrap_or_default(),
                can_advance: stage.is_some_and(|s| s.next().is_some()),
                can_drop: stage == Some(InvestmentStage::Negotiating),
                log: x
                    .events
                    .iter()
                    .map(|e| {
                        format!(
                            "{} {} {}{}",
                            e.on,
                            label(&t, "chain.stage.", &e.to_stage),
                            e.actor_name,
                            if e.comment.is_empty() {
                                String::new()
                            } else {
                                format!("：{}", e.comment)
                            }
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let gaps = d
        .gaps
        .iter()
        .map(|g| GapRow {
            node_name: g.node_name.clone(),
            segment: label(&t, "chain.segment.", &g.segment),
            kind: label(&t, "chain.gap_kind.", &g.kind),
            kind_class: gap_class(&g.kind),
            reason: label(&t, "chain.gap_reason.", &g.reason),
            targets: g
                .targets
                .iter()
                .map(|x| {
                    (
                        x.target_enterprise.clone(),
                        label(&t, "chain.stage.", &x.stage),
                        stage_class(&x.stage),
                    )
                })
                .collect(),
            value: format!("{}:{}", g.node_id, g.kind),
        })
        .collect();
    let lists = &d.lists;
    let key_enterprises = lists
        .key_enterprises
        .iter()
        .map(|k| {
            (
                k.name.clone(),
                label(&t, "chain.role.", &k.role),
                k.nodes.join("、"),
                money(&k.output_wan_yuan),
                titles(&k.titles),
            )
        })
        .collect();
    let platforms = lists
        .innovation_platforms
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                label(&t, "track.", &p.title),
                label(&t, "chain.level.", &p.level),
            )
        })
        .collect();
    let parks = lists
        .key_parks
        .iter()
        .map(|p| {
            let n = p.chain_enterprises.to_string();
            let output = money(&p.output_wan_yuan);
            (
                p.name.clone(),
                format!(
                    "{} · {}",
                    p.focus,
                    t.fmt("chain.park_line", &[("n", &n), ("output", &output)])
                ),
            )
        })
        .collect();
    let projects = lists
        .key_projects
        .iter()
        .map(|p| {
            (
                format!("{} · {}", p.target_enterprise, p.node_name),
                label(&t, "chain.stage.", &p.stage),
            )
        })
        .collect();
    let needs = lists.needs.as_ref().map(|ns| {
        ns.iter()
            .map(|n| {
                (
                    n.ticket_id,
                    n.title.clone(),
                    label(&t, "ticket.category.", &n.category),
                    label(&t, "ticket.status.", &n.status),
                    local_time(&n.received_at),
                )
            })
            .collect()
    });
    let patrols = d
        .patrols
        .iter()
        .map(|p| PatrolRow {
            id: p.id,
            kind: label(&t, "chain.patrol_kind.", &p.kind),
            on: p.patrolled_on.to_string(),
            led_by: p.led_by.clone(),
            participants: p.participants.clone(),
            enterprises: p
                .enterprises
                .iter()
                .map(|e| e.name.clone())
                .collect::<Vec<_>>()
                .join("、"),
            findings: p.findings.clone(),
            follow_up: p.follow_up.clone(),
            follow_up_on: p.follow_up_on.map(|d| d.to_string()).unwrap_or_default(),
            tickets: p
                .tickets
                .iter()
                .map(|x| {
                    (
                        x.id,
                        x.title.clone(),
                        label(&t, "ticket.status.", &x.status),
                    )
                })
                .collect(),
        })
        .collect();
    let leaders = d
        .chain
        .leaders
        .iter()
        .map(|l| {
            (
                label(&t, "chain.leader_role.", &l.role),
                l.name.clone(),
                l.post.clone(),
            )
        })
        .collect();
    let sel = selected.and_then(|s| {
        d.map
            .segments
            .iter()
            .flat_map(|g| g.nodes.iter())
            .find(|n| n.id == s)
            .map(|n| Selected {
                id: n.id,
                name: n.name.clone(),
                parent: n.parent_id.unwrap_or(0),
                segment: n.segment.clone(),
                kind: n.kind.clone(),
                position: n.position,
                note: n.note.clone(),
            })
    });
    let options = |prefix: &str, codes: &[&str]| {
        codes
            .iter()
            .map(|c| (c.to_string(), label(&t, prefix, c)))
            .collect::<Vec<_>>()
    };
    let without_note = t.fmt(
        "chain.without_figures",
        &[("n", &d.figures.enterprises_without_figures.to_string())],
    );
    Ok(DetailPage {
        parks,
        projects,
        without_note,
        f: Figures::of(&d.figures),
        svg,
        svg_url: format!("/api/v1/chains/{id}/map.svg?year={}", d.year),
        source_note: label(&t, "chain.source.", &d.figure_source),
        trend_svg,
        trend_rows,
        leaders,
        nodes,
        node_options,
        gaps,
        targets,
        key_enterprises,
        platforms,
        needs,
        patrols,
        segments: options("chain.segment.", &["upstream", "midstream", "downstream"]),
        kinds: options("chain.kind.", &["node", "product"]),
        roles: options("chain.role.", &["lead", "backbone", "supplier"]),
        can_read_tickets: user.actor.can(Permission::TICKET_READ),
        errors,
        sel,
        c,
        d,
    })
}

#[derive(Deserialize, Default)]
pub(super) struct YearQuery {
    year: Option<String>,
    node: Option<String>,
}

pub(super) async fn page(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> WebResult<Response> {
    let year = q.year.filter(|y| !y.trim().is_empty());
    let node = q.node.and_then(|n| n.trim().parse().ok());
    Ok(render(&view(&state, &user, id, year.as_deref(), node, Vec::new()).await?)?.into_response())
}
