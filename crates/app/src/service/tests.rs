use super::demo::{YANGGU, cultivation_uscc};
use super::*;
use crate::test_support::{demo_actor, on_each_demo};
use crate::{AppError, RequestMeta};

fn meta() -> RequestMeta {
    RequestMeta::cli("test")
}

fn form(title: &str, uscc: Option<String>) -> NewTicketForm {
    NewTicketForm {
        title: title.into(),
        category: "policy".into(),
        description: "d".into(),
        enterprise_uscc: uscc,
        visit_id: None,
    }
}

fn act(action: &str, comment: &str) -> ActionForm {
    ActionForm {
        action: action.into(),
        comment: comment.into(),
        ..Default::default()
    }
}

async fn backdate(app: &crate::App, ticket_id: i64, days: u32) {
    store::testing::backdate_ticket(app.db().conn(), ticket_id, days)
        .await
        .unwrap();
}

#[test]
fn the_shipped_service_rules_load() {
    let r = service_rules().unwrap();
    assert!(r.category("policy").is_some() && r.category("other").is_some());
    assert!(r.remind_before_days >= 1);
}

#[tokio::test]
async fn the_demo_serves_twenty_enterprises_with_48_specialists_computed_from_assignments() {
    on_each_demo(|app| async move {
        let leader = demo_actor(&app, "leader").await;
        let o = service_overview(&app, &leader, YANGGU).await.unwrap();
        assert_eq!((o.enterprises_served, o.specialists_stationed), (20, 48));
        // The visit's problem and the demo ticket.
        assert_eq!(o.tickets.received, 2);
        assert_eq!(o.tickets.resolved, 1);
        let county = demo_actor(&app, "county.linqing").await;
        assert!(matches!(
            service_overview(&app, &county, YANGGU).await,
            Err(AppError::NotFound)
        ));
    })
    .await;
}

#[tokio::test]
async fn a_specialist_sees_assigned_enterprises_tickets_and_an_enterprise_only_its_own() {
    on_each_demo(|app| async move {
        let county = demo_actor(&app, "county.yanggu").await;
        // Specialist 01 (the demo account) is stationed in enterprise 0 only.
        let mine = raise_ticket(
            &app,
            &county,
            &meta(),
            form("mine", Some(cultivation_uscc(0).unwrap().to_string())),
        )
        .await
        .unwrap();
        let other = raise_ticket(
            &app,
            &county,
            &meta(),
            form("other", Some(cultivation_uscc(5).unwrap().to_string())),
        )
        .await
        .unwrap();
        let sp = demo_actor(&app, "specialist").await;
        assert!(get_ticket(&app, &sp, mine.id).await.is_ok());
        assert!(matches!(
            get_ticket(&app, &sp, other.id).await,
            Err(AppError::NotFound)
        ));
        let listed = list_tickets(&app, &sp, &TicketListQuery::default())
            .await
            .unwrap();
        let ids: Vec<i64> = listed.items.iter().map(|t| t.id).collect();
        assert!(ids.contains(&mine.id) && !ids.contains(&other.id));
        // The specialist may raise for the assigned enterprise, not for another.
        assert!(
            raise_ticket(
                &app,
                &sp,
                &meta(),
                form("x", Some(cultivation_uscc(0).unwrap().to_string()))
            )
            .await
            .is_ok()
        );
        let refused = raise_ticket(
            &app,
            &sp,
            &meta(),
            form("x", Some(cultivation_uscc(5).unwrap().to_string())),
        )
        .await;
        assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
        // The enterprise user (the 临清 foundry) sees neither, and its own raise is implied.
        let ent = demo_actor(&app, "enterprise").await;
        assert!(matches!(
            get_ticket(&app, &ent, mine.id).await,
            Err(AppError::NotFound)
        ));
        let own = raise_ticket(
            &app,
            &ent,
            &meta(),
            form("own", Some(cultivation_uscc(5).unwrap().to_string())),
        )
        .await
        .unwrap();
        assert_eq!(
            own.enterprise_uscc,
            ent.enterprise.as_ref().unwrap().as_str()
        );
        assert_eq!(own.source, "enterprise");
        let page = list_tickets(&app, &ent, &TicketListQuery::default())
            .await
            .unwrap();
        // Other demos raise tickets for the foundry too: the page holds its own and only its own.
        assert!(page.items.iter().any(|t| t.id == own.id));
        assert!(
            page.items
                .iter()
                .all(|t| t.enterprise_uscc == own.enterprise_uscc),
            "an enterprise sees only its own tickets"
        );
        assert!(page.items.iter().all(|t| t.id != mine.id));
    })
    .await;
}

#[tokio::test]
async fn an_overdue_ticket_is_escalated_resolved_rated_badly_reopened_and_counted_late() {
    on_each_demo(|app| async move {
        let county = demo_actor(&app, "county.yanggu").await;
        let head = demo_actor(&app, "dept.yanggu").await;
        let dept = store::org::user::find_by_id(app.db().conn(), head.user_id)
            .await
            .unwrap()
            .unwrap()
            .department_id
            .unwrap();
        let uscc = cultivation_uscc(3).unwrap();
        crate::org::create_user(
            &app,
            &crate::Actor::system("test"),
            &meta(),
            crate::org::NewUserForm {
                username: "ent.yanggu".into(),
                display_name: None,
                password: crate::demo::DEMO_PASSWORD.into(),
                role: "enterprise".into(),
                region: Some(YANGGU.into()),
                enterprise: Some(uscc.to_string()),
                phone: None,
                must_change_password: false,
            },
        )
        .await
        .unwrap();
        let ent = demo_actor(&app, "ent.yanggu").await;
        let t = raise_ticket(&app, &ent, &meta(), form("用地指标", None))
            .await
            .unwrap();
        assert_eq!(t.status, "submitted");
        // The head cannot resolve before it is handed to the department.
        let early = act_on_ticket(&app, &head, &meta(), t.id, act("resolve", "x")).await;
        assert!(
            matches!(
                early,
                Err(AppError::Invalid(_)) | Err(AppError::Forbidden(_))
            ),
            "{early:?}"
        );
        let mut assign = act("assign", "请办理");
        assign.department_id = Some(dept);
        let t = act_on_ticket(&app, &county, &meta(), t.id, assign)
            .await
            .unwrap();
        assert_eq!(t.status, "assigned");
        // A month ago: overdue now.
        backdate(&app, t.id, 30).await;
        let today = store::service::china_today();
        let run = check_deadlines(&app, today).await.unwrap();
        assert_eq!(
            (run.escalated_to_head, run.escalated_to_leader),
            (1, 1),
            "{run:?}"
        );
        assert_eq!(
            check_deadlines(&app, today)
                .await
                .unwrap()
                .escalated_to_head,
            0,
            "once per round"
        );
        let unread = crate::notify::unread_count(&app, &head).await.unwrap();
        assert!(
            unread >= 2,
            "assignment and escalation reach the head: {unread}"
        );
        let got = get_ticket(&app, &head, t.id).await.unwrap();
        assert_eq!(got.deadlines.state, "overdue");
        assert_eq!(got.deadlines.escalation_level, 2);
        assert!(got.allowed_actions.contains(&"resolve".to_string()));
        // Empty reply refused, naming the field.
        let Err(AppError::Invalid(errs)) =
            act_on_ticket(&app, &head, &meta(), t.id, act("resolve", " ")).await
        else {
            panic!("an empty reply must be refused")
        };
        assert_eq!(errs[0].field, "comment");
        act_on_ticket(&app, &head, &meta(), t.id, act("resolve", "已协调"))
            .await
            .unwrap();
        // Only the enterprise rates.
        let mut bad = act("rate", "没解决");
        bad.rating = Some("dissatisfied".into());
        assert!(matches!(
            act_on_ticket(&app, &county, &meta(), t.id, bad.clone()).await,
            Err(AppError::Forbidden(_))
        ));
        let reopened = act_on_ticket(&app, &ent, &meta(), t.id, bad).await.unwrap();
        assert_eq!(reopened.status, "in_progress");
        assert_eq!(reopened.deadlines.round, 2);
        assert_eq!(reopened.deadlines.escalation_level, 0);
        let done = act_on_ticket(&app, &head, &meta(), t.id, act("resolve", "已落实用地指标"))
            .await
            .unwrap();
        assert_eq!(
            done.deadlines.on_time,
            Some(false),
            "the first round was late"
        );
        let actions: Vec<&str> = done.events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "raise", "assign", "escalate", "escalate", "resolve", "rate", "reopen", "resolve"
            ]
        );
        let report = ticket_report(
            &app,
            &county,
            &ReportQuery {
                group: Some(ReportGroup::Department),
                year: None,
                region: None,
            },
        )
        .await
        .unwrap();
        let row = report.iter().find(|r| r.key == dept.to_string()).unwrap();
        // The demo's resolved ticket is on time; this one is late.
        assert_eq!(
            (row.received, row.resolved, row.on_time),
            (2, 2, 1),
            "{row:?}"
        );
        assert_eq!(row.on_time_pct, Some(50.0));
        assert_eq!(row.satisfaction_pct, Some(0.0));
        let xlsx = export_report_xlsx(
            &app,
            &county,
            &ReportQuery {
                group: None,
                year: None,
                region: None,
            },
        )
        .await
        .unwrap();
        assert_eq!(&xlsx[..2], b"PK");
    })
    .await;
}

#[tokio::test]
async fn bad_input_names_every_field() {
    on_each_demo(|app| async move {
        let county = demo_actor(&app, "county.yanggu").await;
        let Err(AppError::Invalid(errs)) = raise_ticket(
            &app,
            &county,
            &meta(),
            NewTicketForm {
                title: " ".into(),
                category: "nope".into(),
                description: String::new(),
                enterprise_uscc: Some("123".into()),
                visit_id: None,
            },
        )
        .await
        else {
            panic!("expected invalid")
        };
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["title", "description", "category", "enterprise_uscc"]
        );
        assert!(matches!(
            act_on_ticket(&app, &county, &meta(), 1, act("fly", "")).await,
            Err(AppError::Invalid(_))
        ));
        let leader = demo_actor(&app, "leader").await;
        assert!(matches!(
            raise_ticket(&app, &leader, &meta(), form("x", None)).await,
            Err(AppError::Forbidden(_))
        ));
    })
    .await;
}
