//! Screenshots of the main pages, for a person to look at (and the README's picture).

use crate::harness::{DOCS_VAR, with_browser, workspace_root};

#[tokio::test]
async fn main_pages_render_for_the_admin() {
    with_browser("pages", async |b| {
        b.goto("/login").await;
        assert_eq!(b.page_lang().await, "zh-CN");
        b.shot("login").await;
        b.goto("/login?lang=en").await;
        b.shot("login-en").await;
        b.goto("/login?lang=zh-CN").await;

        b.login("admin").await;
        let home = b.shot("home-admin").await;
        if std::env::var(DOCS_VAR).is_ok_and(|v| !v.is_empty()) {
            let docs = workspace_root().join("docs");
            std::fs::create_dir_all(&docs).unwrap();
            std::fs::copy(&home, docs.join("screenshot-home.png")).unwrap();
        }
        for (path, name) in [
            ("/users", "users-admin"),
            ("/users?q=county", "users-admin-filtered"),
            ("/users?q=nobody-by-this-name", "users-admin-empty"),
            ("/regions", "regions-admin"),
            ("/audit", "audit-admin"),
            ("/login-log", "login-log-admin"),
            ("/calendar", "calendar-admin"),
            ("/jobs", "jobs-admin"),
            ("/notifications", "notifications-admin"),
            ("/password", "password-admin"),
            ("/enterprises", "enterprises-admin"),
            ("/enterprises?q=铸造", "enterprises-admin-search"),
            ("/enterprises/91371581MA3C0F0019", "enterprise-admin"),
            ("/enterprises/new", "enterprise-new-admin"),
            (
                "/enterprises/91371581MA3C0F0019/financials",
                "financials-form-admin",
            ),
            ("/imports", "imports-admin"),
            ("/data-dictionary", "data-dictionary-admin"),
            ("/no/such/page", "error-404-admin"),
        ] {
            b.goto(path).await;
            if name.starts_with("error") {
                assert_eq!(b.error_code().await.as_deref(), Some("404"));
            } else {
                assert_eq!(b.error_code().await, None, "{path}");
                assert!(b.has("nav.sidebar").await, "{path} has the frame");
            }
            b.shot_full(name).await;
        }
    })
    .await;
}
