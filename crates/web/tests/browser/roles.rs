//! Each demo role signs in through the form and sees exactly its own navigation, and none of
//! another's data.

use crate::harness::with_browser;
use fantoccini::Locator;

/// What each demo account's sidebar holds, in order.
const EXPECTED_NAV: &[(&str, &[&str])] = &[
    (
        "admin",
        &[
            "nav.home",
            "nav.notifications",
            "nav.enterprises",
            "nav.imports",
            "nav.data_dictionary",
            "nav.cultivation_assess",
            "nav.cultivation_screening",
            "nav.cultivation_rules",
            "nav.cultivation_applications",
            "nav.cultivation_pools",
            "nav.cultivation_campaigns",
            "nav.cultivation_re_review",
            "nav.cultivation_stats",
            "nav.tickets",
            "nav.ticket_report",
            "nav.specialists",
            "nav.visits",
            "nav.challenges",
            "nav.competitions",
            "nav.meetings",
            "nav.stats_dashboard",
            "nav.stats_indicators",
            "nav.stats_seed_facts",
            "nav.chains",
            "nav.projects",
            "nav.investment",
            "nav.land",
            "nav.users",
            "nav.regions",
            "nav.audit",
            "nav.login_log",
            "nav.calendar",
            "nav.jobs",
            "nav.api_docs",
            "nav.talent_applications",
        ],
    ),
    (
        "county.yanggu",
        &[
            "nav.home",
            "nav.notifications",
            "nav.enterprises",
            "nav.imports",
            "nav.data_dictionary",
            "nav.cultivation_assess",
            "nav.cultivation_screening",
            "nav.cultivation_rules",
            "nav.cultivation_applications",
            "nav.cultivation_pools",
            "nav.cultivation_campaigns",
            "nav.cultivation_re_review",
            "nav.cultivation_stats",
            "nav.tickets",
            "nav.ticket_report",
            "nav.specialists",
            "nav.visits",
            "nav.challenges",
            "nav.competitions",
            "nav.stats_dashboard",
            "nav.stats_indicators",
            "nav.stats_seed_facts",
            "nav.chains",
            "nav.projects",
            "nav.investment",
            "nav.land",
            "nav.users",
            "nav.regions",
            "nav.audit",
            "nav.talent_applications",
        ],
    ),
    (
        "chain",
        &[
            "nav.home",
            "nav.notifications",
            "nav.enterprises",
            "nav.data_dictionary",
            "nav.tickets",
            "nav.stats_dashboard",
            "nav.stats_indicators",
            "nav.stats_seed_facts",
            "nav.chains",
            "nav.investment",
            "nav.regions",
        ],
    ),
    (
        "specialist",
        &[
            "nav.home",
            "nav.notifications",
            "nav.enterprises",
            "nav.data_dictionary",
            "nav.tickets",
        ],
    ),
    (
        "enterprise",
        &[
            "nav.home",
            "nav.notifications",
            "nav.enterprises",
            "nav.data_dictionary",
            "nav.cultivation_assess",
            "nav.cultivation_rules",
            "nav.cultivation_applications",
            "nav.cultivation_pools",
            "nav.cultivation_campaigns",
            "nav.cultivation_re_review",
            "nav.cultivation_stats",
            "nav.tickets",
            "nav.challenges",
            "nav.competitions",
            "nav.projects",
            "nav.investment",
            "nav.land",
            "nav.talent_applications",
        ],
    ),
    (
        "hrbureau",
        &[
            "nav.home",
            "nav.notifications",
            "nav.enterprises",
            "nav.data_dictionary",
            "nav.regions",
            "nav.talent_applications",
            "nav.talent_committees",
            "nav.talent_meetings",
        ],
    ),
    (
        "expert",
        &[
            "nav.home",
            "nav.notifications",
            "nav.challenges",
            "nav.competitions",
            "nav.talent_ballots",
        ],
    ),
    (
        "research",
        &[
            "nav.home",
            "nav.notifications",
            "nav.challenges",
            "nav.competitions",
        ],
    ),
    (
        "leader",
        &[
            "nav.home",
            "nav.notifications",
            "nav.cultivation_applications",
            "nav.cultivation_pools",
            "nav.cultivation_campaigns",
            "nav.cultivation_re_review",
            "nav.cultivation_stats",
            "nav.tickets",
            "nav.challenges",
            "nav.competitions",
            "nav.stats_dashboard",
            "nav.stats_indicators",
            "nav.stats_seed_facts",
            "nav.chains",
            "nav.projects",
            "nav.investment",
            "nav.land",
            "nav.regions",
        ],
    ),
];

/// Signs each of `users` in, checks its sidebar, opens every link it offers, signs out.
async fn walk_navigation(name: &str, users: &[&str]) {
    with_browser(name, async |b| {
        for user in users {
            let expected = EXPECTED_NAV
                .iter()
                .find(|(u, _)| u == user)
                .map(|(_, nav)| *nav)
                .expect("a demo account");
            b.login(user).await;
            assert_eq!(b.page_lang().await, "zh-CN", "{user}: Chinese by default");
            assert_eq!(b.nav_keys().await, expected, "{user}: sidebar");
            b.shot(&format!("home-{}", user.replace('.', "-"))).await;
            // Every link the sidebar offers opens without an error page.
            for key in expected {
                if *key == "nav.api_docs" {
                    continue;
                }
                b.find(&format!("nav.sidebar a[data-nav='{key}']"))
                    .await
                    .click()
                    .await
                    .unwrap();
                assert_eq!(b.error_code().await, None, "{user}: {key} shows an error");
                assert!(
                    b.has(&format!("a[data-nav='{key}'].active")).await,
                    "{user}: {key} is not marked as the current page"
                );
            }
            b.logout().await;
        }
    })
    .await;
}

/// The demo accounts in three groups, one browser each, so every test stays short.
const GROUPS: [&[&str]; 3] = [
    &["admin", "county.yanggu", "chain"],
    &["specialist", "enterprise", "hrbureau"],
    &["expert", "research", "leader"],
];

#[tokio::test]
async fn administrators_see_exactly_their_own_navigation() {
    walk_navigation("roles-nav-admins", GROUPS[0]).await;
}

#[tokio::test]
async fn service_roles_see_exactly_their_own_navigation() {
    walk_navigation("roles-nav-service", GROUPS[1]).await;
}

#[tokio::test]
async fn reviewers_and_leaders_see_exactly_their_own_navigation() {
    walk_navigation("roles-nav-readers", GROUPS[2]).await;
}

#[test]
fn the_groups_cover_every_demo_role_once() {
    let walked: Vec<&str> = GROUPS.concat();
    let expected: Vec<&str> = EXPECTED_NAV.iter().map(|(u, _)| *u).collect();
    assert_eq!(walked, expected);
}

#[tokio::test]
async fn a_county_sees_only_its_own_users_and_an_enterprise_is_refused() {
    with_browser("roles-data", async |b| {
        // The admin's own record, to try it from the county account.
        let (admin, _) = b.app.login("admin").await;
        let users: serde_json::Value = admin
            .get(b.app.url("/api/v1/users?q=admin&limit=5"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let admin_id = users["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["username"] == "admin")
            .map(|u| u["id"].as_i64().unwrap())
            .expect("the admin in the list");

        b.login("county.yanggu").await;
        b.goto("/users").await;
        let rows = b.c.find_all(Locator::Css("#users tbody tr")).await.unwrap();
        assert!(
            rows.len() >= 2,
            "阳谷县 has its administrator and specialist"
        );
        let names = b.texts("#users tbody td[data-label='用户名']").await;
        let regions = b.texts("#users tbody td:nth-child(3)").await;
        let display = b.texts("#users tbody td:nth-child(2)").await;
        for ((name, region), shown) in names.iter().zip(&regions).zip(&display) {
            assert!(
                region.starts_with("371521") || region.contains("阳谷县"),
                "county.yanggu sees {name} of {region}"
            );
            assert!(
                shown.contains("阳谷县"),
                "county.yanggu sees {name} ({shown})"
            );
        }
        assert!(names.contains(&"county.yanggu".to_string()));
        assert!(names.contains(&"specialist".to_string()));
        assert!(!names.contains(&"admin".to_string()));
        assert!(!names.contains(&"county.linqing".to_string()));
        b.shot("users-county-yanggu").await;
        // Another unit's record does not exist for this account.
        b.goto(&format!("/users/{admin_id}")).await;
        assert_eq!(b.error_code().await.as_deref(), Some("404"));
        b.shot("error-404").await;
        b.logout().await;

        b.login("enterprise").await;
        b.goto("/users").await;
        assert_eq!(b.error_code().await.as_deref(), Some("403"));
        b.shot("error-403-enterprise").await;
        b.goto("/audit").await;
        assert_eq!(b.error_code().await.as_deref(), Some("403"));
    })
    .await;
}
