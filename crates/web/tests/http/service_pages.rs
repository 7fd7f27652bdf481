//! The service pages a county clerk works in: specialists with their assignments, visits with
//! a problem that becomes a ticket, and the per-day calendar editor.

use crate::common::{TestApp, on_each_backend};
use crate::support::{get, post_form};

/// The first of 阳谷县's demo cultivation enterprises.
fn yanggu_0() -> String {
    app::service::demo::cultivation_uscc(0).unwrap().to_string()
}

#[tokio::test]
async fn a_county_clerk_adds_a_specialist_stations_and_withdraws_them_on_the_page() {
    on_each_backend(async |app: &TestApp| {
        let (c, csrf) = app.login("county.yanggu").await;
        let page = get(app, &c, "/specialists").await;
        assert_eq!(page.status, 200);
        assert!(
            page.text().contains("48"),
            "the demo's 48 specialists are counted"
        );
        let added = post_form(
            app,
            &c,
            "/specialists",
            Some(&csrf),
            &[("name", "测试专员甲"), ("region_code", "371521")],
        )
        .await;
        assert_eq!(added.status, 303, "{}", added.text());
        let specialists = app::service::list_specialists(&app.app, &app::Actor::system("test"))
            .await
            .unwrap();
        let me = specialists.iter().find(|s| s.name == "测试专员甲").unwrap();
        let assigned = post_form(
            app,
            &c,
            "/specialists/assign",
            Some(&csrf),
            &[
                ("specialist_id", &me.id.to_string()),
                ("enterprise_uscc", &yanggu_0()),
                ("started_on", "2026-11-02"),
            ],
        )
        .await;
        assert_eq!(assigned.status, 303, "{}", assigned.text());
        let page = get(app, &c, "/specialists").await.text();
        assert!(page.contains("测试专员甲") && page.contains("阳谷示例光电信息有限公司"));
        // A bad date is named, and nothing is written.
        let bad = post_form(
            app,
            &c,
            "/specialists/assign",
            Some(&csrf),
            &[
                ("specialist_id", &me.id.to_string()),
                ("enterprise_uscc", &yanggu_0()),
                ("started_on", "2026-13-40"),
            ],
        )
        .await;
        assert_eq!(bad.status, 422);
        assert!(bad.text().contains("form-errors"));
        let after = app::service::list_specialists(&app.app, &app::Actor::system("test"))
            .await
            .unwrap();
        let mine = after.iter().find(|s| s.id == me.id).unwrap();
        assert_eq!(mine.assignments.len(), 1);
        let ended = post_form(
            app,
            &c,
            &format!("/specialist-assignments/{}/end", mine.assignments[0].id),
            Some(&csrf),
            &[("ended_on", "2026-11-20")],
        )
        .await;
        assert_eq!(ended.status, 303, "{}", ended.text());
        let after = app::service::list_specialists(&app.app, &app::Actor::system("test"))
            .await
            .unwrap();
        let mine = after.iter().find(|s| s.id == me.id).unwrap();
        assert_eq!(
            mine.assignments[0]
                .ended_on
                .map(|d| d.to_string())
                .as_deref(),
            Some("2026-11-20")
        );
    })
    .await;
}

#[tokio::test]
async fn a_visit_with_a_problem_raises_a_ticket_and_shows_in_the_list() {
    on_each_backend(async |app: &TestApp| {
        let (c, csrf) = app.login("county.yanggu").await;
        assert_eq!(get(app, &c, "/visits/new").await.status, 200);
        let uscc = yanggu_0();
        let saved = post_form(
            app,
            &c,
            "/visits",
            Some(&csrf),
            &[
                ("enterprise_uscc", &uscc),
                ("kind", "condolence"),
                ("visited_on", "2026-01-20"),
                ("visitors", "县领导 王某"),
                ("support_money_wan_yuan", "2"),
                ("problem_title", "春节后用工缺口"),
                ("problem_category", "talent"),
                ("problem_description", "缺熟练工 30 人"),
            ],
        )
        .await;
        assert_eq!(saved.status, 303, "{}", saved.text());
        let list = get(app, &c, "/visits").await.text();
        assert!(list.contains("县领导 王某") && list.contains("2.00"));
        let tickets = get(app, &c, "/tickets").await.text();
        assert!(
            tickets.contains("春节后用工缺口"),
            "the problem became a ticket"
        );
        // A bad amount and an empty visitor list are named; nothing is saved.
        let bad = post_form(
            app,
            &c,
            "/visits",
            Some(&csrf),
            &[
                ("enterprise_uscc", &uscc),
                ("kind", "visit"),
                ("visitors", ""),
                ("support_money_wan_yuan", "两万"),
            ],
        )
        .await;
        assert_eq!(bad.status, 422, "{}", bad.text());
        assert!(bad.text().contains("class=\"error\""));
        // Another county's clerk cannot record a visit to this enterprise.
        let (other, other_csrf) = app.login("county.linqing").await;
        let refused = post_form(
            app,
            &other,
            "/visits",
            Some(&other_csrf),
            &[
                ("enterprise_uscc", &uscc),
                ("kind", "visit"),
                ("visitors", "x"),
            ],
        )
        .await;
        assert_eq!(refused.status, 422, "out of scope reads as unknown");
    })
    .await;
}

#[tokio::test]
async fn the_administrator_makes_a_day_a_holiday_on_the_calendar_page() {
    on_each_backend(async |app: &TestApp| {
        let (c, csrf) = app.login("admin").await;
        let set = post_form(
            app,
            &c,
            "/calendar/day",
            Some(&csrf),
            &[
                ("date", "2026-12-07"),
                ("kind", "holiday"),
                ("festival", "市庆"),
            ],
        )
        .await;
        assert_eq!(set.status, 200, "{}", set.text());
        let page = get(app, &c, "/calendar?year=2026").await.text();
        assert!(page.contains("2026-12-07") && page.contains("市庆"));
        let cal = app::calendar::load_calendar(&app.app).await.unwrap();
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert!(!cal.is_working_day(d));
        let bad = post_form(
            app,
            &c,
            "/calendar/day",
            Some(&csrf),
            &[("date", "2026-12-32"), ("kind", "holiday")],
        )
        .await;
        assert_eq!(bad.status, 422);
    })
    .await;
}
