//! The reports against the dashboards' own figures, on the demo.

use super::doc::{Block, Cell};
use super::*;
use crate::stats::demo::{CHIPING, YANGGU};
use crate::stats::{OutputQuery, dashboard, output};
use crate::test_support::{demo_actor, demo_app};
use store::testing::on_each_backend;

fn rq(region: &str, year: &str, month: Option<&str>) -> ReportQuery {
    ReportQuery {
        region: Some(region.into()),
        year: Some(year.into()),
        month: month.map(str::to_string),
        format: None,
    }
}

fn invalid_field(e: AppError) -> (String, String) {
    match e {
        AppError::Invalid(v) => (v[0].field.clone(), v[0].key.clone()),
        other => panic!("expected invalid, got {other:?}"),
    }
}

#[tokio::test]
async fn the_county_annual_report_carries_the_dashboards_figures() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let leader = demo_actor(&app, "leader").await;
        let r = county_annual(&app, &leader, &rq(CHIPING, "2022", None))
            .await
            .unwrap();
        let q = OutputQuery {
            region: Some(CHIPING.into()),
            year: Some(2022),
            ..Default::default()
        };
        let dash = dashboard(&app, &leader, &q).await.unwrap();
        let s = r.summary();
        assert_eq!(s.total_wan_yuan, dash.cards[0].view.total_wan_yuan);
        assert_eq!(s.yoy_pct, dash.cards[0].view.yoy_pct);
        assert_eq!(s.completion_pct, dash.cards[0].view.completion_pct);
        assert_eq!(
            r.cards.len(),
            dash.cards.len(),
            "one row per indicator card"
        );
        let ind: Vec<_> = r.by_industry.rows.iter().map(|x| &x.total).collect();
        let dind: Vec<_> = dash.by_industry.rows.iter().map(|x| &x.total).collect();
        assert_eq!(ind, dind);
        assert!(r.top.items.len() as u64 <= TOP_ENTERPRISES && !r.top.items.is_empty());
        let vals: Vec<f64> = r
            .top
            .items
            .iter()
            .map(|i| i.value.as_deref().unwrap_or("0").parse().unwrap())
            .collect();
        assert!(vals.windows(2).all(|w| w[0] >= w[1]), "largest first");

        let doc = r.document();
        assert!(doc.title.contains("2022") && doc.title.contains(&s.region_name));
        let Block::Table(cards) = &doc.sections[0].blocks[0] else {
            panic!("the cards table first")
        };
        let wan: f64 = s.total_wan_yuan.as_deref().unwrap().parse().unwrap();
        assert_eq!(
            cards.rows[0][2],
            Cell::Num(wan, 2),
            "the output figure in 万元"
        );
        assert_eq!(cards.rows[0][4], Cell::Pct(s.yoy_pct, 1));
        assert!(doc.sections[0].text[0].contains(s.total_yi_yuan.as_deref().unwrap()));
        let charts = doc
            .sections
            .iter()
            .flat_map(|x| &x.blocks)
            .filter(|b| matches!(b, Block::Chart(c) if c.svg.starts_with("<svg")))
            .count();
        assert!(charts >= 2, "trend and industries at least");
        let sheets: std::collections::HashSet<_> = doc
            .sections
            .iter()
            .flat_map(|x| &x.blocks)
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.sheet.clone()),
                _ => None,
            })
            .collect();
        let tables = doc
            .sections
            .iter()
            .flat_map(|x| &x.blocks)
            .filter(|b| matches!(b, Block::Table(_)))
            .count();
        assert_eq!(sheets.len(), tables, "sheet names are unique");
    })
    .await;
}

#[tokio::test]
async fn the_city_monthly_report_carries_month_and_year_to_date_by_county() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let leader = demo_actor(&app, "leader").await;
        let r = city_monthly(&app, &leader, &rq("371500", "2022", Some("3")))
            .await
            .unwrap();
        let by = |period: &str| OutputQuery {
            region: Some("371500".into()),
            year: Some(2022),
            month: Some(3),
            period: Some(period.into()),
            group_by: Some("county".into()),
            ..Default::default()
        };
        let month = output(&app, &leader, &by("month")).await.unwrap();
        let ytd = output(&app, &leader, &by("ytd")).await.unwrap();
        assert_eq!(r.month_by_county.total, month.total);
        assert_eq!(r.ytd_by_county.total, ytd.total);
        assert_eq!(r.ytd_by_county.yoy_pct, ytd.yoy_pct);
        assert_eq!(r.month_cards.len(), r.ytd_cards.len());
        for a in r.alerts.iter().filter(|a| a.level != "reporting") {
            if a.indicator_name == ytd.indicator_name {
                assert!(
                    ytd.rows
                        .iter()
                        .any(|x| x.key == a.region && x.alert == a.level),
                    "an alert of the default indicator is the by-county row's colour: {a:?}"
                );
            }
            assert!(matches!(a.level.as_str(), "warning" | "alert"), "{a:?}");
        }
        let flagged = ytd
            .rows
            .iter()
            .filter(|x| x.alert == "warning" || x.alert == "alert")
            .count();
        let listed = r
            .alerts
            .iter()
            .filter(|a| a.indicator_name == ytd.indicator_name && a.level != "reporting")
            .count();
        assert_eq!(flagged, listed, "every county below a line is listed");
        let doc = r.document();
        assert!(doc.title.contains("2022年3月"), "{}", doc.title);
        let chiping = ytd.rows.iter().find(|x| x.key == CHIPING).unwrap();
        let Block::Table(counties) = doc.sections[1]
            .blocks
            .iter()
            .find(|b| matches!(b, Block::Table(_)))
            .unwrap()
        else {
            unreachable!()
        };
        let row = counties
            .rows
            .iter()
            .find(|row| row[0] == Cell::text(&chiping.name))
            .unwrap();
        let wan: f64 = chiping.total_wan_yuan.as_deref().unwrap().parse().unwrap();
        assert_eq!(row[3], Cell::Num(wan, 2));
    })
    .await;
}

#[tokio::test]
async fn bad_report_parameters_are_named_and_scope_is_kept() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let leader = demo_actor(&app, "leader").await;
        let cases = [
            (rq(CHIPING, "二〇二二", None), ("year", "stats.year_range")),
            (rq(CHIPING, "1800", None), ("year", "stats.year_range")),
            (rq("999999", "2022", None), ("region", "region.unknown")),
        ];
        for (q, (field, key)) in cases {
            let e = county_annual(&app, &leader, &q).await.unwrap_err();
            assert_eq!(invalid_field(e), (field.into(), key.into()), "{q:?}");
        }
        let city_cases = [
            (
                rq("371500", "2022", None),
                ("month", "report.month_required"),
            ),
            (
                rq("371500", "2022", Some("13")),
                ("month", "stats.month_range"),
            ),
        ];
        for (q, (field, key)) in city_cases {
            let e = city_monthly(&app, &leader, &q).await.unwrap_err();
            assert_eq!(invalid_field(e), (field.into(), key.into()), "{q:?}");
        }
        let fmt = ReportQuery {
            format: Some("docx".into()),
            ..Default::default()
        };
        assert_eq!(
            invalid_field(fmt.format().unwrap_err()),
            ("format".into(), "report.format_unknown".into())
        );
        let county = demo_actor(&app, "county.yanggu").await;
        assert!(matches!(
            county_annual(&app, &county, &rq(CHIPING, "2022", None)).await,
            Err(AppError::NotFound)
        ));
        let own = county_annual(&app, &county, &rq(YANGGU, "2022", None))
            .await
            .unwrap();
        assert!(
            own.top
                .items
                .iter()
                .all(|i| i.region_code.starts_with(YANGGU))
        );
    })
    .await;
}

#[tokio::test]
async fn the_county_annual_report_draws_the_map_of_each_of_its_chains() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let leader = demo_actor(&app, "leader").await;
        let r = county_annual(&app, &leader, &rq(CHIPING, "2022", None))
            .await
            .unwrap();
        let rows: std::collections::BTreeSet<&str> = r
            .by_chain
            .as_ref()
            .expect("茌平区 has chains")
            .rows
            .iter()
            .map(|x| x.name.as_str())
            .collect();
        let maps: std::collections::BTreeSet<&str> =
            r.chain_maps.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(maps, rows, "one map for each chain of the figures table");
        for demo in crate::chain::demo::CHAINS {
            let m = r
                .chain_maps
                .iter()
                .find(|m| m.code == demo.code)
                .unwrap_or_else(|| panic!("a map of {}", demo.name));
            assert!(m.svg.starts_with("<svg") && m.title.contains(demo.name));
            for (_, _, _, _, node) in demo.nodes.iter().filter(|n| n.1.is_empty()) {
                assert!(m.svg.contains(node), "{}: {node} is drawn", demo.name);
            }
        }
        let doc = r.document();
        let chains = doc
            .sections
            .iter()
            .find(|s| s.heading.contains("产业链"))
            .unwrap();
        for m in &r.chain_maps {
            assert!(
                chains
                    .blocks
                    .iter()
                    .any(|b| matches!(b, Block::Chart(c) if c.svg == m.svg && c.title == m.title)),
                "the map of {} is in the chains section",
                m.name
            );
        }
        assert!(
            chains.text.iter().any(|t| t.contains("短板")),
            "the legend in words"
        );
    })
    .await;
}
