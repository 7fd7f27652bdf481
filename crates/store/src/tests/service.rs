use crate::entity::{specialist, specialist_assignment, ticket, ticket_event};
use crate::page::PageRequest;
use crate::service::{china_today, specialist as sp, ticket as tk};
use crate::testing::on_each_backend;
use chrono::{Days, Utc};
use policy::org::{DataScope, Permission, RegionCode, RoleCode, RoleGrant, Scope, ScopeSubject};
use sea_orm::Set;

fn assigned_scope(user_id: i64) -> Scope {
    let home = RegionCode::parse("371521").unwrap();
    let grants = [RoleGrant {
        role: RoleCode("specialist".into()),
        data_scope: DataScope::Assigned,
        listed_regions: vec![],
        permissions: [Permission::TICKET_READ].into_iter().collect(),
    }];
    Scope::for_permission(
        ScopeSubject {
            user_id,
            region: Some(&home),
            enterprise: None,
        },
        &grants,
        Permission::TICKET_READ,
    )
    .unwrap()
}

fn new_ticket(uscc: &str, raised_by: Option<i64>) -> ticket::ActiveModel {
    let now = Utc::now();
    ticket::ActiveModel {
        title: Set(format!("about {uscc}")),
        category: Set("policy".into()),
        description: Set("d".into()),
        enterprise_uscc: Set(uscc.into()),
        region_code: Set("371521".into()),
        source: Set("enterprise".into()),
        visit_id: Set(None),
        raised_by: Set(raised_by),
        department_id: Set(None),
        status: Set("submitted".into()),
        reply: Set(String::new()),
        rule_version: Set("t".into()),
        received_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_specialist_scope_admits_only_currently_assigned_enterprises_and_own_tickets() {
    on_each_backend(|db| async move {
        let c = db.conn();
        let s = sp::insert(
            c,
            specialist::ActiveModel {
                name: Set("王专员".into()),
                region_code: Set("371521".into()),
                department_id: Set(None),
                phone: Set(String::new()),
                user_id: Set(Some(42)),
                retired: Set(false),
                created_at: Set(Utc::now()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let today = china_today();
        for (uscc, from, to) in [
            ("A", today - Days::new(10), None),
            ("B", today - Days::new(30), Some(today - Days::new(1))),
            ("C", today + Days::new(3), None),
        ] {
            sp::assign(
                c,
                specialist_assignment::ActiveModel {
                    specialist_id: Set(s.id),
                    enterprise_uscc: Set(uscc.into()),
                    started_on: Set(from),
                    ended_on: Set(to),
                    note: Set(String::new()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        }
        for (uscc, by) in [("A", None), ("B", None), ("C", None), ("D", Some(42))] {
            tk::insert(c, new_ticket(uscc, by)).await.unwrap();
        }
        let page = tk::list(
            c,
            &assigned_scope(42),
            &tk::TicketQuery::default(),
            PageRequest::new(50, None),
        )
        .await
        .unwrap();
        let mut seen: Vec<String> = page.items.into_iter().map(|t| t.enterprise_uscc).collect();
        seen.sort();
        assert_eq!(
            seen,
            ["A", "D"],
            "current assignment A and own ticket D; B ended, C not started"
        );
        let other = tk::list(
            c,
            &assigned_scope(7),
            &tk::TicketQuery::default(),
            PageRequest::new(50, None),
        )
        .await
        .unwrap();
        assert!(other.items.is_empty(), "another specialist sees nothing");
    })
    .await;
}

#[tokio::test]
async fn tickets_come_back_with_their_events_in_order() {
    on_each_backend(|db| async move {
        let c = db.conn();
        let mut ids = Vec::new();
        for u in ["A", "B"] {
            ids.push(tk::insert(c, new_ticket(u, None)).await.unwrap().id);
        }
        for (tid, action) in [
            (ids[1], "raise"),
            (ids[0], "raise"),
            (ids[1], "assign"),
            (ids[0], "assign"),
            (ids[1], "respond"),
        ] {
            tk::append(
                c,
                ticket_event::ActiveModel {
                    ticket_id: Set(tid),
                    action: Set(action.into()),
                    actor_id: Set(None),
                    actor_name: Set(String::new()),
                    department_id: Set(None),
                    rating: Set(None),
                    level: Set(None),
                    comment: Set(String::new()),
                    at: Set(Utc::now()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        }
        let all = tk::with_events(c, &Scope::all(), &tk::TicketQuery::default())
            .await
            .unwrap();
        let shape: Vec<(i64, Vec<String>)> = all
            .into_iter()
            .map(|(t, es)| (t.id, es.into_iter().map(|e| e.action).collect()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (ids[0], vec!["raise".to_string(), "assign".into()]),
                (
                    ids[1],
                    vec!["raise".into(), "assign".into(), "respond".into()]
                ),
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn clock_columns_round_trip_and_count_by_date_bounds() {
    use crate::service::ticket_clock as clock;
    use policy::service::{ClockOutcome, ClockState, DeadlineBounds, Rating};
    on_each_backend(|db| async move {
        let c = db.conn();
        let day = |n: u64| chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap() + Days::new(n);
        let bounds = DeadlineBounds {
            today: day(10),
            on_track_from: day(13),
        };
        let states = [
            ClockState::Running { due: day(9) },  // overdue
            ClockState::Running { due: day(10) }, // due soon (today)
            ClockState::Running { due: day(12) }, // due soon
            ClockState::Running { due: day(13) }, // on track
            ClockState::Paused { left: 3 },
            ClockState::Done {
                on_time: false,
                working_days: 7,
            },
        ];
        let mut ids = Vec::new();
        for (i, state) in states.into_iter().enumerate() {
            let t = tk::insert(c, new_ticket(&format!("E{i}"), None))
                .await
                .unwrap();
            assert_eq!(clock::outcome_of(&t), None, "not derived yet");
            let o = ClockOutcome {
                state,
                escalation_level: (i % 3) as u8,
                rating: (i == 5).then_some(Rating::Dissatisfied),
            };
            clock::set(c, t.id, &o, "v1/0").await.unwrap();
            let back = tk::find(c, &Scope::all(), t.id).await.unwrap().unwrap();
            assert_eq!(clock::outcome_of(&back), Some(o));
            ids.push(t.id);
        }
        // The done ticket is not open: counted nowhere.
        let am = ticket::ActiveModel {
            id: Set(ids[5]),
            status: Set("resolved".into()),
            ..Default::default()
        };
        tk::update(c, am).await.unwrap();
        let n = clock::deadline_counts(c, &Scope::all(), &tk::TicketQuery::default(), bounds)
            .await
            .unwrap();
        assert_eq!(
            (n.overdue, n.due_soon, n.on_track, n.paused),
            (1, 2, 1, 1),
            "{n:?}"
        );
        assert!(!clock::any_stale(c, "v1/0").await.unwrap());
        assert!(clock::any_stale(c, "v2/0").await.unwrap());
        let stale = clock::stale(c, "v2/0", 4).await.unwrap();
        assert_eq!(
            stale.iter().map(|(t, _)| t.id).collect::<Vec<_>>(),
            ids[..4].to_vec()
        );
        clock::confirm(c, &ids, "v2/0").await.unwrap();
        assert!(!clock::any_stale(c, "v2/0").await.unwrap());
        let rows = clock::rows(c, &Scope::all(), &tk::TicketQuery::default())
            .await
            .unwrap();
        assert_eq!(rows.len(), 6);
        assert!(rows.iter().all(|r| r.outcome().is_some()));
    })
    .await;
}
