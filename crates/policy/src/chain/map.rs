//! The chain map (图谱): segments, node kinds, the roles enterprises hold on a node, the
//! chain's leaders and the kinds of leaders' work, and the tree rules of moving a node.

use super::ChainError;
use std::collections::{HashMap, HashSet};

/// A closed set of stored codes: `as_str`, `parse` and `ALL` in one place.
macro_rules! codes {
    ($(#[$m:meta])* $name:ident, $err:expr, { $($(#[$vm:meta])* $v:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            /// The stored code.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s),+ }
            }

            /// Parses a stored code.
            pub fn parse(s: &str) -> Result<$name, ChainError> {
                match s.trim() { $($s => Ok($name::$v),)+ _ => Err($err) }
            }
        }
    };
}
pub(crate) use codes;

codes!(
    /// Where on the chain a node sits (上游 / 中游 / 下游).
    Segment, ChainError::SegmentUnknown, {
        /// 上游: raw materials and basic inputs.
        Upstream => "upstream",
        /// 中游: processing and parts.
        Midstream => "midstream",
        /// 下游: end products and applications.
        Downstream => "downstream",
    }
);

codes!(
    /// What a node is: a link of the chain (环节) or a product at its end (产品).
    NodeKind, ChainError::NodeKindUnknown, {
        /// 环节.
        Node => "node",
        /// 产品.
        Product => "product",
    }
);

codes!(
    /// The role of an enterprise on a node.
    EnterpriseRole, ChainError::RoleUnknown, {
        /// 链主: the leading enterprise that drives the chain.
        Lead => "lead",
        /// 骨干: a backbone enterprise.
        Backbone => "backbone",
        /// 配套: a supplier.
        Supplier => "supplier",
    }
);

impl EnterpriseRole {
    /// Whether the role anchors a node (a lead or backbone enterprise, not only suppliers).
    pub fn anchors(self) -> bool {
        !matches!(self, EnterpriseRole::Supplier)
    }
}

codes!(
    /// Who leads a chain.
    LeaderRole, ChainError::LeaderRoleUnknown, {
        /// 总链长: a top leader of the region over all its chains.
        GeneralChainLeader => "general_chain_leader",
        /// 链长.
        ChainLeader => "chain_leader",
        /// 副链长.
        DeputyChainLeader => "deputy_chain_leader",
    }
);

codes!(
    /// The leaders' work on a chain (`patrol`).
    PatrolKind, ChainError::PatrolKindUnknown, {
        /// 问链: the general chain leader asks after the chain.
        Inquiry => "inquiry",
        /// 巡链: the chain leader visits the chain's enterprises.
        Inspection => "inspection",
        /// 诊链: experts diagnose the chain.
        Diagnosis => "diagnosis",
    }
);

/// A node as the tree rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeNode {
    /// Id.
    pub id: i64,
    /// Parent, none for a node directly under its segment.
    pub parent: Option<i64>,
}

/// Checks that `node` may move under `new_parent` (none: directly under a segment) in a chain
/// whose nodes are `nodes`: the parent must be a node of the chain, and not the node itself or
/// one of its descendants (a cycle would cut the subtree off the map).
pub fn check_move(
    nodes: &[TreeNode],
    node: i64,
    new_parent: Option<i64>,
) -> Result<(), ChainError> {
    let Some(target) = new_parent else {
        return Ok(());
    };
    if !nodes.iter().any(|n| n.id == target) {
        return Err(ChainError::ParentUnknown);
    }
    if descendants(nodes, node).contains(&target) || target == node {
        return Err(ChainError::MoveCycle);
    }
    Ok(())
}

/// The ids of every node below `root` (not `root` itself). Safe on a corrupt tree: each node
/// is visited once.
pub fn descendants(nodes: &[TreeNode], root: i64) -> HashSet<i64> {
    let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
    for n in nodes {
        if let Some(p) = n.parent {
            children.entry(p).or_default().push(n.id);
        }
    }
    let mut seen = HashSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        for c in children.get(&id).into_iter().flatten() {
            if *c != root && seen.insert(*c) {
                stack.push(*c);
            }
        }
    }
    seen
}
