//! One chain for a year: its structure (`super::structure`: map, registry facts, titles, gaps)
//! and its enterprises' outputs from the [`FigureSource`] in force. Figures, the map view and
//! the lists are all computed from this snapshot; the views it is shown through live here.

use super::figures::{EnterpriseOutput, FigureSource, FiguresInForce, SetTotals};
use super::memo::Stamps;
use super::structure::Structure;
use super::{as_of, wan};
use crate::{App, AppError};
use policy::chain::figures::yoy_pct;
use policy::chain::{EnterpriseRole, Gap, Segment, TitleRules};
use policy::money::Fen;
use policy::org::Scope;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::ops::Deref;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use store::chain::map::LinkRow;
use store::entity::{chain, chain_node};

/// A title an enterprise holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TitleView {
    /// Title code (`specialized`, `single_champion`, ...).
    pub title: String,
    /// Level code (`provincial`, `national`, `city`).
    pub level: String,
}

/// A chain's figures for a year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ChainFiguresView {
    /// Output of the chain's local enterprises in the year, 万元 (null when none has a figure).
    pub output_wan_yuan: Option<String>,
    /// Their output the year before, 万元.
    pub last_year_output_wan_yuan: Option<String>,
    /// The chain's target for the year, 万元.
    pub target_wan_yuan: Option<String>,
    /// Growth on the year before in percent, one decimal: the same enterprises' output the
    /// year before (comparable basis, as the statistics office computes it).
    pub yoy_pct: Option<f64>,
    /// Output ÷ target in percent, two decimals.
    pub completion_pct: Option<f64>,
    /// Whether output reached the target.
    pub above_target: Option<bool>,
    /// Local enterprises on the chain's map.
    pub enterprise_count: u32,
    /// Of them, holding a title that counts (`rules/chain-titles.toml`).
    pub titled_enterprise_count: u32,
    /// Of them, without a figure for the year.
    pub enterprises_without_figures: u32,
}

impl ChainFiguresView {
    /// The figures shown: the source's totals and the map's counts.
    pub(crate) fn of(totals: &SetTotals, count: u32, titled: u32, without: u32) -> Self {
        ChainFiguresView {
            output_wan_yuan: wan(totals.output.map(Fen::get)),
            last_year_output_wan_yuan: wan(totals.last_year.map(Fen::get)),
            target_wan_yuan: wan(totals.target.map(Fen::get)),
            yoy_pct: totals.yoy_pct,
            completion_pct: totals.completion_pct,
            above_target: match (totals.output, totals.target) {
                (Some(o), Some(t)) => Some(o >= t),
                _ => None,
            },
            enterprise_count: count,
            titled_enterprise_count: titled,
            enterprises_without_figures: without,
        }
    }
}

/// One month of a chain's trend.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct MonthView {
    /// Month, 1-12.
    pub month: u8,
    /// Output of the month, 万元.
    pub output_wan_yuan: Option<String>,
    /// The same month of the year before, 万元.
    pub last_year_wan_yuan: Option<String>,
}

/// A chain's output month by month against the year before.
pub(crate) fn trend(totals: &SetTotals) -> Vec<MonthView> {
    (0..12)
        .map(|i| MonthView {
            month: i as u8 + 1,
            output_wan_yuan: wan(totals.months.get(i).copied().flatten().map(Fen::get)),
            last_year_wan_yuan: wan(totals
                .last_year_months
                .get(i)
                .copied()
                .flatten()
                .map(Fen::get)),
        })
        .collect()
}

/// An enterprise on a node of the map.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NodeEnterpriseView {
    /// Code.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// `lead`, `backbone` or `supplier`.
    pub role: String,
    /// Whether it lies in the chain's region.
    pub local: bool,
    /// Output in the year, 万元.
    pub output_wan_yuan: Option<String>,
    /// Growth on the year before, percent.
    pub yoy_pct: Option<f64>,
    /// Titles held at the end of the year (today for the current year).
    pub titles: Vec<TitleView>,
    /// Whether one of them counts as titled.
    pub titled: bool,
}

/// A node of the map, in drawing order.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NodeView {
    /// Id.
    pub id: i64,
    /// Parent node.
    pub parent_id: Option<i64>,
    /// `upstream`, `midstream` or `downstream`.
    pub segment: String,
    /// `node` or `product`.
    pub kind: String,
    /// Name.
    pub name: String,
    /// Depth below the segment (0 directly under it).
    pub depth: u32,
    /// Position among its siblings.
    pub position: i32,
    /// Note.
    pub note: String,
    /// The enterprises attached to this node.
    pub enterprises: Vec<NodeEnterpriseView>,
    /// Local enterprises on this node and below it.
    pub local_in_subtree: u32,
    /// The gap reasons reported at this node (`no_enterprise`, `only_suppliers`,
    /// `no_titled`).
    pub gaps: Vec<String>,
}

/// One segment of the map with its nodes, depth-first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SegmentView {
    /// `upstream`, `midstream` or `downstream`.
    pub segment: String,
    /// Nodes, each parent before its children.
    pub nodes: Vec<NodeView>,
}

/// The chain map (图谱).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MapView {
    /// The three segments, upstream first.
    pub segments: Vec<SegmentView>,
}

/// A gap of the map.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GapView {
    /// The node.
    pub node_id: i64,
    /// Its name.
    pub node_name: String,
    /// Its segment.
    pub segment: String,
    /// `supply`, `technology`, `upstream` or `downstream`.
    pub kind: String,
    /// `no_enterprise`, `only_suppliers` or `no_titled`.
    pub reason: String,
    /// Investment targets set against this gap.
    pub targets: Vec<super::InvestmentTargetView>,
}

/// A chain read once for a year: its structure (remembered on its own, `super::memo`) with
/// each enterprise's output from the [`FigureSource`] in force. Dereferences to the structure.
pub(crate) struct Snapshot {
    structure: Arc<Structure>,
    /// Output of each enterprise on the map that has figures in the year.
    pub outputs: HashMap<String, EnterpriseOutput>,
    /// Local enterprises without output in the year, counted once.
    without: u32,
}

/// The outputs in `year` of `usccs`, the enterprises on a chain's map: those remembered for
/// the chain at the outputs' stamp (none of [`super::memo::OUTPUTS`] written since), and the
/// ones never asked for (an enterprise new on the map) derived from the aggregate and
/// remembered with them.
async fn outputs_of(
    app: &App,
    at: &Stamps,
    chain_id: i64,
    year: i32,
    usccs: &[String],
) -> Result<HashMap<String, EnterpriseOutput>, AppError> {
    let memo = app.chain_memo();
    let known = memo.outputs.get(&(chain_id, year), at.outputs);
    let asked = |u: &String| known.as_ref().is_some_and(|k| k.asked.contains(u));
    let missing: Vec<String> = usccs.iter().filter(|u| !asked(u)).cloned().collect();
    let mut found = HashMap::with_capacity(usccs.len());
    for u in usccs.iter().filter(|u| asked(u)) {
        if let Some(o) = known.as_ref().and_then(|k| k.found.get(u)) {
            found.insert(u.clone(), *o);
        }
    }
    if !missing.is_empty() {
        memo.loads.outputs.fetch_add(1, Ordering::Relaxed);
        let fresh = FiguresInForce::enterprises(app, &missing, year).await?;
        let mut all = known.as_deref().cloned().unwrap_or_default();
        all.found.extend(fresh.iter().map(|(u, o)| (u.clone(), *o)));
        all.asked.extend(missing);
        memo.outputs
            .put((chain_id, year), at.outputs, Arc::new(all));
        found.extend(fresh);
    }
    Ok(found)
}

impl Deref for Snapshot {
    type Target = Structure;

    fn deref(&self) -> &Structure {
        &self.structure
    }
}

impl Snapshot {
    /// A chain (already found in `scope`) for `year` at the audit stamps `at`: remembered from
    /// an earlier reader when none of its sources was written since (`super::memo`). When only
    /// figures moved, the remembered structure is reused and only the outputs are derived again
    /// from the statistics aggregate; when only the map moved, the outputs remembered for the
    /// chain are reused and only those of enterprises new on it are derived.
    pub async fn read(
        app: &App,
        at: &Stamps,
        scope: &Scope,
        chain: chain::Model,
        year: i32,
        rules: &TitleRules,
    ) -> Result<Arc<Snapshot>, AppError> {
        let memo = app.chain_memo();
        let day = as_of(year);
        memo.snapshots
            .get_or((chain.id, year, day), at.snapshot, move || async move {
                let structure = memo
                    .structures
                    .get_or((chain.id, day), at.structure, move || async move {
                        memo.loads.structures.fetch_add(1, Ordering::Relaxed);
                        // Only the map moved since the last read: keep its facts and titles.
                        let prev = memo
                            .structures
                            .latest(&(chain.id, day))
                            .filter(|p| p.facts_at == at.facts);
                        let s = match prev {
                            Some(p) => Structure::reload(app, scope, chain, rules, day, &p).await?,
                            None => {
                                Structure::load(app, scope, chain, day, rules, at.facts).await?
                            }
                        };
                        Ok(Arc::new(s))
                    })
                    .await?;
                memo.loads.snapshots.fetch_add(1, Ordering::Relaxed);
                let outputs =
                    outputs_of(app, at, structure.chain.id, year, &structure.usccs).await?;
                Ok(Arc::new(Snapshot::assemble(structure, outputs)))
            })
            .await
    }

    /// Reads a chain (already found in `scope`) for `year` from the database (writes check
    /// against this, never against memory).
    pub async fn load(
        app: &App,
        scope: &Scope,
        chain: chain::Model,
        year: i32,
        rules: &TitleRules,
    ) -> Result<Snapshot, AppError> {
        let structure = Structure::load(app, scope, chain, as_of(year), rules, 0).await?;
        let outputs = FiguresInForce::enterprises(app, &structure.usccs, year).await?;
        Ok(Snapshot::assemble(Arc::new(structure), outputs))
    }

    /// A structure with its enterprises' outputs.
    fn assemble(structure: Arc<Structure>, outputs: HashMap<String, EnterpriseOutput>) -> Snapshot {
        let mut snap = Snapshot {
            structure,
            outputs,
            without: 0,
        };
        snap.without = snap
            .local_usccs()
            .iter()
            .filter(|u| !snap.has_output(u))
            .count() as u32;
        snap
    }

    /// Whether a local enterprise has an output figure for the year.
    pub fn has_output(&self, uscc: &str) -> bool {
        self.outputs
            .get(uscc)
            .is_some_and(|o| o.this_year.is_some())
    }

    /// The chain's figures with the source's totals for it.
    pub fn figures(&self, totals: &SetTotals) -> ChainFiguresView {
        ChainFiguresView::of(
            totals,
            self.local_usccs().len() as u32,
            self.titled_count,
            self.without,
        )
    }

    /// An enterprise as shown on a node.
    pub fn enterprise_view(&self, link: &LinkRow) -> NodeEnterpriseView {
        let u = &link.enterprise_uscc;
        let o = self.outputs.get(u).copied().unwrap_or_default();
        NodeEnterpriseView {
            uscc: u.clone(),
            name: self
                .facts
                .get(u)
                .map(|f| f.name.clone())
                .unwrap_or_default(),
            role: link.role.clone(),
            local: self.is_local(u),
            output_wan_yuan: wan(o.this_year.map(Fen::get)),
            yoy_pct: match (o.this_year, o.last_year) {
                (Some(t), Some(l)) => yoy_pct(t, l),
                _ => None,
            },
            titles: self.titles.get(u).cloned().unwrap_or_default(),
            titled: self.is_titled(u),
        }
    }

    /// The map, with the gaps marked on their nodes.
    pub fn map_view(&self, gaps: &[Gap]) -> MapView {
        let tallies = {
            let (nodes, links) = self.gap_inputs();
            policy::chain::gap::subtree_tallies(&nodes, &links)
        };
        let role_rank = |r: &str| EnterpriseRole::parse(r).map(|r| r as u8).unwrap_or(u8::MAX);
        let mut by_node: HashMap<i64, Vec<NodeEnterpriseView>> = HashMap::new();
        for l in &self.links {
            by_node
                .entry(l.node_id)
                .or_default()
                .push(self.enterprise_view(l));
        }
        for v in by_node.values_mut() {
            v.sort_by(|a, b| (role_rank(&a.role), &a.name).cmp(&(role_rank(&b.role), &b.name)));
        }
        let mut children: HashMap<Option<i64>, Vec<&chain_node::Model>> = HashMap::new();
        let ids: BTreeSet<i64> = self.nodes.iter().map(|n| n.id).collect();
        for n in &self.nodes {
            let parent = n.parent_id.filter(|p| ids.contains(p) && *p != n.id);
            children.entry(parent).or_default().push(n);
        }
        let segments = Segment::ALL
            .iter()
            .map(|seg| {
                let mut out = Vec::new();
                let mut stack: Vec<(&chain_node::Model, u32)> = children
                    .get(&None)
                    .into_iter()
                    .flatten()
                    .filter(|n| n.segment == seg.as_str())
                    .rev()
                    .map(|n| (*n, 0))
                    .collect();
                let mut seen = BTreeSet::new();
                while let Some((n, depth)) = stack.pop() {
                    if !seen.insert(n.id) {
                        continue;
                    }
                    out.push(NodeView {
                        id: n.id,
                        parent_id: n.parent_id,
                        segment: n.segment.clone(),
                        kind: n.kind.clone(),
                        name: n.name.clone(),
                        depth,
                        position: n.position,
                        note: n.note.clone(),
                        enterprises: by_node.remove(&n.id).unwrap_or_default(),
                        local_in_subtree: tallies.get(&n.id).map(|t| t.local).unwrap_or(0),
                        gaps: gaps
                            .iter()
                            .filter(|g| g.node == n.id)
                            .map(|g| g.reason.as_str().to_string())
                            .collect(),
                    });
                    for c in children.get(&Some(n.id)).into_iter().flatten().rev() {
                        stack.push((c, depth + 1));
                    }
                }
                SegmentView {
                    segment: seg.as_str().into(),
                    nodes: out,
                }
            })
            .collect();
        MapView { segments }
    }
}
