//! Public notices (公示): a period of working days during which anyone may object to a
//! decision before it takes effect, and the objections lodged against it.
//!
//! A notice belongs to a subject of another context (`cultivation_application`,
//! `title_application`, …). It is *cleared* when its period has ended and no objection was
//! sustained; the subject's own workflow takes the next step only then.

use crate::calendar::WorkdayCalendar;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest notice the platform opens, in working days.
pub const MAX_WORKING_DAYS: u32 = 30;
/// Longest name an objector may give, in characters.
pub const MAX_NAME_CHARS: usize = 50;
/// Longest contact an objector may give, in characters.
pub const MAX_CONTACT_CHARS: usize = 100;
/// Shortest objection, in characters.
pub const MIN_CONTENT_CHARS: usize = 5;
/// Longest objection, in characters.
pub const MAX_CONTENT_CHARS: usize = 2000;
/// Objections one client address may lodge against one notice in a day.
pub const MAX_OBJECTIONS_PER_ADDRESS_PER_DAY: u64 = 3;

/// The dates of a notice: it runs from `start` through `end`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticePeriod {
    /// First day of the notice (a working day).
    pub start: NaiveDate,
    /// Last day of the notice (a working day).
    pub end: NaiveDate,
}

/// Why a notice cannot be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NoticeError {
    /// Zero days, or more than [`MAX_WORKING_DAYS`].
    #[error("notice.days_range")]
    DaysOutOfRange,
}

impl NoticeError {
    /// The message-catalogue key.
    pub fn key(self) -> &'static str {
        match self {
            NoticeError::DaysOutOfRange => "notice.days_range",
        }
    }
}

/// The period of a notice of `working_days` working days opened on `opened`: it starts on
/// the first working day from `opened` (the same day when that is a working day) and ends on
/// the day that makes `working_days` working days in all.
pub fn period(
    cal: &WorkdayCalendar,
    opened: NaiveDate,
    working_days: u32,
) -> Result<NoticePeriod, NoticeError> {
    if working_days == 0 || working_days > MAX_WORKING_DAYS {
        return Err(NoticeError::DaysOutOfRange);
    }
    let start = if cal.is_working_day(opened) {
        opened
    } else {
        cal.add_working_days(opened, 1)
    };
    Ok(NoticePeriod {
        start,
        end: cal.add_working_days(start, working_days - 1),
    })
}

/// Where a notice stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticePhase {
    /// Not started yet.
    Upcoming,
    /// Running: objections are accepted.
    Open,
    /// Ended.
    Ended,
}

impl NoticePeriod {
    /// The phase of the notice on `today`.
    pub fn phase(&self, today: NaiveDate) -> NoticePhase {
        if today < self.start {
            NoticePhase::Upcoming
        } else if today <= self.end {
            NoticePhase::Open
        } else {
            NoticePhase::Ended
        }
    }
}

/// The state of one objection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionStatus {
    /// Lodged, not yet handled.
    Pending,
    /// Upheld: the subject does not go ahead.
    Sustained,
    /// Rejected with a reason.
    Dismissed,
}

impl ObjectionStatus {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectionStatus::Pending => "pending",
            ObjectionStatus::Sustained => "sustained",
            ObjectionStatus::Dismissed => "dismissed",
        }
    }

    /// Parses a stored code.
    pub fn parse(s: &str) -> Option<ObjectionStatus> {
        match s.trim() {
            "pending" => Some(ObjectionStatus::Pending),
            "sustained" => Some(ObjectionStatus::Sustained),
            "dismissed" => Some(ObjectionStatus::Dismissed),
            _ => None,
        }
    }
}

/// What a notice decides for its subject on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeOutcome {
    /// Still running (or not started).
    Running,
    /// Ended, but objections are still waiting for a decision.
    AwaitingDecisions,
    /// Ended with no sustained objection: the subject goes ahead.
    Cleared,
    /// An objection was sustained: the subject does not go ahead.
    Objected,
}

/// The outcome of a notice of `period` with objections in `statuses`, on `today`.
///
/// A sustained objection decides at once, even while the notice runs; otherwise the notice
/// clears only after its last day and once every objection has been handled.
pub fn outcome(
    period: &NoticePeriod,
    statuses: &[ObjectionStatus],
    today: NaiveDate,
) -> NoticeOutcome {
    if statuses.contains(&ObjectionStatus::Sustained) {
        return NoticeOutcome::Objected;
    }
    if period.phase(today) != NoticePhase::Ended {
        return NoticeOutcome::Running;
    }
    if statuses.contains(&ObjectionStatus::Pending) {
        NoticeOutcome::AwaitingDecisions
    } else {
        NoticeOutcome::Cleared
    }
}

/// One problem with an objection form, by field and catalogue key.
pub type ObjectionProblem = (&'static str, &'static str);

/// Checks an objection's fields (trimmed), naming every problem at once.
pub fn check_objection(name: &str, contact: &str, content: &str) -> Vec<ObjectionProblem> {
    let mut out = Vec::new();
    let len = |s: &str| s.trim().chars().count();
    if len(name) == 0 {
        out.push(("name", "common.required"));
    } else if len(name) > MAX_NAME_CHARS {
        out.push(("name", "notice.too_long"));
    }
    if len(contact) == 0 {
        out.push(("contact", "common.required"));
    } else if len(contact) > MAX_CONTACT_CHARS {
        out.push(("contact", "notice.too_long"));
    }
    if len(content) < MIN_CONTENT_CHARS {
        out.push(("content", "notice.content_too_short"));
    } else if len(content) > MAX_CONTENT_CHARS {
        out.push(("content", "notice.too_long"));
    }
    out
}

/// A contact shown to someone who may not see personal data: the first two and last two
/// characters, the rest starred (`13800001234` → `13*******34`).
pub fn mask_contact(contact: &str) -> String {
    let chars: Vec<char> = contact.trim().chars().collect();
    if chars.len() <= 4 {
        return "*".repeat(chars.len().max(3));
    }
    let mut out: String = chars[..2].iter().collect();
    out.push_str(&"*".repeat(chars.len() - 4));
    out.extend(&chars[chars.len() - 2..]);
    out
}

#[cfg(test)]
mod tests;
