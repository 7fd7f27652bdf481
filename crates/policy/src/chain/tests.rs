use super::figures::{completion_pct, yoy_pct};
use super::gap::subtree_tallies;
use super::map::{TreeNode, check_move, descendants};
use super::*;
use crate::money::Fen;
use proptest::prelude::*;

fn node(id: i64, parent: Option<i64>, segment: Segment) -> NodeInput {
    NodeInput {
        id,
        parent,
        segment,
    }
}

fn link(node: i64, role: EnterpriseRole, titled: bool) -> LinkInput {
    LinkInput {
        node,
        role,
        local: true,
        titled,
    }
}

#[test]
fn codes_are_capitals_digits_and_hyphens() {
    assert_eq!(
        ChainCode::parse(" cp-alu-func ").unwrap().as_str(),
        "CP-ALU-FUNC"
    );
    for bad in ["", "C", "1CP", "CP_ALU", "CP-", "铝", &"A".repeat(41)] {
        assert_eq!(ChainCode::parse(bad), Err(ChainError::CodeFormat), "{bad}");
    }
    assert!(ChainCode::parse(&"A".repeat(40)).is_ok());
}

#[test]
fn stored_codes_round_trip() {
    for s in Segment::ALL {
        assert_eq!(Segment::parse(s.as_str()), Ok(*s));
    }
    for r in EnterpriseRole::ALL {
        assert_eq!(EnterpriseRole::parse(r.as_str()), Ok(*r));
    }
    for k in GapKind::ALL {
        assert_eq!(GapKind::parse(k.as_str()), Ok(*k));
    }
    assert_eq!(Segment::parse("sideways"), Err(ChainError::SegmentUnknown));
    assert_eq!(InvestmentStage::parse("won"), Err(ChainError::StageUnknown));
    assert_eq!(PatrolKind::parse("inspection"), Ok(PatrolKind::Inspection));
    assert_eq!(
        LeaderRole::parse("general_chain_leader"),
        Ok(LeaderRole::GeneralChainLeader)
    );
}

#[test]
fn an_empty_leaf_is_a_gap_named_by_its_segment() {
    let nodes = [
        node(1, None, Segment::Upstream),
        node(2, None, Segment::Midstream),
        node(3, None, Segment::Downstream),
    ];
    let gaps = find_gaps(&nodes, &[]);
    let kinds: Vec<_> = gaps.iter().map(|g| (g.node, g.kind, g.reason)).collect();
    assert_eq!(
        kinds,
        vec![
            (1, GapKind::Upstream, GapReason::NoEnterprise),
            (2, GapKind::Supply, GapReason::NoEnterprise),
            (3, GapKind::Downstream, GapReason::NoEnterprise),
        ]
    );
}

#[test]
fn gaps_are_reported_at_the_deepest_node_only() {
    // 1 ─┬─ 2 (a supplier, untitled)
    //    └─ 3 (empty)
    // 4 ─── 5 (a titled backbone): no gap anywhere under 4.
    let nodes = [
        node(1, None, Segment::Upstream),
        node(2, Some(1), Segment::Upstream),
        node(3, Some(1), Segment::Upstream),
        node(4, None, Segment::Midstream),
        node(5, Some(4), Segment::Midstream),
    ];
    let links = [
        link(2, EnterpriseRole::Supplier, false),
        link(5, EnterpriseRole::Backbone, true),
    ];
    let gaps = find_gaps(&nodes, &links);
    let got: Vec<_> = gaps.iter().map(|g| (g.node, g.reason)).collect();
    assert_eq!(
        got,
        vec![
            (2, GapReason::OnlySuppliers),
            (2, GapReason::NoTitled),
            (3, GapReason::NoEnterprise),
        ],
        "node 1 shows the same conditions as its children, so it is not reported again"
    );
    assert_eq!(gaps[0].kind, GapKind::Supply);
    assert_eq!(gaps[1].kind, GapKind::Technology);
}

#[test]
fn an_enterprise_elsewhere_does_not_fill_a_local_gap() {
    let nodes = [node(1, None, Segment::Downstream)];
    let mut l = link(1, EnterpriseRole::Lead, true);
    l.local = false;
    let gaps = find_gaps(&nodes, &[l]);
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0].reason, GapReason::NoEnterprise);
    assert_eq!(gaps[0].kind, GapKind::Downstream);
}

#[test]
fn a_parent_with_its_own_suppliers_and_empty_children_is_reported_itself() {
    let nodes = [
        node(1, None, Segment::Midstream),
        node(2, Some(1), Segment::Midstream),
    ];
    let gaps = find_gaps(&nodes, &[link(1, EnterpriseRole::Supplier, true)]);
    let got: Vec<_> = gaps.iter().map(|g| (g.node, g.reason)).collect();
    assert_eq!(
        got,
        vec![(1, GapReason::OnlySuppliers), (2, GapReason::NoEnterprise)]
    );
}

#[test]
fn a_corrupt_cycle_does_not_hang_the_analysis() {
    let nodes = [
        node(1, Some(2), Segment::Upstream),
        node(2, Some(1), Segment::Upstream),
        node(3, None, Segment::Upstream),
    ];
    let gaps = find_gaps(&nodes, &[]);
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0].node, 3);
}

#[test]
fn a_node_cannot_move_under_itself_or_its_descendants() {
    let tree = [
        TreeNode {
            id: 1,
            parent: None,
        },
        TreeNode {
            id: 2,
            parent: Some(1),
        },
        TreeNode {
            id: 3,
            parent: Some(2),
        },
        TreeNode {
            id: 4,
            parent: None,
        },
    ];
    assert_eq!(check_move(&tree, 1, Some(3)), Err(ChainError::MoveCycle));
    assert_eq!(check_move(&tree, 1, Some(1)), Err(ChainError::MoveCycle));
    assert_eq!(
        check_move(&tree, 1, Some(99)),
        Err(ChainError::ParentUnknown)
    );
    assert_eq!(check_move(&tree, 3, Some(4)), Ok(()));
    assert_eq!(check_move(&tree, 3, None), Ok(()));
    assert_eq!(descendants(&tree, 1).len(), 2);
}

#[test]
fn investment_targets_move_forward_one_stage_at_a_time() {
    use InvestmentAction::{Advance, Drop};
    use InvestmentStage::*;
    assert_eq!(Advance.apply(Negotiating), Ok(Signed));
    assert_eq!(Advance.apply(Signed), Ok(Started));
    assert_eq!(Advance.apply(Started), Ok(InProduction));
    assert_eq!(
        Advance.apply(InProduction),
        Err(ChainError::StageNotAllowed)
    );
    assert_eq!(Drop.apply(Negotiating), Ok(Dropped));
    assert_eq!(Drop.apply(Signed), Err(ChainError::StageNotAllowed));
    assert_eq!(Advance.apply(Dropped), Err(ChainError::StageNotAllowed));
    assert!(Signed.is_signed() && !Negotiating.is_signed() && !Dropped.is_signed());
}

#[test]
fn growth_and_completion_round_at_their_edges() {
    let wan = |w: i64| Fen::new(w * 1_000_000);
    assert_eq!(yoy_pct(wan(1134), wan(1000)), Some(13.4));
    // 0.05 rounds away from zero: 1000.5 / 1000 → +0.05% → 0.1.
    assert_eq!(yoy_pct(Fen::new(1_000_500), Fen::new(1_000_000)), Some(0.1));
    assert_eq!(yoy_pct(Fen::new(999_500), Fen::new(1_000_000)), Some(-0.1));
    assert_eq!(yoy_pct(Fen::new(999_501), Fen::new(1_000_000)), Some(-0.0));
    assert_eq!(yoy_pct(wan(5), Fen::new(0)), None);
    assert_eq!(completion_pct(wan(10449), wan(10000)), Some(104.49));
    assert_eq!(completion_pct(wan(1), Fen::new(0)), None);
}

proptest! {
    #[test]
    fn every_reported_gap_is_on_a_node_and_no_node_repeats_a_reason(
        parents in proptest::collection::vec(proptest::option::of(0usize..40), 1..40),
        links in proptest::collection::vec((0usize..40, 0usize..3, any::<bool>(), any::<bool>()), 0..80),
    ) {
        let nodes: Vec<NodeInput> = parents.iter().enumerate().map(|(i, p)| NodeInput {
            id: i as i64,
            // Parents point to earlier nodes only, so the tree is well formed.
            parent: p.filter(|p| *p < i).map(|p| p as i64),
            segment: Segment::ALL[i % 3],
        }).collect();
        let links: Vec<LinkInput> = links.iter().filter(|l| l.0 < nodes.len()).map(|(n, r, local, titled)| LinkInput {
            node: *n as i64, role: EnterpriseRole::ALL[*r], local: *local, titled: *titled,
        }).collect();
        let gaps = find_gaps(&nodes, &links);
        let tallies = subtree_tallies(&nodes, &links);
        let mut seen = std::collections::HashSet::new();
        for g in &gaps {
            prop_assert!(seen.insert((g.node, g.reason)));
            let t = tallies[&g.node];
            match g.reason {
                GapReason::NoEnterprise => prop_assert_eq!(t.local, 0),
                GapReason::OnlySuppliers => prop_assert!(t.local > 0 && t.anchors == 0),
                GapReason::NoTitled => prop_assert!(t.local > 0 && t.titled == 0),
            }
        }
        // Every empty leaf is reported.
        for n in &nodes {
            let leaf = !nodes.iter().any(|c| c.parent == Some(n.id));
            if leaf && tallies[&n.id].local == 0 {
                prop_assert!(gaps.iter().any(|g| g.node == n.id && g.reason == GapReason::NoEnterprise));
            }
        }
        let total: u32 = nodes.iter().filter(|n| n.parent.is_none()).map(|n| tallies[&n.id].local).sum();
        prop_assert_eq!(total as usize, links.iter().filter(|l| l.local).count());
    }
}

#[test]
fn the_shipped_title_rules_parse_and_unknown_codes_are_refused() {
    let r = TitleRules::parse(include_str!("../../../../rules/chain-titles.toml")).unwrap();
    assert!(r.is_titled("specialized") && !r.is_titled("tech_center"));
    assert!(r.is_platform("tech_center"));
    assert_eq!(r.summary[0].code, "provincial_quality");
    let bad = "version='x'\ntitled=['gold_medal']\nplatforms=[]\nneed_categories=[]\n";
    assert_eq!(
        TitleRules::parse(bad),
        Err(TitleRulesError::Unknown("gold_medal".into()))
    );
    let bad_level = "version='x'\ntitled=[]\nplatforms=[]\nneed_categories=[]\n[[summary]]\ncode='a'\ntitles=['gazelle']\nlevel='省级'\n";
    assert!(TitleRules::parse(bad_level).is_err());
}
