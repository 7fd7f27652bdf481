//! Enterprise service (助企服务): tickets (诉求) with working-day deadlines, specialists
//! stationed in enterprises, visits, the deadline job and the timeliness reports.
//!
//! Every timeliness figure is folded from a ticket's append-only event log by
//! `policy::service::TicketClock`; the `ticket` row's status, department and clock columns
//! (`clock`: deadline, pause, on time, working days, escalation, rating) are a projection kept
//! for lists, filters, counts and reports.

mod clock;
mod deadline_state;
mod deadlines;
pub mod demo;
mod report;
mod specialist;
mod ticket;
mod visit;

pub use clock::catch_up_clocks;
pub use deadline_state::{DeadlineCountsView, DeadlineFilter, deadline_counts};
pub use deadlines::{DeadlineRun, check_deadlines};
pub use report::{
    ReportGroup, ReportQuery, ReportRow, ServiceOverview, export_report_xlsx, service_overview,
    ticket_report,
};
pub use specialist::{
    AssignmentForm, AssignmentView, NewSpecialistForm, SpecialistView, add_specialist,
    assign_specialist, end_assignment, list_specialists, set_user_department,
};
pub use ticket::{
    ActionForm, DeadlinesView, NewTicketForm, TicketEventView, TicketListQuery, TicketRowView,
    TicketView, act_on_ticket, departments_for_ticket, get_ticket, list_tickets, raise_ticket,
};
/// For contexts that raise a ticket inside their own transaction (a key project's problem, a
/// chain patrol's finding).
pub(crate) use ticket::{insert_ticket, validate_new};
pub use visit::{NewVisitForm, VisitView, list_visits, record_visit};

use crate::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use policy::calendar::WorkdayCalendar;
use policy::service::{Rating, ServiceRules, TicketAction, TicketClock, TicketError, TicketEvent};
use store::entity::{ticket as ticket_row, ticket_event};

/// `rules/service-deadlines.toml`, shipped in the binary.
pub const SERVICE_RULES: &str = include_str!("../../../../rules/service-deadlines.toml");

/// The service rule set in force.
pub fn service_rules() -> Result<ServiceRules, AppError> {
    let rules: ServiceRules = toml::from_str(SERVICE_RULES)
        .map_err(|e| AppError::Internal(format!("service rules: {e}")))?;
    rules
        .validate()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(rules)
}

/// The role whose holders in a ticket's department hear of the first escalation (督办).
pub const DEPARTMENT_HEAD_ROLE: &str = "department_head";
/// The role whose holders in the ticket's region (or above) hear of the second escalation.
pub const LEADER_ROLE: &str = "leader";

/// The local (China) date of an instant.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    store::service::china_date(at)
}

/// The subtree prefix of a region filter (none when empty), or the field's error.
pub(crate) fn region_prefix(region: Option<&str>) -> Result<Option<String>, AppError> {
    match region.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => Ok(Some(
            policy::org::RegionCode::parse(r)
                .map_err(|_| AppError::invalid("region", "region_code.format"))?
                .subtree_prefix()
                .to_string(),
        )),
        None => Ok(None),
    }
}

/// A stored event as the clock reads it.
pub(crate) fn clock_event(e: &ticket_event::Model) -> Option<TicketEvent> {
    Some(TicketEvent {
        on: local_date(e.at),
        action: TicketAction::parse(&e.action)?,
        rating: e.rating.as_deref().and_then(Rating::parse),
        level: e.level.and_then(|l| u8::try_from(l).ok()),
    })
}

/// Folds a stored ticket's events into its clock.
pub(crate) fn fold(
    t: &ticket_row::Model,
    events: &[ticket_event::Model],
    rules: &ServiceRules,
    cal: &WorkdayCalendar,
) -> Result<TicketClock, AppError> {
    let rule = rules
        .category(&t.category)
        .or_else(|| rules.category.last())
        .ok_or_else(|| AppError::Internal("service rules without categories".into()))?;
    let events: Vec<TicketEvent> = events.iter().filter_map(clock_event).collect();
    TicketClock::fold(&events, rule, cal)
        .map_err(|e: TicketError| AppError::Internal(format!("ticket {} log: {}", t.id, e.key())))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_clock;
