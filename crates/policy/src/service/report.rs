//! Timeliness figures over a set of tickets, all computed from their clocks.

use super::clock::TicketClock;
use super::outcome::{ClockOutcome, ClockState};
use crate::calendar::WorkdayCalendar;
use serde::Serialize;

/// Received, resolved, on time, average working days and satisfaction of a set of tickets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TicketFigures {
    /// Tickets received.
    pub received: u64,
    /// Tickets resolved (resolved or closed, not reopened since).
    pub resolved: u64,
    /// Resolved tickets whose every round met its deadline.
    pub on_time: u64,
    /// Open tickets past their deadline.
    pub overdue: u64,
    /// Sum of the working days resolved tickets took (for the average).
    pub working_days_total: i64,
    /// Tickets with a rating.
    pub rated: u64,
    /// Of those, rated 满意 or 基本满意 (latest rating).
    pub satisfied: u64,
}

impl TicketFigures {
    /// 按期办结率 in percent (None with nothing resolved), rounded for display only.
    pub fn on_time_pct(&self) -> Option<f64> {
        pct(self.on_time, self.resolved)
    }

    /// 满意度 in percent (None with nothing rated).
    pub fn satisfaction_pct(&self) -> Option<f64> {
        pct(self.satisfied, self.rated)
    }

    /// Average working days to resolution, one decimal (None with nothing resolved).
    pub fn average_days(&self) -> Option<f64> {
        (self.resolved > 0)
            .then(|| (self.working_days_total as f64 / self.resolved as f64 * 10.0).round() / 10.0)
    }

    /// Adds one ticket, by what its clock comes to (the columns on its row).
    pub fn add(&mut self, outcome: &ClockOutcome, overdue: bool) {
        self.received += 1;
        if let ClockState::Done {
            on_time,
            working_days,
        } = outcome.state
        {
            self.resolved += 1;
            if on_time {
                self.on_time += 1;
            }
            self.working_days_total += working_days;
        }
        if overdue {
            self.overdue += 1;
        }
        if let Some(r) = outcome.rating {
            self.rated += 1;
            if r.is_satisfied() {
                self.satisfied += 1;
            }
        }
    }
}

fn pct(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

/// The figures of a set of tickets given as (clock, overdue today).
pub fn figures<'a>(
    clocks: impl IntoIterator<Item = (&'a TicketClock, bool)>,
    cal: &WorkdayCalendar,
) -> TicketFigures {
    let mut f = TicketFigures::default();
    for (c, overdue) in clocks {
        f.add(&c.outcome(cal), overdue);
    }
    f
}
