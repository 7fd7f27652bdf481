//! Enterprise service pages: the ticket list, a ticket's record with its deadlines, timeline
//! and action forms, the new-ticket form, and the timeliness report.

use crate::error::WebResult;
use crate::format::local_time;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::list::{self, PageQuery};
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::service::{ActionForm, NewTicketForm, ReportGroup, ReportQuery, TicketListQuery};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use policy::org::Permission;
use serde::Deserialize;

pub(crate) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/tickets", get(list_page).post(create))
        .route("/tickets/new", get(new_page))
        .route("/tickets/report", get(report_page))
        .route("/tickets/{id}", get(record_page))
        .route("/tickets/{id}/actions", post(act))
}

/// The category codes of the shipped rule set, with their names.
pub(super) fn categories(t: &Tr) -> Vec<(String, String)> {
    app::service::service_rules()
        .map(|r| r.category)
        .unwrap_or_default()
        .into_iter()
        .map(|c| {
            let name = t.get(&format!("ticket.category.{}", c.code));
            (c.code, name)
        })
        .collect()
}

fn status_class(status: &str) -> &'static str {
    match status {
        "submitted" => "grey",
        "assigned" | "in_progress" => "blue",
        "waiting" => "orange",
        _ => "green",
    }
}

fn deadline_class(state: &str) -> &'static str {
    match state {
        "overdue" => "red",
        "due_soon" | "paused" => "orange",
        "done" => "green",
        _ => "blue",
    }
}

struct Row {
    id: i64,
    title: String,
    category: String,
    status: String,
    status_class: &'static str,
    deadline: String,
    deadline_class: &'static str,
    due: String,
    escalated: bool,
    received: String,
}

#[derive(Template)]
#[template(path = "tickets.html")]
struct ListPage {
    c: Chrome,
    status: String,
    category: String,
    region: String,
    statuses: Vec<(String, String)>,
    categories: Vec<(String, String)>,
    can_raise: bool,
    can_report: bool,
    deadline: String,
    /// Open tickets by deadline state: (code, name, count, link).
    deadline_chips: Vec<(String, String, u64, String)>,
    items: Vec<Row>,
    first_url: String,
    next_url: Option<String>,
}

#[derive(Deserialize, Default)]
struct Filters {
    status: Option<String>,
    category: Option<String>,
    region: Option<String>,
    deadline: Option<String>,
    #[serde(flatten)]
    page: PageQuery,
}

async fn list_page(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<Filters>,
) -> WebResult<Response> {
    let nonempty = |s: &Option<String>| s.clone().filter(|v| !v.trim().is_empty());
    let q = TicketListQuery {
        status: nonempty(&f.status),
        category: nonempty(&f.category),
        region: nonempty(&f.region),
        deadline: nonempty(&f.deadline),
        cursor: f.page.cursor.clone(),
        limit: f.page.limit,
        ..Default::default()
    };
    let page = app::service::list_tickets(&state.app, &user.actor, &q).await?;
    let counts =
        app::service::deadline_counts(&state.app, &user.actor, q.region.as_deref()).await?;
    let c = Chrome::build(&state, &user, "/tickets", "ticket.title", &[]).await;
    let filters = [
        ("status", f.status.clone().unwrap_or_default()),
        ("category", f.category.clone().unwrap_or_default()),
        ("region", f.region.clone().unwrap_or_default()),
        ("deadline", f.deadline.clone().unwrap_or_default()),
    ];
    let (first_url, next_url) =
        list::pager("/tickets", &filters, &f.page, page.next_cursor.as_deref());
    let t = &c.t;
    let items = page
        .items
        .into_iter()
        .map(|r| Row {
            id: r.id,
            category: t.get(&format!("ticket.category.{}", r.category)),
            status: t.get(&format!("ticket.status.{}", r.status)),
            status_class: status_class(&r.status),
            deadline: t.get(&format!("ticket.deadline.{}", r.deadline_state)),
            deadline_class: deadline_class(&r.deadline_state),
            due: r.resolution_due.map(|d| d.to_string()).unwrap_or_default(),
            escalated: r.escalation_level > 0,
            received: local_time(&r.received_at),
            title: r.title,
        })
        .collect();
    let statuses = policy::service::TicketStatus::ALL
        .iter()
        .map(|s| {
            (
                s.as_str().to_string(),
                t.get(&format!("ticket.status.{}", s.as_str())),
            )
        })
        .collect();
    let region = f.region.clone().unwrap_or_default();
    let deadline_chips = app::service::DeadlineFilter::ALL
        .iter()
        .map(|d| {
            let n = match d {
                app::service::DeadlineFilter::Overdue => counts.overdue,
                app::service::DeadlineFilter::DueSoon => counts.due_soon,
                app::service::DeadlineFilter::OnTrack => counts.on_track,
                app::service::DeadlineFilter::Paused => counts.paused,
            };
            let mut link = form_urlencoded::Serializer::new(String::from("/tickets?"));
            link.append_pair("deadline", d.as_str());
            if !region.trim().is_empty() {
                link.append_pair("region", region.trim());
            }
            let link = link.finish();
            (
                d.as_str().to_string(),
                t.get(&format!("ticket.deadline.{}", d.as_str())),
                n,
                link,
            )
        })
        .collect();
    let page = ListPage {
        deadline: f.deadline.clone().unwrap_or_default(),
        deadline_chips,
        categories: categories(t),
        statuses,
        can_raise: user.actor.can(Permission::TICKET_RAISE),
        can_report: user.actor.can(Permission::TICKET_SUPERVISE),
        status: f.status.unwrap_or_default(),
        category: f.category.unwrap_or_default(),
        region: f.region.unwrap_or_default(),
        c,
        items,
        first_url,
        next_url,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize, Default, Clone)]
struct NewForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    enterprise_uscc: String,
}

#[derive(Template)]
#[template(path = "ticket_new.html")]
struct NewPage {
    c: Chrome,
    form: NewForm,
    categories: Vec<(String, String)>,
    own_enterprise: bool,
    errors: FieldErrors,
}

async fn new_view(
    state: &AppState,
    user: &Authed,
    form: NewForm,
    errors: FieldErrors,
) -> WebResult<NewPage> {
    user.actor.require(Permission::TICKET_RAISE)?;
    let c = Chrome::build(
        state,
        user,
        "/tickets/new",
        "ticket.new",
        &[("/tickets", "ticket.title")],
    )
    .await;
    Ok(NewPage {
        categories: categories(&c.t),
        own_enterprise: user.actor.enterprise.is_some(),
        c,
        form,
        errors,
    })
}

async fn new_page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    Ok(
        render(&new_view(&state, &user, NewForm::default(), FieldErrors::default()).await?)?
            .into_response(),
    )
}

async fn create(
    State(state): State<AppState>,
    user: Authed,
    Form(f): Form<NewForm>,
) -> WebResult<Response> {
    let form = NewTicketForm {
        title: f.title.clone(),
        category: f.category.clone(),
        description: f.description.clone(),
        enterprise_uscc: Some(f.enterprise_uscc.clone()).filter(|s| !s.trim().is_empty()),
        visit_id: None,
    };
    match app::service::raise_ticket(&state.app, &user.actor, &user.meta, form).await {
        Ok(v) => Ok(Redirect::to(&format!("/tickets/{}", v.id)).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let t = Tr::new(user.lang);
            let errors = FieldErrors::from_app(&t, &errs);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&new_view(&state, &user, f, errors).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

struct EventRow {
    time: String,
    action: String,
    actor: String,
    detail: String,
    comment: String,
}

#[derive(Template)]
#[template(path = "ticket.html")]
struct RecordPage {
    c: Chrome,
    v: app::service::TicketView,
    category: String,
    status: String,
    status_class: &'static str,
    deadline: String,
    deadline_class: &'static str,
    unknown_years: String,
    unknown_note: String,
    source: String,
    escalation: String,
    received: String,
    events: Vec<EventRow>,
    actions: Vec<(String, String)>,
    departments: Vec<(i64, String)>,
    errors: Vec<(String, String)>,
}

async fn record_view(
    state: &AppState,
    user: &Authed,
    id: i64,
    errors: Vec<(String, String)>,
) -> WebResult<RecordPage> {
    let v = app::service::get_ticket(&state.app, &user.actor, id).await?;
    let path = format!("/tickets/{id}");
    let c = Chrome::build(
        state,
        user,
        &path,
        "ticket.record",
        &[("/tickets", "ticket.title")],
    )
    .await;
    let t = c.t;
    let departments = if v
        .allowed_actions
        .iter()
        .any(|a| a == "assign" || a == "transfer")
    {
        app::service::departments_for_ticket(&state.app, &user.actor, &v.region_code)
            .await
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let events = v
        .events
        .iter()
        .map(|e| EventRow {
            time: local_time(&e.at),
            action: t.get(&format!("ticket.action.{}", e.action)),
            actor: e.actor_name.clone(),
            detail: match (e.action.as_str(), &e.department_name, &e.rating, e.level) {
                ("escalate", _, _, Some(l)) => t.get(&format!("ticket.level.{l}")),
                ("rate", _, Some(r), _) => t.get(&format!("ticket.rating.{r}")),
                ("assign" | "transfer", Some(d), _, _) => d.clone(),
                _ => String::new(),
            },
            comment: e.comment.clone(),
        })
        .collect();
    let unknown_years = v
        .deadlines
        .unknown_years
        .iter()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join("、");
    Ok(RecordPage {
        unknown_note: t.fmt("ticket.unknown_years", &[("years", &unknown_years)]),
        source: t.get(&format!("ticket.source.{}", v.source)),
        escalation: t.get(&format!("ticket.level.{}", v.deadlines.escalation_level)),
        category: t.get(&format!("ticket.category.{}", v.category)),
        status: t.get(&format!("ticket.status.{}", v.status)),
        status_class: status_class(&v.status),
        deadline: t.get(&format!("ticket.deadline.{}", v.deadlines.state)),
        deadline_class: deadline_class(&v.deadlines.state),
        unknown_years,
        received: local_time(&v.received_at),
        actions: v
            .allowed_actions
            .iter()
            .map(|a| (a.clone(), t.get(&format!("ticket.action.{a}"))))
            .collect(),
        events,
        departments,
        errors,
        c,
        v,
    })
}

async fn record_page(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    Ok(render(&record_view(&state, &user, id, Vec::new()).await?)?.into_response())
}

#[derive(Deserialize, Default)]
struct ActForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    department_id: String,
    #[serde(default)]
    rating: String,
}

async fn act(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<ActForm>,
) -> WebResult<Response> {
    let form = ActionForm {
        action: f.action,
        comment: f.comment,
        department_id: f.department_id.trim().parse().ok(),
        rating: Some(f.rating).filter(|r| !r.is_empty()),
    };
    match app::service::act_on_ticket(&state.app, &user.actor, &user.meta, id, form).await {
        Ok(_) => Ok(Redirect::to(&format!("/tickets/{id}")).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let t = Tr::new(user.lang);
            let errors = FieldErrors::from_app(&t, &errs).all();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&record_view(&state, &user, id, errors).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

struct ReportLine {
    name: String,
    received: u64,
    resolved: u64,
    on_time: u64,
    on_time_pct: String,
    overdue: u64,
    average_days: String,
    satisfaction_pct: String,
    total: bool,
}

#[derive(Template)]
#[template(path = "ticket_report.html")]
struct ReportPage {
    c: Chrome,
    group: String,
    year: String,
    region: String,
    rows: Vec<ReportLine>,
    export_url: String,
}

#[derive(Deserialize, Default)]
struct ReportFilters {
    group: Option<String>,
    year: Option<String>,
    region: Option<String>,
}

async fn report_page(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<ReportFilters>,
) -> WebResult<Response> {
    let group = match f.group.as_deref() {
        Some("county") => ReportGroup::County,
        Some("chain") => ReportGroup::Chain,
        _ => ReportGroup::Department,
    };
    let year = f.year.as_deref().and_then(|y| y.trim().parse::<i32>().ok());
    let region = f.region.clone().filter(|r| !r.trim().is_empty());
    let rows = app::service::ticket_report(
        &state.app,
        &user.actor,
        &ReportQuery {
            group: Some(group),
            year,
            region: region.clone(),
        },
    )
    .await?;
    let c = Chrome::build(
        &state,
        &user,
        "/tickets/report",
        "ticket.report",
        &[("/tickets", "ticket.title")],
    )
    .await;
    let pct = |p: Option<f64>| p.map(|v| format!("{v:.1}%")).unwrap_or_else(|| "—".into());
    let rows = rows
        .into_iter()
        .map(|r| ReportLine {
            total: r.key == "total",
            name: if r.key == "total" {
                c.t.get("ticket.report_total")
            } else if r.name.is_empty() {
                c.t.get("ticket.unassigned")
            } else {
                r.name.clone()
            },
            received: r.received,
            resolved: r.resolved,
            on_time: r.on_time,
            on_time_pct: pct(r.on_time_pct),
            overdue: r.overdue,
            average_days: r
                .average_days
                .map(|d| format!("{d:.1}"))
                .unwrap_or_else(|| "—".into()),
            satisfaction_pct: pct(r.satisfaction_pct),
        })
        .collect();
    let group_s = match group {
        ReportGroup::County => "county",
        ReportGroup::Chain => "chain",
        ReportGroup::Department => "department",
    };
    let mut ser = form_urlencoded::Serializer::new(String::new());
    ser.append_pair("group", group_s);
    if let Some(y) = year {
        ser.append_pair("year", &y.to_string());
    }
    if let Some(r) = &region {
        ser.append_pair("region", r);
    }
    let page = ReportPage {
        export_url: format!("/api/v1/ticket-report/export.xlsx?{}", ser.finish()),
        c,
        group: group_s.into(),
        year: year.map(|y| y.to_string()).unwrap_or_default(),
        region: region.unwrap_or_default(),
        rows,
    };
    Ok(render(&page)?.into_response())
}
