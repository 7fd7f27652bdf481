//! Public notices over HTTP: read without signing in, objections through the public form
//! (guarded by the form token and the origin check), handled by the region's reviewers.

use crate::common::{TestApp, on_each_backend};
use crate::support::{Answer, open_notice};

/// The form token the notice page put in its hidden field.
fn form_token(html: &str) -> String {
    let at = html
        .find("name=\"_form\" value=\"")
        .expect("form token field")
        + 20;
    html[at..at + 32].to_string()
}

async fn lodge(app: &TestApp, c: &reqwest::Client, id: i64, token: &str, content: &str) -> Answer {
    let res = c
        .post(app.url(&format!("/notices/{id}/objections")))
        .form(&[
            ("_form", token),
            ("name", "李四"),
            ("contact", "13912345678"),
            ("content", content),
        ])
        .send()
        .await
        .unwrap();
    Answer::of(res).await
}

#[tokio::test]
async fn anyone_reads_a_notice_and_objects_and_the_county_sustains_it() {
    on_each_backend(async |app| {
        let id = open_notice(app, "371521").await;
        let visitor = app.client();
        let list = Answer::of(visitor.get(app.url("/notices")).send().await.unwrap()).await;
        assert_eq!(list.status, 200);
        assert!(list.text().contains("拟认定专精特新中小企业名单公示"));
        let page = Answer::of(
            visitor
                .get(app.url(&format!("/notices/{id}")))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(page.status, 200);
        assert!(page.header("set-cookie").contains("SameSite=Strict"));
        let token = form_token(&page.text());

        // A wrong token, or a cross-site origin, is refused before anything is stored.
        let forged = lodge(app, &visitor, id, &"0".repeat(32), "伪造的异议内容").await;
        assert_eq!(forged.status, 403, "wrong form token");
        let cross = visitor
            .post(app.url(&format!("/notices/{id}/objections")))
            .header("origin", "http://evil.example")
            .form(&[
                ("_form", token.as_str()),
                ("name", "x"),
                ("contact", "y"),
                ("content", "跨站提交的异议"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(cross.status(), 403, "cross-site origin");
        // Bad input comes back with the field named, in Chinese, values kept.
        let short = lodge(app, &visitor, id, &token, "短").await;
        assert_eq!(short.status, 422);
        assert!(
            short.text().contains("异议内容至少 5 个字"),
            "{}",
            short.text()
        );
        assert!(short.text().contains("13912345678"), "values kept");

        let ok = lodge(
            app,
            &visitor,
            id,
            &token,
            "该企业研发费用归集不实，请核查。",
        )
        .await;
        assert_eq!(ok.status, 303, "{}", ok.text());
        assert_eq!(ok.location(), format!("/notices/{id}?lodged=1"));

        // The county reviewer sees it (contact masked) and sustains it.
        let (county, csrf) = app.login("county.yanggu").await;
        let listed = Answer::of(
            county
                .get(app.url(&format!("/api/v1/notices/{id}/objections")))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(listed.status, 200);
        let o = listed.json()[0].clone();
        assert_eq!(o["contact"], "13*******78");
        let (other, other_csrf) = app.login("county.shenxian").await;
        let refused = other
            .post(app.url(&format!("/api/v1/notice-objections/{}/decision", o["id"])))
            .header("x-csrf-token", other_csrf)
            .json(&serde_json::json!({"sustain": true, "reason": "x"}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            refused.status(),
            404,
            "莘县's reviewer does not reach 阳谷县's notice"
        );
        let decided = county
            .post(app.url(&format!("/api/v1/notice-objections/{}/decision", o["id"])))
            .header("x-csrf-token", &csrf)
            .json(&serde_json::json!({"sustain": true, "reason": "经核实，情况属实"}))
            .send()
            .await
            .unwrap();
        assert_eq!(decided.status(), 200);
        let n: serde_json::Value = visitor
            .get(app.url(&format!("/api/v1/notices/{id}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(n["outcome"], "objected");
        // The page no longer takes objections.
        let after = Answer::of(
            visitor
                .get(app.url(&format!("/notices/{id}")))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert!(!after.text().contains("objection-form"));
        assert!(after.text().contains("异议成立"));
    })
    .await;
}
