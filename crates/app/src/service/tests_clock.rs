//! The clock columns on the ticket row (`super::clock`): they follow the log, the list filters,
//! the deadline counts and the reports read them, and a calendar edit re-derives them.

use super::demo::{YANGGU, cultivation_uscc};
use super::*;
use crate::test_support::{demo_actor, on_each_demo};
use crate::{App, RequestMeta};
use policy::org::Scope;

fn meta() -> RequestMeta {
    RequestMeta::cli("test")
}

async fn raise_and_assign(app: &App, title: &str, enterprise_no: usize) -> i64 {
    let county = demo_actor(app, "county.yanggu").await;
    let head = demo_actor(app, "dept.yanggu").await;
    let dept = store::org::user::find_by_id(app.db().conn(), head.user_id)
        .await
        .unwrap()
        .unwrap()
        .department_id
        .unwrap();
    let t = raise_ticket(
        app,
        &county,
        &meta(),
        NewTicketForm {
            title: title.into(),
            category: "policy".into(),
            description: "d".into(),
            enterprise_uscc: Some(cultivation_uscc(enterprise_no).unwrap().to_string()),
            visit_id: None,
        },
    )
    .await
    .unwrap();
    let assign = ActionForm {
        action: "assign".into(),
        comment: "请办理".into(),
        department_id: Some(dept),
        ..Default::default()
    };
    act_on_ticket(app, &county, &meta(), t.id, assign)
        .await
        .unwrap();
    t.id
}

/// The row's columns are exactly what folding its log gives.
async fn assert_row_is_its_log(app: &App, id: i64) {
    let conn = app.db().conn();
    let t = store::service::ticket::find(conn, &Scope::all(), id)
        .await
        .unwrap()
        .unwrap();
    let events = store::service::ticket::events_of(conn, id).await.unwrap();
    let cal = store::calendar::load(conn).await.unwrap();
    let folded = fold(&t, &events, &service_rules().unwrap(), &cal)
        .unwrap()
        .outcome(&cal);
    assert_eq!(store::service::ticket_clock::outcome_of(&t), Some(folded));
}

async fn listed(app: &App, actor: &crate::Actor, deadline: &str) -> Vec<TicketRowView> {
    list_tickets(
        app,
        actor,
        &TicketListQuery {
            deadline: Some(deadline.into()),
            region: Some(YANGGU.into()),
            limit: Some(200),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .items
}

#[tokio::test]
async fn the_clock_columns_follow_the_log_and_the_counts_and_filters_read_them() {
    on_each_demo(|app| async move {
        let county = demo_actor(&app, "county.yanggu").await;
        let head = demo_actor(&app, "dept.yanggu").await;
        let before = deadline_counts(&app, &county, Some(YANGGU)).await.unwrap();
        let id = raise_and_assign(&app, "电力增容", 4).await;
        assert_row_is_its_log(&app, id).await;
        let fresh = deadline_counts(&app, &county, Some(YANGGU)).await.unwrap();
        assert_eq!(fresh.on_track, before.on_track + 1, "{fresh:?}");
        let on_track = listed(&app, &county, "on_track").await;
        assert!(on_track.iter().any(|r| r.id == id));
        assert!(on_track.iter().all(|r| r.deadline_state == "on_track"));

        // A month ago: overdue now. The rewritten log is re-derived by the next reader.
        store::testing::backdate_ticket(app.db().conn(), id, 30)
            .await
            .unwrap();
        let overdue = listed(&app, &county, "overdue").await;
        assert!(overdue.iter().any(|r| r.id == id), "{overdue:?}");
        assert!(overdue.iter().all(|r| r.deadline_state == "overdue"));
        assert!(
            !listed(&app, &county, "on_track")
                .await
                .iter()
                .any(|r| r.id == id)
        );
        let late = deadline_counts(&app, &county, Some(YANGGU)).await.unwrap();
        assert_eq!(late.overdue, before.overdue + 1, "{late:?}");
        assert_eq!(late.on_track, before.on_track);
        assert_row_is_its_log(&app, id).await;

        // The deadline job escalates twice; the row shows the level it reached.
        check_deadlines(&app, store::service::china_today())
            .await
            .unwrap();
        assert_row_is_its_log(&app, id).await;
        let row = listed(&app, &county, "overdue").await;
        let row = row.iter().find(|r| r.id == id).unwrap();
        assert_eq!(row.escalation_level, 2);

        // Waiting on the enterprise stops a running clock (one already run out stays overdue).
        let other = raise_and_assign(&app, "环评批复", 7).await;
        for t in [id, other] {
            act_on_ticket(
                &app,
                &head,
                &meta(),
                t,
                ActionForm {
                    action: "wait".into(),
                    comment: "请补充材料".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
            assert_row_is_its_log(&app, t).await;
        }
        let paused = listed(&app, &county, "paused").await;
        assert!(paused.iter().any(|r| r.id == other) && !paused.iter().any(|r| r.id == id));
        let now = deadline_counts(&app, &county, Some(YANGGU)).await.unwrap();
        assert_eq!(
            (now.paused, now.overdue, now.on_track),
            (before.paused + 1, before.overdue + 1, before.on_track),
            "{now:?}"
        );

        // An unknown state is refused by name.
        let bad = list_tickets(
            &app,
            &county,
            &TicketListQuery {
                deadline: Some("late".into()),
                ..Default::default()
            },
        )
        .await;
        let Err(crate::AppError::Invalid(errs)) = bad else {
            panic!("{bad:?}")
        };
        assert_eq!(
            (errs[0].field.as_str(), errs[0].key.as_str()),
            ("deadline", "ticket.deadline_unknown")
        );
    })
    .await;
}

#[tokio::test]
async fn a_calendar_edit_moves_the_deadlines_kept_on_the_rows() {
    on_each_demo(|app| async move {
        let county = demo_actor(&app, "county.yanggu").await;
        let admin = demo_actor(&app, "admin").await;
        let id = raise_and_assign(&app, "融资对接", 5).await;
        let due_of =
            |rows: Vec<TicketRowView>| rows.iter().find(|r| r.id == id).unwrap().resolution_due;
        let due = due_of(listed(&app, &county, "on_track").await).unwrap();
        // The deadline's day becomes a holiday: the deadline moves to a later working day.
        crate::calendar::set_calendar_day(
            &app,
            &admin,
            &meta(),
            &crate::calendar::CalendarDayForm {
                date: due.to_string(),
                kind: "holiday".into(),
                festival: String::new(),
            },
        )
        .await
        .unwrap();
        let moved = due_of(
            list_tickets(
                &app,
                &county,
                &TicketListQuery {
                    region: Some(YANGGU.into()),
                    limit: Some(200),
                    ..Default::default()
                },
            )
            .await
            .unwrap()
            .items,
        )
        .unwrap();
        assert!(moved > due, "{moved} after {due}");
        assert_row_is_its_log(&app, id).await;
    })
    .await;
}

#[tokio::test]
async fn the_report_from_the_columns_equals_folding_every_log() {
    on_each_demo(|app| async move {
        let leader = demo_actor(&app, "county.yanggu").await;
        let id = raise_and_assign(&app, "人才公寓", 6).await;
        store::testing::backdate_ticket(app.db().conn(), id, 30)
            .await
            .unwrap();
        let q = ReportQuery {
            group: Some(ReportGroup::County),
            year: None,
            region: None,
        };
        let total = ticket_report(&app, &leader, &q)
            .await
            .unwrap()
            .pop()
            .unwrap();
        // The same figures the slow way: every log in scope folded.
        let conn = app.db().conn();
        let scope = leader.scope(policy::org::Permission::TICKET_READ).unwrap();
        let rules = service_rules().unwrap();
        let cal = store::calendar::load(conn).await.unwrap();
        let today = local_date(chrono::Utc::now());
        let mut f = policy::service::TicketFigures::default();
        for (t, events) in store::service::ticket::with_events(conn, &scope, &Default::default())
            .await
            .unwrap()
        {
            let clock = fold(&t, &events, &rules, &cal).unwrap();
            let overdue = clock.status_on(today, &cal, &rules).as_str() == "overdue";
            f.add(&clock.outcome(&cal), overdue);
        }
        assert!(f.received >= 1 && f.overdue >= 1, "{f:?}");
        assert_eq!(
            (
                total.received,
                total.resolved,
                total.on_time,
                total.overdue,
                total.rated
            ),
            (f.received, f.resolved, f.on_time, f.overdue, f.rated)
        );
        assert_eq!(total.average_days, f.average_days());
    })
    .await;
}

#[tokio::test]
async fn the_report_by_chain_counts_the_tickets_of_each_chains_enterprises() {
    on_each_demo(|app| async move {
        // The leader reads the whole city; the demo's chain patrols raised tickets for
        // enterprises on 茌平区's chains.
        let leader = demo_actor(&app, "leader").await;
        let by_chain = |group| ReportQuery {
            group: Some(group),
            year: None,
            region: None,
        };
        let rows = ticket_report(&app, &leader, &by_chain(ReportGroup::Chain))
            .await
            .unwrap();
        let (total, chains) = rows.split_last().unwrap();
        assert_eq!(total.key, "total");
        assert!(!chains.is_empty(), "the patrols' tickets are on chains");
        assert!(chains.iter().all(|r| !r.name.is_empty() && r.received >= 1));
        // Every ticket counts in the total once, whether on a chain or not (阳谷's visit
        // ticket is on none).
        let by_county = ticket_report(&app, &leader, &by_chain(ReportGroup::County))
            .await
            .unwrap();
        assert_eq!(total.received, by_county.last().unwrap().received);
        // A chain row counts exactly the tickets whose enterprise is on its map in its region.
        let conn = app.db().conn();
        let first: i64 = chains[0].key.parse().unwrap();
        let chain = store::service::ticket_clock::chain_names(conn)
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.0 == first)
            .unwrap();
        let on_map: std::collections::BTreeSet<String> =
            store::service::ticket_clock::chains_of_enterprises(
                conn,
                &store::service::ticket::with_events(conn, &Scope::all(), &Default::default())
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|(t, _)| t.enterprise_uscc)
                    .collect::<Vec<_>>(),
            )
            .await
            .unwrap()
            .into_iter()
            .filter(|(_, c)| *c == first)
            .map(|(u, _)| u)
            .collect();
        let region = policy::org::RegionCode::parse(&chain.2).unwrap();
        let expected = store::service::ticket::with_events(conn, &Scope::all(), &Default::default())
            .await
            .unwrap()
            .into_iter()
            .filter(|(t, _)| {
                on_map.contains(&t.enterprise_uscc)
                    && region.contains(&policy::org::RegionCode::parse(&t.region_code).unwrap())
            })
            .count() as u64;
        assert_eq!(chains[0].received, expected, "{}", chain.1);
    })
    .await;
}
