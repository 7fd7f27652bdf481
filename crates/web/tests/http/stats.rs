//! Industrial statistics over HTTP: the seed facts through `GET /api/v1/stats/output` (what
//! the dashboards read), figures posted and refused in the user's language, the records
//! behind a figure, and the pages with their charts and tables.

use crate::common::{TestApp, on_each_backend};
use crate::support::{get, has_chinese, send_json};
use reqwest::Method;
use serde_json::{Value, json};

async fn output(app: &TestApp, c: &reqwest::Client, query: &str) -> Value {
    let a = get(app, c, &format!("/api/v1/stats/output?{query}")).await;
    assert_eq!(a.status, 200, "{query}: {}", a.text());
    a.json()
}

/// The seed facts' 亿元 with one decimal, computed here from the exact 万元 string.
fn yi(v: &Value) -> String {
    let wan: f64 = v["total_wan_yuan"].as_str().unwrap().parse().unwrap();
    format!("{:.1}", wan / 10_000.0)
}

#[tokio::test]
async fn the_seed_facts_come_out_of_the_aggregates_api() {
    on_each_backend(async |app| {
        let (leader, _) = app.login("leader").await;
        let chiping = output(app, &leader, "region=371503&year=2022").await;
        assert_eq!(yi(&chiping), "1216.8");
        assert_eq!(chiping["total_yi_yuan"], json!("1216.8"));
        assert_eq!(chiping["yoy_pct"], json!(13.4));
        assert_eq!(chiping["method"]["basis"], json!("comparable"));
        assert!(
            chiping["method"]["text"]
                .as_str()
                .unwrap()
                .contains("可比口径")
        );
        let yanggu = output(app, &leader, "region=371521&year=2022&group_by=group").await;
        assert_eq!(yi(&yanggu), "551.1");
        let rows: Vec<(String, Value)> = yanggu["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["name"].as_str().unwrap().to_string(),
                    r["yoy_pct"].clone(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("光电信息".to_string(), json!(7.8)),
                ("食品加工".to_string(), json!(10.9)),
                ("塑料化工".to_string(), json!(22.6)),
            ]
        );
        // Every row links to the records behind it, and they add up to the row.
        let food = &yanggu["rows"][1];
        let href = food["records_href"].as_str().unwrap();
        let recs = get(app, &leader, href).await.json();
        assert_eq!(recs["total"], food["total"]);
        assert_eq!(recs["count"], json!(5));
        let seeds = get(app, &leader, "/api/v1/stats/seed-facts").await.json();
        let sec1: Vec<&Value> = seeds
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["section"] == json!("§1"))
            .collect();
        assert_eq!(sec1.len(), 8);
        assert!(sec1.iter().all(|r| r["matches"] == json!(true)), "{sec1:?}");
        // The chains' figure opens the district's six chains, not all its enterprises.
        let chains = sec1
            .iter()
            .find(|r| r["seed"] == json!("1044.9亿元"))
            .unwrap();
        let page = get(app, &leader, chains["href"].as_str().unwrap())
            .await
            .text();
        for c in app::chain::demo::CHAINS {
            assert!(page.contains(c.name), "{} listed", c.name);
        }
        // The city by county: nine rows; the English method for an English reader.
        let city = output(
            app,
            &leader,
            "region=371500&year=2022&month=6&group_by=county&lang=en",
        )
        .await;
        assert_eq!(city["rows"].as_array().unwrap().len(), 9);
        assert_eq!(city["period_label"], json!("2022-01~06"));
    })
    .await;
}

#[tokio::test]
async fn figures_posted_by_a_county_are_checked_named_and_counted_at_once() {
    on_each_backend(async |app| {
        let (county, csrf) = app.login("county.yanggu").await;
        let before = output(app, &county, "year=2023&month=1&period=month").await;
        assert_eq!(before["region"], json!("371521"), "a county's own region by default");
        let bad = send_json(app, &county, Method::POST, "/api/v1/stats/figures", &csrf, &json!({
            "figures": [
                {"uscc": "91371521MD3T0A001J", "indicator": "output", "year": 2023, "month": 1, "value": "12.3456789"},
                {"uscc": "91371521MD3T0A001X", "indicator": "output", "year": 2023, "month": 1, "value": "1"},
                {"uscc": "91371503TJ0000001E", "indicator": "output", "year": 2023, "month": 1, "value": "1"},
            ]
        }))
        .await;
        bad.assert_error(422, "invalid", "bad figures");
        let details = bad.json()["error"]["details"].clone();
        let fields: Vec<&str> = details
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["figures[0].value", "figures[1].uscc", "figures[2].uscc"]);
        assert!(has_chinese(details[0]["message"].as_str().unwrap()));
        assert!(details[0]["message"].as_str().unwrap().contains('6'), "names the decimals");
        let ok = send_json(app, &county, Method::POST, "/api/v1/stats/figures", &csrf, &json!({
            "figures": [{"uscc": "91371521MD3T0A001J", "indicator": "output", "year": 2023, "month": 1, "value": "1234.5"}]
        }))
        .await;
        assert_eq!(ok.status, 200, "{}", ok.text());
        assert_eq!(ok.json()["created"], json!(1));
        let after = output(app, &county, "year=2023&month=1&period=month").await;
        assert_eq!(after["total_wan_yuan"], json!("1234.50"));
        assert_eq!(after["reported"], json!(1));
        // Malformed query parameters are a 4xx with the error shape, never a 500.
        for q in ["year=abc", "month=13&year=2022", "group_by=chains&year=2022", "region=37&year=2022"] {
            let a = get(app, &county, &format!("/api/v1/stats/output?{q}")).await;
            assert!((400..500).contains(&a.status), "{q}: {}", a.status);
            assert!(a.json()["error"]["code"].is_string(), "{q}");
        }
        let other = get(app, &county, "/api/v1/stats/output?region=371503&year=2022").await;
        other.assert_error(404, "not_found", "another county");
    })
    .await;
}

#[tokio::test]
async fn the_pages_draw_every_chart_with_its_table_and_the_wall_refreshes_itself() {
    on_each_backend(async |app| {
        let (admin, _) = app.login("admin").await;
        let page = get(app, &admin, "/stats/dashboard?year=2022").await;
        assert_eq!(page.status, 200, "{}", page.text());
        let html = page.text();
        for id in [
            "chart-trend",
            "chart-counties",
            "chart-map",
            "chart-industries",
        ] {
            assert!(html.contains(&format!("id=\"{id}\"")), "{id} drawn");
            assert!(
                html.contains(&format!("id=\"{id}-table\"")),
                "{id} has a table view"
            );
        }
        assert!(
            html.contains("1,216.8") || html.contains("5,151.2"),
            "cards in 亿元"
        );
        let county = get(app, &admin, "/stats/county/371521?year=2022")
            .await
            .text();
        assert!(county.contains("id=\"chart-groups\"") && county.contains("光电信息"));
        assert!(
            !county.contains("id=\"chart-map\""),
            "a county page has no county map"
        );
        let wall = get(app, &admin, "/stats/wall?year=2022").await;
        assert_eq!(wall.status, 200);
        let w = wall.text();
        assert!(w.contains("http-equiv=\"refresh\""));
        assert!(
            !w.contains("class=\"sidebar\""),
            "no navigation on the wall"
        );
        assert!(w.contains("id=\"wall-map\""));
        let records = get(app, &admin, "/stats/records?region=371503&year=2022")
            .await
            .text();
        assert!(
            records.contains("12,168,000.00"),
            "the total of the records"
        );
        let seeds = get(app, &admin, "/stats/seed-facts").await.text();
        assert!(seeds.contains("1216.8亿元") && seeds.contains("✓"));
        assert!(
            !seeds.contains("data-matches=\"false\""),
            "every seed fact reproduced"
        );
        let card = get(app, &admin, "/stats/indicators/output").await.text();
        assert!(card.contains("id=\"card-form\"") && card.contains("工业总产值"));
        let (leader, _) = app.login("leader").await;
        let card = get(app, &leader, "/stats/indicators/output").await.text();
        assert!(
            !card.contains("id=\"card-form\""),
            "a leader reads the card only"
        );
    })
    .await;
}
