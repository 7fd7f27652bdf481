//! Gap analysis (短板): where the local chain is missing or weak.
//!
//! A node is judged on the local enterprises of its whole subtree (an enterprise attached to a
//! product also fills the link above it). Three conditions are looked for:
//!
//! - `no_enterprise`: no local enterprise at all. The missing link is an `upstream` or
//!   `downstream` gap on those segments, and a `supply` gap in the middle of the chain.
//! - `only_suppliers`: local enterprises, but no lead or backbone enterprise: a `supply` gap.
//! - `no_titled`: local enterprises, none holding a quality title: a `technology` gap.
//!
//! A condition is reported at the deepest nodes where it holds: at a node only when none of
//! its children shows the same condition, so an empty branch is reported once per empty leaf
//! and not again at every level above it.

use super::ChainError;
use super::map::{EnterpriseRole, Segment, codes};
use serde::Serialize;
use std::collections::HashMap;

codes!(
    /// The kind of a gap.
    GapKind, ChainError::GapKindUnknown, {
        /// 供给短板: a link of the chain with no or only supplier-level local capacity.
        Supply => "supply",
        /// 技术短板: local enterprises, none with a quality title.
        Technology => "technology",
        /// 上游短板: an upstream link with no local enterprise.
        Upstream => "upstream",
        /// 下游短板: a downstream link with no local enterprise.
        Downstream => "downstream",
    }
);

/// Why a node is a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapReason {
    /// No local enterprise on the node or below it.
    NoEnterprise,
    /// Local enterprises, all of them suppliers.
    OnlySuppliers,
    /// Local enterprises, none of them titled.
    NoTitled,
}

impl GapReason {
    /// Every reason, in report order.
    pub const ALL: [GapReason; 3] = [
        GapReason::NoEnterprise,
        GapReason::OnlySuppliers,
        GapReason::NoTitled,
    ];

    /// The stored / API code.
    pub fn as_str(self) -> &'static str {
        match self {
            GapReason::NoEnterprise => "no_enterprise",
            GapReason::OnlySuppliers => "only_suppliers",
            GapReason::NoTitled => "no_titled",
        }
    }

    /// The kind of gap this reason makes on a node of `segment`.
    pub fn kind(self, segment: Segment) -> GapKind {
        match (self, segment) {
            (GapReason::NoEnterprise, Segment::Upstream) => GapKind::Upstream,
            (GapReason::NoEnterprise, Segment::Downstream) => GapKind::Downstream,
            (GapReason::NoEnterprise, Segment::Midstream) | (GapReason::OnlySuppliers, _) => {
                GapKind::Supply
            }
            (GapReason::NoTitled, _) => GapKind::Technology,
        }
    }

    fn holds(self, a: &Tally) -> bool {
        match self {
            GapReason::NoEnterprise => a.local == 0,
            GapReason::OnlySuppliers => a.local > 0 && a.anchors == 0,
            GapReason::NoTitled => a.local > 0 && a.titled == 0,
        }
    }
}

/// A node of the map, as the analysis reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeInput {
    /// Id.
    pub id: i64,
    /// Parent node (none directly under the segment).
    pub parent: Option<i64>,
    /// Segment.
    pub segment: Segment,
}

/// An enterprise attached to a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkInput {
    /// The node.
    pub node: i64,
    /// Its role there.
    pub role: EnterpriseRole,
    /// Whether the enterprise lies in the chain's region.
    pub local: bool,
    /// Whether it holds a quality title now.
    pub titled: bool,
}

/// One gap found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The node.
    pub node: i64,
    /// Its kind.
    pub kind: GapKind,
    /// Why.
    pub reason: GapReason,
}

/// Local enterprises counted on a node or a subtree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Local enterprises.
    pub local: u32,
    /// Of them, leads and backbones.
    pub anchors: u32,
    /// Of them, titled.
    pub titled: u32,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.local += o.local;
        self.anchors += o.anchors;
        self.titled += o.titled;
    }
}

/// The local tally of every node's subtree, by node id. Nodes cut off the tree by a corrupt
/// parent cycle are left out.
pub fn subtree_tallies(nodes: &[NodeInput], links: &[LinkInput]) -> HashMap<i64, Tally> {
    let index: HashMap<i64, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let mut tally = vec![Tally::default(); nodes.len()];
    for l in links.iter().filter(|l| l.local) {
        if let Some(&i) = index.get(&l.node) {
            tally[i].local += 1;
            tally[i].anchors += u32::from(l.role.anchors());
            tally[i].titled += u32::from(l.titled);
        }
    }
    let order = post_order(nodes, &index);
    for &i in &order {
        if let Some(p) = nodes[i].parent.and_then(|p| index.get(&p).copied()) {
            let child = tally[i];
            tally[p].add(&child);
        }
    }
    order.iter().map(|&i| (nodes[i].id, tally[i])).collect()
}

/// Children before parents, each reachable node once.
fn post_order(nodes: &[NodeInput], index: &HashMap<i64, usize>) -> Vec<usize> {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut roots = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        match n.parent.and_then(|p| index.get(&p).copied()) {
            Some(p) if p != i => children[p].push(i),
            _ => roots.push(i),
        }
    }
    let mut out = Vec::with_capacity(nodes.len());
    let mut seen = vec![false; nodes.len()];
    for root in roots {
        let mut stack = vec![(root, false)];
        while let Some((i, expanded)) = stack.pop() {
            if expanded {
                out.push(i);
                continue;
            }
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            stack.push((i, true));
            stack.extend(children[i].iter().map(|&c| (c, false)));
        }
    }
    out
}

/// The gaps of a chain's map, in the order of `nodes`.
pub fn find_gaps(nodes: &[NodeInput], links: &[LinkInput]) -> Vec<Gap> {
    let tallies = subtree_tallies(nodes, links);
    let mut flagged_child: HashMap<i64, [bool; 3]> = HashMap::new();
    for n in nodes {
        let (Some(t), Some(p)) = (tallies.get(&n.id), n.parent) else {
            continue;
        };
        let entry = flagged_child.entry(p).or_default();
        for (k, r) in GapReason::ALL.iter().enumerate() {
            entry[k] |= r.holds(t);
        }
    }
    let mut gaps = Vec::new();
    for n in nodes {
        let Some(t) = tallies.get(&n.id) else {
            continue;
        };
        let below = flagged_child.get(&n.id).copied().unwrap_or_default();
        for (k, r) in GapReason::ALL.iter().enumerate() {
            if r.holds(t) && !below[k] {
                gaps.push(Gap {
                    node: n.id,
                    kind: r.kind(n.segment),
                    reason: *r,
                });
            }
        }
    }
    gaps
}
