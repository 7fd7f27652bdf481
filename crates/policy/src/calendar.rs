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

/// What a working-day clock reads: the date it runs out, or paused with days left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum ClockReading {
    /// Runs out at the end of this working day.
    Due(NaiveDate),
    /// Stopped by a pause that has not ended; this many working days remain.
    Paused {
        /// Working days left when the clock restarts.
        left: u32,
    },
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

    /// The first working day on or after `date`.
    pub fn working_day_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        while !self.is_working_day(d) {
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
        d
    }

    /// The years between `from` and `to` (inclusive) with no official schedule: a deadline
    /// that crosses one counts weekends only there, and the interface flags it.
    pub fn unknown_years(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        (from.year()..=to.year().max(from.year()))
            .filter(|y| !self.knows_year(*y))
            .collect()
    }

    /// A working-day clock that stops while it is paused.
    ///
    /// Counts `n` working days after `start`, not counting the working days that fall inside a
    /// pause: a pause `(from, Some(to))` stops the clock for the working days in (`from`, `to`].
    /// Pauses must be in order and not overlap (a ticket can only wait once at a time).
    /// Returns the date the `n`th counted working day falls on, or, when an open pause
    /// (`to` = None) stops the clock before that, [`ClockReading::Paused`] with the working
    /// days left.
    pub fn run_clock(
        &self,
        start: NaiveDate,
        n: u32,
        pauses: &[(NaiveDate, Option<NaiveDate>)],
    ) -> ClockReading {
        let mut date = start;
        let mut left = i64::from(n);
        for (from, to) in pauses {
            if *from < date {
                // A pause that began before the clock did only counts from the clock's start.
                if let Some(to) = to {
                    date = date.max(*to);
                    continue;
                }
                return ClockReading::Paused { left: left as u32 };
            }
            let available = self.working_days_between(date, *from);
            if available >= left {
                break;
            }
            left -= available;
            match to {
                Some(to) => date = (*to).max(*from),
                None => return ClockReading::Paused { left: left as u32 },
            }
        }
        ClockReading::Due(self.add_working_days(date, left as u32))
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
mod tests;
