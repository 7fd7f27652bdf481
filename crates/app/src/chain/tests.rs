//! The chain demo, the figures and the gaps as computed from records, and who may read what.

use super::demo::{CHAINS, CHIPING};
use super::*;
use crate::AppError;
use crate::test_support::{demo_actor, demo_app};
use store::testing::on_each_backend;

fn query(region: &str, year: &str) -> ChainListQuery {
    ChainListQuery {
        region: Some(region.into()),
        year: Some(year.into()),
    }
}

#[tokio::test]
async fn the_demo_holds_chipings_six_chains_with_their_2022_output_above_target() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let leader = demo_actor(&app, "leader").await;
        let list = list_chains(&app, &leader, &query(CHIPING, "2022"))
            .await
            .unwrap();
        let names: Vec<&str> = list.items.iter().map(|c| c.name.as_str()).collect();
        for spec in CHAINS {
            assert!(names.contains(&spec.name), "{} listed", spec.name);
        }
        assert_eq!(list.items.len(), 6);
        // 1044.9亿元 = 10,449,000 万元, summed from the enterprises' yearly figures.
        assert_eq!(list.total.output_wan_yuan.as_deref(), Some("10449000.00"));
        assert_eq!(list.total.above_target, Some(true));
        assert_eq!(list.total.target_wan_yuan.as_deref(), Some("10000000.00"));
        assert_eq!(list.total.completion_pct, Some(104.49));
        assert_eq!(list.total.yoy_pct, Some(13.4));
        let by_chain: i64 = list
            .items
            .iter()
            .map(|c| {
                let o = c.figures.output_wan_yuan.as_deref().unwrap();
                (o.parse::<f64>().unwrap() * 100.0).round() as i64
            })
            .sum();
        assert_eq!(
            by_chain,
            10_449_000 * 100,
            "no enterprise sits on two chains"
        );
        let alu = list.items.iter().find(|c| c.code == "CP-ALU-FUNC").unwrap();
        assert_eq!(alu.figures.output_wan_yuan.as_deref(), Some("4126000.00"));
        // Of the district's 11 provincial single champions / 专精特新 / gazelles, 8 are on
        // the chains; the national little giant is on one too.
        let summary = |code: &str| {
            let s = list.titles.iter().find(|t| t.code == code).unwrap();
            (s.in_region, s.on_chains)
        };
        assert_eq!(summary("provincial_quality"), (11, 8));
        assert_eq!(summary("little_giant"), (1, 1));
        assert_eq!(list.total.titled_enterprise_count, 9);
        assert_eq!(list.figure_source, "registry_revenue");
        // Without a year, the latest year the chains' enterprises reported (other demos add
        // later years to some of them), with the same figures as when that year is asked for.
        let plain = ChainListQuery {
            region: Some(CHIPING.into()),
            year: None,
        };
        let latest = list_chains(&app, &leader, &plain).await.unwrap();
        assert!(latest.year >= 2022, "{}", latest.year);
        let asked = list_chains(&app, &leader, &query(CHIPING, &latest.year.to_string()))
            .await
            .unwrap();
        assert_eq!(latest.total.output_wan_yuan, asked.total.output_wan_yuan);
    })
    .await;
}

#[tokio::test]
async fn a_chain_shows_its_map_gaps_lists_patrols_and_targets_from_records() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let office = demo_actor(&app, "chain").await;
        let list = list_chains(&app, &office, &query(CHIPING, "2022"))
            .await
            .unwrap();
        let glass = list
            .items
            .iter()
            .find(|c| c.code == "CP-GLASS-FUNC")
            .unwrap();
        let d = get_chain(&app, &office, glass.id, Some("2022"))
            .await
            .unwrap();
        assert!(d.can_manage);
        assert_eq!(d.chain.leaders.len(), 4);
        assert_eq!(d.chain.leaders[0].role, "general_chain_leader");
        assert_eq!(
            d.chain.lead_department_name.as_deref(),
            Some("茌平区工业和信息化局")
        );
        assert_eq!(d.map.segments.len(), 3);
        // The downstream 光伏组件 node has no local enterprise: a downstream gap, with the
        // investment target that was signed and started against it.
        let gap = d
            .gaps
            .iter()
            .find(|g| g.node_name == "光伏组件与显示器件")
            .unwrap();
        assert_eq!(
            (gap.kind.as_str(), gap.reason.as_str()),
            ("downstream", "no_enterprise")
        );
        assert_eq!(gap.targets.len(), 1);
        let t = &gap.targets[0];
        assert_eq!(t.stage, "started");
        assert_eq!(t.in_place_wan_yuan.as_deref(), Some("42000.00"));
        assert_eq!(t.events.len(), 3, "create, sign, start");
        assert_eq!(
            d.lists.key_projects.len(),
            1,
            "a signed target is a key project"
        );
        // The quartz sand node is empty too: an upstream gap.
        assert!(
            d.gaps
                .iter()
                .any(|g| g.node_name == "石英砂原料" && g.kind == "upstream")
        );
        // Only-supplier node (电子玻璃) → supply gap; no titled enterprise → technology gap.
        assert!(
            d.gaps
                .iter()
                .any(|g| g.node_name == "电子玻璃" && g.kind == "supply")
        );
        assert!(
            d.gaps
                .iter()
                .any(|g| g.node_name == "电子玻璃" && g.kind == "technology")
        );
        assert!(
            !d.gaps.iter().any(|g| g.node_name == "浮法玻璃原片"),
            "titled lead there"
        );
        let float = d.map.segments[1]
            .nodes
            .iter()
            .find(|n| n.name == "浮法玻璃原片")
            .unwrap();
        assert!(
            float
                .enterprises
                .iter()
                .any(|e| e.titled && !e.titles.is_empty())
        );
        assert!(float.enterprises[0].role == "lead");
        assert_eq!(d.lists.key_parks.len(), 1);
        assert_eq!(d.lists.key_parks[0].name, "茌平高端新区");
        assert_eq!(d.patrols.len(), 1);
        assert_eq!(d.patrols[0].kind, "diagnosis");

        let chem = list
            .items
            .iter()
            .find(|c| c.code == "CP-CHEM-FINE")
            .unwrap();
        let d = get_chain(&app, &office, chem.id, Some("2022"))
            .await
            .unwrap();
        assert_eq!(
            d.lists.innovation_platforms.len(),
            2,
            "two enterprise technology centres"
        );
        let needs = d.lists.needs.as_ref().unwrap();
        let mut cats: Vec<&str> = needs.iter().map(|n| n.category.as_str()).collect();
        cats.sort();
        assert_eq!(
            cats,
            ["financing", "technology"],
            "the patrol's two problems"
        );
        assert_eq!(d.patrols[0].tickets.len(), 2);
        assert_eq!(d.patrols[0].tickets[0].status, "submitted");
    })
    .await;
}

#[tokio::test]
async fn chains_are_read_and_kept_within_scope() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let admin = demo_actor(&app, "admin").await;
        let id = list_chains(&app, &admin, &query(CHIPING, "2022"))
            .await
            .unwrap()
            .items[0]
            .id;
        // Another county sees nothing of 茌平: the list is empty, a chain is not found.
        let yanggu = demo_actor(&app, "county.yanggu").await;
        let l = list_chains(&app, &yanggu, &query(CHIPING, "2022"))
            .await
            .unwrap();
        assert!(l.items.is_empty() && l.titles.is_empty());
        assert!(matches!(
            get_chain(&app, &yanggu, id, None).await,
            Err(AppError::NotFound)
        ));
        // The leader reads but may not edit.
        let leader = demo_actor(&app, "leader").await;
        assert!(!get_chain(&app, &leader, id, None).await.unwrap().can_manage);
        let meta = crate::RequestMeta::cli("test");
        let form = || NodeForm {
            segment: Some("upstream".into()),
            name: "新节点".into(),
            ..Default::default()
        };
        assert!(matches!(
            add_node(&app, &leader, &meta, id, form()).await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            add_node(&app, &yanggu, &meta, id, form()).await,
            Err(AppError::NotFound)
        ));
        let enterprise = demo_actor(&app, "enterprise").await;
        assert!(matches!(
            list_chains(&app, &enterprise, &ChainListQuery::default()).await,
            Err(AppError::Forbidden(_))
        ));
        // Bad input is named, not a failure.
        assert!(matches!(
            list_chains(&app, &admin, &query(CHIPING, "20x2")).await,
            Err(AppError::Invalid(e)) if e[0].field == "year"
        ));
    })
    .await;
}
