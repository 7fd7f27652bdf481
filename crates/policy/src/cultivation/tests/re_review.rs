//! Which shipped rule set a re-review (复核) uses.

use super::super::shipped::{all, for_re_review};
use super::super::tier::Tier;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn code(tier: Tier, today: NaiveDate, won: NaiveDate) -> String {
    let sets = all().unwrap();
    for_re_review(&sets, tier, today, won)
        .unwrap()
        .file
        .code
        .clone()
}

#[test]
fn a_little_giant_won_under_the_2022_measures_is_re_reviewed_with_the_2022_set() {
    let today = d(2026, 11, 26);
    assert_eq!(
        code(Tier::LittleGiant, today, d(2023, 7, 21)),
        "little_giant-2022-63"
    );
    // The last day before the 2026 measures still counts as won under 2022's.
    assert_eq!(
        code(Tier::LittleGiant, today, d(2026, 3, 31)),
        "little_giant-2022-63"
    );
    assert_eq!(
        code(Tier::LittleGiant, today, d(2026, 4, 1)),
        "little_giant-2026-2"
    );
    assert_eq!(
        code(Tier::Innovative, today, d(2023, 12, 1)),
        "innovative-2022-63"
    );
}

#[test]
fn a_set_without_the_rule_or_before_any_earlier_set_uses_the_set_in_force() {
    let today = d(2026, 11, 26);
    // The 2026 专精特新 measures carry their own 复核 rule.
    assert_eq!(
        code(Tier::Specialized, today, d(2023, 7, 21)),
        "specialized-2026-2"
    );
    // Won before the 2022 measures: no set was in force then, so today's.
    assert_eq!(
        code(Tier::LittleGiant, today, d(2021, 7, 1)),
        "little_giant-2026-2"
    );
    // Before 2026-04-01 the 2022 set is the one in force anyway.
    assert_eq!(
        code(Tier::LittleGiant, d(2025, 11, 1), d(2022, 12, 26)),
        "little_giant-2022-63"
    );
}
