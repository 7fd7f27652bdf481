//! What a ticket's clock comes to, kept on the ticket's row so that lists, counts and reports
//! over a whole province read a few columns instead of folding every event log.
//!
//! The outcome is a pure function of the clock ([`TicketClock::outcome`]); the application
//! writes it with every event and re-derives it when the calendar or the rule set changes, so
//! it is a projection of the log, never a second source of truth.

use super::clock::{DeadlineStatus, TicketClock};
use super::rules::ServiceRules;
use super::ticket::Rating;
use crate::calendar::{ClockReading, WorkdayCalendar};
use chrono::NaiveDate;

/// Where a ticket's clock stands, independently of the day it is read on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockState {
    /// Open, the clock running: the current round's resolution deadline.
    Running {
        /// Runs out at the end of this working day.
        due: NaiveDate,
    },
    /// Open, waiting on the enterprise: working days left when it answers.
    Paused {
        /// Working days left.
        left: u32,
    },
    /// Resolved or closed.
    Done {
        /// Every round resolved by its deadline.
        on_time: bool,
        /// Working days from receipt to the last resolution, pauses left out.
        working_days: i64,
    },
}

/// The projection of a ticket's clock stored on its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockOutcome {
    /// Where the clock stands.
    pub state: ClockState,
    /// Escalation level reached in the current round (0, 1 department head, 2 leader).
    pub escalation_level: u8,
    /// The latest rating.
    pub rating: Option<Rating>,
}

/// The days that split open tickets by deadline state on one day: a running ticket is overdue
/// when due before `today`, due soon when due before `on_track_from`, on track otherwise.
/// Lets a database count or filter deadline states by comparing dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadlineBounds {
    /// The day the states are read on.
    pub today: NaiveDate,
    /// The first deadline that is more than the reminder threshold away.
    pub on_track_from: NaiveDate,
}

impl DeadlineBounds {
    /// The bounds on `today`: a deadline is "due soon" while at most
    /// `rules.remind_before_days` working days remain after today.
    pub fn on(today: NaiveDate, cal: &WorkdayCalendar, rules: &ServiceRules) -> Self {
        DeadlineBounds {
            today,
            // Working days in (today, due] ≤ n  ⇔  due < the (n+1)-th working day after today.
            on_track_from: cal.add_working_days(today, rules.remind_before_days + 1),
        }
    }
}

impl TicketClock {
    /// What the clock comes to (the columns kept on the ticket's row).
    pub fn outcome(&self, cal: &WorkdayCalendar) -> ClockOutcome {
        let state = match (self.on_time(), self.current().resolution_due) {
            (Some(on_time), _) => ClockState::Done {
                on_time,
                working_days: self.working_days_to_resolve(cal).unwrap_or(0),
            },
            (None, ClockReading::Due(due)) => ClockState::Running { due },
            (None, ClockReading::Paused { left }) => ClockState::Paused { left },
        };
        ClockOutcome {
            state,
            escalation_level: self.current().escalation_level,
            rating: self.rating,
        }
    }
}

impl ClockOutcome {
    /// Where the ticket stands against its deadline on `today` — the same answer as
    /// [`TicketClock::status_on`] for the clock this outcome came from.
    pub fn status_on(
        &self,
        today: NaiveDate,
        cal: &WorkdayCalendar,
        rules: &ServiceRules,
    ) -> DeadlineStatus {
        match self.state {
            ClockState::Done { on_time, .. } => DeadlineStatus::Done { on_time },
            ClockState::Paused { left } => DeadlineStatus::Paused { left },
            ClockState::Running { due } if today > due => DeadlineStatus::Overdue {
                due,
                days: cal.working_days_between(due, today),
            },
            ClockState::Running { due } => {
                let left = cal.working_days_between(today, due);
                if left <= i64::from(rules.remind_before_days) {
                    DeadlineStatus::DueSoon { due, left }
                } else {
                    DeadlineStatus::OnTrack { due, left }
                }
            }
        }
    }

    /// The resolution deadline while the clock runs.
    pub fn due(&self) -> Option<NaiveDate> {
        match self.state {
            ClockState::Running { due } => Some(due),
            _ => None,
        }
    }
}
