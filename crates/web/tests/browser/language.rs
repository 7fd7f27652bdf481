//! The language switch turns the page English, and the choice is remembered per user.

use crate::harness::with_browser;

#[tokio::test]
async fn the_language_switch_is_remembered_after_logout_and_login() {
    with_browser("language", async |b| {
        b.login("admin").await;
        assert_eq!(b.page_lang().await, "zh-CN");
        assert_eq!(b.text("a[data-nav='nav.users']").await, "用户管理");
        b.click_and_wait("#lang-switch").await;
        assert_eq!(b.page_lang().await, "en");
        assert_eq!(b.text("a[data-nav='nav.users']").await, "Users");
        assert_eq!(b.text("#lang-switch").await, "中文");
        b.goto("/users").await;
        assert_eq!(b.page_lang().await, "en", "the next page stays English");
        b.shot("users-admin-en").await;
        b.logout().await;

        // A fresh browser (no language cookie): the account itself remembers English.
        b.c.delete_all_cookies().await.unwrap();
        b.goto("/login").await;
        assert_eq!(b.page_lang().await, "zh-CN", "a stranger gets Chinese");
        b.login("admin").await;
        assert_eq!(b.page_lang().await, "en", "the account remembers English");
        assert_eq!(b.text("a[data-nav='nav.home']").await, "Home");
        b.shot("home-admin-en").await;

        // And back.
        b.click_and_wait("#lang-switch").await;
        assert_eq!(b.page_lang().await, "zh-CN");
        assert_eq!(b.text("a[data-nav='nav.home']").await, "首页");
    })
    .await;
}
