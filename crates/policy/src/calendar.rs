//! The working-day calendar: weekends, official holidays and make-up working days (调休).

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What an entry of the calendar says about one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// An official holiday: not worked even on a weekday.
    Holiday,
    /// A weekend day that is worked (调休).
    MakeupWorkday,
}

impl DayKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::MakeupWorkday => "makeup_workday",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<DayKind> {
        match s.trim() {
            "holiday" => Some(DayKind::Holiday),
            "makeup_workday" => Some(DayKind::MakeupWorkday),
            _ => None,
        }
    }
}

/// Holidays and make-up working days per year. Any other day is a working day iff Monday-Friday.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkdayCalendar {
    days: BTreeMap<NaiveDate, DayKind>,
    /// Years for which an official schedule was loaded; other years fall back to weekends only.
    known_years: BTreeSet<i32>,
}

impl WorkdayCalendar {
    /// Builds a calendar from its entries; every year that has an entry counts as known.
    pub fn new(entries: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> WorkdayCalendar {
        let days: BTreeMap<NaiveDate, DayKind> = entries.into_iter().collect();
        let known_years = days.keys().map(|d| d.year()).collect();
        WorkdayCalendar { days, known_years }
    }

    /// Whether an official schedule is known for `year` (if not, only weekends are off).
    pub fn knows_year(&self, year: i32) -> bool {
        self.known_years.contains(&year)
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.days.get(&date) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::MakeupWorkday) => true,
            None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The `n`th working day after `start` (`start` itself does not count); `start` when n = 0.
    ///
    /// A deadline of "5 working days from the 1st" is `add_working_days(1st, 5)`.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut date = start;
        let mut left = n;
        while left > 0 {
            date = date.succ_opt().unwrap_or(date);
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }

    /// Working days in the half-open range (`from`, `to`]: how many working days have passed.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to <= from {
            return 0;
        }
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count() as i64
    }

    /// The entries of one year, for the calendar editor.
    pub fn entries_of_year(&self, year: i32) -> impl Iterator<Item = (NaiveDate, DayKind)> + '_ {
        self.days
            .iter()
            .filter(move |(d, _)| d.year() == year)
            .map(|(d, k)| (*d, *k))
    }
}

#[cfg(test)]
mod tests {
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
}
