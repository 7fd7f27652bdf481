use super::*;
use crate::calendar::{ClockReading, DayKind, WorkdayCalendar};
use chrono::NaiveDate;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// National Day 2026: Oct 1-7 off; Sun Sep 20 and Sat Oct 10 worked.
fn cal() -> WorkdayCalendar {
    let mut e: Vec<_> = (1..=7)
        .map(|day| (d(&format!("2026-10-{day:02}")), DayKind::Holiday))
        .collect();
    e.push((d("2026-09-20"), DayKind::MakeupWorkday));
    e.push((d("2026-10-10"), DayKind::MakeupWorkday));
    WorkdayCalendar::new(e)
}

fn rules() -> ServiceRules {
    ServiceRules {
        version: "test".into(),
        remind_before_days: 1,
        escalate_leader_after_days: 3,
        max_reopens: 2,
        category: vec![CategoryRule {
            code: "policy".into(),
            first_response_days: 1,
            resolution_days: 5,
        }],
    }
}

fn ev(on: &str, action: TicketAction) -> TicketEvent {
    TicketEvent::new(d(on), action)
}

fn rate(on: &str, r: Rating) -> TicketEvent {
    TicketEvent {
        rating: Some(r),
        ..ev(on, TicketAction::Rate)
    }
}

fn fold(events: &[TicketEvent]) -> TicketClock {
    TicketClock::fold(events, &rules().category[0], &cal()).unwrap()
}

#[test]
fn the_state_machine_refuses_out_of_order_actions() {
    use TicketAction as A;
    use TicketStatus as S;
    assert_eq!(A::Assign.next(S::Submitted), Ok(S::Assigned));
    assert_eq!(A::Resolve.next(S::Submitted), Err(TicketError::NotAllowed));
    assert_eq!(A::Rate.next(S::InProgress), Err(TicketError::NotAllowed));
    assert_eq!(A::Resume.next(S::InProgress), Err(TicketError::NotAllowed));
    assert_eq!(A::Resolve.next(S::Waiting), Err(TicketError::NotAllowed));
    assert_eq!(A::Escalate.next(S::Closed), Err(TicketError::NotAllowed));
    assert_eq!(A::Reopen.next(S::Closed), Ok(S::InProgress));
    assert_eq!(A::Comment.next(S::Closed), Ok(S::Closed));
    for a in TicketAction::ALL {
        assert_eq!(TicketAction::parse(a.as_str()), Some(*a));
    }
    for s in TicketStatus::ALL {
        assert_eq!(TicketStatus::parse(s.as_str()), Some(*s));
    }
}

#[test]
fn a_log_must_start_with_raise() {
    let r = TicketClock::fold(
        &[ev("2026-09-14", TicketAction::Assign)],
        &rules().category[0],
        &cal(),
    );
    assert_eq!(r, Err(TicketError::NoRaise));
    assert_eq!(
        TicketClock::fold(&[], &rules().category[0], &cal()),
        Err(TicketError::NoRaise)
    );
}

#[test]
fn deadlines_run_across_the_national_day_holiday_and_its_makeup_days() {
    // Raised Tue 09-29: first response due Wed 09-30; resolution 5 working days:
    // 30, Oct 8, 9, 10 (make-up Saturday), 12.
    let c = fold(&[
        ev("2026-09-29", TicketAction::Raise),
        ev("2026-09-29", TicketAction::Assign),
    ]);
    assert_eq!(c.first_response_due, ClockReading::Due(d("2026-09-30")));
    assert_eq!(
        c.current().resolution_due,
        ClockReading::Due(d("2026-10-12"))
    );
    let r = rules();
    assert_eq!(
        c.status_on(d("2026-10-09"), &cal(), &r),
        DeadlineStatus::OnTrack {
            due: d("2026-10-12"),
            left: 2
        }
    );
    assert_eq!(
        c.status_on(d("2026-10-10"), &cal(), &r),
        DeadlineStatus::DueSoon {
            due: d("2026-10-12"),
            left: 1
        }
    );
    assert_eq!(
        c.status_on(d("2026-10-14"), &cal(), &r),
        DeadlineStatus::Overdue {
            due: d("2026-10-12"),
            days: 2
        }
    );
}

#[test]
fn waiting_on_the_enterprise_stops_the_clock() {
    let base = [
        ev("2026-09-14", TicketAction::Raise),
        ev("2026-09-14", TicketAction::Assign),
        ev("2026-09-15", TicketAction::Respond),
        ev("2026-09-15", TicketAction::Wait),
    ];
    let paused = fold(&base);
    assert_eq!(paused.status, TicketStatus::Waiting);
    assert_eq!(
        paused.status_on(d("2026-09-30"), &cal(), &rules()),
        DeadlineStatus::Paused { left: 4 }
    );
    assert!(
        paused
            .due_actions(d("2026-12-01"), &cal(), &rules())
            .is_empty()
    );
    let mut resumed = base.to_vec();
    resumed.push(ev("2026-09-18", TicketAction::Resume));
    let c = fold(&resumed);
    // 1 day used (15th); 16, 17, 18 paused; then 20 (make-up Sunday), 21, 22, 23.
    assert_eq!(
        c.current().resolution_due,
        ClockReading::Due(d("2026-09-23"))
    );
    assert_eq!(c.first_response_on_time(), Some(true));
    resumed.push(ev("2026-09-23", TicketAction::Resolve));
    let done = fold(&resumed);
    assert_eq!(done.on_time(), Some(true));
    // 8 working days from the 14th to the 23rd, less 3 paused.
    assert_eq!(done.working_days_to_resolve(&cal()), Some(5));
}

#[test]
fn overdue_tickets_are_reminded_then_escalated_once_per_level() {
    let mut log = vec![
        ev("2026-09-14", TicketAction::Raise),
        ev("2026-09-14", TicketAction::Assign),
    ];
    let r = rules();
    // Due Sun 09-20 (make-up day). Fri 18: one working day left → remind.
    assert_eq!(
        fold(&log).due_actions(d("2026-09-18"), &cal(), &r),
        vec![DueAction::Remind]
    );
    log.push(ev("2026-09-18", TicketAction::Remind));
    assert!(
        fold(&log)
            .due_actions(d("2026-09-18"), &cal(), &r)
            .is_empty()
    );
    // Mon 21: overdue by one → the department head.
    assert_eq!(
        fold(&log).due_actions(d("2026-09-21"), &cal(), &r),
        vec![DueAction::Escalate(1)]
    );
    log.push(TicketEvent {
        level: Some(1),
        ..ev("2026-09-21", TicketAction::Escalate)
    });
    assert!(
        fold(&log)
            .due_actions(d("2026-09-22"), &cal(), &r)
            .is_empty()
    );
    // Wed 23: three working days overdue → the leader in charge.
    assert_eq!(
        fold(&log).due_actions(d("2026-09-23"), &cal(), &r),
        vec![DueAction::Escalate(2)]
    );
    // A job that missed days escalates both levels at once.
    let fresh = fold(&log[..2]);
    assert_eq!(
        fresh.due_actions(d("2026-09-30"), &cal(), &r),
        vec![DueAction::Escalate(1), DueAction::Escalate(2)]
    );
}

#[test]
fn a_bad_rating_reopens_and_the_late_first_round_keeps_the_ticket_late() {
    let log = vec![
        ev("2026-09-14", TicketAction::Raise),
        ev("2026-09-14", TicketAction::Assign),
        ev("2026-09-25", TicketAction::Resolve),
        rate("2026-09-25", Rating::Dissatisfied),
        ev("2026-09-25", TicketAction::Reopen),
        ev("2026-09-28", TicketAction::Resolve),
    ];
    let c = fold(&log);
    assert_eq!(c.status, TicketStatus::Resolved);
    assert_eq!(c.reopens(), 1);
    assert_eq!(c.rounds[0].on_time(), Some(false));
    assert_eq!(c.rounds[1].on_time(), Some(true));
    assert_eq!(c.on_time(), Some(false));
    let open = fold(&log[..5]);
    assert_eq!(open.status, TicketStatus::InProgress);
    assert_eq!(open.on_time(), None);
    // The second round runs from the reopening: 25 + 5 = Sep 28, 29, 30, Oct 8, 9.
    assert_eq!(
        open.current().resolution_due,
        ClockReading::Due(d("2026-10-09"))
    );
    let f = figures([(&c, false), (&open, false)], &cal());
    assert_eq!(
        (f.received, f.resolved, f.on_time, f.rated, f.satisfied),
        (2, 1, 0, 2, 0)
    );
    assert_eq!(f.on_time_pct(), Some(0.0));
    assert_eq!(f.satisfaction_pct(), Some(0.0));
}

#[test]
fn figures_are_exact_counts_rounded_for_display() {
    let good = fold(&[
        ev("2026-09-14", TicketAction::Raise),
        ev("2026-09-14", TicketAction::Assign),
        ev("2026-09-16", TicketAction::Resolve),
        rate("2026-09-16", Rating::BasicallySatisfied),
    ]);
    let late = fold(&[
        ev("2026-09-14", TicketAction::Raise),
        ev("2026-09-14", TicketAction::Assign),
        ev("2026-09-29", TicketAction::Resolve),
    ]);
    let f = figures([(&good, false), (&good, false), (&late, false)], &cal());
    assert_eq!((f.resolved, f.on_time), (3, 2));
    assert_eq!(f.on_time_pct(), Some(66.7));
    assert_eq!(f.satisfaction_pct(), Some(100.0));
    // 2 + 2 + 12 working days (15..29 with the make-up Sunday) over 3.
    assert_eq!(f.working_days_total, 16);
    assert_eq!(f.average_days(), Some(5.3));
    assert_eq!(TicketFigures::default().on_time_pct(), None);
}

#[test]
fn the_rule_set_is_checked() {
    let mut r = rules();
    assert!(r.validate().is_ok());
    r.category[0].first_response_days = 6;
    assert!(r.validate().is_err(), "first response after resolution");
    r.category[0].first_response_days = 0;
    assert!(r.validate().is_err());
    let mut twice = rules();
    twice.category.push(twice.category[0].clone());
    assert!(twice.validate().is_err());
}

proptest! {
    #[test]
    fn a_ticket_deadline_is_a_working_day_not_before_receipt(
        offset in 0u32..600,
        wait_after in 0u64..6,
        wait_len in 0u64..10,
    ) {
        let start = d("2025-12-01") + chrono::Days::new(offset as u64);
        let w = start + chrono::Days::new(wait_after);
        let r = w + chrono::Days::new(wait_len);
        let c = fold(&[
            TicketEvent::new(start, TicketAction::Raise),
            TicketEvent::new(start, TicketAction::Assign),
            TicketEvent::new(w, TicketAction::Wait),
            TicketEvent::new(r, TicketAction::Resume),
        ]);
        for reading in [c.first_response_due, c.current().resolution_due] {
            match reading {
                ClockReading::Due(due) => {
                    prop_assert!(due > start);
                    prop_assert!(cal().is_working_day(due));
                }
                ClockReading::Paused { .. } => prop_assert!(false, "resumed, so not paused"),
            }
        }
    }
}

proptest! {
    /// The date bounds a database compares against give the same state as reading the clock,
    /// across the National Day holiday and its make-up days.
    #[test]
    fn deadline_bounds_split_states_as_the_clock_reads_them(
        due_offset in 0u64..60,
        today_offset in 0u64..60,
    ) {
        let base = d("2026-09-10");
        let due = cal().working_day_on_or_after(base + chrono::Days::new(due_offset));
        let today = base + chrono::Days::new(today_offset);
        let outcome = ClockOutcome {
            state: ClockState::Running { due },
            escalation_level: 0,
            rating: None,
        };
        let bounds = DeadlineBounds::on(today, &cal(), &rules());
        let by_bounds = if due < bounds.today {
            "overdue"
        } else if due < bounds.on_track_from {
            "due_soon"
        } else {
            "on_track"
        };
        prop_assert_eq!(outcome.status_on(today, &cal(), &rules()).as_str(), by_bounds);
    }
}

#[test]
fn the_outcome_keeps_what_the_reports_count() {
    let done = fold(&[
        ev("2026-09-28", TicketAction::Raise),
        ev("2026-09-28", TicketAction::Assign),
        ev("2026-10-09", TicketAction::Resolve),
        rate("2026-10-09", Rating::Satisfied),
    ]);
    let o = done.outcome(&cal());
    // Sep 29, 30, Oct 8, 9 are working days (Oct 1-7 off): four days, due Oct 10 (make-up).
    assert_eq!(
        o.state,
        ClockState::Done {
            on_time: true,
            working_days: 4
        }
    );
    assert_eq!(o.rating, Some(Rating::Satisfied));
    let waiting = fold(&[
        ev("2026-09-28", TicketAction::Raise),
        ev("2026-09-28", TicketAction::Assign),
        ev("2026-09-29", TicketAction::Wait),
    ]);
    assert_eq!(
        waiting.outcome(&cal()).state,
        ClockState::Paused { left: 4 }
    );
    let running = fold(&[ev("2026-09-28", TicketAction::Raise)]);
    assert_eq!(running.outcome(&cal()).due(), Some(d("2026-10-10")));
}
