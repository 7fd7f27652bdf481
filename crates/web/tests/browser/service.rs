//! A ticket's whole life in the browser: an enterprise raises it, the county hands it to a
//! department, it goes overdue and is escalated, is resolved, rated badly, reopened and resolved
//! again; the report counts it as resolved late.

use crate::common::PASSWORD;
use crate::harness::with_browser;

#[tokio::test]
async fn a_ticket_goes_overdue_is_escalated_reopened_and_counted_late() {
    with_browser("service", async |b| {
        let app = &b.app.app;
        let conn = app.db().conn();
        let dept = store::org::department::all(conn)
            .await
            .unwrap()
            .into_iter()
            .find(|d| d.code == "GXJ-371521")
            .unwrap();
        let uscc = app::service::demo::cultivation_uscc(4).unwrap();
        app::org::create_user(
            app,
            &app::Actor::system("test"),
            &app::RequestMeta::cli("test"),
            app::org::NewUserForm {
                username: "ent.yanggu".into(),
                display_name: Some("阳谷示例光通信设备有限公司".into()),
                password: PASSWORD.into(),
                role: "enterprise".into(),
                region: Some("371521".into()),
                enterprise: Some(uscc.to_string()),
                phone: None,
                must_change_password: false,
            },
        )
        .await
        .unwrap();

        // The enterprise raises the ticket (its own enterprise implied).
        b.login("ent.yanggu").await;
        b.goto("/tickets/new").await;
        b.fill("#title", "扩产用地指标").await;
        b.find("#category")
            .await
            .select_by_value("land")
            .await
            .unwrap();
        b.fill("#description", "二期厂房需新增用地 30 亩").await;
        b.click_and_wait("#raise-ticket").await;
        let path = b.path().await;
        let id: i64 = path
            .trim_start_matches("/tickets/")
            .parse()
            .expect("on the record");
        assert_eq!(
            b.find("#ticket-status")
                .await
                .attr("data-status")
                .await
                .unwrap()
                .as_deref(),
            Some("submitted")
        );
        b.shot_full("ticket-raised").await;
        b.logout().await;

        // The county hands it to its industry bureau.
        b.login("county.yanggu").await;
        b.goto(&path).await;
        b.find("#act-assign select[name=department_id]")
            .await
            .select_by_value(&dept.id.to_string())
            .await
            .unwrap();
        b.click_and_wait("#act-assign button").await;
        assert_eq!(b.text("#ticket-department").await, dept.name);
        b.logout().await;

        // A month passes (the log is moved back 30 days), and the deadline job runs.
        store::testing::backdate_ticket(conn, id, 30).await.unwrap();
        let run = app::service::check_deadlines(app, store::service::china_today())
            .await
            .unwrap();
        assert!(
            run.escalated_to_head >= 1 && run.escalated_to_leader >= 1,
            "{run:?}"
        );

        // The department head finds it under 已超期 on the list, overdue and escalated, and
        // resolves it.
        b.login("dept.yanggu").await;
        b.goto("/tickets").await;
        let overdue = b
            .text("#deadline-counts a[data-state=overdue] b")
            .await
            .parse::<u64>()
            .unwrap();
        assert!(overdue >= 1, "the overdue count includes it");
        b.click_and_wait("#deadline-counts a[data-state=overdue]")
            .await;
        assert!(
            b.text("#tickets").await.contains("用地指标"),
            "the overdue filter lists it"
        );
        b.goto(&path).await;
        assert_eq!(
            b.find("#deadline-state")
                .await
                .attr("data-state")
                .await
                .unwrap()
                .as_deref(),
            Some("overdue")
        );
        assert!(
            b.text("#timeline").await.contains("督办"),
            "escalations are on the timeline"
        );
        b.shot_full("ticket-overdue").await;
        b.fill(
            "#act-resolve input[name=comment]",
            "已协调自然资源局安排指标",
        )
        .await;
        b.click_and_wait("#act-resolve button").await;
        assert_eq!(
            b.find("#ticket-status")
                .await
                .attr("data-status")
                .await
                .unwrap()
                .as_deref(),
            Some("resolved")
        );
        b.logout().await;

        // The enterprise is not satisfied: the ticket reopens for a second round.
        b.login("ent.yanggu").await;
        b.goto(&path).await;
        b.find("#act-rate select[name=rating]")
            .await
            .select_by_value("dissatisfied")
            .await
            .unwrap();
        b.fill("#act-rate input[name=comment]", "指标尚未落实")
            .await;
        b.click_and_wait("#act-rate button").await;
        assert_eq!(
            b.find("#ticket-status")
                .await
                .attr("data-status")
                .await
                .unwrap()
                .as_deref(),
            Some("in_progress")
        );
        assert_eq!(b.text("#ticket-round").await, "2");
        b.logout().await;

        // The department resolves it again.
        b.login("dept.yanggu").await;
        b.goto(&path).await;
        b.fill("#act-resolve input[name=comment]", "用地指标已下达")
            .await;
        b.click_and_wait("#act-resolve button").await;
        assert_eq!(b.text("#ticket-reply").await, "用地指标已下达");
        b.logout().await;

        // The county's report: the department received 2 (the demo's and this one), resolved 2,
        // 1 on time (this one's first round was late).
        b.login("county.yanggu").await;
        b.goto("/tickets/report").await;
        b.shot_full("ticket-report").await;
        let rows = b.texts("#report tbody tr").await;
        let row = rows
            .iter()
            .find(|r| r.starts_with(&dept.name))
            .expect("the department's row");
        let cells: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(&cells[1..5], ["2", "2", "1", "50.0%"], "{row}");
    })
    .await;
}
