//! Helpers the HTTP tests share: answers read once, error bodies, direct database steps.

use crate::common::TestApp;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

/// An answer, read in full.
#[derive(Debug)]
pub struct Answer {
    /// Status code.
    pub status: u16,
    /// Headers.
    pub headers: HeaderMap,
    /// The body as bytes.
    pub bytes: Vec<u8>,
}

impl Answer {
    /// Reads a response.
    pub async fn of(res: reqwest::Response) -> Answer {
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.bytes().await.expect("body").to_vec();
        Answer {
            status,
            headers,
            bytes,
        }
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// The body as JSON (panics with the body when it is not).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("not JSON ({e}), status {}: {}", self.status, self.text()))
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    }

    /// Where a redirect points.
    pub fn location(&self) -> String {
        self.header("location")
    }

    /// Asserts the platform's error shape `{"error":{"code","message","details"}}` with `code`.
    pub fn assert_error(&self, status: u16, code: &str, what: &str) {
        assert_eq!(self.status, status, "{what}: status; body {}", self.text());
        let v = self.json();
        let e = &v["error"];
        assert_eq!(e["code"], json!(code), "{what}: code; body {v}");
        assert!(
            e["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{what}: a message; body {v}"
        );
        assert!(
            e.as_object().is_some_and(|o| o.contains_key("details")),
            "{what}: details present; body {v}"
        );
    }
}

/// Whether a text holds Chinese characters.
pub fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Tries to sign in through the API; the answer and the client (with its cookie if any).
pub async fn try_login(app: &TestApp, username: &str, password: &str) -> (Answer, reqwest::Client) {
    let c = app.client();
    let res = c
        .post(app.url("/api/v1/session"))
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .expect("login request");
    (Answer::of(res).await, c)
}

/// The session token of a login answer's `Set-Cookie`.
pub fn session_token(a: &Answer) -> String {
    a.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("sc_session="))
        .and_then(|v| v.split(';').next())
        .expect("session cookie")
        .to_string()
}

/// GET with a client.
pub async fn get(app: &TestApp, c: &reqwest::Client, path: &str) -> Answer {
    Answer::of(c.get(app.url(path)).send().await.expect("GET")).await
}

/// A JSON write with the CSRF header.
pub async fn send_json(
    app: &TestApp,
    c: &reqwest::Client,
    method: reqwest::Method,
    path: &str,
    csrf: &str,
    body: &Value,
) -> Answer {
    let res = c
        .request(method, app.url(path))
        .header("x-csrf-token", csrf)
        .json(body)
        .send()
        .await
        .expect("write");
    Answer::of(res).await
}

/// A form POST; `_csrf` is added when given.
pub async fn post_form(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
    csrf: Option<&str>,
    fields: &[(&str, &str)],
) -> Answer {
    let mut f: Vec<(&str, &str)> = fields.to_vec();
    if let Some(t) = csrf {
        f.push(("_csrf", t));
    }
    let res = c
        .post(app.url(path))
        .form(&f)
        .send()
        .await
        .expect("form post");
    Answer::of(res).await
}

/// The id of a user, read as the city administrator.
pub async fn user_id(app: &TestApp, username: &str) -> i64 {
    let (admin, _) = app.login("admin").await;
    let a = get(
        app,
        &admin,
        &format!("/api/v1/users?q={username}&limit=500"),
    )
    .await;
    assert_eq!(a.status, 200, "user list: {}", a.text());
    a.json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|u| u["username"] == json!(username))
        .and_then(|u| u["id"].as_i64())
        .unwrap_or_else(|| panic!("no user {username}"))
}

/// Creates a user through the API as the city administrator.
pub async fn create_user(app: &TestApp, body: Value) -> Answer {
    let (admin, csrf) = app.login("admin").await;
    send_json(
        app,
        &admin,
        reqwest::Method::POST,
        "/api/v1/users",
        &csrf,
        &body,
    )
    .await
}

/// Raises a notification for a user directly in the database; its id.
pub async fn raise_notification(app: &TestApp, user_id: i64, title: &str) -> i64 {
    let tx = app.app.db().begin_write().await.expect("tx");
    let id = store::notify::raise(
        &tx,
        store::notify::NewNotification {
            user_id,
            kind: "test".into(),
            title: title.into(),
            body: "body".into(),
            link: None,
        },
        chrono::Utc::now(),
    )
    .await
    .expect("raise");
    tx.commit().await.expect("commit");
    id
}

/// Audit entries as the city administrator sees them, filtered by a query string.
pub async fn audit_entries(app: &TestApp, query: &str) -> Vec<Value> {
    let (admin, _) = app.login("admin").await;
    let a = get(app, &admin, &format!("/api/v1/audit?limit=500&{query}")).await;
    assert_eq!(a.status, 200, "audit search {query}: {}", a.text());
    a.json()["items"].as_array().cloned().unwrap_or_default()
}

/// Opens a public notice of five working days from today in `region`; returns its id.
pub async fn open_notice(app: &TestApp, region: &str) -> i64 {
    let tx = app.app.db().begin_write().await.expect("tx");
    let v = app::notice::open_notice(
        &tx,
        &app::Actor::system("test"),
        &app::RequestMeta::cli("test"),
        app::notice::NewNotice {
            subject_kind: "test_subject",
            subject_id: 1,
            region_code: region.into(),
            title: "2026年拟认定专精特新中小企业名单公示".into(),
            body: "现予以公示，公示期内如有异议，请实名提出。".into(),
            items: vec!["阳谷示例科技有限公司".into()],
            working_days: 5,
            opened: app::notice::today(),
        },
    )
    .await
    .expect("open notice");
    tx.commit().await.expect("commit");
    v.id
}
