//! Innovation over HTTP: the 2022 competition's figures through the stats API, bad input that
//! changes nothing, and the public, anonymous rating of an evaluation meeting.

use crate::common::{TestApp, on_each_backend};
use crate::support::{get, has_chinese, send_json};
use reqwest::Method;
use serde_json::{Value, json};

async fn competition_2022(app: &TestApp, c: &reqwest::Client) -> i64 {
    let list = get(app, c, "/api/v1/innovation/competitions").await;
    assert_eq!(list.status, 200, "{}", list.text());
    list.json()
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["title"] == json!(app::innovation::demo::COMPETITION_2022))
        .and_then(|c| c["id"].as_i64())
        .expect("the 2022 competition")
}

#[tokio::test]
async fn the_2022_competition_figures_come_from_its_records_through_the_stats_api() {
    on_each_backend(async |app| {
        let (leader, _) = app.login("leader").await;
        let id = competition_2022(app, &leader).await;
        let s = get(
            app,
            &leader,
            &format!("/api/v1/innovation/competitions/{id}/stats"),
        )
        .await;
        assert_eq!(s.status, 200, "{}", s.text());
        let s = s.json();
        assert_eq!(s["projects"], json!(144));
        assert_eq!(
            s["by_track"],
            json!({"challenge": 52, "startup_enterprise": 46, "startup_project": 46})
        );
        assert_eq!(s["matched_enterprises"], json!(47));
        assert_eq!(s["agreements"], json!(13));
        assert_eq!(s["negotiated"], json!(8));
        assert_eq!(s["investment_agreements"], json!(3));
        assert_eq!(s["letters_of_intent"], json!(5));
        assert_eq!(s["signed"], json!(8));
        assert_eq!(s["signed_wan_yuan"], json!("95000.00"));
        // The page shows the same figures.
        let page = get(app, &leader, &format!("/innovation/competitions/{id}")).await;
        assert_eq!(page.status, 200);
        assert!(page.text().contains("95000.00") && page.text().contains(">144<"));
        // A role without the context is refused.
        let (chain, _) = app.login("chain").await;
        let r = get(
            app,
            &chain,
            &format!("/api/v1/innovation/competitions/{id}/stats"),
        )
        .await;
        r.assert_error(403, "forbidden", "the chain office");
    })
    .await;
}

#[tokio::test]
async fn bad_input_is_refused_with_a_chinese_message_and_nothing_is_written() {
    on_each_backend(async |app| {
        let (ent, csrf) = app.login("enterprise").await;
        let before = get(app, &ent, "/api/v1/innovation/challenges?status=submitted").await.json();
        let cases: Vec<(&str, Value, &str)> = vec![
            (
                "tranches that do not add up to the budget",
                json!({"title": "t", "problem": "p", "indicators": "i", "acceptance": "a",
                    "budget_wan_yuan": "100", "fields": "铸造", "deadline": "2099-12-31", "period_months": 12,
                    "milestones": [{"kind": "final", "title": "验收", "due_month": 12, "amount_wan_yuan": "99"}]}),
                "milestones",
            ),
            (
                "a budget that is not a number",
                json!({"title": "t", "problem": "p", "indicators": "i", "acceptance": "a",
                    "budget_wan_yuan": "一百", "fields": "铸造", "deadline": "2099-12-31", "period_months": 12,
                    "milestones": [{"kind": "final", "title": "验收", "due_month": 12, "amount_wan_yuan": "100"}]}),
                "budget_wan_yuan",
            ),
            (
                "a deadline in the past",
                json!({"title": "t", "problem": "p", "indicators": "i", "acceptance": "a",
                    "budget_wan_yuan": "100", "fields": "铸造", "deadline": "2020-01-01", "period_months": 12,
                    "milestones": [{"kind": "final", "title": "验收", "due_month": 12, "amount_wan_yuan": "100"}]}),
                "deadline",
            ),
        ];
        for (what, body, field) in cases {
            let a = send_json(app, &ent, Method::POST, "/api/v1/innovation/challenges", &csrf, &body).await;
            assert_eq!(a.status, 422, "{what}: {}", a.text());
            let details = a.json()["error"]["details"].clone();
            let hit = details
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["field"] == json!(field))
                .unwrap_or_else(|| panic!("{what}: {details}"));
            assert!(has_chinese(hit["message"].as_str().unwrap()), "{what}: {hit}");
        }
        let after = get(app, &ent, "/api/v1/innovation/challenges?status=submitted").await.json();
        assert_eq!(before, after, "nothing was posted");
        // A meeting without attendees, and a rating with a made-up code.
        let (admin, admin_csrf) = app.login("admin").await;
        let a = send_json(app, &admin, Method::POST, "/api/v1/meetings", &admin_csrf,
            &json!({"title": "t", "held_on": "2026-11-25", "scale": "grade", "subjects": [{"name": "甲"}], "attendees": 0})).await;
        assert_eq!(a.status, 422, "{}", a.text());
        let a = send_json(app, &app.client(), Method::POST, "/api/v1/rate", "", &json!({"code": "NOPE0000", "ratings": {}})).await;
        a.assert_error(422, "invalid", "a made-up code");
    })
    .await;
}

#[tokio::test]
async fn an_attendee_rates_on_a_phone_without_signing_in_once_only() {
    on_each_backend(async |app| {
        let (admin, csrf) = app.login("admin").await;
        let m = send_json(app, &admin, Method::POST, "/api/v1/meetings", &csrf, &json!({
            "title": "述职评议", "held_on": "2026-11-25", "scale": "score",
            "subjects": [{"name": "甲", "position": "书记"}, {"name": "乙", "position": "书记"}],
            "attendees": 2,
        }))
        .await;
        assert_eq!(m.status, 201, "{}", m.text());
        let m = m.json();
        let code = m["codes"][0].as_str().unwrap().to_string();
        let id = m["meeting"]["id"].as_i64().unwrap();
        let ids: Vec<String> = m["meeting"]["subjects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_i64().unwrap().to_string())
            .collect();
        let phone = app.client();
        let sheet = get(app, &phone, &format!("/api/v1/rate/{code}")).await;
        assert_eq!(sheet.status, 200, "{}", sheet.text());
        assert!(
            sheet.json()["subjects"][0]
                .get("tally")
                .is_none_or(|t| t.is_null())
        );
        let body = json!({"code": code, "ratings": {ids[0].clone(): "90", ids[1].clone(): "70"}});
        let a = send_json(app, &phone, Method::POST, "/api/v1/rate", "", &body).await;
        assert_eq!(a.status, 204, "{}", a.text());
        let again = send_json(app, &phone, Method::POST, "/api/v1/rate", "", &body).await;
        again.assert_error(422, "invalid", "the same code twice");
        // The public page works the same way.
        let page = get(
            app,
            &phone,
            &format!("/rate/{}", m["codes"][1].as_str().unwrap()),
        )
        .await;
        assert_eq!(page.status, 200);
        assert!(page.text().contains("rate-form"));
        let closed = send_json(
            app,
            &admin,
            Method::POST,
            &format!("/api/v1/meetings/{id}/close"),
            &csrf,
            &json!({}),
        )
        .await;
        assert_eq!(closed.status, 200, "{}", closed.text());
        let v = closed.json();
        assert_eq!(v["subjects"][0]["average"], json!("90.00"));
        assert_eq!(v["subjects"][1]["average"], json!("70.00"));
        assert_eq!(v["rated"], json!(1));
    })
    .await;
}
