//! The clock of a ticket, folded from its event log: rounds, deadlines, pauses, escalation.

use super::rules::{CategoryRule, ServiceRules};
use super::ticket::{Rating, TicketAction, TicketError, TicketEvent, TicketStatus};
use crate::calendar::{ClockReading, WorkdayCalendar};
use chrono::NaiveDate;
use serde::Serialize;

/// One resolution round: the first from receipt, one more after each reopening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Round {
    /// When the round's clock started (receipt or reopening).
    pub started_on: NaiveDate,
    /// The stops of the clock while waiting on the enterprise (from, to).
    pub pauses: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// The resolution deadline (or paused).
    pub resolution_due: ClockReading,
    /// When it was resolved.
    pub resolved_on: Option<NaiveDate>,
    /// Whether a reminder went out in this round.
    pub reminded: bool,
    /// The highest escalation level reached in this round (0 none, 1 department head,
    /// 2 leader in charge).
    pub escalation_level: u8,
}

impl Round {
    /// Whether this round was resolved by its deadline (None while unresolved).
    pub fn on_time(&self) -> Option<bool> {
        let resolved = self.resolved_on?;
        Some(match self.resolution_due {
            ClockReading::Due(due) => resolved <= due,
            ClockReading::Paused { .. } => true,
        })
    }
}

/// What a ticket's event log says about its timeliness.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TicketClock {
    /// Where it stands.
    pub status: TicketStatus,
    /// Date of receipt.
    pub received_on: NaiveDate,
    /// The first-response deadline (the first round's clock with the first-response budget).
    pub first_response_due: ClockReading,
    /// The department's first response (or resolution, if it came first).
    pub first_responded_on: Option<NaiveDate>,
    /// The rounds, first to current.
    pub rounds: Vec<Round>,
    /// The latest rating.
    pub rating: Option<Rating>,
}

/// Where an open ticket stands against its deadline on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum DeadlineStatus {
    /// Waiting on the enterprise; this many working days remain when it answers.
    Paused {
        /// Working days left.
        left: u32,
    },
    /// Before the deadline, more than the reminder threshold left.
    OnTrack {
        /// The deadline.
        due: NaiveDate,
        /// Working days left after today.
        left: i64,
    },
    /// Before the deadline, within the reminder threshold.
    DueSoon {
        /// The deadline.
        due: NaiveDate,
        /// Working days left after today.
        left: i64,
    },
    /// Past the deadline.
    Overdue {
        /// The deadline.
        due: NaiveDate,
        /// Working days past it.
        days: i64,
    },
    /// Resolved (or closed).
    Done {
        /// Every round resolved by its deadline.
        on_time: bool,
    },
}

impl DeadlineStatus {
    /// The stored/shown name (`paused`, `on_track`, `due_soon`, `overdue`, `done`).
    pub fn as_str(&self) -> &'static str {
        match self {
            DeadlineStatus::Paused { .. } => "paused",
            DeadlineStatus::OnTrack { .. } => "on_track",
            DeadlineStatus::DueSoon { .. } => "due_soon",
            DeadlineStatus::Overdue { .. } => "overdue",
            DeadlineStatus::Done { .. } => "done",
        }
    }
}

/// What the deadline job must do for a ticket today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DueAction {
    /// Remind the department (催办).
    Remind,
    /// Escalate to this level (督办): 1 department head, 2 leader in charge.
    Escalate(u8),
}

impl TicketClock {
    /// Folds a ticket's events (oldest first) with its category's deadlines.
    pub fn fold(
        events: &[TicketEvent],
        rule: &CategoryRule,
        cal: &WorkdayCalendar,
    ) -> Result<TicketClock, TicketError> {
        let (first, rest) = events.split_first().ok_or(TicketError::NoRaise)?;
        if first.action != TicketAction::Raise {
            return Err(TicketError::NoRaise);
        }
        let received_on = first.on;
        let mut status = TicketStatus::Submitted;
        let mut first_responded_on = None;
        let mut rating = None;
        let mut rounds = vec![Round {
            started_on: received_on,
            pauses: Vec::new(),
            resolution_due: ClockReading::Due(received_on),
            resolved_on: None,
            reminded: false,
            escalation_level: 0,
        }];
        for e in rest {
            status = e.action.next(status)?;
            let Some(round) = rounds.last_mut() else {
                return Err(TicketError::NoRaise);
            };
            match e.action {
                TicketAction::Respond => {
                    first_responded_on.get_or_insert(e.on);
                }
                TicketAction::Resolve => {
                    first_responded_on.get_or_insert(e.on);
                    round.resolved_on = Some(e.on);
                }
                TicketAction::Wait => round.pauses.push((e.on, None)),
                TicketAction::Resume => {
                    if let Some(p) = round.pauses.last_mut() {
                        p.1 = Some(e.on);
                    }
                }
                TicketAction::Rate => rating = e.rating,
                TicketAction::Reopen => rounds.push(Round {
                    started_on: e.on,
                    pauses: Vec::new(),
                    resolution_due: ClockReading::Due(e.on),
                    resolved_on: None,
                    reminded: false,
                    escalation_level: 0,
                }),
                TicketAction::Remind => round.reminded = true,
                TicketAction::Escalate => {
                    round.escalation_level = round.escalation_level.max(e.level.unwrap_or(1));
                }
                TicketAction::Raise
                | TicketAction::Assign
                | TicketAction::Transfer
                | TicketAction::Comment => {}
            }
        }
        for r in &mut rounds {
            r.resolution_due = cal.run_clock(r.started_on, rule.resolution_days, &r.pauses);
        }
        let first_response_due = rounds
            .first()
            .map(|r| cal.run_clock(r.started_on, rule.first_response_days, &r.pauses))
            .unwrap_or(ClockReading::Due(received_on));
        Ok(TicketClock {
            status,
            received_on,
            first_response_due,
            first_responded_on,
            rounds,
            rating,
        })
    }

    /// The current round.
    pub fn current(&self) -> &Round {
        // `fold` always builds at least one round.
        &self.rounds[self.rounds.len() - 1]
    }

    /// How many times the ticket was reopened.
    pub fn reopens(&self) -> u32 {
        self.rounds.len().saturating_sub(1) as u32
    }

    /// Whether every round was resolved by its deadline (None while the ticket is open).
    pub fn on_time(&self) -> Option<bool> {
        if self.status.is_open() {
            return None;
        }
        self.rounds
            .iter()
            .map(Round::on_time)
            .try_fold(true, |all, r| r.map(|ok| all && ok))
    }

    /// Whether the first response came by its deadline (None before it came).
    pub fn first_response_on_time(&self) -> Option<bool> {
        let on = self.first_responded_on?;
        Some(match self.first_response_due {
            ClockReading::Due(due) => on <= due,
            ClockReading::Paused { .. } => true,
        })
    }

    /// Working days from receipt to the last resolution, less the days the clock stood still
    /// (None while open).
    pub fn working_days_to_resolve(&self, cal: &WorkdayCalendar) -> Option<i64> {
        if self.status.is_open() {
            return None;
        }
        let end = self.rounds.iter().rev().find_map(|r| r.resolved_on)?;
        let paused: i64 = self
            .rounds
            .iter()
            .flat_map(|r| r.pauses.iter())
            .map(|(from, to)| cal.working_days_between(*from, to.unwrap_or(end).min(end)))
            .sum();
        Some((cal.working_days_between(self.received_on, end) - paused).max(0))
    }

    /// Where the ticket stands against its deadline on `today`.
    pub fn status_on(
        &self,
        today: NaiveDate,
        cal: &WorkdayCalendar,
        rules: &ServiceRules,
    ) -> DeadlineStatus {
        self.outcome(cal).status_on(today, cal, rules)
    }

    /// What the deadline job must do today: a reminder once per round when the deadline is
    /// near, escalation to the department head once overdue, and to the leader in charge when
    /// overdue by the rule's threshold. Each only once per round.
    pub fn due_actions(
        &self,
        today: NaiveDate,
        cal: &WorkdayCalendar,
        rules: &ServiceRules,
    ) -> Vec<DueAction> {
        let round = self.current();
        let mut out = Vec::new();
        match self.status_on(today, cal, rules) {
            DeadlineStatus::DueSoon { .. } if !round.reminded => out.push(DueAction::Remind),
            DeadlineStatus::Overdue { days, .. } => {
                if round.escalation_level < 1 {
                    out.push(DueAction::Escalate(1));
                }
                if round.escalation_level < 2 && days >= i64::from(rules.escalate_leader_after_days)
                {
                    out.push(DueAction::Escalate(2));
                }
            }
            _ => {}
        }
        out
    }
}
