//! Cultivation over HTTP: the demo's figures (`seed-facts.md` §2) computed by the statistics
//! API from the records, and the workflow through the API.

use crate::common::on_each_backend;
use serde_json::{Value, json};

#[tokio::test]
async fn the_statistics_api_reproduces_the_seed_figures() {
    on_each_backend(async |app| {
        let (c, _) = app.login("leader").await;
        let get = async |region: &str, tier: &str| -> Value {
            let res = c
                .get(app.url(&format!(
                    "/api/v1/cultivation/stats?region={region}&year=2022&tier={tier}"
                )))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{region} {tier}");
            res.json().await.unwrap()
        };
        // 阳谷县 2022: 100 in the 专精特新 pool, 27 applied, 26 recognised (96%).
        let s = get("371521", "specialized").await;
        assert_eq!(s["pool"], 100);
        assert_eq!(s["applied"], 27);
        assert_eq!(s["recognised"], 26);
        assert_eq!(s["success_rate_pct"], json!(96.3));
        assert_eq!(s["success_rate_pct"].as_f64().unwrap().round(), 96.0);
        // In reserve: 2 小巨人, 45 专精特新, 4 技术创新示范, 6 瞪羚.
        assert_eq!(s["reserve"], 45);
        for (tier, n) in [
            ("little_giant", 2),
            ("tech_innovation_demo", 4),
            ("gazelle", 6),
        ] {
            assert_eq!(
                get("371521", tier).await["reserve"],
                n,
                "阳谷 reserve {tier}"
            );
        }
        // 茌平区 2022.
        for (tier, recognised) in [
            ("little_giant", 1),
            ("specialized", 8),
            ("single_champion", 3),
        ] {
            let s = get("371503", tier).await;
            assert_eq!(s["recognised"], recognised, "茌平 {tier}");
            assert_eq!(s["honors"], recognised, "茌平 {tier} honors");
        }
        let ht = get("371503", "high_tech").await;
        assert_eq!(
            (ht["applied"].clone(), ht["campaigns"].clone()),
            (json!(28), json!(3))
        );
        assert_eq!(get("371503", "green_factory").await["honors"], 3);
        assert_eq!(get("371503", "tech_center").await["honors"], 2);
        // 临清市 2022's titles.
        for (tier, n) in [
            ("tech_sme", 107),
            ("high_tech", 33),
            ("key_little_giant", 1),
            ("little_giant", 2),
            ("specialized", 18),
            ("innovative", 56),
            ("gazelle", 3),
            ("single_champion", 4),
            ("design_center", 6),
            ("key_lab", 4),
            ("innovation_center", 2),
        ] {
            assert_eq!(get("371581", tier).await["honors"], n, "临清 {tier}");
        }
        // The city is the sum of its counties; a bad tier is named.
        assert_eq!(get("371500", "specialized").await["recognised"], 34);
        let bad = c
            .get(app.url("/api/v1/cultivation/stats?region=371521&year=2022&tier=bogus"))
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), 422);
        let body: Value = bad.json().await.unwrap();
        assert_eq!(body["error"]["details"][0]["field"], "track");
    })
    .await;
}

#[tokio::test]
async fn an_application_goes_through_county_and_city_over_the_api() {
    on_each_backend(async |app| {
        let (ent, ent_csrf) = app.login("enterprise").await;
        let (county, county_csrf) = app.login("county.linqing").await;
        let (city, city_csrf) = app.login("admin").await;
        let created: Value = ent
            .post(app.url("/api/v1/cultivation/applications"))
            .header("x-csrf-token", &ent_csrf)
            .json(&json!({"uscc": "91371581MA3C0F0019", "track": "specialized", "year": 2026, "evidence": "审计报告"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = created["id"].as_i64().unwrap();
        let act = async |c: &reqwest::Client, csrf: &str, body: Value| -> (u16, Value) {
            let res = c
                .post(app.url(&format!("/api/v1/cultivation/applications/{id}/actions")))
                .header("x-csrf-token", csrf)
                .json(&body)
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.json().await.unwrap())
        };
        let (s, b) = act(&ent, &ent_csrf, json!({"action": "submit"})).await;
        assert_eq!(s, 422, "no pledges: {b}");
        let pledged = json!({"action": "submit", "pledge_truthful": true, "pledge_compliant": true});
        assert_eq!(act(&ent, &ent_csrf, pledged.clone()).await.1["state"], "submitted");
        let (s, _) = act(&county, &county_csrf, json!({"action": "county_return"})).await;
        assert_eq!(s, 422, "a return needs a reason");
        let (_, b) = act(&county, &county_csrf, json!({"action": "county_return", "comment": "缺少审计报告"})).await;
        assert_eq!(b["state"], "draft");
        assert_eq!(act(&ent, &ent_csrf, pledged).await.1["state"], "submitted");
        assert_eq!(act(&county, &county_csrf, json!({"action": "county_pass"})).await.1["state"], "county_passed");
        let (s, _) = act(&county, &county_csrf, json!({"action": "city_pass"})).await;
        assert_eq!(s, 403, "the county cannot pass for the city");
        let (_, b) = act(&city, &city_csrf, json!({"action": "city_pass", "comment": "同意推荐"})).await;
        assert_eq!(b["state"], "city_passed");
        let events: Vec<&str> = b["events"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(events, ["submit", "county_return", "submit", "county_pass", "city_pass"]);
        assert_eq!(b["events"][1]["comment"], "缺少审计报告");
    })
    .await;
}
