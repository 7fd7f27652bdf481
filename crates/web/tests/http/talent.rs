//! Professional titles over HTTP: the whole path to a ballot, and no individual vote anywhere.

use crate::common::{PASSWORD, TestApp, on_each_backend};
use crate::support::{get, send_json};
use reqwest::Method;
use serde_json::{Value, json};

async fn post(app: &TestApp, who: &(reqwest::Client, String), path: &str, body: Value) -> Value {
    let a = send_json(app, &who.0, Method::POST, path, &who.1, &body).await;
    assert!(a.status < 300, "POST {path}: {} {}", a.status, a.text());
    if a.bytes.is_empty() {
        Value::Null
    } else {
        a.json()
    }
}

/// A qualified intermediate application of the foundry; its id.
async fn qualified(app: &TestApp, name: &str, id_number: &str) -> i64 {
    let ent = app.login("enterprise").await;
    let hr = app.login("hrbureau").await;
    let a = post(app, &ent, "/api/v1/talent/applications", json!({
        "person_name": name, "id_number": id_number, "series": "engineering", "specialty": "foundry",
        "level": "intermediate", "education": "doctorate",
    }))
    .await;
    let id = a["id"].as_i64().unwrap();
    post(
        app,
        &ent,
        &format!("/api/v1/talent/applications/{id}/internal-notice"),
        json!({"from": "2026-11-02", "to": "2026-11-06"}),
    )
    .await;
    post(
        app,
        &ent,
        &format!("/api/v1/talent/applications/{id}/send"),
        json!({}),
    )
    .await;
    post(
        app,
        &hr,
        &format!("/api/v1/talent/applications/{id}/qualification"),
        json!({"decision": "pass"}),
    )
    .await;
    id
}

#[tokio::test]
async fn no_api_shows_how_an_expert_voted_only_the_tallies() {
    on_each_backend(async |app| {
        let admin = app.login("admin").await;
        let hr = app.login("hrbureau").await;
        let before = get(app, &hr.0, "/api/v1/talent/stats?region=371500&year=2026").await.json();
        let a = qualified(app, "甲工", "11010519491231002X").await;
        let b = qualified(app, "乙工", "110105194912310046").await;
        for n in 1..=3 {
            post(app, &admin, "/api/v1/users", json!({
                "username": format!("h.expert{n}"), "password": PASSWORD, "role": "expert", "region": "371500", "must_change_password": false,
            })).await;
            post(app, &hr, "/api/v1/talent/experts", json!({
                "username": format!("h.expert{n}"), "name": format!("专家{n}"),
                "series": "engineering", "specialty": "foundry",
            })).await;
        }
        let c = post(app, &hr, "/api/v1/talent/committees", json!({
            "name": "铸造专业中级评审委员会", "series": "engineering", "specialty": "foundry", "org": "specialty",
            "level": "intermediate", "size": 3, "approved_on": "2026-01-01", "expires_on": "2027-12-31",
        })).await;
        let m = post(app, &hr, "/api/v1/talent/meetings", json!({
            "committee_id": c["id"], "held_on": "2026-11-20", "application_ids": [a, b],
        })).await;
        let mid = m["id"].as_i64().unwrap();
        let drawn: Vec<Value> = m["experts"].as_array().unwrap().iter()
            .filter(|e| e["drawn"] == json!(true)).map(|e| e["expert_id"].clone()).collect();
        assert_eq!(drawn.len(), 3);
        // One short of the quorum: the ballot does not open.
        post(app, &hr, &format!("/api/v1/talent/meetings/{mid}/attendance"), json!({"present": [drawn[0]]})).await;
        let refused = send_json(app, &hr.0, Method::POST, &format!("/api/v1/talent/meetings/{mid}/open"), &hr.1, &json!({})).await;
        refused.assert_error(422, "invalid", "quorum");
        assert_eq!(refused.json()["error"]["details"][0]["code"], json!("talent.quorum_not_met"));
        post(app, &hr, &format!("/api/v1/talent/meetings/{mid}/attendance"), json!({"present": drawn})).await;
        post(app, &hr, &format!("/api/v1/talent/meetings/{mid}/open"), json!({})).await;
        let patterns = [["yes", "no"], ["yes", "abstain"], ["no", "yes"]];
        for (n, p) in patterns.iter().enumerate() {
            let e = app.login(&format!("h.expert{}", n + 1)).await;
            let body = json!({"choices": [
                {"application_id": a, "choice": p[0]}, {"application_id": b, "choice": p[1]},
            ]});
            let r = send_json(app, &e.0, Method::POST, &format!("/api/v1/talent/meetings/{mid}/ballot"), &e.1, &body).await;
            assert_eq!(r.status, 204, "{}", r.text());
            let again = send_json(app, &e.0, Method::POST, &format!("/api/v1/talent/meetings/{mid}/ballot"), &e.1, &body).await;
            assert_eq!(again.status, 409, "a second ballot is refused");
        }
        let closed = post(app, &hr, &format!("/api/v1/talent/meetings/{mid}/close"), json!({})).await;
        let cand = |id: i64| closed["candidates"].as_array().unwrap().iter().find(|c| c["application_id"] == json!(id)).unwrap().clone();
        assert_eq!((cand(a)["yes"].clone(), cand(a)["outcome"].clone()), (json!(2), json!("passed")));
        assert_eq!((cand(b)["yes"].clone(), cand(b)["no"].clone(), cand(b)["abstain"].clone()), (json!(1), json!(1), json!(1)));
        // Every reader, every talent read and the audit: no choice tied to anyone.
        let paths = [
            format!("/api/v1/talent/meetings/{mid}"),
            "/api/v1/talent/meetings".to_string(),
            format!("/api/v1/talent/applications/{a}/events"),
            format!("/api/v1/talent/applications/{b}"),
            "/api/v1/talent/applications".to_string(),
            "/api/v1/talent/experts".to_string(),
            "/api/v1/audit?limit=500&entity_type=talent_meeting".to_string(),
            "/api/v1/audit?limit=500".to_string(),
        ];
        for who in ["admin", "hrbureau", "enterprise", "h.expert1", "h.expert2", "h.expert3"] {
            let (c, _) = app.login(who).await;
            for p in &paths {
                let r = get(app, &c, p).await;
                if r.status != 200 {
                    continue;
                }
                let text = r.text();
                assert!(!text.contains("\"choice\""), "{who} {p}: {text}");
                let v = r.json();
                for e in v["experts"].as_array().into_iter().flatten() {
                    let keys: Vec<&String> = e.as_object().unwrap().keys().collect();
                    assert_eq!(keys.len(), 6, "{who} {p}: expert entry {e}");
                    for val in e.as_object().unwrap().values() {
                        assert!(!matches!(val.as_str(), Some("yes" | "no" | "abstain")), "{who} {p}: {e}");
                    }
                }
                for item in v["items"].as_array().into_iter().flatten() {
                    if item["action"] == json!("talent_meeting.vote") {
                        let s = item.to_string();
                        assert!(!s.contains("\"yes\"") && !s.contains("\"no\"") && !s.contains("abstain"), "{s}");
                    }
                }
            }
        }
        // Nor any page: the meeting's expert rows say who voted, never how.
        let pages = [
            format!("/talent/meetings/{mid}"),
            "/talent/meetings".to_string(),
            format!("/talent/applications/{a}"),
            format!("/talent/applications/{b}"),
            "/talent/applications".to_string(),
            "/talent/export.csv".to_string(),
            "/talent/committees".to_string(),
        ];
        let mut seen = 0;
        for who in ["admin", "hrbureau", "enterprise", "h.expert1", "h.expert2", "h.expert3"] {
            let (c, _) = app.login(who).await;
            for p in &pages {
                let r = get(app, &c, p).await;
                if r.status != 200 {
                    continue;
                }
                seen += 1;
                let html = r.text();
                assert!(!html.contains("\"choice\""), "{who} {p}");
                assert!(!html.contains(" checked") || !html.contains("name=\"c"), "{who} {p}: a ballot shown filled");
                for row in html.split("<tr data-expert=").skip(1) {
                    let row = row.split("</tr>").next().unwrap_or_default();
                    for word in ["同意", "不同意", "弃权", ">yes<", ">no<", "abstain"] {
                        assert!(!row.contains(word), "{who} {p}: {row}");
                    }
                }
            }
        }
        assert!(seen >= 10, "the pages were read ({seen})");
        let year = get(app, &hr.0, &format!("/api/v1/talent/applications/{a}")).await.json()["year"].clone();
        let st = get(app, &hr.0, &format!("/api/v1/talent/stats?region=371500&year={year}")).await.json();
        // The demo has applications of the same year: compare with the figures before ours.
        let n = |v: &Value, k: &str| v[k].as_i64().unwrap_or(0);
        for (k, want) in [("applicants", 2), ("recommended", 0), ("passed", 1)] {
            assert_eq!(n(&st, k) - n(&before, k), want, "{k}: {st}");
        }
        assert_eq!(n(&st["by_level"], "intermediate") - n(&before["by_level"], "intermediate"), 2);
        assert_eq!(n(&st["by_level"], "full_senior"), n(&before["by_level"], "full_senior"));
        assert_eq!(n(&st["by_county"]["371581"], "passed") - n(&before["by_county"]["371581"], "passed"), 1, "{st}");
        let minutes = get(app, &hr.0, &format!("/api/v1/talent/meetings/{mid}/minutes.xlsx")).await;
        assert_eq!(minutes.status, 200);
        assert!(minutes.bytes.starts_with(b"PK"));
    })
    .await;
}

#[tokio::test]
async fn the_stats_api_gives_the_demo_citys_applicants_by_level() {
    on_each_backend(async |app| {
        let hr = app.login("hrbureau").await;
        let r = get(
            app,
            &hr.0,
            &format!(
                "/api/v1/talent/stats?region=371500&year={}",
                app::talent::demo::YEAR
            ),
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.text());
        let st = r.json();
        // Only the talent demo records title applications: these figures are its own.
        assert_eq!(st["applicants"], json!(312), "{st}");
        assert_eq!(
            st["by_level"],
            json!({"full_senior": 10, "associate_senior": 45, "intermediate": 209, "junior": 48})
        );
        // Other demos' honors may be valid this year too: at least the surveyed firms.
        assert!(
            st["surveyed"]["specialized"].as_u64().unwrap() >= 402,
            "{st}"
        );
        assert!(
            st["surveyed"]["single_champion"].as_u64().unwrap() >= 30,
            "{st}"
        );
        // The firm of the foundry case sees its own four, the general manager recommended.
        let firm = app.login(app::talent::demo::FIRM_LOGIN).await;
        let mine = get(app, &firm.0, "/api/v1/talent/applications")
            .await
            .json();
        let items = mine
            .as_array()
            .or(mine["items"].as_array())
            .cloned()
            .unwrap_or_default();
        assert_eq!(items.len(), 4, "{mine}");
        let gm = items
            .iter()
            .find(|a| a["person_name"] == json!(app::talent::demo::GM_NAME))
            .unwrap();
        assert_eq!(
            (gm["level"].clone(), gm["route"].clone()),
            (json!("full_senior"), json!("recommendation"))
        );
        assert!(gm["id_number"].as_str().unwrap().contains('*'));
        // Bad input: a clear refusal, never a 500.
        let bad = get(app, &hr.0, "/api/v1/talent/stats?region=abc&year=2026").await;
        assert_eq!(bad.status, 422, "{}", bad.text());
    })
    .await;
}
