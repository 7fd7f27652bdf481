//! The hook of the chains capability: figures for arbitrary sets of enterprises (a chain's
//! members), with the chain's targets, computed by the same aggregate as every other figure.
//! `group_by=chain` is [`member_figures`] with one [`MemberSet`] per chain read from the
//! membership table.

use super::output::{Grouping, OutputQuery, OutputView, RecordsView, build, context, records_in};
use crate::{Actor, App, AppError};
use serde::Serialize;
use std::collections::HashSet;

/// One set of enterprises to sum (a chain).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberSet {
    /// The row key (the chain's code; also the key of its targets, kind `chain`).
    pub key: String,
    /// The row name.
    pub name: String,
    /// Credit codes of the members.
    pub members: HashSet<String>,
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
    let mut ctx = context(app, actor, q).await?;
    let union: HashSet<String> = sets
        .iter()
        .flat_map(|s| s.members.iter().cloned())
        .collect();
    let keys = sets
        .iter()
        .map(|s| (s.key.clone(), s.name.clone()))
        .collect();
    let grouping = Grouping::Members(sets.into_iter().map(|s| s.members).collect());
    ctx.only = Some(std::sync::Arc::new(union));
    build(
        app,
        &ctx,
        grouping,
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
