use super::*;
use crate::calendar::DayKind;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn national_day_2026() -> WorkdayCalendar {
    let mut e: Vec<_> = (1..=7)
        .map(|day| (d(&format!("2026-10-{day:02}")), DayKind::Holiday))
        .collect();
    e.push((d("2026-10-10"), DayKind::MakeupWorkday));
    WorkdayCalendar::new(e)
}

#[test]
fn a_seven_working_day_notice_skips_the_holiday() {
    let cal = national_day_2026();
    // Opened Tue 2026-09-29: 29, 30, then Oct 8, 9, 10 (make-up Saturday), 12, 13.
    let p = period(&cal, d("2026-09-29"), 7).unwrap();
    assert_eq!(p.start, d("2026-09-29"));
    assert_eq!(p.end, d("2026-10-13"));
    assert_eq!(cal.working_days_between(p.start, p.end) + 1, 7);
}

#[test]
fn a_notice_opened_on_a_holiday_starts_on_the_next_working_day() {
    let cal = national_day_2026();
    let p = period(&cal, d("2026-10-03"), 1).unwrap();
    assert_eq!(p.start, d("2026-10-08"));
    assert_eq!(p.end, d("2026-10-08"), "one day: ends the day it starts");
}

#[test]
fn days_out_of_range_are_refused() {
    let cal = WorkdayCalendar::default();
    assert_eq!(
        period(&cal, d("2026-11-02"), 0),
        Err(NoticeError::DaysOutOfRange)
    );
    assert!(period(&cal, d("2026-11-02"), MAX_WORKING_DAYS).is_ok());
    assert_eq!(
        period(&cal, d("2026-11-02"), MAX_WORKING_DAYS + 1),
        Err(NoticeError::DaysOutOfRange)
    );
}

#[test]
fn phases_include_the_first_and_last_day() {
    let p = NoticePeriod {
        start: d("2026-11-02"),
        end: d("2026-11-10"),
    };
    assert_eq!(p.phase(d("2026-11-01")), NoticePhase::Upcoming);
    assert_eq!(p.phase(d("2026-11-02")), NoticePhase::Open);
    assert_eq!(p.phase(d("2026-11-10")), NoticePhase::Open);
    assert_eq!(p.phase(d("2026-11-11")), NoticePhase::Ended);
}

#[test]
fn a_notice_clears_only_after_its_end_with_every_objection_handled() {
    use ObjectionStatus::*;
    let p = NoticePeriod {
        start: d("2026-11-02"),
        end: d("2026-11-10"),
    };
    let last = d("2026-11-10");
    let after = d("2026-11-11");
    assert_eq!(outcome(&p, &[], last), NoticeOutcome::Running);
    assert_eq!(outcome(&p, &[], after), NoticeOutcome::Cleared);
    assert_eq!(outcome(&p, &[Dismissed], after), NoticeOutcome::Cleared);
    assert_eq!(
        outcome(&p, &[Dismissed, Pending], after),
        NoticeOutcome::AwaitingDecisions
    );
    assert_eq!(outcome(&p, &[Sustained], last), NoticeOutcome::Objected);
    assert_eq!(
        outcome(&p, &[Dismissed, Sustained], after),
        NoticeOutcome::Objected
    );
}

#[test]
fn objection_fields_are_checked_at_their_limits() {
    let ok_content = "x".repeat(MIN_CONTENT_CHARS);
    assert!(check_objection("张三", "13800001234", &ok_content).is_empty());
    assert_eq!(
        check_objection("", "  ", "短"),
        vec![
            ("name", "common.required"),
            ("contact", "common.required"),
            ("content", "notice.content_too_short")
        ]
    );
    let long_name = "名".repeat(MAX_NAME_CHARS);
    assert!(check_objection(&long_name, "c", &ok_content).is_empty());
    let too_long_name = "名".repeat(MAX_NAME_CHARS + 1);
    assert_eq!(
        check_objection(&too_long_name, "c", &ok_content),
        vec![("name", "notice.too_long")]
    );
    let max = "异".repeat(MAX_CONTENT_CHARS);
    assert!(check_objection("a", "c", &max).is_empty());
    assert_eq!(
        check_objection("a", "c", &format!("{max}异")),
        vec![("content", "notice.too_long")]
    );
    assert_eq!(
        check_objection("a", &"1".repeat(MAX_CONTACT_CHARS + 1), &max),
        vec![("contact", "notice.too_long")]
    );
}

#[test]
fn contacts_are_masked_in_the_middle() {
    assert_eq!(mask_contact("13800001234"), "13*******34");
    assert_eq!(mask_contact("ab"), "***");
    assert_eq!(mask_contact("张三@例子.cn"), "张三****cn");
}

#[test]
fn objection_statuses_round_trip() {
    for s in [
        ObjectionStatus::Pending,
        ObjectionStatus::Sustained,
        ObjectionStatus::Dismissed,
    ] {
        assert_eq!(ObjectionStatus::parse(s.as_str()), Some(s));
    }
    assert_eq!(ObjectionStatus::parse("maybe"), None);
}
