//! On a phone-width window the sidebar becomes a menu button and tables become cards.

use crate::harness::with_browser;

#[tokio::test]
async fn a_phone_gets_the_menu_button_and_cards() {
    with_browser("phone", async |b| {
        b.c.set_window_size(390, 844).await.unwrap();
        let width = b.c.execute("return window.innerWidth;", vec![]).await.unwrap();
        assert!(width.as_u64().unwrap() <= 420, "viewport is phone-sized: {width}");
        b.goto("/login").await;
        b.shot("phone-login").await;
        b.login("admin").await;
        b.goto("/users").await;
        let menu = b.find("[data-menu-toggle]").await;
        assert!(menu.is_displayed().await.unwrap(), "the menu button shows");
        let sidebar = b.find("#sidebar").await;
        assert!(!sidebar.is_displayed().await.unwrap(), "the sidebar is folded away");
        // The table is a stack of cards: no header row, each row a block with labels.
        assert!(!b.find("#users thead").await.is_displayed().await.unwrap());
        let row = b.find("#users tbody tr").await;
        assert_eq!(row.css_value("display").await.unwrap(), "block");
        let (_, _, row_width, _) = row.rectangle().await.unwrap();
        assert!(row_width <= 390.0, "a card fits the screen: {row_width}");
        let label = b
            .c
            .execute(
                "return getComputedStyle(document.querySelector('#users tbody td'), '::before').content;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(label.as_str(), Some("\"用户名\""));
        b.shot("phone-users").await;
        menu.click().await.unwrap();
        assert!(sidebar.is_displayed().await.unwrap(), "the menu opens");
        b.shot("phone-menu").await;
        // The menu is longer than a phone's screen: bring the entry into view first, as a
        // user scrolls to it.
        b.c.execute(
            "document.querySelector(\"a[data-nav='nav.audit']\").scrollIntoView({block: 'center'});",
            vec![],
        )
        .await
        .unwrap();
        b.find("a[data-nav='nav.audit']").await.click().await.unwrap();
        assert!(b.path().await.starts_with("/audit"));
        b.shot("phone-audit").await;
    })
    .await;
}
