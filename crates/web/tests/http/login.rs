//! Signing in: success, wrong passwords, lockout with its unlock time, the login log.

use crate::common::{PASSWORD, on_each_backend};
use crate::support::{get, try_login};
use serde_json::json;

#[tokio::test]
async fn a_demo_account_signs_in_and_gets_its_user_and_a_csrf_token() {
    on_each_backend(async |app| {
        let (a, c) = try_login(app, "county.yanggu", PASSWORD).await;
        assert_eq!(a.status, 200, "{}", a.text());
        let v = a.json();
        assert_eq!(v["user"]["username"], json!("county.yanggu"));
        assert_eq!(v["user"]["region_code"], json!("371521"));
        assert_eq!(v["user"]["roles"], json!(["county_admin"]));
        assert_eq!(
            v["csrf_token"].as_str().map(str::len),
            Some(64),
            "a 256-bit CSRF token"
        );
        let me = get(app, &c, "/api/v1/me").await;
        assert_eq!(me.status, 200);
        assert_eq!(me.json()["username"], json!("county.yanggu"));
    })
    .await;
}

#[tokio::test]
async fn wrong_passwords_and_unknown_users_answer_the_same_401() {
    on_each_backend(async |app| {
        let cases = [
            ("a wrong password", "admin", "Wrong@2026city"),
            ("an unknown user", "nobody.here", PASSWORD),
            ("an empty password", "admin", ""),
            ("a user name with spaces only", "   ", PASSWORD),
        ];
        for (what, user, pass) in cases {
            let (a, _) = try_login(app, user, pass).await;
            a.assert_error(401, "invalid_credentials", what);
            assert!(
                a.headers.get("set-cookie").is_none(),
                "{what}: no session cookie"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn five_failures_lock_the_account_for_ten_minutes_even_against_the_right_password() {
    on_each_backend(async |app| {
        for i in 1..=4 {
            let (a, _) = try_login(app, "specialist", "Wrong@2026city").await;
            a.assert_error(401, "invalid_credentials", &format!("failure {i}"));
        }
        let before = chrono::Utc::now();
        let (a, _) = try_login(app, "specialist", "Wrong@2026city").await;
        a.assert_error(423, "locked", "the fifth failure");
        let until = a.json()["error"]["details"]
            .as_str()
            .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
            .map(|d| d.with_timezone(&chrono::Utc))
            .unwrap_or_else(|| panic!("details carry the unlock time: {}", a.text()));
        let ahead = until - before;
        assert!(
            ahead > chrono::Duration::minutes(9) && ahead <= chrono::Duration::minutes(11),
            "unlocks about ten minutes ahead, got {ahead}"
        );
        let (a, _) = try_login(app, "specialist", PASSWORD).await;
        a.assert_error(423, "locked", "the right password while locked");
        let again = a.json()["error"]["details"]
            .as_str()
            .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
            .map(|d| d.with_timezone(&chrono::Utc))
            .expect("an unlock time");
        assert!(
            (again - until).abs() < chrono::Duration::milliseconds(1),
            "the same unlock time (to the stored precision): {again} vs {until}"
        );
        // The page form answers the same, in words.
        let c = app.client();
        let res = c
            .post(app.url("/login"))
            .form(&[("username", "specialist"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 423, "the login page shows the lock");
        // Other accounts are not affected.
        let (a, _) = try_login(app, "expert", PASSWORD).await;
        assert_eq!(a.status, 200);
    })
    .await;
}

#[tokio::test]
async fn the_login_log_records_each_attempt_with_its_reason() {
    on_each_backend(async |app| {
        try_login(app, "leader", "Wrong@2026city").await;
        try_login(app, "ghost.user", PASSWORD).await;
        try_login(app, "leader", PASSWORD).await;
        let (admin, _) = app.login("admin").await;
        let a = get(app, &admin, "/api/v1/login-log?limit=500").await;
        assert_eq!(a.status, 200, "{}", a.text());
        let items = a.json()["items"].as_array().cloned().unwrap();
        let reasons: Vec<(String, bool, String)> = items
            .iter()
            .map(|i| {
                (
                    i["username"].as_str().unwrap_or_default().to_string(),
                    i["success"].as_bool().unwrap_or_default(),
                    i["reason"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        for (user, success, reason) in [
            ("leader", false, "wrong_password"),
            ("ghost.user", false, "unknown_user"),
            ("leader", true, "ok"),
            ("admin", true, "ok"),
        ] {
            assert!(
                reasons.contains(&(user.into(), success, reason.into())),
                "the log has {user} {reason}: {reasons:?}"
            );
        }
        let first = &items[0];
        assert!(
            first["client_addr"]
                .as_str()
                .is_some_and(|s| s == "127.0.0.1"),
            "the client address is recorded: {first}"
        );
        let filtered = get(app, &admin, "/api/v1/login-log?username=leader").await;
        let only: Vec<_> = filtered.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["username"].clone())
            .collect();
        assert!(
            only.iter().all(|u| u == "leader") && only.len() == 2,
            "{only:?}"
        );
    })
    .await;
}
