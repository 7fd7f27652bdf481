//! The forced change of an initial password, in the browser.

use crate::common::PASSWORD;
use crate::harness::with_browser;

#[tokio::test]
async fn a_new_user_must_change_the_initial_password() {
    with_browser("password", async |b| {
        let initial = "Start#2026abc";
        let chosen = "Chosen#2026xyz";
        // The administrator creates the account through the form.
        b.login("admin").await;
        b.goto("/users/new").await;
        b.shot_full("user-new").await;
        b.fill("#username", "zhang.wei").await;
        b.fill("#display_name", "张伟").await;
        b.find("#role")
            .await
            .select_by_value("county_admin")
            .await
            .unwrap();
        b.fill("#region", "371521").await;
        b.fill("#password", initial).await;
        assert!(
            b.find("input[name=must_change]")
                .await
                .is_selected()
                .await
                .unwrap(),
            "a forced change is the default"
        );
        b.click_and_wait("#create-user").await;
        assert!(
            b.path().await.starts_with("/users/"),
            "lands on the new record"
        );
        assert_eq!(b.error_code().await, None);
        b.shot_full("user-detail").await;
        b.logout().await;

        // The new user is sent to the password page first.
        let landed = b.login_with("zhang.wei", initial).await;
        assert_eq!(landed, "/password");
        assert!(b.has("#forced-change").await, "the page says why");
        // Nothing else opens before the change.
        b.goto("/users").await;
        assert_eq!(b.path().await, "/password", "other pages lead back here");
        // A weak password is refused under its field, in Chinese.
        b.fill("#current_password", initial).await;
        b.fill("#new_password", "short").await;
        b.fill("#confirm_password", "short").await;
        b.click_and_wait("#password-submit").await;
        assert!(b.has(".form .error").await, "the policy error is shown");
        b.shot_full("password-error").await;
        // Then a good one.
        b.fill("#current_password", initial).await;
        b.fill("#new_password", chosen).await;
        b.fill("#confirm_password", chosen).await;
        b.click_and_wait("#password-submit").await;
        assert!(b.has("#password-changed").await, "confirmed");
        assert!(!b.has("#forced-change").await, "no longer forced");
        b.logout().await;

        // The old password no longer works; the new one lands on the home page.
        assert_eq!(b.login_with("zhang.wei", initial).await, "/login");
        assert!(b.has("#login-error").await);
        b.shot("login-error").await;
        assert_eq!(b.login_with("zhang.wei", chosen).await, "/");
        assert_ne!(chosen, PASSWORD);
    })
    .await;
}
