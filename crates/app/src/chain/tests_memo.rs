//! The chain pages remember what they read until the next write (`super::memo`): a second
//! read gives the same answer, and each kind of write (a map link, a title, a figure) shows
//! in the very next read, while permission and scope are still checked per request.

use super::demo::{CHAINS, CHIPING};
use super::*;
use crate::test_support::{demo_actor, on_each_demo, raw};
use crate::{AppError, RequestMeta};
use std::collections::HashSet;

fn query(year: &str) -> ChainListQuery {
    ChainListQuery {
        region: Some(CHIPING.into()),
        year: Some(year.into()),
    }
}

/// A figure in 万元 as fen.
fn fen(wan: Option<&str>) -> i64 {
    wan.map_or(0, |w| policy::stats::parse_quantity(w, 6).unwrap())
}

fn item<'a>(l: &'a ChainListView, code: &str) -> &'a ChainSummaryView {
    l.items.iter().find(|c| c.code == code).unwrap()
}

fn on_map(d: &ChainDetail) -> impl Iterator<Item = &NodeEnterpriseView> {
    d.map
        .segments
        .iter()
        .flat_map(|s| s.nodes.iter())
        .flat_map(|n| n.enterprises.iter())
}

#[tokio::test]
async fn a_remembered_chain_shows_a_new_link_title_and_figure_in_the_next_read() {
    on_each_demo(|app| async move {
        let leader = demo_actor(&app, "leader").await;
        let office = demo_actor(&app, "chain").await;
        let county = demo_actor(&app, "county.chiping").await;
        let m = RequestMeta::cli("test");
        let first = list_chains(&app, &leader, &query("2022")).await.unwrap();
        let again = list_chains(&app, &leader, &query("2022")).await.unwrap();
        assert_eq!(
            serde_json::to_value(&first).unwrap(),
            serde_json::to_value(&again).unwrap(),
            "nothing written: the same answer"
        );
        let (a, b) = (item(&first, CHAINS[0].code), item(&first, CHAINS[1].code));
        let da = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        let db = get_chain(&app, &leader, b.id, Some("2022")).await.unwrap();
        let on_a: HashSet<&str> = on_map(&da).map(|e| e.uscc.as_str()).collect();
        let newcomer = on_map(&db)
            .find(|e| {
                e.local && !e.titled && e.output_wan_yuan.is_some() && !on_a.contains(&*e.uscc)
            })
            .expect("a local untitled firm of chain B with output, not on chain A")
            .clone();
        let node = da.map.segments[0].nodes[0].id;

        // A link: the firm counts on chain A at once, with its output.
        attach_enterprise(
            &app,
            &office,
            &m,
            a.id,
            node,
            AttachForm {
                enterprise_uscc: newcomer.uscc.clone(),
                role: "supplier".into(),
                note: String::new(),
            },
        )
        .await
        .unwrap();
        let linked = list_chains(&app, &leader, &query("2022")).await.unwrap();
        let la = item(&linked, CHAINS[0].code);
        assert_eq!(la.figures.enterprise_count, a.figures.enterprise_count + 1);
        assert_eq!(
            fen(la.figures.output_wan_yuan.as_deref()),
            fen(a.figures.output_wan_yuan.as_deref()) + fen(newcomer.output_wan_yuan.as_deref()),
            "its output is added"
        );
        let d = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        assert!(on_map(&d).any(|e| e.uscc == newcomer.uscc), "on the map");

        // A title: it becomes a titled firm of the chain.
        crate::enterprise::add_honor(
            &app,
            &county,
            &m,
            &raw(&[
                ("uscc", &newcomer.uscc),
                ("title", "专精特新中小企业"),
                ("level", "省级"),
                ("year", "2022"),
                ("valid_from", "2022-01-01"),
                ("valid_to", "2025-12-31"),
            ]),
        )
        .await
        .unwrap();
        let titled = list_chains(&app, &leader, &query("2022")).await.unwrap();
        assert_eq!(
            item(&titled, CHAINS[0].code)
                .figures
                .titled_enterprise_count,
            la.figures.titled_enterprise_count + 1
        );
        let d = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        let shown = on_map(&d).find(|e| e.uscc == newcomer.uscc).unwrap();
        assert!(shown.titled && !shown.titles.is_empty(), "{shown:?}");

        // A figure: December 2022 raised by 1000 万元.
        let old = {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            use store::entity::stats_figure;
            stats_figure::Entity::find()
                .filter(stats_figure::Column::Uscc.eq(newcomer.uscc.as_str()))
                .filter(stats_figure::Column::Indicator.eq("output"))
                .filter(stats_figure::Column::Year.eq(2022))
                .filter(stats_figure::Column::Month.eq(12))
                .one(app.db().conn())
                .await
                .unwrap()
                .map_or(0, |f| f.value)
        };
        let raised = i128::from(old) + 1_000_000_000;
        crate::stats::record_figures(
            &app,
            &county,
            &m,
            vec![crate::stats::FigureInput {
                uscc: newcomer.uscc.clone(),
                indicator: "output".into(),
                year: 2022,
                month: 12,
                value: policy::stats::format_quantity(raised, 6, 6),
            }],
            true,
        )
        .await
        .unwrap();
        let figured = list_chains(&app, &leader, &query("2022")).await.unwrap();
        assert_eq!(
            fen(item(&figured, CHAINS[0].code)
                .figures
                .output_wan_yuan
                .as_deref()),
            fen(la.figures.output_wan_yuan.as_deref()) + 1_000_000_000,
            "1000 万元 more"
        );
        let d = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        let shown = on_map(&d).find(|e| e.uscc == newcomer.uscc).unwrap();
        assert_eq!(
            fen(shown.output_wan_yuan.as_deref()),
            fen(newcomer.output_wan_yuan.as_deref()) + 1_000_000_000
        );

        // Remembered data is not a pass: another county's reader is still refused.
        let other = demo_actor(&app, "county.yanggu").await;
        assert!(matches!(
            get_chain(&app, &other, a.id, Some("2022")).await,
            Err(AppError::NotFound)
        ));
        let theirs = list_chains(&app, &other, &query("2022")).await.unwrap();
        assert!(theirs.items.is_empty(), "no chain of 茌平区 for 阳谷县");
    })
    .await;
}
