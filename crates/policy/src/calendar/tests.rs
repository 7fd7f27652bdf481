use super::*;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// National Day 2026 per the State Council: Oct 1-7 off; Sep 20 (Sun) and Oct 10 (Sat) worked.
fn national_day_2026() -> WorkdayCalendar {
    let mut e: Vec<_> = (1..=7)
        .map(|day| (d(&format!("2026-10-{day:02}")), DayKind::Holiday))
        .collect();
    e.push((d("2026-09-20"), DayKind::MakeupWorkday));
    e.push((d("2026-10-10"), DayKind::MakeupWorkday));
    WorkdayCalendar::new(e)
}

#[test]
fn counts_across_a_holiday_and_its_makeup_days() {
    let cal = national_day_2026();
    // Tue 2026-09-29 + 1 = Wed 30; + 2 skips Oct 1-7 and lands on Thu Oct 8.
    assert_eq!(cal.add_working_days(d("2026-09-29"), 1), d("2026-09-30"));
    assert_eq!(cal.add_working_days(d("2026-09-29"), 2), d("2026-10-08"));
    // Fri Oct 9, then Sat Oct 10 is a make-up working day.
    assert_eq!(cal.add_working_days(d("2026-10-08"), 2), d("2026-10-10"));
    assert!(
        cal.is_working_day(d("2026-09-20")),
        "make-up Sunday is worked"
    );
    assert!(
        !cal.is_working_day(d("2026-10-05")),
        "holiday Monday is off"
    );
}

#[test]
fn unknown_years_fall_back_to_weekends() {
    let cal = national_day_2026();
    assert!(cal.knows_year(2026));
    assert!(!cal.knows_year(2031));
    assert!(
        cal.is_working_day(d("2031-10-01")),
        "a Wednesday in an unknown year"
    );
    // Across a year end: Wed 2031-12-31 + 3 = Mon 2032-01-05.
    assert_eq!(cal.add_working_days(d("2031-12-31"), 3), d("2032-01-05"));
}

#[test]
fn working_days_between_matches_add() {
    let cal = national_day_2026();
    assert_eq!(
        cal.working_days_between(d("2026-09-29"), d("2026-10-08")),
        2
    );
    assert_eq!(
        cal.working_days_between(d("2026-10-08"), d("2026-10-08")),
        0
    );
}

proptest! {
    #[test]
    fn a_deadline_is_a_working_day_not_before_its_start(offset in 0u32..800, n in 1u32..40) {
        let cal = national_day_2026();
        let start = d("2025-06-01") + chrono::Days::new(offset as u64);
        let due = cal.add_working_days(start, n);
        prop_assert!(due > start);
        prop_assert!(cal.is_working_day(due));
        prop_assert_eq!(cal.working_days_between(start, due), n as i64);
    }
}

/// New Year 2026: Jan 1-3 off, Sunday Jan 4 worked; 2025 has no entries (unknown year).
fn new_year_2026() -> WorkdayCalendar {
    WorkdayCalendar::new([
        (d("2026-01-01"), DayKind::Holiday),
        (d("2026-01-02"), DayKind::Holiday),
        (d("2026-01-03"), DayKind::Holiday),
        (d("2026-01-04"), DayKind::MakeupWorkday),
    ])
}

#[test]
fn the_clock_runs_across_a_year_end_with_a_makeup_sunday() {
    let cal = new_year_2026();
    // Tue 2025-12-30: Wed 31 (1), Jan 1-3 off, Sun Jan 4 worked (2), Mon Jan 5 (3).
    assert_eq!(
        cal.run_clock(d("2025-12-30"), 3, &[]),
        ClockReading::Due(d("2026-01-05"))
    );
    assert_eq!(
        cal.run_clock(d("2025-12-30"), 2, &[]),
        ClockReading::Due(d("2026-01-04"))
    );
    assert_eq!(
        cal.unknown_years(d("2025-12-30"), d("2026-01-05")),
        vec![2025]
    );
    assert!(
        cal.unknown_years(d("2026-01-02"), d("2026-03-01"))
            .is_empty()
    );
}

#[test]
fn a_pause_stops_the_clock_for_its_working_days() {
    let cal = national_day_2026();
    // Mon 2026-09-14 + 5 = Mon 09-21 (Sun 09-20 is a make-up day: 15,16,17,18,20).
    assert_eq!(
        cal.run_clock(d("2026-09-14"), 5, &[]),
        ClockReading::Due(d("2026-09-20"))
    );
    // Paused Tue 15 → Thu 17: the 16th and 17th do not count, so two more days: 21, 22.
    assert_eq!(
        cal.run_clock(
            d("2026-09-14"),
            5,
            &[(d("2026-09-15"), Some(d("2026-09-17")))]
        ),
        ClockReading::Due(d("2026-09-22"))
    );
    // Still paused: 1 day (the 15th) used, 4 left.
    assert_eq!(
        cal.run_clock(d("2026-09-14"), 5, &[(d("2026-09-15"), None)]),
        ClockReading::Paused { left: 4 }
    );
    // Paused over the National Day holiday: the holiday was not working days anyway.
    assert_eq!(
        cal.run_clock(
            d("2026-09-29"),
            3,
            &[(d("2026-09-30"), Some(d("2026-10-08")))]
        ),
        ClockReading::Due(d("2026-10-10"))
    );
    // A pause that starts after the deadline does not move it.
    assert_eq!(
        cal.run_clock(
            d("2026-09-14"),
            2,
            &[(d("2026-09-18"), Some(d("2026-09-25")))]
        ),
        ClockReading::Due(d("2026-09-16"))
    );
}

#[test]
fn the_first_working_day_skips_holidays() {
    let cal = national_day_2026();
    assert_eq!(
        cal.working_day_on_or_after(d("2026-10-01")),
        d("2026-10-08")
    );
    assert_eq!(
        cal.working_day_on_or_after(d("2026-09-20")),
        d("2026-09-20")
    );
}

proptest! {
    #[test]
    fn a_paused_deadline_is_a_working_day_after_its_start(
        offset in 0u32..800,
        n in 1u32..30,
        pause_at in 0u64..20,
        pause_len in 0u64..15,
    ) {
        let cal = national_day_2026();
        let start = d("2025-06-01") + chrono::Days::new(offset as u64);
        let from = start + chrono::Days::new(pause_at);
        let to = from + chrono::Days::new(pause_len);
        match cal.run_clock(start, n, &[(from, Some(to))]) {
            ClockReading::Due(due) => {
                prop_assert!(due > start);
                prop_assert!(cal.is_working_day(due));
                prop_assert!(due >= cal.add_working_days(start, n));
                // The pause never stretches the deadline by more than its own working days.
                let paused = cal.working_days_between(from, to) as u32;
                prop_assert!(due <= cal.add_working_days(start, n + paused));
            }
            ClockReading::Paused { .. } => prop_assert!(false, "a closed pause cannot leave the clock paused"),
        }
    }
}
