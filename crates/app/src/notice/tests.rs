//! Public notices and objections on SQLite and PostgreSQL, acting as the demo's users.

use super::*;
use crate::test_support::{demo_actor as actor, demo_app as demo};
use objection::ObjectionForm;
use store::testing::on_each_backend;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn meta(addr: &str) -> RequestMeta {
    RequestMeta {
        request_id: "t".into(),
        client_addr: addr.into(),
        user_agent: "test".into(),
    }
}

async fn open(app: &App, id: i64, opened: NaiveDate, days: u32) -> NoticeView {
    let tx = app.db().begin_write().await.unwrap();
    let v = open_notice(
        &tx,
        &Actor::system("test"),
        &meta("local"),
        NewNotice {
            subject_kind: "test_subject",
            subject_id: id,
            region_code: "371521".into(),
            title: "2026年专精特新中小企业拟认定名单公示".into(),
            body: "公示期内如有异议，请提出。".into(),
            items: vec!["阳谷示例企业".into()],
            working_days: days,
            opened,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    v
}

fn form(contact: &str) -> ObjectionForm {
    ObjectionForm {
        name: "张三".into(),
        contact: contact.into(),
        content: "该企业上年度研发费用数据不实。".into(),
    }
}

#[tokio::test]
async fn a_notice_counts_working_days_across_national_day_and_clears_after_its_end() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        // The shipped calendar: Oct 1-8 2025 off (National Day with Mid-Autumn), Sep 28 and
        // Oct 11 (Sat) worked.
        let v = open(&app, 1, d("2025-09-29"), 7).await;
        assert_eq!(v.start_date, d("2025-09-29"));
        // Sep 29, 30, Oct 9, 10, 11 (make-up Saturday), 13, 14.
        assert_eq!(v.end_date, d("2025-10-14"));
        let conn = app.db().conn();
        assert!(
            has_cleared(conn, "test_subject", 1, d("2025-10-15"))
                .await
                .unwrap()
        );
        assert!(
            !has_cleared(conn, "test_subject", 1, d("2025-10-14"))
                .await
                .unwrap()
        );
        assert!(
            !has_cleared(conn, "test_subject", 2, d("2025-10-14"))
                .await
                .unwrap(),
            "no notice"
        );
        let listed = list_notices(&app, Some("test_subject"), PageRequest::new(10, None))
            .await
            .unwrap();
        assert_eq!(listed.items.len(), 1);
        assert_eq!(get_notice(&app, v.id).await.unwrap().phase, "ended");
        assert!(matches!(
            get_notice(&app, v.id + 100).await,
            Err(AppError::NotFound)
        ));
    })
    .await;
}

#[tokio::test]
async fn an_objection_reaches_the_reviewers_and_a_sustained_one_stops_the_subject() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let v = open(&app, 7, today(), 5).await;
        let o = lodge_objection(&app, &meta("10.0.0.1"), v.id, &form("13800001234"))
            .await
            .unwrap();
        assert_eq!(o.contact, "13*******34");
        // The county of the notice and the city are notified.
        let yanggu = actor(&app, "county.yanggu").await;
        let admin = actor(&app, "admin").await;
        for who in [&yanggu, &admin] {
            assert_eq!(crate::notify::unread_count(&app, who).await.unwrap(), 1);
        }
        let shenxian = actor(&app, "county.shenxian").await;
        assert_eq!(
            crate::notify::unread_count(&app, &shenxian).await.unwrap(),
            0
        );
        // The contact never reaches the audit log in clear.
        let audit = <store::entity::audit_log::Entity as sea_orm::EntityTrait>::find()
            .all(app.db().conn())
            .await
            .unwrap();
        assert!(audit.iter().all(|a| !a.diff.contains("13800001234")));
        assert!(
            audit
                .iter()
                .any(|a| a.action == "notice.objection.lodge" && a.actor_name == "anonymous")
        );
        // Only the notice's own region (or above) handles it.
        assert!(matches!(
            decide_objection(&app, &shenxian, &meta("x"), o.id, true, "属实").await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            list_objections(&app, &actor(&app, "enterprise").await, v.id).await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            decide_objection(&app, &yanggu, &meta("x"), o.id, true, " ").await,
            Err(AppError::Invalid(_))
        ));
        let listed = list_objections(&app, &yanggu, v.id).await.unwrap();
        assert_eq!(
            listed[0].contact, "13*******34",
            "county admin lacks personal data"
        );
        assert_eq!(
            list_objections(&app, &admin, v.id).await.unwrap()[0].contact,
            "13800001234"
        );
        decide_objection(&app, &yanggu, &meta("x"), o.id, true, "经核实属实")
            .await
            .unwrap();
        assert!(matches!(
            decide_objection(&app, &yanggu, &meta("x"), o.id, false, "再次").await,
            Err(AppError::Conflict(_))
        ));
        let far = today() + chrono::Days::new(60);
        let (_, outcome) = notice_outcome(app.db().conn(), "test_subject", 7, far)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(outcome, NoticeOutcome::Objected);
    })
    .await;
}

#[tokio::test]
async fn objections_are_refused_outside_the_period_past_the_limits_and_past_the_daily_quota() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let ended = open(&app, 1, d("2025-11-03"), 5).await;
        assert!(matches!(
            lodge_objection(&app, &meta("10.0.0.2"), ended.id, &form("13800001234")).await,
            Err(AppError::Invalid(e)) if e[0].key == "notice.not_open"
        ));
        let running = open(&app, 2, today(), 5).await;
        let mut long = form("13800001234");
        long.content = "异".repeat(policy::notice::MAX_CONTENT_CHARS + 1);
        assert!(matches!(
            lodge_objection(&app, &meta("10.0.0.2"), running.id, &long).await,
            Err(AppError::Invalid(e)) if e[0].field == "content" && e[0].key == "notice.too_long"
        ));
        for _ in 0..policy::notice::MAX_OBJECTIONS_PER_ADDRESS_PER_DAY {
            lodge_objection(&app, &meta("10.0.0.2"), running.id, &form("1"))
                .await
                .unwrap();
        }
        assert!(matches!(
            lodge_objection(&app, &meta("10.0.0.2"), running.id, &form("1")).await,
            Err(AppError::Invalid(e)) if e[0].key == "notice.too_many"
        ));
        lodge_objection(&app, &meta("10.0.0.3"), running.id, &form("1"))
            .await
            .expect("another address may still object");
    })
    .await;
}
