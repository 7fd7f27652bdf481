//! Tickets (诉求) and their append-only event log.

use crate::entity::{ticket, ticket_event};
use crate::page::{Page, PageRequest};
use crate::scope::{ScopeColumns, code_prefix, condition};
use chrono::{DateTime, NaiveDate, Utc};
use policy::org::Scope;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Select,
};

/// The data scope of tickets: the enterprise's region, the enterprise, who raised it.
pub fn ticket_scope(scope: &Scope) -> Condition {
    condition(
        scope,
        ScopeColumns {
            region: Some(ticket::Column::RegionCode),
            enterprise: Some(ticket::Column::EnterpriseUscc),
            owner: Some(ticket::Column::RaisedBy),
        },
    )
}

/// Filters of the ticket list and reports.
#[derive(Debug, Clone, Default)]
pub struct TicketQuery {
    /// Status (stored name).
    pub status: Option<String>,
    /// Statuses that count as open (`Some(true)`) or done (`Some(false)`).
    pub open: Option<bool>,
    /// Current department.
    pub department_id: Option<i64>,
    /// Category code.
    pub category: Option<String>,
    /// Region subtree prefix.
    pub region_prefix: Option<String>,
    /// Enterprise.
    pub enterprise_uscc: Option<String>,
    /// Received on or after.
    pub received_from: Option<DateTime<Utc>>,
    /// Received before.
    pub received_before: Option<DateTime<Utc>>,
    /// Clock running, due on or after (the projected deadline, `clock_due_on`).
    pub due_from: Option<NaiveDate>,
    /// Clock running, due before.
    pub due_before: Option<NaiveDate>,
    /// Waiting on the enterprise with the clock stopped.
    pub paused: bool,
}

/// The statuses of open tickets.
pub const OPEN_STATUSES: &[&str] = &["submitted", "assigned", "in_progress", "waiting"];

pub(crate) fn filtered(scope: &Scope, q: &TicketQuery) -> Select<ticket::Entity> {
    let mut s = ticket::Entity::find().filter(ticket_scope(scope));
    if let Some(v) = &q.status {
        s = s.filter(ticket::Column::Status.eq(v.as_str()));
    }
    match q.open {
        Some(true) => s = s.filter(ticket::Column::Status.is_in(OPEN_STATUSES.to_vec())),
        Some(false) => s = s.filter(ticket::Column::Status.is_not_in(OPEN_STATUSES.to_vec())),
        None => {}
    }
    if let Some(v) = q.department_id {
        s = s.filter(ticket::Column::DepartmentId.eq(v));
    }
    if let Some(v) = &q.category {
        s = s.filter(ticket::Column::Category.eq(v.as_str()));
    }
    if let Some(v) = &q.region_prefix {
        s = s.filter(code_prefix(ticket::Column::RegionCode, v));
    }
    if let Some(v) = &q.enterprise_uscc {
        s = s.filter(ticket::Column::EnterpriseUscc.eq(v.as_str()));
    }
    if let Some(v) = q.received_from {
        s = s.filter(ticket::Column::ReceivedAt.gte(v));
    }
    if let Some(v) = q.received_before {
        s = s.filter(ticket::Column::ReceivedAt.lt(v));
    }
    if let Some(v) = q.due_from {
        s = s.filter(ticket::Column::ClockDueOn.gte(v));
    }
    if let Some(v) = q.due_before {
        s = s.filter(ticket::Column::ClockDueOn.lt(v));
    }
    if q.paused {
        s = s.filter(ticket::Column::ClockPausedLeft.is_not_null());
    }
    s
}

/// Adds a ticket. Its clock columns start empty (not yet derived) unless the caller set them:
/// every column is given a value, because sea-orm builds the returned model from the values
/// sent when the engine does not return the row.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    mut row: ticket::ActiveModel,
) -> Result<ticket::Model, DbErr> {
    use sea_orm::ActiveValue::{NotSet, Set};
    if matches!(row.clock_due_on, NotSet) {
        row.clock_due_on = Set(None);
    }
    if matches!(row.clock_paused_left, NotSet) {
        row.clock_paused_left = Set(None);
    }
    if matches!(row.clock_on_time, NotSet) {
        row.clock_on_time = Set(None);
    }
    if matches!(row.clock_working_days, NotSet) {
        row.clock_working_days = Set(None);
    }
    if matches!(row.clock_escalation, NotSet) {
        row.clock_escalation = Set(0);
    }
    if matches!(row.clock_rating, NotSet) {
        row.clock_rating = Set(None);
    }
    if matches!(row.clock_basis, NotSet) {
        row.clock_basis = Set(String::new());
    }
    row.insert(conn).await
}

/// Saves the changed columns of a ticket (its projection: status, department, reply).
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: ticket::ActiveModel,
) -> Result<ticket::Model, DbErr> {
    row.update(conn).await
}

/// Appends an event to a ticket's log (the log is never updated or deleted).
pub async fn append<C: ConnectionTrait>(
    conn: &C,
    row: ticket_event::ActiveModel,
) -> Result<ticket_event::Model, DbErr> {
    row.insert(conn).await
}

/// A ticket in scope.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<ticket::Model>, DbErr> {
    ticket::Entity::find_by_id(id)
        .filter(ticket_scope(scope))
        .one(conn)
        .await
}

/// A page of tickets in scope, newest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    q: &TicketQuery,
    page: PageRequest,
) -> Result<Page<ticket::Model>, DbErr> {
    let mut s = filtered(scope, q);
    if let Some(after) = page.after() {
        s = s.filter(ticket::Column::Id.lt(after));
    }
    let rows = s
        .order_by_desc(ticket::Column::Id)
        .limit(page.limit() + 1)
        .all(conn)
        .await?;
    Ok(Page::from_overfetch(rows, page, |t| t.id))
}

/// A ticket's events, oldest first.
pub async fn events_of<C: ConnectionTrait>(
    conn: &C,
    ticket_id: i64,
) -> Result<Vec<ticket_event::Model>, DbErr> {
    ticket_event::Entity::find()
        .filter(ticket_event::Column::TicketId.eq(ticket_id))
        .order_by_asc(ticket_event::Column::Id)
        .all(conn)
        .await
}

/// Every ticket in scope matching `q`, each with its events (oldest first): what reports and
/// the deadline job fold. Two statements: the tickets, and their events by a subquery.
pub async fn with_events<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    q: &TicketQuery,
) -> Result<Vec<(ticket::Model, Vec<ticket_event::Model>)>, DbErr> {
    let tickets = filtered(scope, q)
        .order_by_asc(ticket::Column::Id)
        .all(conn)
        .await?;
    if tickets.is_empty() {
        return Ok(Vec::new());
    }
    let ids = filtered(scope, q)
        .select_only()
        .column(ticket::Column::Id)
        .into_query();
    let events = ticket_event::Entity::find()
        .filter(ticket_event::Column::TicketId.in_subquery(ids))
        .order_by_asc(ticket_event::Column::TicketId)
        .order_by_asc(ticket_event::Column::Id)
        .all(conn)
        .await?;
    let mut out: Vec<(ticket::Model, Vec<ticket_event::Model>)> =
        tickets.into_iter().map(|t| (t, Vec::new())).collect();
    let mut i = 0;
    for e in events {
        while i < out.len() && out[i].0.id < e.ticket_id {
            i += 1;
        }
        if i < out.len() && out[i].0.id == e.ticket_id {
            out[i].1.push(e);
        }
    }
    Ok(out)
}

/// The events of several tickets, oldest first (a list page's deadline column).
pub async fn events_of_many<C: ConnectionTrait>(
    conn: &C,
    ticket_ids: &[i64],
) -> Result<Vec<ticket_event::Model>, DbErr> {
    if ticket_ids.is_empty() {
        return Ok(Vec::new());
    }
    ticket_event::Entity::find()
        .filter(ticket_event::Column::TicketId.is_in(ticket_ids.to_vec()))
        .order_by_asc(ticket_event::Column::TicketId)
        .order_by_asc(ticket_event::Column::Id)
        .all(conn)
        .await
}
