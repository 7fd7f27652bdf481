//! The hook of the chains capability: figures for arbitrary sets of enterprises (a chain's
//! members), with the chain's targets, computed by the same aggregate as every other figure.
//! `group_by=chain` is [`member_figures`] with one [`MemberSet`] per chain read from the
//! membership table.

use super::cube;
use super::output::{
    Context, Grouping, OutputQuery, OutputView, RecordsView, aggregate_of, build, context,
    records_in, target_map,
};
use crate::{Actor, App, AppError};
use policy::stats::IndicatorDef;
use policy::stats::cube::{Aggregate, Cube};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// One set of enterprises to sum (a chain).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberSet {
    /// The row key (the chain's code; also the key of its targets, kind `chain`).
    pub key: String,
    /// The row name.
    pub name: String,
    /// Credit codes of the members.
    pub members: HashSet<String>,
    /// Only members whose region code starts with this count (a chain counts its local
    /// enterprises: those in its own region's subtree); empty for every member.
    pub region_prefix: String,
}

/// The active chains of a region subtree (`prefix`), each as the set of the enterprises on
/// its map that lie in its own region, keyed by the chain's code, in region and code order.
/// Chain membership is read from the chain maps (`chain_node_enterprise`), the one list.
pub(crate) async fn chain_sets(app: &App, prefix: &str) -> Result<Vec<MemberSet>, AppError> {
    let conn = app.db().conn();
    let all = policy::org::Scope::all();
    let chains = store::chain::record::list(conn, &all, Some(prefix)).await?;
    let ids: Vec<i64> = chains.iter().map(|c| c.id).collect();
    let mut members: HashMap<i64, HashSet<String>> = HashMap::new();
    for (chain, uscc) in store::chain::map::enterprises_on(conn, &all, &ids).await? {
        members.entry(chain).or_default().insert(uscc);
    }
    Ok(chains
        .into_iter()
        .map(|c| MemberSet {
            members: members.remove(&c.id).unwrap_or_default(),
            region_prefix: policy::org::RegionCode::parse(&c.region_code)
                .map(|r| r.subtree_prefix().to_string())
                .unwrap_or(c.region_code),
            key: c.code,
            name: c.name,
        })
        .collect())
}

/// Each set narrowed to the members its region prefix admits (by the region the aggregate
/// holds for them).
pub(crate) async fn local_sets(
    app: &App,
    sets: Vec<MemberSet>,
) -> Result<Vec<HashSet<String>>, AppError> {
    cube::read(app, move |c: &Cube| {
        sets.into_iter()
            .map(|s| {
                if s.region_prefix.is_empty() {
                    return s.members;
                }
                s.members
                    .into_iter()
                    .filter(|u| {
                        c.index_of(u).is_some_and(|i| {
                            c.members()[i].region_code.starts_with(&s.region_prefix)
                        })
                    })
                    .collect()
            })
            .collect()
    })
    .await
}

/// The sums of member sets in a resolved context: the union of the sets' local members
/// admitted once in the total, one row per set. The chain pages and `group_by=chain` both
/// read this, so their figures are the same by construction.
pub(crate) async fn member_cells(
    app: &App,
    ctx: &mut Context,
    sets: Vec<MemberSet>,
) -> Result<Aggregate, AppError> {
    let local = local_sets(app, sets).await?;
    let union: HashSet<String> = local.iter().flat_map(|s| s.iter().cloned()).collect();
    ctx.only = Some(std::sync::Arc::new(union));
    let n = local.len();
    aggregate_of(app, ctx, &Grouping::Members(local), n).await
}

/// Member sets summed for a region and year on the comparable basis, read for the chains
/// context (whose own permission and scope were checked): the aggregate, the indicator's
/// definition, and each set's `chain` target for the year, in the indicator's unit.
pub(crate) async fn chain_figures(
    app: &App,
    region: Option<&str>,
    year: i32,
    sets: Vec<MemberSet>,
) -> Result<(Aggregate, IndicatorDef, Vec<Option<i64>>), AppError> {
    let q = OutputQuery {
        region: region.map(str::to_string),
        year: Some(year),
        ..Default::default()
    };
    let mut ctx = super::output::system_context(app, &q).await?;
    if region.is_none() {
        // Every region: each set is narrowed to its own region's subtree anyway.
        ctx.prefix = String::new();
    }
    let targets = target_map(app, year, &ctx.indicator.code).await?;
    let keyed: Vec<Option<i64>> = sets
        .iter()
        .map(|s| targets.get(&("chain".to_string(), s.key.clone())).copied())
        .collect();
    let agg = member_cells(app, &mut ctx, sets).await?;
    Ok((agg, ctx.def.clone(), keyed))
}

/// The latest year in which one of `usccs` has a figure of the default indicator.
pub(crate) async fn latest_year_of(app: &App, usccs: Vec<String>) -> Result<Option<i32>, AppError> {
    let code = super::setup::indicator(app.db().conn(), None).await?.code;
    cube::read(app, move |c: &Cube| {
        let (first, last) = c.year_span()?;
        let members: Vec<usize> = usccs.iter().filter_map(|u| c.index_of(u)).collect();
        (first..=last).rev().find(|y| {
            members
                .iter()
                .any(|m| (1..=12).any(|month| c.get(*m, &code, *y, month).is_some()))
        })
    })
    .await
}

/// Each enterprise's sums for `year` and the year before (comparable basis), for those of
/// `usccs` in the population of the year; the chain map shows them.
#[allow(clippy::type_complexity)]
pub(crate) async fn enterprise_sums(
    app: &App,
    usccs: HashSet<String>,
    year: i32,
) -> Result<(HashMap<String, (Option<i128>, Option<i128>)>, IndicatorDef), AppError> {
    let indicator = super::setup::indicator(app.db().conn(), None).await?;
    let def = super::setup::def(&indicator);
    let code = indicator.code;
    let period = policy::stats::Period::parse(year, None, None)
        .map_err(|e| AppError::invalid("year", e.key()))?;
    let sums = cube::read(app, move |c: &Cube| {
        c.records(&code, &period, policy::stats::Basis::Comparable, &|_, m| {
            usccs.contains(&m.uscc)
        })
        .into_iter()
        .map(|r| (c.members()[r.member].uscc.clone(), (r.current, r.prior)))
        .collect()
    })
    .await?;
    Ok((sums, def))
}

/// What [`member_figures`] answers: the region's aggregate restricted to the members of any
/// set (the total counts each enterprise once), and one row per set with its `chain` target.
pub type MemberFigures = OutputView;

/// The query of [`member_figures`]: the aggregates' query (`group_by` is ignored).
pub type MemberQuery = OutputQuery;

/// Sums the query's indicator over the members of each set that lie in the region and the
/// actor's scope (above-size industrial enterprises of the period, as everywhere), with
/// year-on-year growth on the chosen basis and completion of each set's `chain` target for
/// the year. The total is over the union of the sets.
#[tracing::instrument(skip_all, fields(actor = %actor.username, sets = sets.len()))]
pub async fn member_figures(
    app: &App,
    actor: &Actor,
    q: &MemberQuery,
    sets: Vec<MemberSet>,
) -> Result<MemberFigures, AppError> {
    let ctx = context(app, actor, q).await?;
    member_figures_in(app, ctx, sets).await
}

/// [`member_figures`] in a resolved context.
pub(crate) async fn member_figures_in(
    app: &App,
    mut ctx: Context,
    sets: Vec<MemberSet>,
) -> Result<MemberFigures, AppError> {
    let keys = sets
        .iter()
        .map(|s| (s.key.clone(), s.name.clone()))
        .collect();
    let local = local_sets(app, sets).await?;
    let union: HashSet<String> = local.iter().flat_map(|s| s.iter().cloned()).collect();
    ctx.only = Some(std::sync::Arc::new(union));
    build(
        app,
        &ctx,
        Grouping::Members(local),
        keys,
        Some("chain"),
        None,
        Some("chain"),
    )
    .await
}

/// The enterprises of one set behind its figure (the drill-down of a chain's row), largest
/// first, a page at a time (`limit`, `cursor` of the query).
pub async fn member_records(
    app: &App,
    actor: &Actor,
    q: &MemberQuery,
    set: MemberSet,
) -> Result<RecordsView, AppError> {
    let mut ctx = context(app, actor, q).await?;
    if set.region_prefix.len() > ctx.prefix.len() && set.region_prefix.starts_with(&ctx.prefix) {
        ctx.prefix = set.region_prefix.clone();
    }
    ctx.only = Some(std::sync::Arc::new(set.members));
    let q = OutputQuery {
        key: None,
        ..q.clone()
    };
    records_in(app, ctx, &q).await
}

/// A chain's figure in brief (for a chain's own page).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MemberSummary {
    /// Sum, exact.
    pub total: String,
    /// Sum in 万元 (money).
    pub total_wan_yuan: Option<String>,
    /// Growth in percent.
    pub yoy_pct: Option<f64>,
    /// Completion of the target in percent.
    pub completion_pct: Option<f64>,
}
