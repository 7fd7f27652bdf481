//! Projects, investment and land over HTTP: every figure of `seed-facts.md` §4 (临清市 2022)
//! through the API the pages read, the counties' scope, permissions, writes that move the
//! figures, and bad input refused in Chinese with nothing changed.

use crate::common::{TestApp, on_each_backend};
use crate::support::{get, has_chinese, send_json};
use reqwest::Method;
use serde_json::{Value, json};

const LINQING: &str = "371581";

async fn read(app: &TestApp, c: &reqwest::Client, path: &str) -> Value {
    let a = get(app, c, path).await;
    assert_eq!(a.status, 200, "{path}: {}", a.text());
    a.json()
}

/// A 万元 figure of the API (exact text) as the newspaper's 亿元 with `decimals`.
fn yi(v: &Value, decimals: usize) -> String {
    let wan: f64 = v.as_str().expect("an exact amount").parse().unwrap();
    format!("{:.*}", decimals, wan / 10_000.0)
}

/// An area (亩, exact text) as a number.
fn mu(v: &Value) -> f64 {
    v.as_str().expect("an area").parse().unwrap()
}

/// The field names of a 422 answer, each with a Chinese message.
fn fields(a: &crate::support::Answer) -> Vec<String> {
    a.assert_error(422, "invalid", "bad input");
    a.json()["error"]["details"]
        .as_array()
        .expect("field details")
        .iter()
        .map(|d| {
            let m = d["message"].as_str().unwrap_or_default();
            assert!(has_chinese(m), "a Chinese message for {d}");
            d["field"].as_str().unwrap_or_default().to_string()
        })
        .collect()
}

#[tokio::test]
async fn the_seed_facts_of_linqing_come_out_of_the_projects_api() {
    on_each_backend(async |app| {
        let (leader, _) = app.login("leader").await;
        let q = format!("region={LINQING}&year=2022");
        // 56 key projects, 107.2亿元 invested = 158.42% of the year's plan.
        let p = read(app, &leader, &format!("/api/v1/projects/stats?{q}")).await;
        assert_eq!(p["count"], json!(56));
        assert_eq!(yi(&p["invested_wan_yuan"], 1), "107.2");
        assert_eq!(p["completion_pct"], json!(158.42));
        let invested: f64 = p["invested_wan_yuan"].as_str().unwrap().parse().unwrap();
        let planned: f64 = p["planned_wan_yuan"].as_str().unwrap().parse().unwrap();
        assert_eq!(format!("{:.2}", invested / planned * 100.0), "158.42");
        // The list holds the same 56 with the three levels, and its rows add up.
        let mut rows = Vec::new();
        let mut cursor = String::new();
        loop {
            let page = read(
                app,
                &leader,
                &format!("/api/v1/projects?{q}&limit=20&cursor={cursor}"),
            )
            .await;
            rows.extend(page["items"].as_array().unwrap().iter().cloned());
            match page["next_cursor"].as_str() {
                Some(c) => cursor = c.to_string(),
                None => break,
            }
        }
        assert_eq!(rows.len(), 56);
        for level in ["province", "city", "county"] {
            assert!(rows.iter().any(|r| r["level"] == json!(level)), "{level}");
        }
        // 39 newly signed attraction projects of 1亿元 or more: 179.9亿元 planned, about 42亿元
        // in place.
        let inv = read(
            app,
            &leader,
            &format!("/api/v1/investment/stats?{q}&min_wan_yuan=10000"),
        )
        .await;
        assert_eq!(inv["signed_count"], json!(39));
        assert_eq!(yi(&inv["planned_wan_yuan"], 1), "179.9");
        assert_eq!(yi(&inv["in_place_wan_yuan"], 0), "42");
        // Without the 1亿元 line the smaller signed projects count too.
        let all = read(app, &leader, &format!("/api/v1/investment/stats?{q}")).await;
        assert!(all["signed_count"].as_u64().unwrap() > 39, "{all}");
        // Land: 1,211 亩 disposed of, 13,148 亩 surveyed, 771.62 亩 entered.
        let land = read(app, &leader, &format!("/api/v1/land/stats?{q}")).await;
        assert_eq!(mu(&land["disposed_mu"]), 1211.0);
        assert_eq!(mu(&land["inefficient_surveyed_mu"]), 13148.0);
        assert_eq!(mu(&land["inefficient_entered_mu"]), 771.62);
        // Over 20 million yuan of support funds.
        let funds = read(app, &leader, &format!("/api/v1/support-funds/stats?{q}")).await;
        let paid: f64 = funds["total_wan_yuan"].as_str().unwrap().parse().unwrap();
        assert!(paid > 2000.0, "{funds}");
        let by_programme: f64 = funds["by_programme"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["total_wan_yuan"]
                    .as_str()
                    .unwrap()
                    .parse::<f64>()
                    .unwrap()
            })
            .sum();
        assert!((by_programme - paid).abs() < 0.005, "programmes add up");
        // Digital: 800 5G base stations, 202 on the cloud, 2 两化融合, 1 DCMM.
        let d = read(app, &leader, &format!("/api/v1/digital/stats?{q}")).await;
        assert_eq!(d["base_stations_5g"], json!(800));
        assert_eq!(d["cloud_enterprises"], json!(202));
        assert_eq!(d["integration_certified"], json!(2));
        assert_eq!(d["dcmm_certified"], json!(1));
        // 临清市's own administrator gets the same figures without naming the region.
        let (linqing, _) = app.login("county.linqing").await;
        let own = read(app, &linqing, "/api/v1/projects/stats?year=2022").await;
        assert_eq!(own["invested_wan_yuan"], p["invested_wan_yuan"]);
        assert_eq!(own["count"], p["count"]);
    })
    .await;
}

#[tokio::test]
async fn a_county_sees_only_its_own_projects_and_an_enterprise_only_its_own() {
    on_each_backend(async |app| {
        let (yanggu, _) = app.login("county.yanggu").await;
        let list = read(app, &yanggu, "/api/v1/projects?year=2022&limit=500").await;
        let items = list["items"].as_array().unwrap();
        assert!(!items.is_empty(), "阳谷县 has projects of its own");
        assert!(
            items
                .iter()
                .all(|r| r["region_code"].as_str().unwrap().starts_with("371521")),
            "{list}"
        );
        // 临清市's figures are not 阳谷县's to read: nothing of them comes through.
        let a = get(
            app,
            &yanggu,
            &format!("/api/v1/projects/stats?region={LINQING}&year=2022"),
        )
        .await;
        if a.status == 200 {
            assert_eq!(a.json()["count"], json!(0), "{}", a.text());
        } else {
            assert_eq!(a.status, 403, "{}", a.text());
        }
        let (leader, _) = app.login("leader").await;
        let linqing = read(
            app,
            &leader,
            &format!("/api/v1/projects?region={LINQING}&year=2022&limit=3"),
        )
        .await;
        let first = linqing["items"][0]["id"].as_i64().unwrap();
        get(app, &yanggu, &format!("/api/v1/projects/{first}"))
            .await
            .assert_error(404, "not_found", "another county's project");
        let targets = read(
            app,
            &leader,
            &format!("/api/v1/investment/targets?region={LINQING}&limit=1"),
        )
        .await;
        let target = targets["items"][0]["id"].as_i64().unwrap();
        get(
            app,
            &yanggu,
            &format!("/api/v1/investment/targets/{target}"),
        )
        .await
        .assert_error(404, "not_found", "another county's attraction project");
        // The demo's foundry builds two key projects: its account sees them and no other.
        let (ent, _) = app.login("enterprise").await;
        let mine = read(app, &ent, "/api/v1/projects?limit=500").await;
        let mine = mine["items"].as_array().unwrap();
        assert!(!mine.is_empty());
        let foundry = mine[0]["enterprise_uscc"].clone();
        assert!(mine.iter().all(|r| r["enterprise_uscc"] == foundry));
        let other = rows_not_of(app, &leader, &foundry).await;
        get(app, &ent, &format!("/api/v1/projects/{other}"))
            .await
            .assert_error(404, "not_found", "another enterprise's project");
    })
    .await;
}

/// A 临清 project of another enterprise than `uscc`.
async fn rows_not_of(app: &TestApp, c: &reqwest::Client, uscc: &Value) -> i64 {
    let page = read(
        app,
        c,
        &format!("/api/v1/projects?region={LINQING}&year=2022&limit=10"),
    )
    .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["enterprise_uscc"] != *uscc && !r["enterprise_uscc"].is_null())
        .and_then(|r| r["id"].as_i64())
        .expect("a project of another enterprise")
}

#[tokio::test]
async fn readers_may_not_write_and_roles_without_projects_may_not_read() {
    on_each_backend(async |app| {
        let (leader, csrf) = app.login("leader").await;
        let page = read(
            app,
            &leader,
            &format!("/api/v1/projects?region={LINQING}&limit=1"),
        )
        .await;
        let id = page["items"][0]["id"].as_i64().unwrap();
        send_json(
            app,
            &leader,
            Method::POST,
            &format!("/api/v1/projects/{id}/progress"),
            &csrf,
            &json!({"year": 2022, "month": 12, "invested_wan_yuan": "1"}),
        )
        .await
        .assert_error(403, "forbidden", "the leader reads only");
        let (expert, _) = app.login("expert").await;
        get(app, &expert, "/api/v1/projects/stats?year=2022")
            .await
            .assert_error(403, "forbidden", "experts do not see projects");
        // A county reports attraction projects but does not review them.
        let (county, csrf) = app.login("county.linqing").await;
        send_json(
            app,
            &county,
            Method::POST,
            "/api/v1/investment/reviews",
            &csrf,
            &json!({"ids": [1], "decision": "approve"}),
        )
        .await
        .assert_error(403, "forbidden", "a county does not review");
        let anon = app.client();
        get(app, &anon, "/api/v1/projects/stats")
            .await
            .assert_error(401, "unauthenticated", "anonymous");
    })
    .await;
}

#[tokio::test]
async fn recorded_investment_moves_the_figures_and_bad_input_changes_nothing() {
    on_each_backend(async |app| {
        let (county, csrf) = app.login("county.linqing").await;
        let stats = "/api/v1/projects/stats?year=2022";
        let before = read(app, &county, stats).await;
        // A new county-level project with a plan of 1,000万元 for 2022.
        let a = send_json(
            app,
            &county,
            Method::POST,
            "/api/v1/projects",
            &csrf,
            &json!({"name": "临清测试扩能项目", "level": "county", "region_code": LINQING,
                "industry_code": "C3484", "stage": "planned", "plan_year": 2022,
                "planned_wan_yuan": "1000"}),
        )
        .await;
        assert_eq!(a.status, 201, "{}", a.text());
        let id = a.json()["id"].as_i64().unwrap();
        let path = format!("/api/v1/projects/{id}/progress");
        let a = send_json(
            app,
            &county,
            Method::POST,
            &path,
            &csrf,
            &json!({"year": 2022, "month": 7, "invested_wan_yuan": "250.5"}),
        )
        .await;
        assert_eq!(a.status, 200, "{}", a.text());
        let after = read(app, &county, stats).await;
        assert_eq!(
            after["count"].as_u64(),
            before["count"].as_u64().map(|n| n + 1)
        );
        let wan = |v: &Value, k: &str| v[k].as_str().unwrap().parse::<f64>().unwrap();
        assert!(
            (wan(&after, "invested_wan_yuan") - wan(&before, "invested_wan_yuan") - 250.5).abs()
                < 1e-6
        );
        assert!(
            (wan(&after, "planned_wan_yuan") - wan(&before, "planned_wan_yuan") - 1000.0).abs()
                < 1e-6
        );
        // The record shows the month and 25.05% of the plan.
        let rec = read(app, &county, &format!("/api/v1/projects/{id}")).await;
        assert_eq!(rec["plans"][0]["completion_pct"], json!(25.05));
        assert_eq!(rec["progress"][0]["month"], json!(7));
        // Bad months and amounts: refused, naming the fields, nothing written.
        for (body, field, what) in [
            (
                json!({"year": 2022, "month": 13, "invested_wan_yuan": "5"}),
                "month",
                "month 13",
            ),
            (
                json!({"year": 2022, "month": 8, "invested_wan_yuan": "-5"}),
                "invested_wan_yuan",
                "a negative amount",
            ),
            (
                json!({"year": 2022, "month": 8, "invested_wan_yuan": "五十"}),
                "invested_wan_yuan",
                "not a number",
            ),
            (
                json!({"year": 1800, "month": 8, "invested_wan_yuan": "5"}),
                "year",
                "a year out of range",
            ),
        ] {
            let a = send_json(app, &county, Method::POST, &path, &csrf, &body).await;
            assert!(
                fields(&a).iter().any(|f| f == field),
                "{what}: {}",
                a.text()
            );
        }
        let a = send_json(
            app,
            &county,
            Method::POST,
            "/api/v1/projects",
            &csrf,
            &json!({"name": "", "level": "town", "region_code": LINQING}),
        )
        .await;
        let f = fields(&a);
        assert!(
            f.iter().any(|f| f == "name") && f.iter().any(|f| f == "level"),
            "{f:?}"
        );
        let a = send_json(
            app,
            &county,
            Method::POST,
            &format!("/api/v1/projects/{id}/stage"),
            &csrf,
            &json!({"stage": "finished", "on": "2022-09-01"}),
        )
        .await;
        assert!(fields(&a).iter().any(|f| f == "stage"), "{}", a.text());
        assert_eq!(read(app, &county, stats).await, after, "nothing changed");
        // The project moves on, and a problem becomes a ticket.
        let a = send_json(
            app,
            &county,
            Method::POST,
            &format!("/api/v1/projects/{id}/stage"),
            &csrf,
            &json!({"stage": "under_construction", "on": "2022-07-01"}),
        )
        .await;
        assert_eq!(a.status, 200, "{}", a.text());
        assert_eq!(a.json()["stage"], json!("under_construction"));
        let a = send_json(
            app,
            &county,
            Method::POST,
            &format!("/api/v1/projects/{id}/problems"),
            &csrf,
            &json!({"title": "施工用电接入", "category": "utilities", "description": "需协调供电"}),
        )
        .await;
        // The test project has no enterprise: the problem cannot become a ticket.
        assert_eq!(fields(&a), ["enterprise_uscc"], "{}", a.text());
        // A project of an enterprise: its problem becomes a ticket of that enterprise.
        let page = read(app, &county, "/api/v1/projects?year=2022&limit=5").await;
        let with = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| !r["enterprise_uscc"].is_null())
            .expect("a project of an enterprise");
        let a = send_json(
            app,
            &county,
            Method::POST,
            &format!("/api/v1/projects/{}/problems", with["id"]),
            &csrf,
            &json!({"title": "施工用电接入", "category": "utilities", "description": "需协调供电"}),
        )
        .await;
        assert_eq!(a.status, 201, "{}", a.text());
        let ticket = a.json()["ticket_id"].as_i64().unwrap();
        let t = read(app, &county, &format!("/api/v1/tickets/{ticket}")).await;
        assert_eq!(t["enterprise_uscc"], with["enterprise_uscc"], "{t}");
    })
    .await;
}

#[tokio::test]
async fn an_attraction_project_counts_once_its_signing_is_approved() {
    on_each_backend(async |app| {
        let (county, csrf) = app.login("county.linqing").await;
        let (admin, admin_csrf) = app.login("admin").await;
        let stats =
            format!("/api/v1/investment/stats?region={LINQING}&year=2022&min_wan_yuan=10000");
        let before = read(app, &admin, &stats).await;
        let a = send_json(
            app,
            &county,
            Method::POST,
            "/api/v1/investment/targets",
            &csrf,
            &json!({"name": "测试新材料招商项目", "investor": "测试投资方", "region_code": LINQING,
                "stage": "signed", "stage_on": "2022-10-08", "planned_wan_yuan": "25000",
                "in_place_wan_yuan": "3000"}),
        )
        .await;
        assert_eq!(a.status, 201, "{}", a.text());
        let id = a.json()["id"].as_i64().unwrap();
        // Waiting for review, it does not count yet.
        let pending = read(app, &admin, &stats).await;
        assert_eq!(pending["signed_count"], before["signed_count"]);
        assert_eq!(
            pending["pending_reports"].as_u64(),
            before["pending_reports"].as_u64().map(|n| n + 1)
        );
        // Returning needs a reason; then the city approves.
        let a = send_json(
            app,
            &admin,
            Method::POST,
            "/api/v1/investment/reviews",
            &admin_csrf,
            &json!({"ids": [id], "decision": "return"}),
        )
        .await;
        assert!(!fields(&a).is_empty(), "{}", a.text());
        let a = send_json(
            app,
            &admin,
            Method::POST,
            "/api/v1/investment/reviews",
            &admin_csrf,
            &json!({"ids": [id], "decision": "approve"}),
        )
        .await;
        assert_eq!(a.status, 200, "{}", a.text());
        assert_eq!(a.json()["count"], json!(1));
        let after = read(app, &admin, &stats).await;
        assert_eq!(
            after["signed_count"].as_u64(),
            before["signed_count"].as_u64().map(|n| n + 1)
        );
        let wan = |v: &Value, k: &str| v[k].as_str().unwrap().parse::<f64>().unwrap();
        assert!(
            (wan(&after, "planned_wan_yuan") - wan(&before, "planned_wan_yuan") - 25000.0).abs()
                < 1e-6
        );
        let t = read(app, &county, &format!("/api/v1/investment/targets/{id}")).await;
        assert_eq!(t["stage"], json!("signed"));
        // The county reports the start; a bad stage is refused by name.
        let a = send_json(
            app,
            &county,
            Method::POST,
            &format!("/api/v1/investment/targets/{id}/reports"),
            &csrf,
            &json!({"stage": "negotiating", "stage_on": "2022-11-01"}),
        )
        .await;
        assert_eq!(a.status, 422, "{}", a.text());
        let a = send_json(
            app,
            &county,
            Method::POST,
            &format!("/api/v1/investment/targets/{id}/reports"),
            &csrf,
            &json!({"stage": "started", "stage_on": "2022-11-01"}),
        )
        .await;
        assert_eq!(a.status, 200, "{}", a.text());
        // County targets: the city sets 临清市's, the county reads it with its completion.
        let a = send_json(
            app,
            &admin,
            Method::POST,
            "/api/v1/investment/county-targets",
            &admin_csrf,
            &json!({"region_code": LINQING, "year": 2022, "min_wan_yuan": "10000",
                "signed_count": 35, "planned_wan_yuan": "1500000", "in_place_wan_yuan": "400000"}),
        )
        .await;
        assert_eq!(a.status, 200, "{}", a.text());
        let list = read(app, &county, "/api/v1/investment/county-targets?year=2022").await;
        assert!(
            list.as_array()
                .unwrap()
                .iter()
                .any(|t| t["region_code"] == json!(LINQING)),
            "{list}"
        );
    })
    .await;
}
