//! The forced change of an initial password, and the password policy.

use crate::common::on_each_backend;
use crate::support::{Answer, create_user, get, post_form, send_json, try_login};
use reqwest::Method;
use serde_json::json;

const INITIAL: &str = "Initial@2026x";
const CHOSEN: &str = "Chosen#2026yz";

#[tokio::test]
async fn a_user_with_an_initial_password_must_change_it_before_anything_else() {
    on_each_backend(async |app| {
        let a = create_user(
            app,
            json!({"username": "new.clerk", "password": INITIAL, "role": "county_admin",
                   "region": "371521", "phone": "13912345678", "must_change_password": true}),
        )
        .await;
        assert_eq!(a.status, 201, "{}", a.text());
        let (a, c) = try_login(app, "new.clerk", INITIAL).await;
        assert_eq!(a.status, 200, "the login itself works: {}", a.text());
        assert_eq!(a.json()["user"]["must_change_password"], json!(true));
        let csrf = a.json()["csrf_token"].as_str().unwrap().to_string();
        assert_eq!(
            get(app, &c, "/api/v1/me").await.status,
            200,
            "/api/v1/me works"
        );
        for path in [
            "/api/v1/users",
            "/api/v1/regions",
            "/api/v1/audit",
            "/api/v1/notifications",
            "/api/v1/calendar/2026",
        ] {
            get(app, &c, path)
                .await
                .assert_error(403, "password_change_required", path);
        }
        let a = send_json(
            app,
            &c,
            Method::POST,
            "/api/v1/notifications/read-all",
            &csrf,
            &json!({}),
        )
        .await;
        a.assert_error(403, "password_change_required", "a write");
        for path in ["/", "/users", "/notifications", "/audit"] {
            let a = get(app, &c, path).await;
            assert_eq!(a.status, 303, "page {path} redirects");
            assert_eq!(
                a.location(),
                "/password",
                "page {path} redirects to /password"
            );
        }
        assert_eq!(get(app, &c, "/password").await.status, 200);
        // The form refuses a mismatch and a weak password, and says why.
        let a = post_form(
            app,
            &c,
            "/password",
            Some(&csrf),
            &[
                ("current_password", INITIAL),
                ("new_password", CHOSEN),
                ("confirm_password", "Other#2026yz"),
            ],
        )
        .await;
        assert_eq!(a.status, 422, "a mismatched confirmation");
        let a = post_form(
            app,
            &c,
            "/password",
            Some(&csrf),
            &[
                ("current_password", "Wrong@2026x"),
                ("new_password", CHOSEN),
                ("confirm_password", CHOSEN),
            ],
        )
        .await;
        assert_eq!(a.status, 422, "a wrong current password");
        let a = post_form(
            app,
            &c,
            "/password",
            Some(&csrf),
            &[
                ("current_password", INITIAL),
                ("new_password", CHOSEN),
                ("confirm_password", CHOSEN),
            ],
        )
        .await;
        assert_eq!(a.status, 303, "the change: {}", a.text());
        assert_eq!(a.location(), "/password?done=1");
        assert_eq!(get(app, &c, "/api/v1/users").await.status, 200, "API after");
        assert_eq!(get(app, &c, "/").await.status, 200, "home after");
        let (a, _) = try_login(app, "new.clerk", INITIAL).await;
        a.assert_error(401, "invalid_credentials", "the initial password is gone");
        let (a, _) = try_login(app, "new.clerk", CHOSEN).await;
        assert_eq!(a.status, 200, "the chosen one works");
        assert_eq!(a.json()["user"]["must_change_password"], json!(false));
    })
    .await;
}

#[tokio::test]
async fn weak_passwords_are_refused_with_field_errors() {
    on_each_backend(async |app| {
        let cases = [
            ("nine characters", "Abc@12345"),
            ("two character classes", "abcdefgh12345"),
            ("only letters", "abcdefghijklmn"),
            ("empty", ""),
        ];
        for (i, (what, pw)) in cases.iter().enumerate() {
            let a = create_user(
                app,
                json!({"username": format!("weak{i}"), "password": pw, "role": "expert"}),
            )
            .await;
            a.assert_error(422, "invalid", what);
            let fields = a.json()["error"]["details"].clone();
            let f = fields
                .as_array()
                .and_then(|f| f.iter().find(|f| f["field"] == json!("password")))
                .unwrap_or_else(|| panic!("{what}: a password field error in {fields}"));
            assert!(
                f["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("10") || m.contains('3') || m.contains('三')),
                "{what}: the message names the rule: {f}"
            );
        }
        // Through the password form too, in English on request.
        let (c, csrf) = app.login("expert").await;
        for (what, pw) in cases.iter().take(2) {
            let res = c
                .post(app.url("/password?lang=en"))
                .form(&[
                    ("current_password", crate::common::PASSWORD),
                    ("new_password", pw),
                    ("confirm_password", pw),
                    ("_csrf", &csrf),
                ])
                .send()
                .await
                .unwrap();
            let a = Answer::of(res).await;
            assert_eq!(a.status, 422, "form: {what}");
            assert!(
                a.text().contains("10") || a.text().contains("3"),
                "form: {what} shows the rule"
            );
        }
    })
    .await;
}
