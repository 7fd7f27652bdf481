//! Sessions: logout, disabled users, the idle timeout, cookie flags; and CSRF.

use crate::common::{PASSWORD, TestApp, on_each_backend};
use crate::support::{Answer, get, post_form, send_json, session_token, try_login, user_id};
use reqwest::Method;
use serde_json::json;
use store::testing::TestDb;

#[tokio::test]
async fn logout_ends_the_session() {
    on_each_backend(async |app| {
        let (c, csrf) = app.login("leader").await;
        let a = send_json(
            app,
            &c,
            Method::DELETE,
            "/api/v1/session",
            &csrf,
            &json!({}),
        )
        .await;
        assert_eq!(a.status, 204, "{}", a.text());
        assert!(
            a.header("set-cookie").contains("Max-Age=0"),
            "the cookie is cleared"
        );
        get(app, &c, "/api/v1/me")
            .await
            .assert_error(401, "unauthenticated", "after logout");
        // The page logout ends it too, and a page then sends the visitor to the login.
        let (c, csrf) = app.login("leader").await;
        let a = post_form(app, &c, "/logout", Some(&csrf), &[]).await;
        assert_eq!(a.status, 303);
        let a = get(app, &c, "/").await;
        assert_eq!(a.status, 303);
        assert!(a.location().starts_with("/login"), "{}", a.location());
    })
    .await;
}

#[tokio::test]
async fn disabling_a_user_ends_their_session_and_refuses_their_next_login() {
    on_each_backend(async |app| {
        let (victim, _) = app.login("research").await;
        assert_eq!(get(app, &victim, "/api/v1/me").await.status, 200);
        let id = user_id(app, "research").await;
        let (admin, csrf) = app.login("admin").await;
        let a = send_json(
            app,
            &admin,
            Method::POST,
            &format!("/api/v1/users/{id}/disable"),
            &csrf,
            &json!({"disabled": true, "reason": "left the team"}),
        )
        .await;
        assert_eq!(a.status, 204, "{}", a.text());
        get(app, &victim, "/api/v1/me").await.assert_error(
            401,
            "unauthenticated",
            "a disabled user's session",
        );
        let (a, _) = try_login(app, "research", PASSWORD).await;
        a.assert_error(403, "account_disabled", "a disabled user's login");
    })
    .await;
}

#[tokio::test]
async fn an_idle_session_ends_after_the_timeout() {
    let settings = app::Settings {
        idle_timeout_minutes: 1,
        ..app::Settings::default()
    };
    let app = TestApp::start(TestDb::sqlite().await, settings).await;
    let (a, c) = try_login(&app, "leader", PASSWORD).await;
    assert_eq!(a.status, 200);
    assert_eq!(get(&app, &c, "/api/v1/me").await.status, 200, "fresh");
    let hash = app::auth::SessionToken(session_token(&a)).hash();
    store::org::session::touch(
        app.app.db().conn(),
        &hash,
        chrono::Utc::now() - chrono::Duration::seconds(61),
    )
    .await
    .unwrap();
    get(&app, &c, "/api/v1/me")
        .await
        .assert_error(401, "unauthenticated", "after a minute idle");
    assert!(
        store::org::session::find(app.app.db().conn(), &hash)
            .await
            .unwrap()
            .is_none(),
        "the idle session is deleted"
    );
    let page = get(&app, &c, "/").await;
    assert_eq!(
        page.status, 303,
        "a page sends an idle visitor to the login"
    );
    app.stop().await;
}

#[tokio::test]
async fn session_cookies_are_http_only_and_same_site() {
    on_each_backend(async |app| {
        let (a, _) = try_login(app, "leader", PASSWORD).await;
        let cookie = a.header("set-cookie");
        for flag in ["HttpOnly", "SameSite=", "Path=/"] {
            assert!(
                cookie.contains(flag),
                "API login cookie has {flag}: {cookie}"
            );
        }
        let res = app
            .client()
            .post(app.url("/login"))
            .form(&[("username", "leader"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        let a = Answer::of(res).await;
        assert_eq!(a.status, 303);
        let cookie = a.header("set-cookie");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite="),
            "page login cookie: {cookie}"
        );
    })
    .await;
}

#[tokio::test]
async fn writes_need_the_session_csrf_token_and_a_same_site_origin() {
    on_each_backend(async |app| {
        let (c, csrf) = app.login("admin").await;
        let path = "/api/v1/notifications/read-all";
        let no_token = Answer::of(c.post(app.url(path)).send().await.unwrap()).await;
        no_token.assert_error(403, "csrf", "a JSON write without X-CSRF-Token");
        let cases = [
            ("a wrong token", "0".repeat(64)),
            ("an empty token", String::new()),
            ("a token one character short", csrf[..63].to_string()),
        ];
        for (what, token) in cases {
            let a = send_json(app, &c, Method::POST, path, &token, &json!({})).await;
            a.assert_error(403, "csrf", what);
        }
        let a = send_json(app, &c, Method::POST, path, &csrf, &json!({})).await;
        assert_eq!(a.status, 204, "the right token: {}", a.text());
        // Another session's token is not this session's.
        let (_, other) = app.login("admin").await;
        let a = send_json(app, &c, Method::POST, path, &other, &json!({})).await;
        a.assert_error(403, "csrf", "another session's token");
        // HTML forms carry it in `_csrf`.
        let a = post_form(app, &c, "/notifications/read-all", None, &[]).await;
        assert_eq!(a.status, 403, "a form without _csrf");
        assert!(a.header("content-type").starts_with("text/html"));
        let a = post_form(app, &c, "/notifications/read-all", Some("bad"), &[]).await;
        assert_eq!(a.status, 403, "a form with a wrong _csrf");
        let a = post_form(app, &c, "/notifications/read-all", Some(&csrf), &[]).await;
        assert_eq!(a.status, 303, "a form with the right _csrf");
        // A cross-site Origin is refused even with the right token, signed in or not.
        for (what, origin) in [
            ("another site", "https://evil.example"),
            ("a null origin", "null"),
            ("the same host on another port", "http://127.0.0.1:1"),
        ] {
            let res = c
                .post(app.url(path))
                .header("x-csrf-token", &csrf)
                .header("origin", origin)
                .send()
                .await
                .unwrap();
            Answer::of(res).await.assert_error(403, "csrf", what);
        }
        let res = app
            .client()
            .post(app.url("/api/v1/session"))
            .header("origin", "https://evil.example")
            .json(&json!({"username": "admin", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        Answer::of(res)
            .await
            .assert_error(403, "csrf", "a cross-site login");
        let res = c
            .post(app.url(path))
            .header("x-csrf-token", &csrf)
            .header("origin", app.base.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204, "the server's own origin");
    })
    .await;
}
