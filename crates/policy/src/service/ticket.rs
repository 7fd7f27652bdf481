//! The ticket's state machine: which action is allowed in which state, and where it leads.

use chrono::NaiveDate;
use serde::Serialize;

/// Where a ticket came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketSource {
    /// Raised by an enterprise user for its own enterprise.
    Enterprise,
    /// Raised by a specialist for an assigned enterprise.
    Specialist,
    /// A problem found on a visit.
    Visit,
    /// Raised by staff (a county office) for an enterprise.
    Staff,
}

impl TicketSource {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketSource::Enterprise => "enterprise",
            TicketSource::Specialist => "specialist",
            TicketSource::Visit => "visit",
            TicketSource::Staff => "staff",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<TicketSource> {
        [
            TicketSource::Enterprise,
            TicketSource::Specialist,
            TicketSource::Visit,
            TicketSource::Staff,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// Where a ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// Raised, not yet handed to a department (待交办).
    Submitted,
    /// Handed to a department, not yet answered (已交办).
    Assigned,
    /// The department has responded and is working on it (办理中).
    InProgress,
    /// Waiting on the enterprise: the clock is stopped (待企业补充).
    Waiting,
    /// Resolved with a reply, waiting for the enterprise's rating (已办结待评价).
    Resolved,
    /// Rated and closed (已关闭).
    Closed,
}

impl TicketStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::Submitted => "submitted",
            TicketStatus::Assigned => "assigned",
            TicketStatus::InProgress => "in_progress",
            TicketStatus::Waiting => "waiting",
            TicketStatus::Resolved => "resolved",
            TicketStatus::Closed => "closed",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<TicketStatus> {
        TicketStatus::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// Every status, in workflow order.
    pub const ALL: &'static [TicketStatus] = &[
        TicketStatus::Submitted,
        TicketStatus::Assigned,
        TicketStatus::InProgress,
        TicketStatus::Waiting,
        TicketStatus::Resolved,
        TicketStatus::Closed,
    ];

    /// Whether the ticket is still being worked on (its clock runs or is paused).
    pub fn is_open(self) -> bool {
        !matches!(self, TicketStatus::Resolved | TicketStatus::Closed)
    }
}

/// The enterprise's rating of a resolution (满意 / 基本满意 / 不满意).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// 满意.
    Satisfied,
    /// 基本满意.
    BasicallySatisfied,
    /// 不满意: reopens the ticket.
    Dissatisfied,
}

impl Rating {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Satisfied => "satisfied",
            Rating::BasicallySatisfied => "basically_satisfied",
            Rating::Dissatisfied => "dissatisfied",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Rating> {
        [
            Rating::Satisfied,
            Rating::BasicallySatisfied,
            Rating::Dissatisfied,
        ]
        .into_iter()
        .find(|r| r.as_str() == s.trim())
    }

    /// Whether it counts towards satisfaction (满意 or 基本满意).
    pub fn is_satisfied(self) -> bool {
        !matches!(self, Rating::Dissatisfied)
    }
}

/// One step of a ticket's life, as stored in its append-only event log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketAction {
    /// Raised (the first event).
    Raise,
    /// Handed to a department (交办).
    Assign,
    /// Moved to another department (转办).
    Transfer,
    /// The department's first answer (签收/首次响应).
    Respond,
    /// Waiting on the enterprise: the clock stops.
    Wait,
    /// The enterprise answered: the clock runs again.
    Resume,
    /// Resolved with a reply (办结).
    Resolve,
    /// The enterprise's rating; a bad one reopens the ticket.
    Rate,
    /// Reopened (after a bad rating or by a supervisor): a new resolution round.
    Reopen,
    /// A reminder before the deadline (催办).
    Remind,
    /// Escalated after the deadline (督办), with a level: 1 department head, 2 leader in charge.
    Escalate,
    /// A note on the record.
    Comment,
}

impl TicketAction {
    /// Every action.
    pub const ALL: &'static [TicketAction] = &[
        TicketAction::Raise,
        TicketAction::Assign,
        TicketAction::Transfer,
        TicketAction::Respond,
        TicketAction::Wait,
        TicketAction::Resume,
        TicketAction::Resolve,
        TicketAction::Rate,
        TicketAction::Reopen,
        TicketAction::Remind,
        TicketAction::Escalate,
        TicketAction::Comment,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketAction::Raise => "raise",
            TicketAction::Assign => "assign",
            TicketAction::Transfer => "transfer",
            TicketAction::Respond => "respond",
            TicketAction::Wait => "wait",
            TicketAction::Resume => "resume",
            TicketAction::Resolve => "resolve",
            TicketAction::Rate => "rate",
            TicketAction::Reopen => "reopen",
            TicketAction::Remind => "remind",
            TicketAction::Escalate => "escalate",
            TicketAction::Comment => "comment",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<TicketAction> {
        TicketAction::ALL
            .iter()
            .copied()
            .find(|a| a.as_str() == s.trim())
    }

    /// The next status after this action in `status`, or why it is refused.
    ///
    /// A rating of 不满意 leads to `InProgress` only through the `Reopen` event that follows it;
    /// the rating itself closes the ticket, and the reopen (written with it) opens it again.
    pub fn next(self, status: TicketStatus) -> Result<TicketStatus, TicketError> {
        use TicketAction as A;
        use TicketStatus as S;
        let next = match (self, status) {
            (A::Assign, S::Submitted) => S::Assigned,
            (A::Transfer, S::Assigned | S::InProgress) => S::Assigned,
            (A::Respond, S::Assigned) => S::InProgress,
            (A::Wait, S::Assigned | S::InProgress) => S::Waiting,
            (A::Resume, S::Waiting) => S::InProgress,
            (A::Resolve, S::Assigned | S::InProgress) => S::Resolved,
            (A::Rate, S::Resolved) => S::Closed,
            (A::Reopen, S::Resolved | S::Closed) => S::InProgress,
            (A::Remind | A::Escalate, s) if s.is_open() => s,
            (A::Comment, s) => s,
            _ => return Err(TicketError::NotAllowed),
        };
        Ok(next)
    }
}

/// Why an action on a ticket is refused (message-catalogue keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TicketError {
    /// The action is not allowed in the ticket's status.
    #[error("ticket.action_not_allowed")]
    NotAllowed,
    /// The event log does not start with `raise`.
    #[error("ticket.log_without_raise")]
    NoRaise,
}

impl TicketError {
    /// The message-catalogue key.
    pub fn key(self) -> &'static str {
        match self {
            TicketError::NotAllowed => "ticket.action_not_allowed",
            TicketError::NoRaise => "ticket.log_without_raise",
        }
    }
}

/// One event of the log, as the clock needs it: the local date it happened on and what it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketEvent {
    /// The date (China time) of the event.
    pub on: NaiveDate,
    /// What happened.
    pub action: TicketAction,
    /// The rating of a `Rate` event.
    pub rating: Option<Rating>,
    /// The level of an `Escalate` event.
    pub level: Option<u8>,
}

impl TicketEvent {
    /// An event without rating or level.
    pub fn new(on: NaiveDate, action: TicketAction) -> TicketEvent {
        TicketEvent {
            on,
            action,
            rating: None,
            level: None,
        }
    }
}
