//! Files of a competition project and of a challenge application over HTTP: the team uploads
//! through the API and the page, the readers download the same bytes with the recognised
//! type, a stranger gets 404, a refused file is named in Chinese.

use crate::common::{TestApp, on_each_backend};
use crate::support::{Answer, get, has_chinese, send_json};
use app::Actor;
use reqwest::Method;
use serde_json::json;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";

/// A multipart upload of `bytes` as field `file`; the CSRF token in the header for the API,
/// in the query string for a page.
async fn upload(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
    csrf: &str,
    name: &str,
    bytes: &[u8],
) -> Answer {
    let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string());
    let form = reqwest::multipart::Form::new().part("file", part);
    let req = if path.starts_with("/api/") {
        c.post(app.url(path)).header("x-csrf-token", csrf)
    } else {
        c.post(app.url(&format!("{path}?_csrf={csrf}")))
    };
    Answer::of(req.multipart(form).send().await.expect("upload")).await
}

async fn download(app: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String, Vec<u8>) {
    let res = c.get(app.url(path)).send().await.expect("download");
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (status, kind, res.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn a_project_file_is_uploaded_by_its_team_and_downloaded_by_the_organiser() {
    on_each_backend(async |app: &TestApp| {
        let (admin, admin_csrf) = app.login("admin").await;
        let today = app::innovation::today();
        let c = send_json(app, &admin, Method::POST, "/api/v1/innovation/competitions", &admin_csrf,
            &json!({"title": "附件接口测试大赛", "year": 2026, "organisers": "市科技局", "region_code": "371500",
                "registration_opens": today.to_string(),
                "registration_closes": (today + chrono::Days::new(5)).to_string()})).await;
        assert_eq!(c.status, 201, "{}", c.text());
        let cid = c.json()["id"].as_i64().unwrap();
        let (team, csrf) = app.login("research").await;
        let p = send_json(app, &team, Method::POST, &format!("/api/v1/innovation/competitions/{cid}/projects"), &csrf,
            &json!({"track": "startup_project", "title": "视觉检测", "team_name": "接口团队", "employer": "接口学院",
                "members": [{"name": "甲", "role": "负责人", "employer": "接口学院"}],
                "description": "在线检测", "stage": "idea"})).await;
        assert_eq!(p.status, 201, "{}", p.text());
        let pid = p.json()["id"].as_i64().unwrap();
        let files = format!("/api/v1/innovation/projects/{pid}/files");
        let up = upload(app, &team, &files, &csrf, "商业计划书.pdf", PDF).await;
        assert_eq!(up.status, 201, "{}", up.text());
        let fid = up.json()["id"].as_i64().unwrap();
        assert_eq!(up.json()["content_type"], json!("application/pdf"));
        // A text file named .pdf is refused by its content, in Chinese, and not kept.
        let bad = upload(app, &team, &files, &csrf, "伪装.pdf", b"hello").await;
        bad.assert_error(422, "invalid", "a text file named .pdf");
        assert!(has_chinese(&bad.text()), "{}", bad.text());
        let listed = get(app, &team, &files).await;
        assert_eq!(listed.json().as_array().unwrap().len(), 1, "{}", listed.text());
        // The organiser downloads the same bytes; another team and a county get 404.
        let (status, kind, bytes) = download(app, &admin, &format!("/api/v1/innovation/project-files/{fid}")).await;
        assert_eq!((status, kind.as_str(), bytes.as_slice()), (200, "application/pdf", PDF));
        let (other, _) = app.login("research2").await;
        assert_eq!(download(app, &other, &format!("/api/v1/innovation/project-files/{fid}")).await.0, 404);
        let (county, _) = app.login("county.yanggu").await;
        get(app, &county, &files).await.assert_error(404, "not_found", "a county");
        // The project's page lists the file and offers the team the form; its upload comes back
        // to the page, and a refused one is named on it.
        let page = get(app, &team, &format!("/innovation/projects/{pid}")).await;
        assert_eq!(page.status, 200);
        assert!(page.text().contains("商业计划书.pdf") && page.text().contains(&format!("id=\"upload-project-{pid}\"")));
        let r = upload(app, &team, &format!("/innovation/projects/{pid}/files"), &csrf, "路演.pdf", PDF).await;
        assert_eq!(r.status, 303, "{}", r.text());
        let r = upload(app, &team, &format!("/innovation/projects/{pid}/files"), &csrf, "空.pdf", b"").await;
        assert_eq!(r.status, 422);
        assert!(r.text().contains("文件为空"), "{}", r.text());
        let page = get(app, &other, &format!("/innovation/projects/{pid}")).await;
        assert!(page.status == 200 && !page.text().contains("商业计划书.pdf"));
    })
    .await;
}

#[tokio::test]
async fn a_plan_file_is_uploaded_by_the_team_and_downloaded_by_the_posting_enterprise() {
    on_each_backend(async |app: &TestApp| {
        let system = Actor::system("test");
        let meta = app::RequestMeta::cli("test");
        let foundry = "91371581MA3C0F0019";
        let today = app::innovation::today();
        let form = app::innovation::NewChallengeForm {
            title: "附件揭榜测试".into(),
            problem: "砂眼".into(),
            indicators: "检出率 95%".into(),
            acceptance: "第三方检测".into(),
            budget_wan_yuan: "50".into(),
            fields: "铸造".into(),
            deadline: today.checked_add_days(chrono::Days::new(20)),
            period_months: Some(6),
            enterprise_uscc: Some(foundry.into()),
            milestones: [
                ("signing", 0, "15"),
                ("mid_term", 3, "15"),
                ("final", 6, "20"),
            ]
            .into_iter()
            .map(|(kind, month, amount)| app::innovation::MilestoneForm {
                kind: kind.into(),
                title: "节点".into(),
                target: "按指标".into(),
                due_month: Some(month),
                amount_wan_yuan: amount.into(),
            })
            .collect(),
            submit: true,
            ..Default::default()
        };
        let c = app::innovation::post_challenge(&app.app, &system, &meta, form)
            .await
            .unwrap();
        let publish = app::innovation::ChallengeActionForm {
            action: "publish".into(),
            ..Default::default()
        };
        app::innovation::act_on_challenge(&app.app, &system, &meta, c.id, publish)
            .await
            .unwrap();
        let (team, csrf) = app.login("research").await;
        let v = send_json(
            app,
            &team,
            Method::POST,
            &format!("/api/v1/innovation/challenges/{}/applications", c.id),
            &csrf,
            &json!({"plan": "视觉检测方案"}),
        )
        .await;
        assert!(v.status < 300, "{}", v.text());
        let aid = v.json()["applications"][0]["id"].as_i64().unwrap();
        let up = upload(
            app,
            &team,
            &format!("/api/v1/innovation/applications/{aid}/files"),
            &csrf,
            "揭榜方案.pdf",
            PDF,
        )
        .await;
        assert_eq!(up.status, 201, "{}", up.text());
        let fid = up.json()["id"].as_i64().unwrap();
        // The posting enterprise reads the plan file; another team does not find it.
        let (ent, _) = app.login("enterprise").await;
        let (status, kind, bytes) = download(
            app,
            &ent,
            &format!("/api/v1/innovation/application-files/{fid}"),
        )
        .await;
        assert_eq!(
            (status, kind.as_str(), bytes.as_slice()),
            (200, "application/pdf", PDF)
        );
        let (other, other_csrf) = app.login("research2").await;
        assert_eq!(
            download(
                app,
                &other,
                &format!("/api/v1/innovation/application-files/{fid}")
            )
            .await
            .0,
            404
        );
        let r = upload(
            app,
            &other,
            &format!("/api/v1/innovation/applications/{aid}/files"),
            &other_csrf,
            "x.pdf",
            PDF,
        )
        .await;
        r.assert_error(404, "not_found", "another team");
        // The challenge page shows the team its file with the upload form.
        let page = get(app, &team, &format!("/innovation/challenges/{}", c.id)).await;
        assert!(
            page.text().contains("揭榜方案.pdf")
                && page
                    .text()
                    .contains(&format!("/api/v1/innovation/application-files/{fid}"))
        );
        assert!(
            page.text().contains(&format!("id=\"upload-{aid}\"")),
            "the team may still add"
        );
    })
    .await;
}
