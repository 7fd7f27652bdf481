//! The chain maps for reports: each chain of a region drawn compact ([`super::svg::draw_compact`])
//! from the same snapshot the chain page reads, so a report shows the map the page shows.

use super::snapshot::Snapshot;
use super::svg::{SvgLabels, draw_compact};
use super::title_rules;
use crate::{Actor, App, AppError};
use policy::org::{Permission, RegionCode};
use serde::Serialize;

/// One chain's map drawn for a report.
#[derive(Debug, Clone, Serialize)]
pub struct ChainMapFigure {
    /// The chain's code.
    pub code: String,
    /// The chain's name.
    pub name: String,
    /// The caption (also drawn inside the SVG).
    pub title: String,
    /// The SVG document.
    pub svg: String,
    /// Whether lower levels of nodes were left out to fit the page.
    pub levels_left_out: bool,
}

/// The maps of the chains of `region`'s subtree that the actor may read (`chain:read`) and
/// that have enterprises on them, for `year`, in region and code order.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn report_maps(
    app: &App,
    actor: &Actor,
    region: &str,
    year: i32,
) -> Result<Vec<ChainMapFigure>, AppError> {
    let scope = actor.scope(Permission::CHAIN_READ)?;
    let rules = title_rules()?;
    let prefix = RegionCode::parse(region)
        .map(|r| r.subtree_prefix().to_string())
        .map_err(|_| AppError::invalid("region", "region.unknown"))?;
    let conn = app.db().conn();
    let at = &super::memo::Stamps::read(conn).await?;
    let chains = store::chain::record::list(conn, &scope, Some(&prefix)).await?;
    let mut out = Vec::with_capacity(chains.len());
    for c in chains {
        let snap = Snapshot::read(app, at, &scope, c, year, rules).await?;
        if snap.links.is_empty() {
            continue;
        }
        let map = snap.map_view(snap.gaps());
        let title = format!("{}产业链图谱（{year}年）", snap.chain.name);
        let (svg, levels_left_out) = draw_compact(&map, &SvgLabels::zh(title.clone()));
        out.push(ChainMapFigure {
            code: snap.chain.code.clone(),
            name: snap.chain.name.clone(),
            title,
            svg,
            levels_left_out,
        });
    }
    Ok(out)
}
