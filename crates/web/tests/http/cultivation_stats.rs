//! Cultivation pages over HTTP: the statistics table with its links and export, the
//! self-assessment card beside the evidence for the county reviewer (and the refusal of
//! someone else's assessment), and the unconfirmed defaults of a rule set.

use crate::common::on_each_backend;
use crate::support::{get, send_json};
use reqwest::Method;
use serde_json::{Value, json};

const FOUNDRY: &str = "91371581MA3C0F0019";

#[tokio::test]
async fn the_statistics_page_links_each_figure_to_its_records() {
    on_each_backend(async |app| {
        let (leader, _) = app.login("leader").await;
        let page = get(app, &leader, "/cultivation/stats?year=2022").await;
        assert_eq!(page.status, 200);
        // Links as written in the page, whichever way the template escapes `&`.
        let html = page.text().replace("&#38;", "&amp;");
        assert!(html.contains("梯度培育统计") && html.contains("阳谷县"));
        let pool = "/cultivation/pools?region=371521&amp;track=specialized&amp;year=2022&amp;list=pool";
        assert!(html.contains(&format!("href=\"{pool}\" class=\"fig-pool\">100<")), "pool 100 links its list");
        let applied = "/cultivation/applications?region=371521&amp;track=specialized&amp;year=2022&amp;applied=1";
        assert!(html.contains(&format!("href=\"{applied}\" class=\"fig-applied\">27<")));
        assert!(html.contains(">96.3%<"));
        // The records behind the figures, through the same filters.
        let listed = get(app, &leader, &pool.replace("&amp;", "&")).await;
        assert_eq!(listed.status, 200);
        let api = get(
            app,
            &leader,
            "/api/v1/cultivation/applications?region=371521&track=specialized&year=2022&applied=true&limit=100",
        )
        .await
        .json();
        assert_eq!(api["items"].as_array().unwrap().len(), 27);
        let recognised = get(
            app,
            &leader,
            "/api/v1/cultivation/applications?region=371521&track=specialized&year=2022&state=recognised&limit=100",
        )
        .await
        .json();
        assert_eq!(recognised["items"].as_array().unwrap().len(), 26);
        let pools = get(
            app,
            &leader,
            "/api/v1/cultivation/pools?region=371521&track=specialized&year=2022&list=pool&limit=500",
        )
        .await
        .json();
        assert_eq!(pools["items"].as_array().unwrap().len(), 100);
        // The table over the API agrees with the single figures.
        let table = get(app, &leader, "/api/v1/cultivation/stats/table?year=2022").await.json();
        let row = table["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["region_code"] == "371521" && r["track"] == "specialized")
            .cloned()
            .unwrap();
        let one: Value = get(app, &leader, "/api/v1/cultivation/stats?region=371521&year=2022&tier=specialized")
            .await
            .json();
        for k in ["pool", "reserve", "applied", "recognised", "success_rate_pct"] {
            assert_eq!(row[k], one[k], "{k}");
        }
        // The export, and a bad year answered in Chinese.
        let x = get(app, &leader, "/cultivation/stats/export.xlsx?year=2022").await;
        assert_eq!(x.status, 200);
        assert!(x.header("content-type").contains("spreadsheetml"));
        let bad = get(app, &leader, "/cultivation/stats?year=abcd").await;
        assert_eq!(bad.status, 422);
        assert!(bad.text().contains("四位年份"));
        // A county's table holds its own rows only.
        let (shenxian, _) = app.login("county.shenxian").await;
        let t = get(app, &shenxian, "/api/v1/cultivation/stats/table").await.json();
        assert!(t["rows"].as_array().unwrap().iter().all(|r| r["region_code"] == "371522"));
    })
    .await;
}

#[tokio::test]
async fn the_county_reviewer_sees_the_self_assessment_beside_the_evidence() {
    on_each_backend(async |app| {
        let (me, csrf) = app.login("enterprise").await;
        let body = json!({"uscc": FOUNDRY, "tier": "specialized", "year": 2025});
        let a = send_json(app, &me, Method::POST, "/api/v1/cultivation/assessments", &csrf, &body).await;
        assert_eq!(a.status, 201, "{}", a.text());
        let own = a.json()["id"].as_i64().unwrap();
        // Another county's enterprise's assessment cannot be filed by the foundry.
        let (yanggu, y_csrf) = app.login("county.yanggu").await;
        let other_code = app::cultivation::demo::demo_uscc("371521", 1).unwrap();
        let other = send_json(
            app,
            &yanggu,
            Method::POST,
            "/api/v1/cultivation/assessments",
            &y_csrf,
            &json!({"uscc": other_code, "tier": "specialized", "year": 2025}),
        )
        .await
        .json()["id"]
            .as_i64()
            .unwrap();
        let filed = |assessment: i64| {
            json!({"uscc": FOUNDRY, "track": "specialized", "year": 2026, "assessment_id": assessment,
                "evidence": "2025年度审计报告；发明专利证书 2 项"})
        };
        let refused = send_json(app, &me, Method::POST, "/api/v1/cultivation/applications", &csrf, &filed(other)).await;
        refused.assert_error(422, "invalid", "another enterprise's assessment");
        assert!(refused.text().contains("不属于本企业"), "{}", refused.text());
        let wrong_tier = send_json(
            app,
            &me,
            Method::POST,
            "/api/v1/cultivation/applications",
            &csrf,
            &json!({"uscc": FOUNDRY, "track": "innovative", "year": 2026, "assessment_id": own}),
        )
        .await;
        wrong_tier.assert_error(422, "invalid", "an assessment of another tier");
        let created = send_json(app, &me, Method::POST, "/api/v1/cultivation/applications", &csrf, &filed(own)).await;
        assert_eq!(created.status, 201, "{}", created.text());
        let id = created.json()["id"].as_i64().unwrap();
        // The county reviewer's page: the evidence and the whole card side by side.
        let (linqing, _) = app.login("county.linqing").await;
        let page = get(app, &linqing, &format!("/cultivation/applications/{id}")).await;
        assert_eq!(page.status, 200);
        let html = page.text();
        assert!(html.contains("id=\"review-material\""));
        assert!(html.contains("发明专利证书 2 项"), "the evidence");
        assert!(html.contains("id=\"assessment-card\""), "the card");
        for part in ["id=\"conditions\"", "id=\"categories\"", "id=\"indicators\"", "id=\"score\""] {
            assert!(html.contains(part), "card lacks {part}");
        }
        assert!(html.contains("2.6%") && html.contains("≥3%"), "R&D value and threshold");
        let api = get(app, &linqing, &format!("/api/v1/cultivation/applications/{id}")).await.json();
        assert_eq!(api["assessment"]["id"], own);
        assert_eq!(api["assessment"]["tier"], "specialized");
        // Direct routes are shown exactly when the rule set has them (the 2026 专精特新
        // measures, threshold-based, have none).
        let routes = api["assessment"]["direct_routes"].as_array().map_or(0, Vec::len);
        assert_eq!(html.contains("id=\"direct-routes\""), routes > 0, "{routes} routes");
    })
    .await;
}

#[tokio::test]
async fn a_rule_set_page_marks_its_unconfirmed_facts_as_editable_defaults() {
    on_each_backend(async |app| {
        let (admin, _) = app.login("admin").await;
        let sets = get(app, &admin, "/api/v1/cultivation/rule-sets")
            .await
            .json();
        let id = sets
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["code"] == "little_giant-2026-2")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let html = get(app, &admin, &format!("/cultivation/rule-sets/{id}"))
            .await
            .text();
        assert!(html.contains("id=\"unconfirmed\""));
        assert!(html.contains("待确认的默认值"));
        assert!(html.contains("工信厅企业函〔2026〕117号"));
        assert!(
            html.contains("id=\"re-review-award-set\""),
            "re-reviews keep the 2022 set"
        );
    })
    .await;
}
