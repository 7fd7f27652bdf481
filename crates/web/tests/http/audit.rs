//! The audit log: every write leaves an entry with its diff, secrets stay masked, the xlsx
//! export matches the search, and each reader sees only their scope.

use crate::common::{PASSWORD, TestApp, on_each_backend};
use crate::support::{
    Answer, audit_entries, create_user, get, post_form, raise_notification, send_json, user_id,
};
use calamine::Reader;
use reqwest::Method;
use serde_json::{Value, json};

const PHONE: &str = "13955550123";
const SECRET: &str = "Audit#Secret2026";

/// The change of `field` in an entry, as `(before, after)`.
fn change(entry: &Value, field: &str) -> Option<(Value, Value)> {
    entry["changes"].as_array()?.iter().find_map(|c| {
        (c["field"] == json!(field)).then(|| (c["before"].clone(), c["after"].clone()))
    })
}

/// Uploads a regions CSV through the page, as the city administrator.
async fn import_regions(app: &TestApp, csv: &str) -> Answer {
    let (admin, csrf) = app.login("admin").await;
    let part = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("regions.csv");
    let form = reqwest::multipart::Form::new().part("file", part);
    let res = admin
        .post(app.url(&format!("/regions/import?_csrf={csrf}")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    Answer::of(res).await
}

#[tokio::test]
async fn every_write_leaves_an_audit_entry_with_its_field_diff() {
    on_each_backend(async |app| {
        // user.create
        let a = create_user(
            app,
            json!({"username": "audit.subject", "password": SECRET, "role": "expert",
                   "region": "371521", "phone": PHONE, "must_change_password": false}),
        )
        .await;
        assert_eq!(a.status, 201, "{}", a.text());
        let id = a.json()["id"].as_i64().unwrap();
        let admin_id = user_id(app, "admin").await;
        let e = audit_entries(app, &format!("entity_type=user&entity_id={id}")).await;
        let created = e
            .iter()
            .find(|e| e["action"] == json!("user.create"))
            .unwrap_or_else(|| panic!("a user.create entry: {e:?}"));
        assert_eq!(created["actor_id"], json!(admin_id), "the actor");
        assert_eq!(created["region_code"], json!("371521"));
        assert_eq!(
            change(created, "username"),
            Some((Value::Null, json!("audit.subject")))
        );
        assert_eq!(
            change(created, "phone"),
            Some((Value::Null, json!("***"))),
            "the phone changed but is masked"
        );
        assert_eq!(change(created, "password"), Some((Value::Null, json!("***"))));
        assert!(
            created["request_id"].as_str().is_some_and(|r| r.len() >= 32),
            "the request id: {created}"
        );
        assert_eq!(created["client_addr"], json!("127.0.0.1"));

        // user.disable
        let (admin, csrf) = app.login("admin").await;
        let a = send_json(
            app,
            &admin,
            Method::POST,
            &format!("/api/v1/users/{id}/disable"),
            &csrf,
            &json!({"disabled": true, "reason": "审计测试"}),
        )
        .await;
        assert_eq!(a.status, 204);
        let e = audit_entries(app, &format!("action=user.disable&entity_id={id}")).await;
        assert_eq!(e.len(), 1, "one user.disable entry: {e:?}");
        assert_eq!(
            change(&e[0], "disabled"),
            Some((json!(false), json!(true)))
        );
        assert_eq!(change(&e[0], "reason"), Some((Value::Null, json!("审计测试"))));

        // notification.read
        let leader = user_id(app, "leader").await;
        let note = raise_notification(app, leader, "请阅").await;
        let (c, csrf) = app.login("leader").await;
        let a = send_json(
            app,
            &c,
            Method::POST,
            &format!("/api/v1/notifications/{note}/read"),
            &csrf,
            &json!({}),
        )
        .await;
        assert_eq!(a.status, 204, "{}", a.text());
        let e = audit_entries(app, &format!("action=notification.read&entity_id={note}")).await;
        assert_eq!(e.len(), 1, "one notification.read entry");
        assert_eq!(e[0]["actor_id"], json!(leader));
        assert_eq!(change(&e[0], "read"), Some((json!(false), json!(true))));

        // user.password_change
        let (c, csrf) = app.login("expert").await;
        let a = post_form(
            app,
            &c,
            "/password",
            Some(&csrf),
            &[
                ("current_password", PASSWORD),
                ("new_password", SECRET),
                ("confirm_password", SECRET),
            ],
        )
        .await;
        assert_eq!(a.status, 303, "{}", a.text());
        let expert = user_id(app, "expert").await;
        let e = audit_entries(
            app,
            &format!("action=user.password_change&entity_id={expert}"),
        )
        .await;
        assert_eq!(e.len(), 1, "one password change entry");
        assert_eq!(change(&e[0], "password"), Some((json!("***"), json!("***"))));

        // region.create / region.update by import
        let a = import_regions(
            app,
            "code,name,parent_code,level\n371521901,审计测试园区,371521,town\n371521,阳谷县,371500,county\n",
        )
        .await;
        assert_eq!(a.status, 200, "import: {}", a.text());
        let e = audit_entries(app, "entity_type=region&entity_id=371521901").await;
        assert_eq!(e.len(), 1, "the new town is audited: {e:?}");
        assert_eq!(e[0]["action"], json!("region.create"));
        assert_eq!(
            change(&e[0], "name"),
            Some((Value::Null, json!("审计测试园区")))
        );
        let unchanged = audit_entries(app, "entity_type=region&entity_id=371521&action=region.update").await;
        assert!(unchanged.is_empty(), "an unchanged row writes no entry");

        // Nothing secret in clear anywhere in the log.
        let (admin, _) = app.login("admin").await;
        let all = get(app, &admin, "/api/v1/audit?limit=500").await.text();
        for secret in [PHONE, SECRET, PASSWORD, "13800001234", "$argon2"] {
            assert!(!all.contains(secret), "{secret} never appears in the audit log");
        }
    })
    .await;
}

#[tokio::test]
async fn a_write_whose_audit_entry_fails_leaves_nothing_behind() {
    on_each_backend(async |app| {
        store::ConnectionTrait::execute_unprepared(app.app.db().conn(), "DROP TABLE audit_log")
            .await
            .unwrap();
        let a = create_user(
            app,
            json!({"username": "half.written", "password": SECRET, "role": "expert"}),
        )
        .await;
        a.assert_error(500, "internal", "the audit insert fails");
        let (admin, _) = app.login("admin").await;
        let users = get(app, &admin, "/api/v1/users?q=half.written").await;
        assert_eq!(users.status, 200);
        assert_eq!(
            users.json()["items"],
            json!([]),
            "the user was rolled back with its audit entry"
        );
    })
    .await;
}

#[tokio::test]
async fn the_xlsx_export_holds_the_rows_of_the_search() {
    on_each_backend(async |app| {
        let (admin, _) = app.login("admin").await;
        // One page of the API holds the whole search (the demo has more user entries than a
        // page of 500 once its specialists are counted).
        let query = "entity_type=user&action=user.create";
        for path in [
            format!("/api/v1/audit/export.xlsx?{query}"),
            format!("/audit/export.xlsx?{query}&lang=en"),
        ] {
            let x = get(app, &admin, &path).await;
            // Searched after the export: `lang=en` itself writes a `user.set_locale` entry.
            let api = get(app, &admin, &format!("/api/v1/audit?limit=500&{query}")).await;
            let items = api.json()["items"].as_array().cloned().unwrap();
            assert!(items.len() >= 17, "the demo users are audited");
            assert_eq!(x.status, 200, "{path}: {}", x.text());
            assert_eq!(
                x.header("content-type"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            );
            assert!(x.header("content-disposition").contains(".xlsx"));
            let mut wb: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(x.bytes.clone()))
                    .expect("a real xlsx");
            let range = wb
                .worksheet_range_at(0)
                .expect("a sheet")
                .expect("readable");
            let rows: Vec<Vec<String>> = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            assert_eq!(
                rows.len(),
                items.len() + 1,
                "{path}: a header and every row"
            );
            for (row, item) in rows[1..].iter().zip(&items) {
                assert_eq!(
                    row[0],
                    item["id"].as_i64().unwrap().to_string(),
                    "{path}: id"
                );
                assert_eq!(
                    row[2],
                    item["actor_name"].as_str().unwrap(),
                    "{path}: actor"
                );
                assert_eq!(row[3], item["action"].as_str().unwrap(), "{path}: action");
                assert_eq!(row[4], "user");
                assert_eq!(row[5], item["entity_id"].as_str().unwrap());
                assert!(
                    !row[6].contains("13800001234"),
                    "{path}: phones stay masked"
                );
            }
        }
        // A county administrator's export holds only their county.
        let (county, _) = app.login("county.yanggu").await;
        let x = get(app, &county, "/api/v1/audit/export.xlsx?entity_type=user").await;
        assert_eq!(x.status, 200);
        let mut wb: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(x.bytes.clone())).unwrap();
        let range = wb.worksheet_range_at(0).unwrap().unwrap();
        let county_rows = range.rows().count() - 1;
        let api = get(app, &county, "/api/v1/audit?limit=500&entity_type=user").await;
        assert_eq!(
            county_rows,
            api.json()["items"].as_array().unwrap().len(),
            "the county's export matches its search"
        );
    })
    .await;
}

#[tokio::test]
async fn a_county_administrator_reads_only_the_audit_of_their_county() {
    on_each_backend(async |app| {
        let (county, _) = app.login("county.yanggu").await;
        let a = get(app, &county, "/api/v1/audit?limit=500").await;
        assert_eq!(a.status, 200);
        let items = a.json()["items"].as_array().cloned().unwrap();
        assert!(!items.is_empty(), "the county sees its own entries");
        for e in &items {
            assert!(
                e["region_code"]
                    .as_str()
                    .is_some_and(|r| r.starts_with("371521")),
                "county.yanggu sees only 371521 and below: {e}"
            );
        }
        // Asking for another county's entity: the city administrator finds it, the county
        // nothing. (The demo writes more entries than one page holds, so pages are not
        // compared by length.)
        let linqing = user_id(app, "county.linqing").await;
        let all = audit_entries(app, &format!("entity_type=user&entity_id={linqing}")).await;
        assert!(
            all.iter().any(|e| e["region_code"]
                .as_str()
                .is_some_and(|r| r.starts_with("371581"))),
            "the city administrator sees other counties"
        );
        let a = get(
            app,
            &county,
            &format!("/api/v1/audit?entity_type=user&entity_id={linqing}"),
        )
        .await;
        assert_eq!(
            a.json()["items"],
            json!([]),
            "another county's entries are hidden"
        );
        // The page shows the same scope.
        let page = get(app, &county, "/audit").await;
        assert_eq!(page.status, 200);
        assert!(!page.text().contains("county.linqing"));
    })
    .await;
}
