//! Tickets: raising, acting on, reading and listing them.

use super::deadline_state::DeadlineFilter;
use super::{DEPARTMENT_HEAD_ROLE, LEADER_ROLE, fold, local_date, service_rules};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, Page, PageRequest, RequestMeta};
use chrono::{DateTime, NaiveDate, Utc};
use policy::calendar::{ClockReading, WorkdayCalendar};
use policy::enterprise::Uscc;
use policy::org::{Permission, RegionCode};
use policy::service::{
    DeadlineBounds, Rating, ServiceRules, TicketAction, TicketClock, TicketSource, TicketStatus,
};
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::ConnectionTrait;
use store::entity::{ticket, ticket_event};

/// A new ticket (`POST /api/v1/tickets`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct NewTicketForm {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Category code (`policy`, `financing`, `land`, `talent`, `technology`, `approval`,
    /// `utilities`, `market`, `other`).
    #[serde(default)]
    pub category: String,
    /// What the enterprise needs.
    #[serde(default)]
    pub description: String,
    /// The enterprise (implied for an enterprise user).
    #[serde(default)]
    pub enterprise_uscc: Option<String>,
    /// The visit that found the problem (set by `record_visit`).
    #[serde(skip)]
    pub visit_id: Option<i64>,
}

/// An action on a ticket (`POST /api/v1/tickets/{id}/actions`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ActionForm {
    /// `assign`, `transfer`, `respond`, `wait`, `resume`, `resolve`, `rate`, `reopen`,
    /// `remind`, `escalate`, `comment`.
    #[serde(default)]
    pub action: String,
    /// Comment; the reply for `resolve`, what is needed for `wait`.
    #[serde(default)]
    pub comment: String,
    /// The department for `assign` and `transfer`.
    #[serde(default)]
    pub department_id: Option<i64>,
    /// `satisfied`, `basically_satisfied` or `dissatisfied`, for `rate`.
    #[serde(default)]
    pub rating: Option<String>,
}

/// A ticket's deadlines, computed from its event log and the calendar.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeadlinesView {
    /// Rule set version.
    pub rule_version: String,
    /// First-response deadline (none while the clock is paused).
    pub first_response_due: Option<NaiveDate>,
    /// When the department first responded.
    pub first_responded_on: Option<NaiveDate>,
    /// Whether the first response came in time.
    pub first_response_on_time: Option<bool>,
    /// Resolution deadline of the current round (none while paused).
    pub resolution_due: Option<NaiveDate>,
    /// `on_track`, `due_soon`, `overdue`, `paused`, `done`.
    pub state: String,
    /// Working days left (on track, due soon, paused).
    pub days_left: Option<i64>,
    /// Working days overdue.
    pub days_overdue: Option<i64>,
    /// Whether every round met its deadline (once resolved).
    pub on_time: Option<bool>,
    /// The round (1, then one more per reopening).
    pub round: u32,
    /// Escalation level reached in this round (0, 1 department head, 2 leader).
    pub escalation_level: u8,
    /// Years the deadline crosses with no official holiday schedule (weekends only).
    pub unknown_years: Vec<i32>,
}

/// One event of the timeline.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TicketEventView {
    /// Id.
    pub id: i64,
    /// Action.
    pub action: String,
    /// Who.
    pub actor_name: String,
    /// The department it concerned.
    pub department_id: Option<i64>,
    /// Its name.
    pub department_name: Option<String>,
    /// Rating of a `rate`.
    pub rating: Option<String>,
    /// Level of an `escalate`.
    pub level: Option<i16>,
    /// Comment.
    pub comment: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A ticket with its deadlines and events.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TicketView {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Category code.
    pub category: String,
    /// Description.
    pub description: String,
    /// Enterprise.
    pub enterprise_uscc: String,
    /// Its name.
    pub enterprise_name: String,
    /// Its region.
    pub region_code: String,
    /// `enterprise`, `specialist`, `visit`, `staff`.
    pub source: String,
    /// The visit it came from.
    pub visit_id: Option<i64>,
    /// Status.
    pub status: String,
    /// Current department.
    pub department_id: Option<i64>,
    /// Its name.
    pub department_name: Option<String>,
    /// The latest reply.
    pub reply: String,
    /// Received.
    pub received_at: DateTime<Utc>,
    /// The latest rating.
    pub rating: Option<String>,
    /// Deadlines.
    pub deadlines: DeadlinesView,
    /// The event log, oldest first.
    pub events: Vec<TicketEventView>,
    /// What the actor may do now.
    pub allowed_actions: Vec<String>,
}

/// A row of the ticket list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TicketRowView {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Category.
    pub category: String,
    /// Enterprise.
    pub enterprise_uscc: String,
    /// Region.
    pub region_code: String,
    /// Status.
    pub status: String,
    /// Department.
    pub department_id: Option<i64>,
    /// Received.
    pub received_at: DateTime<Utc>,
    /// Resolution deadline of the current round.
    pub resolution_due: Option<NaiveDate>,
    /// Deadline state.
    pub deadline_state: String,
    /// Escalation level.
    pub escalation_level: u8,
}

/// Filters of the ticket list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct TicketListQuery {
    /// Status.
    pub status: Option<String>,
    /// Department id.
    pub department_id: Option<i64>,
    /// Category code.
    pub category: Option<String>,
    /// Region code (subtree).
    pub region: Option<String>,
    /// Enterprise code.
    pub enterprise_uscc: Option<String>,
    /// Deadline state of open tickets: `overdue`, `due_soon`, `on_track` or `paused`.
    pub deadline: Option<String>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
    /// Page size.
    pub limit: Option<u64>,
}

pub(crate) fn deadlines_view(
    clock: &TicketClock,
    today: NaiveDate,
    cal: &WorkdayCalendar,
    rules: &ServiceRules,
) -> DeadlinesView {
    use policy::service::DeadlineStatus as D;
    let due = |r: ClockReading| match r {
        ClockReading::Due(d) => Some(d),
        ClockReading::Paused { .. } => None,
    };
    let status = clock.status_on(today, cal, rules);
    let (days_left, days_overdue) = match status {
        D::OnTrack { left, .. } | D::DueSoon { left, .. } => (Some(left), None),
        D::Paused { left } => (Some(i64::from(left)), None),
        D::Overdue { days, .. } => (None, Some(days)),
        D::Done { .. } => (None, None),
    };
    let resolution_due = due(clock.current().resolution_due);
    DeadlinesView {
        rule_version: rules.version.clone(),
        first_response_due: due(clock.first_response_due),
        first_responded_on: clock.first_responded_on,
        first_response_on_time: clock.first_response_on_time(),
        resolution_due,
        state: status.as_str().into(),
        days_left,
        days_overdue,
        on_time: clock.on_time(),
        round: clock.rounds.len() as u32,
        escalation_level: clock.current().escalation_level,
        unknown_years: cal.unknown_years(
            clock.received_on,
            resolution_due.unwrap_or(today).max(today),
        ),
    }
}

fn required(v: &str, field: &str) -> Result<String, AppError> {
    let v = v.trim();
    if v.is_empty() {
        Err(AppError::invalid(field, "common.required"))
    } else if v.chars().count() > 2000 {
        Err(AppError::invalid(field, "common.too_long"))
    } else {
        Ok(v.to_string())
    }
}

/// The permission an action needs.
fn permission_of(action: TicketAction) -> Permission {
    use TicketAction as A;
    match action {
        A::Assign | A::Transfer | A::Remind | A::Escalate | A::Reopen => {
            Permission::TICKET_SUPERVISE
        }
        A::Respond | A::Wait | A::Resolve => Permission::TICKET_HANDLE,
        A::Resume | A::Rate | A::Raise => Permission::TICKET_RAISE,
        A::Comment => Permission::TICKET_READ,
    }
}

/// Whether the actor may take `action` on `t` now (permission, department, enterprise, state).
fn may(
    actor: &Actor,
    dept: Option<i64>,
    t: &ticket::Model,
    clock: &TicketClock,
    a: TicketAction,
) -> bool {
    if a == TicketAction::Raise || a.next(clock.status).is_err() {
        return false;
    }
    let handler = actor.can(Permission::TICKET_HANDLE)
        && (actor.is_system() || (dept.is_some() && dept == t.department_id));
    let own = actor
        .enterprise
        .as_ref()
        .is_some_and(|u| u.as_str() == t.enterprise_uscc);
    match a {
        TicketAction::Respond | TicketAction::Wait | TicketAction::Resolve => handler,
        TicketAction::Resume => handler || (own && actor.can(Permission::TICKET_RAISE)),
        TicketAction::Rate => own && actor.can(Permission::TICKET_RAISE),
        // A note is a write: only those who work on tickets, not read-only leaders.
        TicketAction::Comment => {
            actor.can(Permission::TICKET_SUPERVISE)
                || actor.can(Permission::TICKET_HANDLE)
                || actor.can(Permission::TICKET_RAISE)
        }
        other => actor.can(permission_of(other)),
    }
}

async fn actor_department(app: &App, actor: &Actor) -> Result<Option<i64>, AppError> {
    if actor.is_system() {
        return Ok(None);
    }
    Ok(store::org::user::find_by_id(app.db().conn(), actor.user_id)
        .await?
        .and_then(|u| u.department_id))
}

async fn notify<C: ConnectionTrait>(
    conn: &C,
    users: impl IntoIterator<Item = i64>,
    kind: &str,
    t: &ticket::Model,
    body: &str,
) -> Result<(), AppError> {
    let mut seen = std::collections::BTreeSet::new();
    for user_id in users {
        if !seen.insert(user_id) {
            continue;
        }
        store::notify::raise(
            conn,
            store::notify::NewNotification {
                user_id,
                kind: kind.into(),
                title: format!("诉求 #{}: {}", t.id, t.title),
                body: body.into(),
                link: Some(format!("/tickets/{}", t.id)),
            },
            Utc::now(),
        )
        .await?;
    }
    Ok(())
}

/// Who hears of an event: assignment, transfer and reminders go to the department, the first
/// escalation to its head, the second to the leaders in charge of the region, a resolution to
/// the enterprise and whoever raised it, a new ticket to the county's supervisors.
pub(crate) async fn recipients<C: ConnectionTrait>(
    conn: &C,
    t: &ticket::Model,
    action: TicketAction,
    level: u8,
) -> Result<Vec<i64>, AppError> {
    let regions = || {
        let mut r = vec![t.region_code.clone()];
        if let Ok(code) = RegionCode::parse(&t.region_code) {
            r.extend(code.ancestors().into_iter().map(|c| c.to_string()));
        }
        r
    };
    let ids = |users: Vec<store::entity::user::Model>| {
        users.into_iter().map(|u| u.id).collect::<Vec<_>>()
    };
    Ok(match action {
        TicketAction::Raise | TicketAction::Reopen => ids(store::org::user::holders_in_regions(
            conn,
            Permission::TICKET_SUPERVISE.as_str(),
            &regions(),
        )
        .await?),
        TicketAction::Assign | TicketAction::Transfer | TicketAction::Remind => {
            match t.department_id {
                Some(d) => ids(store::service::recipients::department_users(conn, d, None).await?),
                None => Vec::new(),
            }
        }
        TicketAction::Escalate if level >= 2 => ids(
            store::service::recipients::role_holders_in_regions(conn, LEADER_ROLE, &regions())
                .await?,
        ),
        TicketAction::Escalate => match t.department_id {
            Some(d) => ids(store::service::recipients::department_users(
                conn,
                d,
                Some(DEPARTMENT_HEAD_ROLE),
            )
            .await?),
            None => Vec::new(),
        },
        TicketAction::Resolve | TicketAction::Wait => {
            let mut v =
                ids(store::service::recipients::enterprise_users(conn, &t.enterprise_uscc).await?);
            v.extend(t.raised_by);
            v
        }
        _ => Vec::new(),
    })
}

pub(crate) fn event_row(
    ticket_id: i64,
    action: TicketAction,
    actor: &Actor,
    department_id: Option<i64>,
    comment: &str,
    at: DateTime<Utc>,
) -> ticket_event::ActiveModel {
    ticket_event::ActiveModel {
        ticket_id: Set(ticket_id),
        action: Set(action.as_str().into()),
        actor_id: Set(actor.stored_id()),
        actor_name: Set(actor.display_name.clone()),
        department_id: Set(department_id),
        rating: Set(None),
        level: Set(None),
        comment: Set(comment.to_string()),
        at: Set(at),
        ..Default::default()
    }
}

/// A new ticket's checked fields.
pub(crate) struct ValidTicket {
    title: String,
    category: String,
    description: String,
    uscc: Uscc,
    pub(crate) visit_id: Option<i64>,
}

/// Checks a new ticket, naming every bad field at once.
pub(crate) fn validate_new(
    actor: &Actor,
    rules: &ServiceRules,
    form: &NewTicketForm,
) -> Result<ValidTicket, AppError> {
    let mut errors: Vec<crate::FieldError> = Vec::new();
    let mut take = |r: Result<String, AppError>| match r {
        Ok(v) => Some(v),
        Err(AppError::Invalid(v)) => {
            errors.extend(v);
            None
        }
        Err(_) => None,
    };
    let title = take(required(&form.title, "title"));
    let description = take(required(&form.description, "description"));
    if rules.category(form.category.trim()).is_none() {
        errors.push(crate::FieldError::new(
            "category",
            "ticket.category_unknown",
        ));
    }
    let uscc = match (
        &actor.enterprise,
        form.enterprise_uscc.as_deref().map(str::trim),
    ) {
        (Some(own), _) => Some(own.clone()),
        (None, Some(text)) if !text.is_empty() => match Uscc::parse(text) {
            Ok(u) => Some(u),
            Err(e) => {
                errors.push(crate::FieldError::uscc("enterprise_uscc", &e));
                None
            }
        },
        (None, _) => {
            errors.push(crate::FieldError::new("enterprise_uscc", "common.required"));
            None
        }
    };
    match (title, description, uscc) {
        (Some(title), Some(description), Some(uscc)) if errors.is_empty() => Ok(ValidTicket {
            title,
            category: form.category.trim().to_string(),
            description,
            uscc,
            visit_id: form.visit_id,
        }),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// Writes a checked ticket and its `raise` event in the caller's transaction, with audit and
/// notifications.
pub(crate) async fn insert_ticket(
    tx: &store::DatabaseTransaction,
    actor: &Actor,
    meta: &RequestMeta,
    scope: &policy::org::Scope,
    rules: &ServiceRules,
    v: ValidTicket,
) -> Result<ticket::Model, AppError> {
    let source = if v.visit_id.is_some() {
        TicketSource::Visit
    } else if actor.enterprise.is_some() {
        TicketSource::Enterprise
    } else if actor.has_role("specialist") {
        TicketSource::Specialist
    } else {
        TicketSource::Staff
    };
    let e = store::enterprise::profile::find(tx, scope, v.uscc.as_str())
        .await?
        .ok_or_else(|| AppError::invalid("enterprise_uscc", "ticket.enterprise_not_found"))?;
    let now = Utc::now();
    let t = store::service::ticket::insert(
        tx,
        ticket::ActiveModel {
            title: Set(v.title),
            category: Set(v.category),
            description: Set(v.description),
            enterprise_uscc: Set(e.uscc.clone()),
            region_code: Set(e.region_code.clone()),
            source: Set(source.as_str().into()),
            visit_id: Set(v.visit_id),
            raised_by: Set(actor.stored_id()),
            department_id: Set(None),
            status: Set(TicketStatus::Submitted.as_str().into()),
            reply: Set(String::new()),
            rule_version: Set(rules.version.clone()),
            received_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    store::service::ticket::append(
        tx,
        event_row(t.id, TicketAction::Raise, actor, None, "", now),
    )
    .await?;
    let cal = store::calendar::load(tx).await?;
    super::clock::after_events(tx, &t, rules, &cal).await?;
    record(
        tx,
        actor,
        meta,
        AuditRecord {
            action: "ticket.raise",
            entity_type: "ticket",
            entity_id: t.id.to_string(),
            region_code: Some(t.region_code.clone()),
            before: serde_json::Value::Null,
            after: json!({"title": t.title, "category": t.category, "enterprise_uscc": t.enterprise_uscc, "source": t.source, "status": t.status, "visit_id": t.visit_id}),
        },
    )
    .await?;
    let to = recipients(tx, &t, TicketAction::Raise, 0).await?;
    notify(tx, to, "ticket.raised", &t, &t.description).await?;
    Ok(t)
}

/// Raises a ticket for an enterprise in the actor's scope (an enterprise user's own is implied).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn raise_ticket(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: NewTicketForm,
) -> Result<TicketView, AppError> {
    let scope = actor.scope(Permission::TICKET_RAISE)?;
    let rules = service_rules()?;
    let v = validate_new(actor, &rules, &form)?;
    let tx = app.db().begin_write().await?;
    let t = insert_ticket(&tx, actor, meta, &scope, &rules, v).await?;
    let view = view_in(&tx, actor, &t, None).await?;
    tx.commit().await?;
    Ok(view)
}

async fn view_in<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    t: &ticket::Model,
    dept: Option<i64>,
) -> Result<TicketView, AppError> {
    let rules = service_rules()?;
    let cal = store::calendar::load(conn).await?;
    let events = store::service::ticket::events_of(conn, t.id).await?;
    let clock = fold(t, &events, &rules, &cal)?;
    let mut dept_ids: Vec<i64> = events.iter().filter_map(|e| e.department_id).collect();
    dept_ids.extend(t.department_id);
    dept_ids.sort_unstable();
    dept_ids.dedup();
    let names: std::collections::HashMap<i64, String> =
        store::service::recipients::departments(conn, &dept_ids)
            .await?
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect();
    let enterprise_name =
        store::enterprise::profile::find(conn, &policy::org::Scope::all(), &t.enterprise_uscc)
            .await?
            .map(|e| e.name)
            .unwrap_or_default();
    let today = local_date(Utc::now());
    Ok(TicketView {
        id: t.id,
        title: t.title.clone(),
        category: t.category.clone(),
        description: t.description.clone(),
        enterprise_uscc: t.enterprise_uscc.clone(),
        enterprise_name,
        region_code: t.region_code.clone(),
        source: t.source.clone(),
        visit_id: t.visit_id,
        status: t.status.clone(),
        department_id: t.department_id,
        department_name: t.department_id.and_then(|d| names.get(&d).cloned()),
        reply: t.reply.clone(),
        received_at: t.received_at,
        rating: clock.rating.map(|r| r.as_str().to_string()),
        deadlines: deadlines_view(&clock, today, &cal, &rules),
        allowed_actions: TicketAction::ALL
            .iter()
            .filter(|a| may(actor, dept, t, &clock, **a))
            .map(|a| a.as_str().to_string())
            .collect(),
        events: events
            .into_iter()
            .map(|e| TicketEventView {
                id: e.id,
                department_name: e.department_id.and_then(|d| names.get(&d).cloned()),
                action: e.action,
                actor_name: e.actor_name,
                department_id: e.department_id,
                rating: e.rating,
                level: e.level,
                comment: e.comment,
                at: e.at,
            })
            .collect(),
    })
}

/// A ticket in the actor's scope, with its deadlines and events.
pub async fn get_ticket(app: &App, actor: &Actor, id: i64) -> Result<TicketView, AppError> {
    let scope = actor.scope(Permission::TICKET_READ)?;
    let conn = app.db().conn();
    let t = store::service::ticket::find(conn, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let dept = actor_department(app, actor).await?;
    view_in(conn, actor, &t, dept).await
}

/// A page of tickets in the actor's scope, newest first, with each one's deadline state.
pub async fn list_tickets(
    app: &App,
    actor: &Actor,
    q: &TicketListQuery,
) -> Result<Page<TicketRowView>, AppError> {
    let scope = actor.scope(Permission::TICKET_READ)?;
    let region_prefix = super::region_prefix(q.region.as_deref())?;
    if let Some(s) = q.status.as_deref().filter(|s| !s.is_empty())
        && TicketStatus::parse(s).is_none()
    {
        return Err(AppError::invalid("status", "ticket.status_unknown"));
    }
    let after = match q.cursor.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => Some(
            c.parse::<i64>()
                .map_err(|_| AppError::invalid("cursor", "error.bad_request"))?,
        ),
        None => None,
    };
    let deadline = match q
        .deadline
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => Some(
            DeadlineFilter::parse(d)
                .ok_or_else(|| AppError::invalid("deadline", "ticket.deadline_unknown"))?,
        ),
        None => None,
    };
    super::clock::catch_up_clocks(app).await?;
    let conn = app.db().conn();
    let rules = service_rules()?;
    let cal = store::calendar::load(conn).await?;
    let today = local_date(Utc::now());
    let mut sq = store::service::ticket::TicketQuery {
        status: q.status.clone().filter(|s| !s.is_empty()),
        department_id: q.department_id,
        category: q.category.clone().filter(|s| !s.is_empty()),
        region_prefix,
        enterprise_uscc: q.enterprise_uscc.clone().filter(|s| !s.is_empty()),
        ..Default::default()
    };
    if let Some(d) = deadline {
        d.narrow(&mut sq, DeadlineBounds::on(today, &cal, &rules));
    }
    let page = store::service::ticket::list(
        conn,
        &scope,
        &sq,
        PageRequest::new(q.limit.unwrap_or(20), after),
    )
    .await?;
    let mut rows = Vec::new();
    for t in &page.items {
        let outcome = store::service::ticket_clock::outcome_of(t)
            .ok_or_else(|| AppError::Internal(format!("ticket {} without clock columns", t.id)))?;
        rows.push(TicketRowView {
            id: t.id,
            title: t.title.clone(),
            category: t.category.clone(),
            enterprise_uscc: t.enterprise_uscc.clone(),
            region_code: t.region_code.clone(),
            status: t.status.clone(),
            department_id: t.department_id,
            received_at: t.received_at,
            resolution_due: outcome.due(),
            deadline_state: outcome.status_on(today, &cal, &rules).as_str().into(),
            escalation_level: outcome.escalation_level,
        });
    }
    Ok(Page {
        items: rows,
        next_cursor: page.next_cursor,
    })
}

/// Takes an action on a ticket: checks the permission the action needs and the state machine,
/// appends the event(s), updates the projection, audits and notifies, in one transaction.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn act_on_ticket(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    form: ActionForm,
) -> Result<TicketView, AppError> {
    let action = TicketAction::parse(&form.action)
        .filter(|a| *a != TicketAction::Raise)
        .ok_or_else(|| AppError::invalid("action", "ticket.action_unknown"))?;
    let dept = actor_department(app, actor).await?;
    let scope = match action {
        TicketAction::Resume if actor.can(Permission::TICKET_HANDLE) => {
            actor.scope(Permission::TICKET_HANDLE)?
        }
        other => actor.scope(permission_of(other))?,
    };
    let comment = form.comment.trim().to_string();
    if comment.chars().count() > 2000 {
        return Err(AppError::invalid("comment", "common.too_long"));
    }
    let rating = match action {
        TicketAction::Rate => Some(
            form.rating
                .as_deref()
                .and_then(Rating::parse)
                .ok_or_else(|| AppError::invalid("rating", "ticket.rating_required"))?,
        ),
        _ => None,
    };
    if matches!(action, TicketAction::Resolve | TicketAction::Wait) && comment.is_empty() {
        return Err(AppError::invalid("comment", "common.required"));
    }
    let rules = service_rules()?;
    let tx = app.db().begin_write().await?;
    let t = store::service::ticket::find(&tx, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let cal = store::calendar::load(&tx).await?;
    let events = store::service::ticket::events_of(&tx, t.id).await?;
    let clock = fold(&t, &events, &rules, &cal)?;
    let next = action
        .next(clock.status)
        .map_err(|e| AppError::invalid("action", e.key()))?;
    if !may(actor, dept, &t, &clock, action) {
        return Err(match action {
            TicketAction::Rate | TicketAction::Resume => {
                AppError::Forbidden(Permission::TICKET_RAISE)
            }
            _ => AppError::Forbidden(Permission::TICKET_HANDLE),
        });
    }
    let mut department_id = t.department_id;
    if matches!(action, TicketAction::Assign | TicketAction::Transfer) {
        let d = form
            .department_id
            .ok_or_else(|| AppError::invalid("department_id", "common.required"))?;
        let dep = store::service::recipients::department(&tx, d)
            .await?
            .filter(|dep| !dep.retired)
            .ok_or_else(|| AppError::invalid("department_id", "ticket.department_unknown"))?;
        let covers = RegionCode::parse(&dep.region_code)
            .ok()
            .zip(RegionCode::parse(&t.region_code).ok())
            .is_some_and(|(dr, tr)| dr.contains(&tr));
        if !covers {
            return Err(AppError::invalid(
                "department_id",
                "ticket.department_elsewhere",
            ));
        }
        if Some(d) == t.department_id {
            return Err(AppError::invalid("department_id", "ticket.same_department"));
        }
        department_id = Some(d);
    }
    let now = Utc::now();
    let mut row = event_row(t.id, action, actor, department_id, &comment, now);
    let mut level = 0u8;
    if action == TicketAction::Rate {
        row.rating = Set(rating.map(|r| r.as_str().to_string()));
    }
    if action == TicketAction::Escalate {
        level = (clock.current().escalation_level + 1).min(2);
        row.level = Set(Some(i16::from(level)));
    }
    store::service::ticket::append(&tx, row).await?;
    let mut status = next;
    let reopen = action == TicketAction::Rate
        && rating == Some(Rating::Dissatisfied)
        && clock.reopens() < rules.max_reopens;
    if reopen {
        status = TicketAction::Reopen
            .next(status)
            .map_err(|e| AppError::invalid("action", e.key()))?;
        store::service::ticket::append(
            &tx,
            event_row(
                t.id,
                TicketAction::Reopen,
                actor,
                department_id,
                "不满意，重新办理",
                now,
            ),
        )
        .await?;
    }
    let before = json!({"status": t.status, "department_id": t.department_id});
    let mut am = t.clone().into_active_model();
    am.status = Set(status.as_str().into());
    am.department_id = Set(department_id);
    if action == TicketAction::Resolve {
        am.reply = Set(comment.clone());
    }
    am.updated_at = Set(now);
    let saved = store::service::ticket::update(&tx, am).await?;
    super::clock::after_events(&tx, &saved, &rules, &cal).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: &format!("ticket.{}", action.as_str()),
            entity_type: "ticket",
            entity_id: t.id.to_string(),
            region_code: Some(t.region_code.clone()),
            before,
            after: json!({"status": saved.status, "department_id": saved.department_id, "comment": comment, "rating": rating.map(|r| r.as_str())}),
        },
    )
    .await?;
    let to = recipients(&tx, &saved, action, level).await?;
    notify(
        &tx,
        to,
        &format!("ticket.{}", action.as_str()),
        &saved,
        &comment,
    )
    .await?;
    if reopen {
        let to = recipients(&tx, &saved, TicketAction::Reopen, 0).await?;
        notify(&tx, to, "ticket.reopen", &saved, &comment).await?;
    }
    let view = view_in(&tx, actor, &saved, dept).await?;
    tx.commit().await?;
    Ok(view)
}

/// The departments a ticket in `region` may be handed to (their region contains it), for the
/// assign and transfer forms.
pub async fn departments_for_ticket(
    app: &App,
    actor: &Actor,
    region: &str,
) -> Result<Vec<(i64, String)>, AppError> {
    actor.require(Permission::TICKET_SUPERVISE)?;
    let code =
        RegionCode::parse(region).map_err(|_| AppError::invalid("region", "region_code.format"))?;
    Ok(store::org::department::all(app.db().conn())
        .await?
        .into_iter()
        .filter(|d| {
            !d.retired && RegionCode::parse(&d.region_code).is_ok_and(|r| r.contains(&code))
        })
        .map(|d| (d.id, d.name))
        .collect())
}
