//! Reading chains: the list with each chain's figures and the region's totals, and the whole
//! record of one chain (leaders, plan, figures, map, gaps with investment targets, lists,
//! patrols).

use super::super::memo::Stamps;
use super::super::snapshot::{ChainFiguresView, GapView, MapView, MonthView, Snapshot, trend};
use super::super::{ChainsFigures, FigureSource, FiguresInForce, default_year, title_rules};
use super::chain_in;
use crate::{Actor, App, AppError};
use chrono::{DateTime, Utc};
use policy::org::{Permission, RegionCode};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

/// `?region=&year=` of the chain list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChainListQuery {
    /// Region code: the chains of its subtree (default: every chain the caller may read).
    pub region: Option<String>,
    /// Year of the figures (default: the latest year in which the chains' enterprises have
    /// monthly figures).
    pub year: Option<String>,
}

/// A chain in the list, with its figures for the year.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChainSummaryView {
    /// Id.
    pub id: i64,
    /// Stable code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Region.
    pub region_code: String,
    /// Industry.
    pub industry: String,
    /// Figures.
    #[serde(flatten)]
    pub figures: ChainFiguresView,
    /// Nodes on its map.
    pub node_count: u32,
    /// Gaps found on its map.
    pub gap_count: u32,
}

/// A region summary of title holders (`rules/chain-titles.toml`).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TitleSummaryView {
    /// Code of the summary (`provincial_quality`, `little_giant`).
    pub code: String,
    /// Enterprises of the region holding one of its titles at the end of the year.
    pub in_region: u32,
    /// Of them, on the map of one of the listed chains.
    pub on_chains: u32,
}

/// The chain list of a region and year.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChainListView {
    /// The region asked for.
    pub region: Option<String>,
    /// The year of the figures.
    pub year: i32,
    /// Where output and targets come from (`stats_output`: gross output from the monthly
    /// figures, targets of kind `chain`).
    pub figure_source: String,
    /// The chains.
    pub items: Vec<ChainSummaryView>,
    /// All listed chains together: output over their distinct enterprises (one on two chains
    /// counts once), targets summed.
    pub total: ChainFiguresView,
    /// Title holders of the region and how many sit on these chains (only when a region the
    /// caller may read in full is asked for).
    pub titles: Vec<TitleSummaryView>,
}

/// The year asked for; when none is, the latest year in which the chains' enterprises have
/// monthly figures, or last year when they have none (remembered while no map, figure or
/// enterprise is written: the snapshot's stamp).
async fn parse_year(
    app: &App,
    at: &Stamps,
    scope: &policy::org::Scope,
    chain_ids: &[i64],
    year: Option<&str>,
) -> Result<i32, AppError> {
    match year.map(str::trim).filter(|y| !y.is_empty()) {
        None => {
            app.chain_memo()
                .years
                .get_or(
                    (chain_ids.to_vec(), default_year()),
                    at.snapshot,
                    || async {
                        let usccs: Vec<String> =
                            store::chain::map::enterprises_on(app.db().conn(), scope, chain_ids)
                                .await?
                                .into_iter()
                                .map(|(_, u)| u)
                                .collect::<BTreeSet<_>>()
                                .into_iter()
                                .collect();
                        let latest = FiguresInForce::latest_year(app, &usccs).await?;
                        Ok(latest.unwrap_or_else(default_year))
                    },
                )
                .await
        }
        Some(y) => y
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .ok_or_else(|| AppError::invalid("year", "common.year_range")),
    }
}

/// The figures of `snaps` for `year` within `region` at the audit stamps `at` (remembered
/// while no map, output or target is written).
async fn figures_of(
    app: &App,
    at: &Stamps,
    region: Option<&str>,
    year: i32,
    snaps: &[Arc<Snapshot>],
) -> Result<Arc<ChainsFigures>, AppError> {
    let key = (
        region.map(str::to_string),
        year,
        snaps.iter().map(|s| s.chain.id).collect(),
    );
    let memo = app.chain_memo();
    memo.figures
        .get_or(key, at.figures, || async {
            memo.loads
                .figures
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let sets = snaps.iter().map(|s| s.member_set()).collect();
            Ok(Arc::new(
                FiguresInForce::chains(app, region, year, sets).await?,
            ))
        })
        .await
}

/// The enterprises of a region's subtree holding one of a summary's titles at the end of
/// `year` (remembered while no honor or enterprise is written).
async fn holders_of(
    app: &App,
    at: &Stamps,
    region: &RegionCode,
    year: i32,
    summary: &policy::chain::TitleSummary,
) -> Result<Arc<Vec<String>>, AppError> {
    let day = super::super::as_of(year);
    let key = (
        region.subtree_prefix().to_string(),
        day,
        summary.code.clone(),
    );
    app.chain_memo()
        .holders
        .get_or(key, at.facts, || async {
            Ok(Arc::new(
                store::chain::facts::title_holders_in_region(
                    app.db().conn(),
                    region.subtree_prefix(),
                    &summary.titles,
                    summary.level.as_deref(),
                    day,
                )
                .await?,
            ))
        })
        .await
}

/// The chains in the caller's scope (of a region's subtree), each with its figures for the
/// year, the total and the region's title holders.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn list_chains(
    app: &App,
    actor: &Actor,
    q: &ChainListQuery,
) -> Result<ChainListView, AppError> {
    let scope = actor.scope(Permission::CHAIN_READ)?;
    let rules = title_rules()?;
    let region = match q.region.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        None => None,
        Some(r) => Some(RegionCode::parse(r).map_err(|_| {
            AppError::Invalid(vec![
                crate::FieldError::new("region", "region.unknown").with("code", r),
            ])
        })?),
    };
    // The stamps first: whatever is read below is at least as new as they.
    let at = &Stamps::read(app.db().conn()).await?;
    let chains = store::chain::record::list(
        app.db().conn(),
        &scope,
        region.as_ref().map(|r| r.subtree_prefix()),
    )
    .await?;
    let ids: Vec<i64> = chains.iter().map(|c| c.id).collect();
    let year = parse_year(app, at, &scope, &ids, q.year.as_deref()).await?;
    let mut snaps = Vec::with_capacity(chains.len());
    for c in chains {
        snaps.push(Snapshot::read(app, at, &scope, c, year, rules).await?);
    }
    let region_code = region.as_ref().map(|r| r.to_string());
    let figures = figures_of(app, at, region_code.as_deref(), year, &snaps).await?;
    let mut items = Vec::with_capacity(snaps.len());
    // An enterprise on two chains counts once in the total.
    let mut local: HashSet<&str> = HashSet::new();
    let mut titled: HashSet<&str> = HashSet::new();
    let mut without: HashSet<&str> = HashSet::new();
    for (snap, totals) in snaps.iter().zip(&figures.rows) {
        let gaps = snap.gaps();
        for u in snap.local_usccs() {
            if snap.is_titled(u) {
                titled.insert(u);
            }
            if !snap.has_output(u) {
                without.insert(u);
            }
            local.insert(u);
        }
        items.push(ChainSummaryView {
            id: snap.chain.id,
            code: snap.chain.code.clone(),
            name: snap.chain.name.clone(),
            region_code: snap.chain.region_code.clone(),
            industry: snap.chain.industry.clone(),
            figures: snap.figures(totals),
            node_count: snap.nodes.len() as u32,
            gap_count: gaps.len() as u32,
        });
    }
    let total = ChainFiguresView::of(
        &figures.total,
        local.len() as u32,
        titled.len() as u32,
        without.len() as u32,
    );
    let mut titles = Vec::new();
    if let Some(r) = region
        .as_ref()
        .filter(|r| scope.is_all() || scope.subtrees().any(|s| s.contains(r)))
    {
        for s in &rules.summary {
            let holders = holders_of(app, at, r, year, s).await?;
            titles.push(TitleSummaryView {
                code: s.code.clone(),
                in_region: holders.len() as u32,
                on_chains: holders
                    .iter()
                    .filter(|u| local.contains(u.as_str()))
                    .count() as u32,
            });
        }
    }
    Ok(ChainListView {
        region: region.map(|r| r.to_string()),
        year,
        figure_source: FiguresInForce::CODE.into(),
        items,
        total,
        titles,
    })
}

/// A leader of a chain.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LeaderView {
    /// `general_chain_leader`, `chain_leader` or `deputy_chain_leader`.
    pub role: String,
    /// Name.
    pub name: String,
    /// Post.
    pub post: String,
    /// User account, if any.
    pub user_id: Option<i64>,
}

/// A chain's own record.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChainInfo {
    /// Id.
    pub id: i64,
    /// Stable code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Region.
    pub region_code: String,
    /// Its name.
    pub region_name: String,
    /// Industry.
    pub industry: String,
    /// Lead department.
    pub lead_department_id: Option<i64>,
    /// Its name.
    pub lead_department_name: Option<String>,
    /// Working group (工作专班).
    pub working_group: String,
    /// Policy plan title (一链一策).
    pub plan_title: String,
    /// Policy plan text.
    pub plan_text: String,
    /// When the plan last changed.
    pub plan_updated_at: Option<DateTime<Utc>>,
    /// Leaders, in order.
    pub leaders: Vec<LeaderView>,
}

/// Everything about one chain for a year.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChainDetail {
    /// The chain.
    pub chain: ChainInfo,
    /// The year of the figures.
    pub year: i32,
    /// Where figures come from.
    pub figure_source: String,
    /// Figures.
    pub figures: ChainFiguresView,
    /// Output month by month against the same months of the year before.
    pub months: Vec<MonthView>,
    /// The map.
    pub map: MapView,
    /// Gaps, with the investment targets set against them.
    pub gaps: Vec<GapView>,
    /// Every investment target of the chain (also those whose gap has since closed).
    pub investment_targets: Vec<super::super::InvestmentTargetView>,
    /// The lists (N张清单).
    pub lists: super::super::ChainLists,
    /// Leaders' patrols, newest first.
    pub patrols: Vec<super::super::PatrolView>,
    /// Whether the caller may edit the chain.
    pub can_manage: bool,
}

/// One chain in the caller's scope with everything about it for a year (default: the latest
/// year in which its enterprises have monthly figures).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn get_chain(
    app: &App,
    actor: &Actor,
    id: i64,
    year: Option<&str>,
) -> Result<ChainDetail, AppError> {
    let scope = actor.scope(Permission::CHAIN_READ)?;
    let rules = title_rules()?;
    let conn = app.db().conn();
    let at = &Stamps::read(conn).await?;
    let c = chain_in(app, &scope, id).await?;
    let year = parse_year(app, at, &scope, &[c.id], year).await?;
    let region = c.region_code.clone();
    let snap = Snapshot::read(app, at, &scope, c, year, rules).await?;
    let totals = figures_of(app, at, Some(&region), year, std::slice::from_ref(&snap))
        .await?
        .rows
        .first()
        .cloned()
        .unwrap_or_default();
    let gaps = snap.gaps();
    let targets = super::super::investment::targets_of(app, &scope, &snap).await?;
    let gap_views = gaps
        .iter()
        .map(|g| GapView {
            node_id: g.node,
            node_name: snap.node_name(g.node),
            segment: snap.node_segment(g.node),
            kind: g.kind.as_str().into(),
            reason: g.reason.as_str().into(),
            targets: targets
                .iter()
                .filter(|t| t.node_id == g.node && t.gap_kind == g.kind.as_str())
                .cloned()
                .collect(),
        })
        .collect();
    let lists = super::super::lists::lists(app, actor, &scope, &snap, rules, &targets).await?;
    let patrols = super::super::patrol::patrols_of(app, &scope, &snap).await?;
    let c = &snap.chain;
    let leaders = store::chain::record::leaders_of(conn, &scope, &[c.id])
        .await?
        .into_iter()
        .map(|l| LeaderView {
            role: l.role,
            name: l.name,
            post: l.post,
            user_id: l.user_id,
        })
        .collect();
    let lead_department_name = match c.lead_department_id {
        Some(d) => store::service::recipients::department(conn, d)
            .await?
            .map(|d| d.name),
        None => None,
    };
    let region_name = store::org::region::find(conn, &c.region_code)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    let can_manage = actor
        .scope(Permission::CHAIN_MANAGE)
        .ok()
        .zip(RegionCode::parse(&c.region_code).ok())
        .is_some_and(|(s, r)| s.admits(Some(&r), None, None));
    Ok(ChainDetail {
        chain: ChainInfo {
            id: c.id,
            code: c.code.clone(),
            name: c.name.clone(),
            region_code: c.region_code.clone(),
            region_name,
            industry: c.industry.clone(),
            lead_department_id: c.lead_department_id,
            lead_department_name,
            working_group: c.working_group.clone(),
            plan_title: c.plan_title.clone(),
            plan_text: c.plan_text.clone(),
            plan_updated_at: c.plan_updated_at,
            leaders,
        },
        year,
        figure_source: FiguresInForce::CODE.into(),
        figures: snap.figures(&totals),
        months: trend(&totals),
        map: snap.map_view(gaps),
        gaps: gap_views,
        investment_targets: targets,
        lists,
        patrols,
        can_manage,
    })
}
