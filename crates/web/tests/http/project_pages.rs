//! Project pages over HTTP: the key-project list with its totals, a project's record with
//! the plan-against-investment chart and the progress form (refusals in Chinese, values kept),
//! the attraction page with a review, the land page, and the seed-facts rows of §4.

use crate::common::on_each_backend;
use crate::support::{get, post_form};
use serde_json::{Value, json};

#[tokio::test]
async fn the_project_pages_show_the_figures_the_api_computes() {
    on_each_backend(async |app| {
        let (leader, _) = app.login("leader").await;
        let stats = get(
            app,
            &leader,
            "/api/v1/projects/stats?region=371581&year=2022",
        )
        .await
        .json();
        let page = get(app, &leader, "/projects?region=371581&year=2022").await;
        assert_eq!(page.status, 200);
        let html = page.text();
        assert!(html.contains(r#"id="total-count">56<"#), "the count");
        // The page shows the API's exact 万元 with separators.
        let invested = stats["invested_wan_yuan"].as_str().unwrap();
        let (int, frac) = invested.split_once('.').unwrap();
        let grouped: Vec<String> = int
            .as_bytes()
            .rchunks(3)
            .rev()
            .map(|c| String::from_utf8(c.to_vec()).unwrap())
            .collect();
        assert!(
            html.contains(&format!("{}.{frac}", grouped.join(","))),
            "invested"
        );
        assert!(html.contains("158.42%"));
        // Filters narrow the list: province-level projects only.
        let prov = get(
            app,
            &leader,
            "/projects?region=371581&year=2022&level=province",
        )
        .await;
        let cell = |level: &str| format!(r#"data-label="项目级别">{level}<"#);
        assert!(prov.text().contains(&cell("省级")), "province rows");
        assert!(!prov.text().contains(&cell("县级")), "no county rows");
        // A bad year is named on the page, not a 500.
        let bad = get(app, &leader, "/projects?year=1800").await;
        assert_eq!(bad.status, 422);
        assert!(bad.text().contains("年份"));
        let rec = get(app, &leader, "/projects/1").await;
        assert_eq!(rec.status, 200);
        assert!(rec.text().contains(r#"id="project-chart""#), "the chart");
        assert!(
            !rec.text().contains(r#"id="progress-form""#),
            "the leader only reads"
        );
        let inv = get(app, &leader, "/investment?region=371581&year=2022").await;
        assert!(inv.text().contains(r#"id="signed-count">39<"#));
        let land = get(app, &leader, "/land?region=371581&year=2022").await;
        assert!(
            land.text().contains(r#"id="land-disposed">1211.00<"#),
            "{}",
            land.text()
        );
        assert!(land.text().contains(r#"id="digital-5g">800<"#));
        // The seed-facts page computes §4 through the same use cases.
        let seeds = get(app, &leader, "/api/v1/stats/seed-facts").await.json();
        let sec4: Vec<&Value> = seeds
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["section"] == json!("§4"))
            .collect();
        assert_eq!(sec4.len(), 14);
        assert!(sec4.iter().all(|r| r["matches"] == json!(true)), "{sec4:?}");
        let html = get(app, &leader, "/stats/seed-facts").await.text();
        assert!(html.contains("158.42%") && html.contains("771.62亩"));
    })
    .await;
}

#[tokio::test]
async fn the_progress_form_records_a_month_and_refuses_bad_input_in_chinese() {
    on_each_backend(async |app| {
        let (county, csrf) = app.login("county.linqing").await;
        let before = get(app, &county, "/api/v1/projects/1").await.json();
        let a = post_form(
            app,
            &county,
            "/projects/1/progress",
            Some(&csrf),
            &[
                ("year", "2022"),
                ("month", "13"),
                ("invested_wan_yuan", "88.5"),
            ],
        )
        .await;
        assert_eq!(a.status, 422);
        let html = a.text();
        assert!(
            html.contains("月份应在 1 至 12 之间"),
            "the reason in Chinese"
        );
        assert!(html.contains(r#"value="88.5""#), "the value is kept");
        assert_eq!(get(app, &county, "/api/v1/projects/1").await.json(), before);
        let a = post_form(
            app,
            &county,
            "/projects/1/progress",
            Some(&csrf),
            &[
                ("year", "2023"),
                ("month", "1"),
                ("invested_wan_yuan", "88.5"),
            ],
        )
        .await;
        assert_eq!(a.status, 303, "{}", a.text());
        let after = get(app, &county, "/api/v1/projects/1").await.json();
        assert!(
            after["progress"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["year"] == json!(2023) && m["invested_wan_yuan"] == json!("88.50")),
            "{after}"
        );
        // The city approves a county's report from the attraction page.
        let (admin, admin_csrf) = app.login("admin").await;
        let pending = get(
            app,
            &admin,
            "/api/v1/investment/targets?pending=true&limit=1",
        )
        .await
        .json();
        let id = pending["items"][0]["id"]
            .as_i64()
            .expect("a pending report in the demo");
        let page = get(app, &admin, &format!("/investment/{id}")).await;
        assert!(page.text().contains(r#"id="review-form""#));
        let a = post_form(
            app,
            &admin,
            &format!("/investment/{id}/review"),
            Some(&admin_csrf),
            &[("decision", "return")],
        )
        .await;
        assert_eq!(a.status, 422, "returning needs a reason");
        let a = post_form(
            app,
            &admin,
            &format!("/investment/{id}/review"),
            Some(&admin_csrf),
            &[("decision", "approve"), ("comment", "同意")],
        )
        .await;
        assert_eq!(a.status, 303, "{}", a.text());
        let t = get(app, &admin, &format!("/api/v1/investment/targets/{id}"))
            .await
            .json();
        assert!(t["pending_stage"].is_null(), "{t}");
    })
    .await;
}
