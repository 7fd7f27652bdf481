//! Industry chains over HTTP: 茌平区's six chains computed from records, a chain built and
//! patrolled through the API, the drawn map, and bad input answered with the fields named.

use crate::common::{TestApp, on_each_backend};
use crate::support::{get, send_json};
use reqwest::Method;
use serde_json::{Value, json};

async fn post(app: &TestApp, who: &(reqwest::Client, String), path: &str, body: Value) -> Value {
    let a = send_json(app, &who.0, Method::POST, path, &who.1, &body).await;
    assert!(a.status < 300, "POST {path}: {} {}", a.status, a.text());
    a.json()
}

#[tokio::test]
async fn the_chain_list_answers_chipings_six_chains_with_figures_computed_from_records() {
    on_each_backend(async |app| {
        let (leader, _) = app.login("leader").await;
        let a = get(app, &leader, "/api/v1/chains?region=371503&year=2022").await;
        assert_eq!(a.status, 200, "{}", a.text());
        let v = a.json();
        let items = v["items"].as_array().unwrap();
        assert_eq!(items.len(), 6);
        for item in items {
            for field in [
                "id",
                "name",
                "output_wan_yuan",
                "target_wan_yuan",
                "yoy_pct",
                "enterprise_count",
                "titled_enterprise_count",
            ] {
                assert!(!item[field].is_null(), "{field} of {}", item["name"]);
            }
        }
        let names: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
        for n in [
            "新型功能铝产品",
            "汽车交通用铝",
            "生态环保建材",
            "功能玻璃",
            "化工新材料及精细化工",
            "氯碱深加工",
        ] {
            assert!(names.contains(&n), "{n}");
        }
        // 1044.9亿元, above the year's target.
        assert_eq!(v["total"]["output_wan_yuan"], json!("10449000.00"));
        assert_eq!(v["total"]["above_target"], json!(true));
        let summary = v["titles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["code"] == json!("provincial_quality"))
            .unwrap()
            .clone();
        assert_eq!(
            (summary["in_region"].clone(), summary["on_chains"].clone()),
            (json!(11), json!(8))
        );
        // Another county's administrator sees none of them.
        let (yanggu, _) = app.login("county.yanggu").await;
        let a = get(app, &yanggu, "/api/v1/chains?region=371503&year=2022").await;
        assert_eq!(a.json()["items"], json!([]));
        // The page shows the same total.
        let page = get(app, &leader, "/chains?region=371503&year=2022").await;
        assert!(
            page.text().contains("10,449,000.00"),
            "the total on the page"
        );
    })
    .await;
}

#[tokio::test]
async fn the_chain_office_builds_a_chain_over_the_api_and_a_patrol_raises_a_ticket() {
    on_each_backend(async |app| {
        let office = app.login("chain").await;
        let id = post(
            app,
            &office,
            "/api/v1/chains",
            json!({"code": "CP-HTTP", "name": "接口测试链", "region_code": "371503",
                "leaders": [{"role": "chain_leader", "name": "测试链长", "post": "副区长"}]}),
        )
        .await["id"]
            .as_i64()
            .unwrap();
        let node = post(
            app,
            &office,
            &format!("/api/v1/chains/{id}/nodes"),
            json!({"segment": "midstream", "name": "加工环节"}),
        )
        .await["id"]
            .as_i64()
            .unwrap();
        post(
            app,
            &office,
            &format!("/api/v1/chains/{id}/nodes/{node}/enterprises"),
            json!({"enterprise_uscc": "91371503TJ0000001M", "role": "lead"}),
        )
        .await;
        post(
            app,
            &office,
            &format!("/api/v1/chains/{id}/patrols"),
            json!({"kind": "inspection", "patrolled_on": "2026-11-20", "led_by": "链长",
                "enterprises": ["91371503TJ0000001M"],
                "problems": [{"title": "接口测试诉求", "category": "technology", "description": "d",
                    "enterprise_uscc": "91371503TJ0000001M"}]}),
        )
        .await;
        let d = get(app, &office.0, &format!("/api/v1/chains/{id}?year=2022"))
            .await
            .json();
        assert_eq!(d["figures"]["enterprise_count"], json!(1));
        // Its output is the statistics aggregate's by chain, for the chain and the total.
        let by_chain = get(
            app,
            &office.0,
            "/api/v1/stats/output?region=371503&year=2022&group_by=chain",
        )
        .await;
        assert_eq!(by_chain.status, 200, "{}", by_chain.text());
        let s = by_chain.json();
        let row = s["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == json!("CP-HTTP"))
            .unwrap()
            .clone();
        assert!(row["total_wan_yuan"].is_string());
        assert_eq!(d["figures"]["output_wan_yuan"], row["total_wan_yuan"]);
        assert_eq!(d["figures"]["yoy_pct"], row["yoy_pct"]);
        assert_eq!(d["months"].as_array().unwrap().len(), 12);
        let list = get(app, &office.0, "/api/v1/chains?region=371503&year=2022")
            .await
            .json();
        assert_eq!(list["total"]["output_wan_yuan"], s["total_wan_yuan"]);
        assert_eq!(list["total"]["yoy_pct"], s["yoy_pct"]);
        assert_eq!(list["figure_source"], json!("stats_output"));
        assert_eq!(
            d["map"]["segments"][1]["nodes"][0]["enterprises"][0]["role"],
            json!("lead")
        );
        let ticket = d["patrols"][0]["tickets"][0]["id"].as_i64().unwrap();
        assert_eq!(d["lists"]["needs"][0]["ticket_id"], json!(ticket));
        let t = get(app, &office.0, &format!("/api/v1/tickets/{ticket}")).await;
        assert_eq!(t.status, 200, "the office reads the ticket it raised");
        assert_eq!(t.json()["title"], json!("接口测试诉求"));
        // The drawn map.
        let svg = get(
            app,
            &office.0,
            &format!("/api/v1/chains/{id}/map.svg?year=2022"),
        )
        .await;
        assert_eq!(svg.status, 200);
        assert!(svg.header("content-type").starts_with("image/svg+xml"));
        assert!(svg.text().contains("加工环节") && svg.text().starts_with("<svg"));
        // The chain page draws it inline.
        let page = get(app, &office.0, &format!("/chains/{id}?year=2022")).await;
        assert_eq!(page.status, 200);
        assert!(page.text().contains("<svg") && page.text().contains("加工环节"));
        assert!(
            page.text().contains("id=\"chain-trend\"")
                && page.text().contains("id=\"trend-table\""),
            "the monthly trend, drawn and as a table"
        );
    })
    .await;
}

#[tokio::test]
async fn bad_chain_requests_answer_422_naming_the_fields_and_change_nothing() {
    on_each_backend(async |app| {
        let office = app.login("chain").await;
        let a = get(app, &office.0, "/api/v1/chains?year=20x2").await;
        a.assert_error(422, "invalid", "a year that is not a number");
        let a = send_json(
            app,
            &office.0,
            Method::POST,
            "/api/v1/chains",
            &office.1,
            &json!({"code": "铝链", "name": "", "region_code": "999999"}),
        )
        .await;
        a.assert_error(422, "invalid", "a bad chain");
        let fields: Vec<String> = a.json()["error"]["details"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["field"].as_str().unwrap().to_string())
            .collect();
        for f in ["code", "name", "region_code"] {
            assert!(fields.iter().any(|x| x == f), "{f} named in {fields:?}");
        }
        let a = send_json(
            app,
            &office.0,
            Method::POST,
            "/api/v1/chains/1/nodes",
            &office.1,
            &json!({"segment": "sideways", "name": "x"}),
        )
        .await;
        a.assert_error(422, "invalid", "an unknown segment");
        let a = send_json(
            app,
            &office.0,
            Method::POST,
            "/api/v1/chains/1/nodes",
            &office.1,
            &json!({"segment": 5}),
        )
        .await;
        assert_eq!(a.status, 422, "a body of the wrong shape: {}", a.text());
        let a = get(app, &office.0, "/api/v1/chains/abc").await;
        assert!(
            a.status == 400 || a.status == 404,
            "a path that is not an id: {}",
            a.status
        );
        let d = get(app, &office.0, "/api/v1/chains/1").await.json();
        let names: Vec<&str> = d["map"]["segments"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["nodes"].as_array().unwrap())
            .map(|n| n["name"].as_str().unwrap())
            .collect();
        assert!(!names.contains(&"x"), "nothing was added");
    })
    .await;
}
