//! One chain read once: its map, the registry facts about its enterprises (names, regions,
//! titles held today) and their figures from the [`FigureSource`] in force. Figures, gaps, the
//! map view and the lists are all computed from this snapshot.

use super::figures::{EnterpriseOutput, FigureSource, FiguresInForce, SetTotals};
use super::{as_of, wan};
use crate::stats::MemberSet;
use crate::{App, AppError};
use policy::chain::figures::yoy_pct;
use policy::chain::{EnterpriseRole, Gap, LinkInput, NodeInput, Segment, TitleRules, find_gaps};
use policy::money::Fen;
use policy::org::{RegionCode, Scope};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use store::chain::facts::EnterpriseFacts;
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

/// A chain read once for a year.
pub(crate) struct Snapshot {
    pub chain: chain::Model,
    pub nodes: Vec<chain_node::Model>,
    pub links: Vec<LinkRow>,
    pub facts: HashMap<String, EnterpriseFacts>,
    pub titles: HashMap<String, Vec<TitleView>>,
    pub outputs: HashMap<String, EnterpriseOutput>,
    /// The enterprises in the chain's region, decided once.
    local: HashSet<String>,
    /// The same, each once, in code order.
    local_list: Vec<String>,
    /// The enterprises holding a title that counts, decided once.
    titled: HashSet<String>,
    /// The gaps of the map, found once.
    gaps: Vec<Gap>,
    /// Local enterprises holding a title that counts, and those without output, counted once.
    counts: (u32, u32),
}

impl Snapshot {
    /// A chain (already found in `scope`) for `year` as of audit stamp `at`: remembered from an
    /// earlier reader when nothing was written since (`super::memo`), read otherwise. The
    /// rows do not depend on the reader: whoever may see the chain sees its whole map.
    pub async fn read(
        app: &App,
        at: i64,
        scope: &Scope,
        chain: chain::Model,
        year: i32,
        rules: &TitleRules,
    ) -> Result<Arc<Snapshot>, AppError> {
        app.chain_memo()
            .snapshots
            .get_or((chain.id, year, as_of(year)), at, || async {
                Ok(Arc::new(
                    Snapshot::load(app, scope, chain, year, rules).await?,
                ))
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
        let conn = app.db().conn();
        let nodes = store::chain::map::nodes_of(conn, scope, chain.id).await?;
        let mut facts: HashMap<String, EnterpriseFacts> = HashMap::new();
        let links: Vec<LinkRow> = store::chain::map::links_with_facts(conn, scope, chain.id)
            .await?
            .into_iter()
            .map(|(link, f)| {
                if let Some(f) = f {
                    facts.insert(f.uscc.clone(), f);
                }
                link
            })
            .collect();
        let usccs: Vec<String> = links
            .iter()
            .map(|l| l.enterprise_uscc.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let region = RegionCode::parse(&chain.region_code).ok();
        let mut local_list: Vec<String> = facts
            .values()
            .filter(|f| {
                region.as_ref().is_some_and(|r| {
                    RegionCode::parse(&f.region_code).is_ok_and(|e| r.contains(&e))
                })
            })
            .map(|f| f.uscc.clone())
            .collect();
        local_list.sort_unstable();
        let local = local_list.iter().cloned().collect();
        let mut titles: HashMap<String, Vec<TitleView>> = HashMap::new();
        for t in store::chain::facts::titles_on_chain(conn, chain.id, as_of(year)).await? {
            titles.entry(t.uscc).or_default().push(TitleView {
                title: t.title,
                level: t.level,
            });
        }
        let titled = titles
            .iter()
            .filter(|(_, ts)| ts.iter().any(|t| rules.is_titled(&t.title)))
            .map(|(u, _)| u.clone())
            .collect();
        let outputs = FiguresInForce::enterprises(app, &usccs, year).await?;
        let mut snap = Snapshot {
            chain,
            nodes,
            links,
            facts,
            titles,
            outputs,
            local,
            local_list,
            titled,
            gaps: Vec::new(),
            counts: (0, 0),
        };
        snap.gaps = snap.find_gaps();
        let local = snap.local_usccs();
        snap.counts = (
            local.iter().filter(|u| snap.is_titled(u)).count() as u32,
            local.iter().filter(|u| !snap.has_output(u)).count() as u32,
        );
        Ok(snap)
    }

    /// Whether an enterprise lies in the chain's region.
    pub fn is_local(&self, uscc: &str) -> bool {
        self.local.contains(uscc)
    }

    /// Whether an enterprise holds a title that counts.
    pub fn is_titled(&self, uscc: &str) -> bool {
        self.titled.contains(uscc)
    }

    /// The distinct local enterprises on the map, in code order.
    pub fn local_usccs(&self) -> &[String] {
        &self.local_list
    }

    /// The chain as a member set of the statistics context: the enterprises on its map, of
    /// which those in its region count (the same set `group_by=chain` reads).
    pub fn member_set(&self) -> MemberSet {
        MemberSet {
            key: self.chain.code.clone(),
            name: self.chain.name.clone(),
            members: self
                .links
                .iter()
                .map(|l| l.enterprise_uscc.clone())
                .collect(),
            region_prefix: RegionCode::parse(&self.chain.region_code)
                .map(|r| r.subtree_prefix().to_string())
                .unwrap_or_else(|_| self.chain.region_code.clone()),
        }
    }

    /// Whether a local enterprise has an output figure for the year.
    pub fn has_output(&self, uscc: &str) -> bool {
        self.outputs
            .get(uscc)
            .is_some_and(|o| o.this_year.is_some())
    }

    /// The chain's figures with the source's totals for it.
    pub fn figures(&self, totals: &SetTotals) -> ChainFiguresView {
        let (titled, without) = self.counts;
        ChainFiguresView::of(totals, self.local_list.len() as u32, titled, without)
    }

    /// The gaps of the map.
    pub fn gaps(&self) -> &[Gap] {
        &self.gaps
    }

    fn find_gaps(&self) -> Vec<Gap> {
        let nodes: Vec<NodeInput> = self
            .nodes
            .iter()
            .map(|n| NodeInput {
                id: n.id,
                parent: n.parent_id,
                segment: Segment::parse(&n.segment).unwrap_or(Segment::Midstream),
            })
            .collect();
        let links: Vec<LinkInput> = self
            .links
            .iter()
            .map(|l| LinkInput {
                node: l.node_id,
                role: EnterpriseRole::parse(&l.role).unwrap_or(EnterpriseRole::Supplier),
                local: self.is_local(&l.enterprise_uscc),
                titled: self.is_titled(&l.enterprise_uscc),
            })
            .collect();
        find_gaps(&nodes, &links)
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
            let nodes: Vec<NodeInput> = self
                .nodes
                .iter()
                .map(|n| NodeInput {
                    id: n.id,
                    parent: n.parent_id,
                    segment: Segment::Midstream,
                })
                .collect();
            let links: Vec<LinkInput> = self
                .links
                .iter()
                .map(|l| LinkInput {
                    node: l.node_id,
                    role: EnterpriseRole::Supplier,
                    local: self.is_local(&l.enterprise_uscc),
                    titled: false,
                })
                .collect();
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

    /// The name of a node.
    pub fn node_name(&self, id: i64) -> String {
        self.nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.name.clone())
            .unwrap_or_default()
    }

    /// The segment of a node.
    pub fn node_segment(&self, id: i64) -> String {
        self.nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.segment.clone())
            .unwrap_or_default()
    }
}
