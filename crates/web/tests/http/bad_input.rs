//! Bad input never gives a 500: each answers the right 4xx in the platform's error shape, in
//! Chinese by default and in English on request. A broken database gives a clean 500.

use crate::common::on_each_backend;
use crate::support::{Answer, has_chinese};
use reqwest::Method;
use serde_json::json;

/// What a bad request sends.
enum Body {
    None,
    Raw(&'static str, Vec<u8>),
    Json(serde_json::Value),
}

struct Case {
    what: &'static str,
    method: Method,
    path: String,
    body: Body,
    status: u16,
    code: &'static str,
}

fn case(
    what: &'static str,
    method: Method,
    path: &str,
    body: Body,
    status: u16,
    code: &'static str,
) -> Case {
    Case {
        what,
        method,
        path: path.to_string(),
        body,
        status,
        code,
    }
}

fn api_cases() -> Vec<Case> {
    let valid = json!({"username": "fine.user", "password": "Valid#2026abc", "role": "expert"});
    let mut wrong_type = valid.clone();
    wrong_type["username"] = json!(5);
    let mut big = valid.clone();
    big["display_name"] = json!("长".repeat(1_200_000));
    let json_ct = "application/json";
    vec![
        case(
            "malformed JSON",
            Method::POST,
            "/api/v1/users",
            Body::Raw(json_ct, b"{\"username\": ".to_vec()),
            400,
            "bad_request",
        ),
        case(
            "JSON that is not an object",
            Method::POST,
            "/api/v1/users",
            Body::Raw(json_ct, b"[1,2,3]".to_vec()),
            422,
            "invalid",
        ),
        case(
            "a field of the wrong type",
            Method::POST,
            "/api/v1/users",
            Body::Json(wrong_type),
            422,
            "invalid",
        ),
        case(
            "missing fields",
            Method::POST,
            "/api/v1/users",
            Body::Json(json!({"username": "x"})),
            422,
            "invalid",
        ),
        case(
            "an empty body",
            Method::POST,
            "/api/v1/users",
            Body::Raw(json_ct, Vec::new()),
            400,
            "bad_request",
        ),
        case(
            "no content type",
            Method::POST,
            "/api/v1/users",
            Body::Raw("", valid.to_string().into_bytes()),
            415,
            "bad_request",
        ),
        case(
            "a form where JSON is expected",
            Method::POST,
            "/api/v1/users",
            Body::Raw("application/x-www-form-urlencoded", b"username=x".to_vec()),
            415,
            "bad_request",
        ),
        case(
            "invalid field values",
            Method::POST,
            "/api/v1/users",
            Body::Json(
                json!({"username": "a", "password": "x", "role": "nope", "region": "12", "enterprise": "123"}),
            ),
            422,
            "invalid",
        ),
        case(
            "a disable without a reason",
            Method::POST,
            "/api/v1/users/1/disable",
            Body::Json(json!({"disabled": true, "reason": " "})),
            422,
            "invalid",
        ),
        case(
            "a login without a password",
            Method::POST,
            "/api/v1/session",
            Body::Json(json!({"username": "admin"})),
            422,
            "invalid",
        ),
        case(
            "a non-numeric user id",
            Method::GET,
            "/api/v1/users/abc",
            Body::None,
            400,
            "bad_request",
        ),
        case(
            "a user id beyond i64",
            Method::GET,
            "/api/v1/users/99999999999999999999",
            Body::None,
            400,
            "bad_request",
        ),
        case(
            "a negative user id",
            Method::GET,
            "/api/v1/users/-1",
            Body::None,
            404,
            "not_found",
        ),
        case(
            "a non-numeric notification id",
            Method::POST,
            "/api/v1/notifications/x/read",
            Body::Json(json!({})),
            400,
            "bad_request",
        ),
        case(
            "a non-numeric year",
            Method::GET,
            "/api/v1/calendar/twenty",
            Body::None,
            400,
            "bad_request",
        ),
        case(
            "a cursor that is not a number",
            Method::GET,
            "/api/v1/users?cursor=abc",
            Body::None,
            422,
            "invalid",
        ),
        case(
            "a limit that is not a number",
            Method::GET,
            "/api/v1/users?limit=many",
            Body::None,
            400,
            "bad_request",
        ),
        case(
            "a negative limit",
            Method::GET,
            "/api/v1/audit?limit=-5",
            Body::None,
            400,
            "bad_request",
        ),
        case(
            "a malformed region filter",
            Method::GET,
            "/api/v1/users?region=12ab",
            Body::None,
            422,
            "invalid",
        ),
        case(
            "a month 13",
            Method::GET,
            "/api/v1/audit?from=2026-13-01",
            Body::None,
            422,
            "invalid",
        ),
        case(
            "a 30 February",
            Method::GET,
            "/api/v1/audit?to=2026-02-30",
            Body::None,
            422,
            "invalid",
        ),
        case(
            "a date in another format",
            Method::GET,
            "/api/v1/audit?from=01/02/2026",
            Body::None,
            422,
            "invalid",
        ),
        case(
            "a non-numeric actor id",
            Method::GET,
            "/api/v1/audit?actor_id=me",
            Body::None,
            422,
            "invalid",
        ),
        case(
            "a bad date in an export",
            Method::GET,
            "/api/v1/audit/export.xlsx?from=2026-00-10",
            Body::None,
            422,
            "invalid",
        ),
        case(
            "an unknown API route",
            Method::GET,
            "/api/v1/no-such-thing",
            Body::None,
            404,
            "not_found",
        ),
        case(
            "an unknown API version",
            Method::GET,
            "/api/v2/users",
            Body::None,
            404,
            "not_found",
        ),
        case(
            "PUT on a list",
            Method::PUT,
            "/api/v1/users",
            Body::Json(valid.clone()),
            405,
            "method_not_allowed",
        ),
        case(
            "DELETE on /me",
            Method::DELETE,
            "/api/v1/me",
            Body::None,
            405,
            "method_not_allowed",
        ),
        case(
            "GET on a write",
            Method::GET,
            "/api/v1/notifications/read-all",
            Body::None,
            405,
            "method_not_allowed",
        ),
        case(
            "an oversize JSON body",
            Method::POST,
            "/api/v1/users",
            Body::Json(big),
            413,
            "payload_too_large",
        ),
    ]
}

async fn send(
    app: &crate::common::TestApp,
    c: &reqwest::Client,
    csrf: &str,
    case: &Case,
    lang: &str,
) -> Answer {
    let sep = if case.path.contains('?') { '&' } else { '?' };
    let url = app.url(&format!("{}{}lang={lang}", case.path, sep));
    let mut req = c
        .request(case.method.clone(), url)
        .header("x-csrf-token", csrf);
    req = match &case.body {
        Body::None => req,
        Body::Json(v) => req.json(v),
        Body::Raw(ct, bytes) => {
            let r = req.body(bytes.clone());
            if ct.is_empty() {
                r
            } else {
                r.header("content-type", *ct)
            }
        }
    };
    Answer::of(req.send().await.unwrap()).await
}

#[tokio::test]
async fn bad_api_input_answers_a_clean_4xx_in_the_users_language() {
    on_each_backend(async |app| {
        let (c, csrf) = app.login("admin").await;
        for case in api_cases() {
            for lang in ["zh-CN", "en"] {
                let a = send(app, &c, &csrf, &case, lang).await;
                let what = format!("{} ({lang}) {} {}", case.what, case.method, case.path);
                a.assert_error(case.status, case.code, &what);
                assert!(
                    a.header("content-type").starts_with("application/json"),
                    "{what}: JSON"
                );
                let message = a.json()["error"]["message"].as_str().unwrap().to_string();
                assert!(
                    !message.starts_with("error."),
                    "{what}: a catalogue message, not its key: {message}"
                );
                if lang == "en" {
                    assert!(!has_chinese(&message), "{what}: English message: {message}");
                } else {
                    assert!(has_chinese(&message), "{what}: Chinese message: {message}");
                }
                if case.code == "invalid" {
                    let details = &a.json()["error"]["details"];
                    let fields = details.as_array().cloned().unwrap_or_default();
                    if !fields.is_empty() {
                        for f in &fields {
                            let m = f["message"].as_str().unwrap_or_default();
                            assert!(
                                f["field"].is_string() && !m.is_empty() && !m.contains('.')
                                    || has_chinese(m)
                                    || lang == "en",
                                "{what}: each field error names its field and reason: {f}"
                            );
                        }
                    }
                }
            }
        }
        // Years no schedule covers are not errors: the answer says no official schedule.
        for (what, path) in [
            ("a year beyond the calendar", "/api/v1/calendar/300000"),
            ("a negative year", "/api/v1/calendar/-2026"),
            ("the largest i32 year", "/api/v1/calendar/2147483647"),
            ("the smallest i32 year", "/api/v1/calendar/-2147483648"),
        ] {
            let a = crate::support::get(app, &c, path).await;
            assert_eq!(a.status, 200, "{what}: {}", a.text());
            assert_eq!(a.json()["official"], json!(false), "{what}");
            assert_eq!(a.json()["days"], json!([]), "{what}");
        }
        // The date field error names the field.
        let a = crate::support::get(app, &c, "/api/v1/audit?from=2026-13-01").await;
        assert_eq!(a.json()["error"]["details"][0]["field"], json!("from"));
        // The server still serves.
        assert_eq!(crate::support::get(app, &c, "/api/v1/me").await.status, 200);
    })
    .await;
}

/// What a page case sends: description, method, path, form fields, expected status.
type PageCase<'a> = (
    &'a str,
    Method,
    &'a str,
    Option<Vec<(&'a str, &'a str)>>,
    u16,
);

#[tokio::test]
async fn bad_page_input_answers_a_localised_html_error_page() {
    on_each_backend(async |app| {
        let (c, csrf) = app.login("admin").await;
        let big = "x".repeat(5 * 1024 * 1024);
        let cases: Vec<PageCase> = vec![
            ("an unknown page", Method::GET, "/no-such-page", None, 404),
            (
                "a non-numeric user id",
                Method::GET,
                "/users/abc",
                None,
                400,
            ),
            (
                "a bad audit date",
                Method::GET,
                "/audit?from=2026-13-01",
                None,
                422,
            ),
            ("a bad cursor", Method::GET, "/users?cursor=abc", None, 200),
            ("GET on a form target", Method::GET, "/logout", None, 405),
            ("DELETE on a page", Method::DELETE, "/users", None, 405),
            (
                "a form without its fields",
                Method::POST,
                "/password",
                Some(vec![]),
                422,
            ),
            (
                "an oversize form",
                Method::POST,
                "/users/1/disable",
                Some(vec![("reason", big.as_str())]),
                413,
            ),
        ];
        for (what, method, path, form, status) in cases {
            for lang in ["zh-CN", "en"] {
                let sep = if path.contains('?') { '&' } else { '?' };
                let mut req =
                    c.request(method.clone(), app.url(&format!("{path}{sep}lang={lang}")));
                if let Some(mut f) = form.clone() {
                    f.push(("_csrf", &csrf));
                    req = req.form(&f);
                }
                if form.is_none() {
                    // Forms carry the token in `_csrf`, as a browser sends them.
                    req = req.header("x-csrf-token", &csrf);
                }
                let a = Answer::of(req.send().await.unwrap()).await;
                assert_eq!(
                    a.status,
                    status,
                    "{what} ({lang}): {}",
                    a.text().chars().take(300).collect::<String>()
                );
                assert!(
                    a.header("content-type").starts_with("text/html"),
                    "{what} ({lang}): an HTML page"
                );
                let text = a.text();
                assert!(
                    !text.contains("error."),
                    "{what} ({lang}): no catalogue key shows"
                );
                if lang == "zh-CN" {
                    assert!(has_chinese(&text), "{what}: Chinese page");
                }
            }
        }
    })
    .await;
}

#[tokio::test]
async fn a_broken_table_gives_a_clean_500_with_the_request_id_and_the_server_keeps_serving() {
    on_each_backend(async |app| {
        let (c, csrf) = app.login("leader").await;
        store::ConnectionTrait::execute_unprepared(app.app.db().conn(), "DROP TABLE notification")
            .await
            .unwrap();
        for lang in ["zh-CN", "en"] {
            let a =
                crate::support::get(app, &c, &format!("/api/v1/notifications?lang={lang}")).await;
            a.assert_error(500, "internal", "a query on a dropped table");
            let id = a.header("x-request-id");
            assert!(id.len() >= 32, "the answer carries a request id: {id:?}");
            let message = a.json()["error"]["message"].as_str().unwrap().to_string();
            assert!(
                message.contains(&id),
                "the message names the request id {id}: {message}"
            );
            assert!(
                !message.contains("notification") && !message.to_lowercase().contains("sql"),
                "no cause leaks: {message}"
            );
            assert_eq!(
                a.json()["error"]["details"],
                json!(null),
                "no cause in details"
            );
        }
        let a = crate::support::send_json(
            app,
            &c,
            Method::POST,
            "/api/v1/notifications/read-all",
            &csrf,
            &json!({}),
        )
        .await;
        a.assert_error(500, "internal", "a write on a dropped table");
        let page = crate::support::get(app, &c, "/notifications").await;
        assert_eq!(page.status, 500, "the page answers 500 too");
        assert!(
            page.text().contains(&page.header("x-request-id")),
            "the page shows the request id"
        );
        // Everything else still works.
        assert_eq!(crate::support::get(app, &c, "/api/v1/me").await.status, 200);
        assert_eq!(
            crate::support::get(app, &c, "/").await.status,
            200,
            "home still renders"
        );
        assert_eq!(crate::support::get(app, &c, "/healthz").await.status, 200);
        let (other, _) = app.login("admin").await;
        assert_eq!(
            crate::support::get(app, &other, "/api/v1/users")
                .await
                .status,
            200
        );
    })
    .await;
}
