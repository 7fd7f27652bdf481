//! Cultivation assessments and rule sets through the API and the pages, on both engines.

use crate::common::on_each_backend;
use crate::support::{get, has_chinese, post_form, send_json};
use reqwest::Method;
use serde_json::json;

const FOUNDRY: &str = "91371581MA3C0F0019";

#[tokio::test]
async fn an_enterprise_runs_its_self_assessment_through_the_api() {
    on_each_backend(async |app| {
        let (admin, admin_csrf) = app.login("admin").await;
        let figures = json!({"year": 2025, "revenue_wan_yuan": "12000", "main_revenue_wan_yuan": "9000",
            "rd_expense_wan_yuan": "312", "total_assets_wan_yuan": "10000", "total_liabilities_wan_yuan": "5000",
            "ip_class1": 1, "ip_class2": 3, "staff": 200});
        let path = format!("/api/v1/enterprises/{FOUNDRY}/financials");
        let a = send_json(app, &admin, Method::POST, &path, &admin_csrf, &figures).await;
        assert_eq!(a.status, 200, "{}", a.text());
        let prior = json!({"year": 2024, "revenue_wan_yuan": "11000", "main_revenue_wan_yuan": "8000"});
        send_json(app, &admin, Method::POST, &path, &admin_csrf, &prior).await;

        let (me, csrf) = app.login("enterprise").await;
        let body = json!({"uscc": FOUNDRY, "tier": "innovative", "year": 2025});
        let a = send_json(app, &me, Method::POST, "/api/v1/cultivation/assessments", &csrf, &body).await;
        assert_eq!(a.status, 201, "{}", a.text());
        let v = a.json();
        assert_eq!(v["rule_set"]["code"], "innovative-2026-2");
        // ip 10 + R&D 10; growth 15 (12.5%) + debt 10; field 5 + main share 20 (75%).
        assert_eq!(v["total"], 70);
        assert_eq!(v["qualified"], true);
        assert_eq!(v["categories"].as_array().unwrap().len(), 3);
        assert_eq!(v["categories"][0]["min_required"], 20);
        let rd = v["indicators"].as_array().unwrap().iter().find(|i| i["code"] == "rd_ratio").unwrap();
        assert_eq!(rd["value"], 2.6);
        assert_eq!(rd["points"], 10);
        assert_eq!(rd["max"], 20);
        assert_eq!(rd["gap"]["target"], 3.0);
        assert_eq!(rd["gap"]["lever"]["input"], "rd_expense");
        let amount = rd["gap"]["lever"]["amount"].as_f64().unwrap();
        assert!((amount - 48.0).abs() < 1e-6, "{amount}");
        assert_eq!(v["conditions"][0]["code"], "sme");
        let routes: Vec<&str> = v["direct_routes"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap()).collect();
        assert_eq!(routes, vec!["award", "title", "institution", "financing"]);
        assert!(v["missing"].as_array().unwrap().contains(&json!("award_provincial_3y")));
        let id = v["id"].as_i64().unwrap();
        let again = get(app, &me, &format!("/api/v1/cultivation/assessments/{id}")).await;
        assert_eq!(again.status, 200);
        assert_eq!(again.json()["total"], 70);
        // The record page explains it in Chinese, with the money the R&D gap takes.
        let page = get(app, &me, &format!("/cultivation/assessments/{id}")).await;
        assert_eq!(page.status, 200);
        let html = page.text();
        assert!(html.contains("符合条件"), "verdict");
        assert!(html.contains("约需增加研发费用 48.00万元"), "gap in money");
        assert!(html.contains("研发费用占营业收入比重 2.6%"), "value");
    })
    .await;
}

#[tokio::test]
async fn assessments_stay_in_scope() {
    on_each_backend(async |app| {
        let (me, csrf) = app.login("enterprise").await;
        let other = json!({"uscc": "91371503MA3C0A0029", "tier": "innovative", "year": 2025});
        let a = send_json(
            app,
            &me,
            Method::POST,
            "/api/v1/cultivation/assessments",
            &csrf,
            &other,
        )
        .await;
        a.assert_error(404, "not_found", "another enterprise");
        let (linqing, lq_csrf) = app.login("county.linqing").await;
        // The demo's 7th 临清 enterprise has reported no figures.
        let silent = app::cultivation::demo::demo_uscc("371581", 7).unwrap();
        let own = json!({"uscc": silent, "tier": "gazelle", "year": 2025});
        let a = send_json(
            app,
            &linqing,
            Method::POST,
            "/api/v1/cultivation/assessments",
            &lq_csrf,
            &own,
        )
        .await;
        assert_eq!(a.status, 201, "{}", a.text());
        assert_eq!(
            a.json()["verdict"],
            "undetermined",
            "no figures yet: data needed, not zero"
        );
        let id = a.json()["id"].as_i64().unwrap();
        let (yanggu, _) = app.login("county.yanggu").await;
        get(
            app,
            &yanggu,
            &format!("/api/v1/cultivation/assessments/{id}"),
        )
        .await
        .assert_error(404, "not_found", "another county's assessment");
        let (chain, _) = app.login("chain").await;
        get(
            app,
            &chain,
            &format!("/api/v1/cultivation/assessments/{id}"),
        )
        .await
        .assert_error(403, "forbidden", "no cultivation:assess");
    })
    .await;
}

#[tokio::test]
async fn bad_assessment_requests_answer_422_naming_the_fields() {
    on_each_backend(async |app| {
        let (admin, csrf) = app.login("admin").await;
        let body = json!({"uscc": "123", "tier": "heroic", "year": 1990});
        let a = send_json(
            app,
            &admin,
            Method::POST,
            "/api/v1/cultivation/assessments",
            &csrf,
            &body,
        )
        .await;
        assert_eq!(a.status, 422, "{}", a.text());
        let fields: Vec<String> = a.json()["error"]["details"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["field"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(fields, vec!["uscc", "tier", "year"]);
        assert!(has_chinese(&a.text()));
        let wrong =
            json!({"uscc": FOUNDRY, "tier": "innovative", "year": 2025, "rule_set": "gazelle-sd"});
        let a = send_json(
            app,
            &admin,
            Method::POST,
            "/api/v1/cultivation/assessments",
            &csrf,
            &wrong,
        )
        .await;
        assert_eq!(a.status, 422);
        assert_eq!(a.json()["error"]["details"][0]["field"], "rule_set");
        let missing = send_json(
            app,
            &admin,
            Method::POST,
            "/api/v1/cultivation/assessments",
            &csrf,
            &json!({"tier": 3}),
        )
        .await;
        assert!(
            missing.status == 422 || missing.status == 400,
            "{}",
            missing.status
        );
    })
    .await;
}

#[tokio::test]
async fn an_edited_rule_set_is_refused_with_a_chinese_message_naming_the_place() {
    on_each_backend(async |app| {
        let (admin, csrf) = app.login("admin").await;
        let list = get(app, &admin, "/api/v1/cultivation/rule-sets")
            .await
            .json();
        let id = list
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == "innovative-2026-2")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let a = post_form(
            app,
            &admin,
            &format!("/cultivation/rule-sets/{id}/copy"),
            Some(&csrf),
            &[],
        )
        .await;
        assert_eq!(a.status, 303);
        let draft = a.location();
        let body = get(app, &admin, &format!("/api/v1{}", draft)).await;
        let text = body.json()["body"].as_str().unwrap().to_string();
        let bad = text.replace("{ min = 3, points = 15 }", "{ min = 3, points = 25 }");
        let a = post_form(app, &admin, &draft, Some(&csrf), &[("body", bad.as_str())]).await;
        assert_eq!(a.status, 422);
        let html = a.text();
        let at = html.find("body-error").expect("an error under the field");
        let shown: String = html[at..].chars().take(80).collect();
        assert!(
            shown.contains("indicators[1].measures[0].bands[1]：档位分值超过指标满分"),
            "{shown}"
        );
        let good = text.replace("pass_mark = 60", "pass_mark = 65");
        assert_eq!(
            post_form(app, &admin, &draft, Some(&csrf), &[("body", good.as_str())])
                .await
                .status,
            303
        );
        assert_eq!(
            post_form(app, &admin, &format!("{draft}/publish"), Some(&csrf), &[])
                .await
                .status,
            303
        );
        let v = get(app, &admin, &format!("/api/v1{draft}")).await.json();
        assert_eq!(
            (v["status"].as_str(), v["revision"].as_i64()),
            (Some("published"), Some(2))
        );
    })
    .await;
}

#[tokio::test]
async fn the_radar_lists_who_qualifies_in_scope_and_skips_titles_held() {
    on_each_backend(async |app| {
        let (admin, csrf) = app.login("admin").await;
        let path = format!("/api/v1/enterprises/{FOUNDRY}/financials");
        for (year, revenue, main, rd) in [(2025, "12000", "9000", "312"), (2024, "11000", "8000", "300")] {
            let f = json!({"year": year, "revenue_wan_yuan": revenue, "main_revenue_wan_yuan": main,
                "rd_expense_wan_yuan": rd, "total_assets_wan_yuan": "10000",
                "total_liabilities_wan_yuan": "5000", "ip_class1": 1, "ip_class2": 3, "staff": 200});
            assert_eq!(send_json(app, &admin, Method::POST, &path, &csrf, &f).await.status, 200);
        }
        let url = "/api/v1/cultivation/screening?year=2025&tier=innovative";
        let r = get(app, &admin, url).await;
        assert_eq!(r.status, 200, "{}", r.text());
        let v = r.json();
        let row = v["rows"].as_array().unwrap().iter().find(|r| r["uscc"] == FOUNDRY).expect("the foundry");
        assert_eq!(row["status"], "qualified");
        assert_eq!(row["distance"], 0);
        assert!(v["qualified"].as_u64().unwrap() >= 1);
        // 阳谷县 does not see a 临清 enterprise; 临清 does.
        let (yanggu, _) = app.login("county.yanggu").await;
        let y = get(app, &yanggu, url).await.json();
        assert!(y["rows"].as_array().unwrap().iter().all(|r| r["uscc"] != FOUNDRY));
        let (linqing, _) = app.login("county.linqing").await;
        let l = get(app, &linqing, url).await.json();
        assert!(l["rows"].as_array().unwrap().iter().any(|r| r["uscc"] == FOUNDRY));
        // The specialised tier: one condition short at most, or not listed.
        let s = get(app, &admin, "/api/v1/cultivation/screening?year=2025&tier=specialized").await.json();
        for r in s["rows"].as_array().unwrap() {
            assert!(r["distance"].as_u64().unwrap() <= 1);
        }
        // A valid innovative title takes the tier off the radar for that enterprise.
        let honor = json!({"title": "innovative", "level": "provincial", "year": 2025, "valid_from": "2025-01-01", "valid_to": "2028-12-31"});
        let a = send_json(app, &admin, Method::POST, &format!("/api/v1/enterprises/{FOUNDRY}/honors"), &csrf, &honor).await;
        assert!(a.status == 200 || a.status == 201, "{}", a.text());
        let after = get(app, &admin, url).await.json();
        assert!(after["rows"].as_array().unwrap().iter().all(|r| r["uscc"] != FOUNDRY));
        // Export, and refusals.
        let x = get(app, &admin, "/cultivation/screening/export.xlsx?year=2025").await;
        assert_eq!(x.status, 200);
        assert!(x.header("content-type").contains("spreadsheetml"));
        let (me, _) = app.login("enterprise").await;
        get(app, &me, url).await.assert_error(403, "forbidden", "enterprises do not screen");
        get(app, &admin, "/api/v1/cultivation/screening?tier=heroic").await
            .assert_error(422, "invalid", "unknown tier");
        let page = get(app, &admin, "/cultivation/screening?year=2025").await;
        assert_eq!(page.status, 200);
        assert!(page.text().contains("培育雷达"));
    })
    .await;
}
