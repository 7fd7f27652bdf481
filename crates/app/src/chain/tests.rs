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

fn by_chain(region: &str, year: i32) -> crate::stats::OutputQuery {
    crate::stats::OutputQuery {
        region: Some(region.into()),
        year: Some(year),
        group_by: Some("chain".into()),
        ..Default::default()
    }
}

/// The latest year with a monthly figure of an enterprise on one of the listed chains, read
/// from the figure table itself.
async fn latest_figure_year(app: &crate::App, list: &ChainListView) -> Option<i32> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    use store::entity::stats_figure;
    let ids: Vec<i64> = list.items.iter().map(|c| c.id).collect();
    let conn = app.db().conn();
    let on: Vec<String> = store::chain::map::enterprises_on(conn, &policy::org::Scope::all(), &ids)
        .await
        .unwrap()
        .into_iter()
        .map(|(_, u)| u)
        .collect();
    stats_figure::Entity::find()
        .select_only()
        .column_as(stats_figure::Column::Year.max(), "y")
        .filter(stats_figure::Column::Uscc.is_in(on))
        .into_tuple::<Option<i32>>()
        .one(conn)
        .await
        .unwrap()
        .flatten()
}

/// A figure in 万元 as fen, for comparing the two APIs' texts exactly.
fn fen(wan: Option<&str>) -> Option<i64> {
    wan.map(|w| policy::stats::parse_quantity(w, 6).unwrap())
}

#[tokio::test]
async fn the_chain_pages_and_the_statistics_by_chain_give_the_same_numbers() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let leader = demo_actor(&app, "leader").await;
        let list = list_chains(&app, &leader, &query(CHIPING, "2022"))
            .await
            .unwrap();
        let stats = crate::stats::output(&app, &leader, &by_chain(CHIPING, 2022))
            .await
            .unwrap();
        assert_eq!(stats.rows.len(), list.items.len());
        assert_eq!(
            fen(list.total.output_wan_yuan.as_deref()),
            fen(stats.total_wan_yuan.as_deref())
        );
        assert_eq!(list.total.yoy_pct, stats.yoy_pct);
        for item in &list.items {
            let row = stats.rows.iter().find(|r| r.key == item.code).unwrap();
            let f = &item.figures;
            assert_eq!(
                fen(f.output_wan_yuan.as_deref()),
                fen(row.total_wan_yuan.as_deref()),
                "{}",
                item.name
            );
            assert_eq!(
                fen(f.target_wan_yuan.as_deref()),
                fen(row.target.as_deref()),
                "{}",
                item.name
            );
            assert_eq!(f.yoy_pct, row.yoy_pct, "{}", item.name);
            assert_eq!(f.completion_pct, row.completion_pct, "{}", item.name);
            assert_eq!(f.above_target, Some(true), "{} above its target", item.name);
            // The chain page: the same figures, and its months add up to the year.
            let d = get_chain(&app, &leader, item.id, Some("2022"))
                .await
                .unwrap();
            assert_eq!(&d.figures, f);
            assert_eq!(d.months.len(), 12);
            let months: Vec<Option<i64>> = d
                .months
                .iter()
                .map(|m| fen(m.output_wan_yuan.as_deref()))
                .collect();
            let from_stats: Vec<Option<i64>> = row
                .months
                .iter()
                .map(|m| Some(fen(Some(m)).unwrap()).filter(|v| *v != 0))
                .collect();
            assert_eq!(months, from_stats, "{}", item.name);
            let sum: i64 = months.iter().flatten().sum();
            assert_eq!(
                Some(sum),
                fen(f.output_wan_yuan.as_deref()),
                "{}",
                item.name
            );
            let last: i64 = d
                .months
                .iter()
                .filter_map(|m| fen(m.last_year_wan_yuan.as_deref()))
                .sum();
            assert_eq!(
                Some(last),
                fen(f.last_year_output_wan_yuan.as_deref()),
                "{}",
                item.name
            );
        }
        // A month of the chain's figures moves both the same way.
        let first = &list.items[0];
        let d = get_chain(&app, &leader, first.id, Some("2022"))
            .await
            .unwrap();
        let uscc = d
            .map
            .segments
            .iter()
            .flat_map(|s| &s.nodes)
            .flat_map(|n| &n.enterprises)
            .find(|e| e.local && e.output_wan_yuan.is_some())
            .unwrap()
            .uscc
            .clone();
        let admin = demo_actor(&app, "admin").await;
        crate::stats::record_figures(
            &app,
            &admin,
            &crate::RequestMeta::cli("test"),
            vec![crate::stats::FigureInput {
                uscc,
                indicator: "output".into(),
                year: 2022,
                month: 12,
                value: "1".into(),
            }],
            true,
        )
        .await
        .unwrap();
        let after = get_chain(&app, &leader, first.id, Some("2022"))
            .await
            .unwrap();
        let stats = crate::stats::output(&app, &leader, &by_chain(CHIPING, 2022))
            .await
            .unwrap();
        let row = stats.rows.iter().find(|r| r.key == first.code).unwrap();
        assert_ne!(after.figures.output_wan_yuan, d.figures.output_wan_yuan);
        assert_eq!(
            fen(after.figures.output_wan_yuan.as_deref()),
            fen(row.total_wan_yuan.as_deref())
        );
    })
    .await;
}

#[tokio::test]
async fn the_chain_page_sets_its_target_as_a_statistics_target_checked_and_audited() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let office = demo_actor(&app, "chain").await;
        let m = crate::RequestMeta::cli("test");
        let list = list_chains(&app, &office, &query(CHIPING, "2022"))
            .await
            .unwrap();
        let c = &list.items[0];
        let form = |year: i32, value: &str| TargetForm {
            year,
            target_wan_yuan: value.into(),
        };
        // Bad input is named field by field and writes nothing.
        for (year, value, field) in [
            (1999, "100", "year"),
            (2023, "", "target_wan_yuan"),
            (2023, "abc", "target_wan_yuan"),
            (2023, "-5", "target_wan_yuan"),
            (2023, "1.0000001", "target_wan_yuan"),
        ] {
            let r = set_chain_target(&app, &office, &m, c.id, form(year, value)).await;
            assert!(
                matches!(&r, Err(AppError::Invalid(e)) if e.iter().any(|f| f.field == field)),
                "{year} {value:?}: {r:?}"
            );
        }
        let leader = demo_actor(&app, "leader").await;
        assert!(matches!(
            set_chain_target(&app, &leader, &m, c.id, form(2023, "100")).await,
            Err(AppError::Forbidden(_))
        ));
        let yanggu = demo_actor(&app, "county.yanggu").await;
        assert!(matches!(
            set_chain_target(&app, &yanggu, &m, c.id, form(2023, "100")).await,
            Err(AppError::NotFound)
        ));
        let before = crate::stats::list_targets(&app, &leader, 2023)
            .await
            .unwrap();
        assert!(!before.iter().any(|t| t.kind == "chain" && t.key == c.code));
        set_chain_target(&app, &office, &m, c.id, form(2023, "1,234.5"))
            .await
            .unwrap();
        let after = crate::stats::list_targets(&app, &leader, 2023)
            .await
            .unwrap();
        let t = after
            .iter()
            .find(|t| t.kind == "chain" && t.key == c.code)
            .unwrap();
        assert_eq!(fen(Some(&t.value)), fen(Some("1234.5")));
        assert_eq!(t.region_code, CHIPING);
        let l = list_chains(&app, &office, &query(CHIPING, "2023"))
            .await
            .unwrap();
        let item = l.items.iter().find(|i| i.id == c.id).unwrap();
        assert_eq!(
            fen(item.figures.target_wan_yuan.as_deref()),
            fen(Some("1234.5"))
        );
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        let audited = store::entity::audit_log::Entity::find()
            .filter(store::entity::audit_log::Column::EntityType.eq("stats_target"))
            .filter(
                store::entity::audit_log::Column::EntityId
                    .eq(format!("chain/{}/2023/output", c.code)),
            )
            .count(app.db().conn())
            .await
            .unwrap();
        assert_eq!(audited, 1, "one audit entry, none for the refused forms");
    })
    .await;
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
        // Growth and every chain's figures are the statistics aggregate's (`group_by=chain`).
        let stats = crate::stats::output(&app, &leader, &by_chain(CHIPING, 2022))
            .await
            .unwrap();
        assert_eq!(list.total.yoy_pct, stats.yoy_pct);
        assert!(list.total.yoy_pct.unwrap() > 0.0);
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
            "no enterprise with figures sits on two chains"
        );
        // Of the district's 11 provincial single champions / 专精特新 / gazelles, 8 are on
        // the chains; the national little giant is on one too.
        let summary = |code: &str| {
            let s = list.titles.iter().find(|t| t.code == code).unwrap();
            (s.in_region, s.on_chains)
        };
        assert_eq!(summary("provincial_quality"), (11, 8));
        assert_eq!(summary("little_giant"), (1, 1));
        assert_eq!(list.total.titled_enterprise_count, 9);
        assert_eq!(list.figure_source, "stats_output");
        // Without a year, the latest year in which the chains' enterprises have monthly
        // figures, with the same figures as when that year is asked for.
        let plain = ChainListQuery {
            region: Some(CHIPING.into()),
            year: None,
        };
        let latest = list_chains(&app, &leader, &plain).await.unwrap();
        assert_eq!(Some(latest.year), latest_figure_year(&app, &list).await);
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
