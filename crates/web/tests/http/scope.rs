//! Data scope: each role lists only its own records; out-of-scope records answer 404; phones
//! are masked for roles without `personal_data:read`.

use crate::common::on_each_backend;
use crate::support::{get, user_id};
use serde_json::{Value, json};

fn names(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_county_administrator_lists_only_users_of_their_county_and_below() {
    on_each_backend(async |app| {
        let (county, _) = app.login("county.yanggu").await;
        let a = get(app, &county, "/api/v1/users?limit=500").await;
        assert_eq!(a.status, 200);
        let v = a.json();
        for u in v["items"].as_array().unwrap() {
            assert!(
                u["region_code"]
                    .as_str()
                    .is_some_and(|r| r.starts_with("371521")),
                "only 371521 and below: {u}"
            );
        }
        let mut got = names(&v);
        got.sort();
        assert_eq!(got, vec!["county.yanggu", "dept.yanggu", "specialist"]);
        // Filtering by another county does not widen the scope.
        let a = get(app, &county, "/api/v1/users?region=371581").await;
        assert_eq!(a.status, 200);
        assert_eq!(
            a.json()["items"],
            json!([]),
            "a filter never widens the scope"
        );
        // The city administrator sees everyone.
        let (admin, _) = app.login("admin").await;
        let all = names(&get(app, &admin, "/api/v1/users?limit=500").await.json());
        assert!(all.len() >= 17 && all.contains(&"county.linqing".to_string()));
    })
    .await;
}

#[tokio::test]
async fn a_user_outside_the_readers_scope_answers_404_not_403() {
    on_each_backend(async |app| {
        let linqing = user_id(app, "county.linqing").await;
        let specialist = user_id(app, "specialist").await;
        let (county, _) = app.login("county.yanggu").await;
        let cases = [
            (
                format!("/api/v1/users/{linqing}"),
                404,
                "another county's user (API)",
            ),
            (
                format!("/users/{linqing}"),
                404,
                "another county's user (page)",
            ),
            (
                "/api/v1/users/999999".to_string(),
                404,
                "a user that does not exist",
            ),
            (
                format!("/api/v1/users/{specialist}"),
                200,
                "a user of the county",
            ),
        ];
        for (path, status, what) in cases {
            let a = get(app, &county, &path).await;
            assert_eq!(a.status, status, "{what}: {}", a.text());
            if status == 404 && path.starts_with("/api/") {
                a.assert_error(404, "not_found", what);
            }
        }
        // Missing and not yours answer exactly alike.
        let a = get(app, &county, &format!("/api/v1/users/{linqing}")).await;
        let b = get(app, &county, "/api/v1/users/999999").await;
        assert_eq!(a.json(), b.json(), "no hint that the record exists");
    })
    .await;
}

#[tokio::test]
async fn the_enterprise_user_sees_only_itself() {
    on_each_backend(async |app| {
        let (ent, _) = app.login("enterprise").await;
        let me = get(app, &ent, "/api/v1/me").await.json();
        assert_eq!(me["username"], json!("enterprise"));
        assert_eq!(me["enterprise_uscc"].as_str().map(str::len), Some(18));
        assert!(
            !me["permissions"]
                .as_array()
                .unwrap()
                .contains(&json!("user:read")),
            "the enterprise role reads no user list: {me}"
        );
        // Without `user:read` it reads no other account, its own included: 403, not a leak.
        let own = me["id"].as_i64().unwrap();
        let mut paths = vec![
            "/api/v1/users".to_string(),
            format!("/api/v1/users/{own}"),
            "/api/v1/audit".into(),
            "/api/v1/regions".into(),
            "/api/v1/login-log".into(),
        ];
        for other in ["admin", "county.linqing", "specialist"] {
            paths.push(format!("/api/v1/users/{}", user_id(app, other).await));
        }
        for path in paths {
            get(app, &ent, &path)
                .await
                .assert_error(403, "forbidden", &path);
        }
        let page = get(app, &ent, "/users").await;
        assert_eq!(page.status, 403, "the users page");
        let home = get(app, &ent, "/").await;
        assert_eq!(home.status, 200);
        assert!(
            !home.text().contains("href=\"/users\""),
            "no users link in its navigation"
        );
    })
    .await;
}

#[tokio::test]
async fn phones_are_masked_for_roles_without_personal_data_read() {
    on_each_backend(async |app| {
        let specialist = user_id(app, "specialist").await;
        let path = format!("/api/v1/users/{specialist}");
        let cases = [
            (
                "admin",
                "13800001234",
                "the city administrator reads phones",
            ),
            (
                "county.yanggu",
                "138****1234",
                "a county administrator sees masks",
            ),
        ];
        for (who, phone, what) in cases {
            let (c, _) = app.login(who).await;
            let one = get(app, &c, &path).await.json();
            assert_eq!(one["phone"], json!(phone), "{what} (one user)");
            let list = get(app, &c, "/api/v1/users?q=specialist").await.json();
            assert_eq!(list["items"][0]["phone"], json!(phone), "{what} (list)");
            let page = get(app, &c, "/users?q=specialist").await.text();
            assert!(page.contains(phone), "{what} (page)");
            if phone.contains('*') {
                assert!(
                    !page.contains("13800001234"),
                    "{what}: never in clear on the page"
                );
            }
        }
    })
    .await;
}
