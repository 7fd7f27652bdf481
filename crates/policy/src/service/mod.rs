//! Enterprise service (助企服务): tickets (诉求) with working-day deadlines, their state machine,
//! the clock computed from their event log, reminders and escalation, and timeliness figures.
//!
//! Everything here is a pure function of a ticket's events, the calendar and the rule set
//! (`rules/service-deadlines.toml`), so every figure can be recomputed from the log.

mod clock;
mod outcome;
mod report;
mod rules;
mod ticket;

pub use clock::{DeadlineStatus, DueAction, Round, TicketClock};
pub use outcome::{ClockOutcome, ClockState, DeadlineBounds};
pub use report::{TicketFigures, figures};
pub use rules::{CategoryRule, ServiceRules, ServiceRulesError};
pub use ticket::{Rating, TicketAction, TicketError, TicketEvent, TicketSource, TicketStatus};

#[cfg(test)]
mod tests;
