//! Enterprise service: tickets (诉求) and their actions, timeliness reports, specialists and
//! their assignments, visits.

use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::service::{
    ActionForm, AssignmentForm, AssignmentView, DeadlineCountsView, NewSpecialistForm,
    NewTicketForm, NewVisitForm, ReportQuery, ReportRow, ServiceOverview, SpecialistView,
    TicketListQuery, TicketRowView, TicketView, VisitView,
};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/tickets", get(list).post(raise))
        .route("/api/v1/tickets/deadlines", get(deadlines))
        .route("/api/v1/tickets/{id}", get(read))
        .route("/api/v1/tickets/{id}/actions", post(act))
        .route("/api/v1/ticket-report", get(report))
        .route("/api/v1/ticket-report/export.xlsx", get(report_xlsx))
        .route("/api/v1/service/overview", get(overview))
        .route("/api/v1/specialists", get(specialists).post(add_specialist))
        .route("/api/v1/specialist-assignments", post(assign))
        .route("/api/v1/visits", get(visits).post(record_visit))
}

/// A page of tickets.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketPage {
    /// The rows.
    pub items: Vec<TicketRowView>,
    /// The cursor of the next page.
    pub next_cursor: Option<String>,
}

/// Tickets in the caller's scope, newest first, with each one's deadline state.
#[utoipa::path(get, path = "/api/v1/tickets", tag = "service", params(TicketListQuery),
    responses((status = 200, body = TicketPage), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<TicketListQuery>,
) -> WebResult<Json<TicketPage>> {
    let page = app::service::list_tickets(&state.app, &user.actor, &q).await?;
    Ok(Json(TicketPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// The region a count is asked for.
#[derive(Debug, Deserialize, IntoParams)]
pub struct DeadlineCountsQuery {
    /// Region code (subtree); every region in scope when absent.
    pub region: Option<String>,
}

/// Open tickets in the caller's scope by deadline state today (overdue, due soon, on track,
/// paused); each count is also a filter of the list (`GET /api/v1/tickets?deadline=…`).
#[utoipa::path(get, path = "/api/v1/tickets/deadlines", tag = "service", params(DeadlineCountsQuery),
    responses((status = 200, body = DeadlineCountsView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn deadlines(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<DeadlineCountsQuery>,
) -> WebResult<Json<DeadlineCountsView>> {
    Ok(Json(
        app::service::deadline_counts(&state.app, &user.actor, q.region.as_deref()).await?,
    ))
}

/// Raise a ticket (an enterprise user's own enterprise is implied).
#[utoipa::path(post, path = "/api/v1/tickets", tag = "service", request_body = NewTicketForm,
    responses((status = 201, body = TicketView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn raise(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<NewTicketForm>,
) -> WebResult<Response> {
    let v = app::service::raise_ticket(&state.app, &user.actor, &user.meta, f).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// One ticket with its deadlines (from the working-day calendar) and its event log.
#[utoipa::path(get, path = "/api/v1/tickets/{id}", tag = "service", params(("id" = i64, Path)),
    responses((status = 200, body = TicketView), (status = 404, body = super::ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<TicketView>> {
    Ok(Json(
        app::service::get_ticket(&state.app, &user.actor, id).await?,
    ))
}

/// Act on a ticket: `assign` / `transfer` (with `department_id`), `respond`, `wait`, `resume`,
/// `resolve` (the comment is the reply), `rate` (with `rating`), `reopen`, `remind`,
/// `escalate`, `comment`.
#[utoipa::path(post, path = "/api/v1/tickets/{id}/actions", tag = "service", params(("id" = i64, Path)), request_body = ActionForm,
    responses((status = 200, body = TicketView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn act(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<ActionForm>,
) -> WebResult<Json<TicketView>> {
    Ok(Json(
        app::service::act_on_ticket(&state.app, &user.actor, &user.meta, id, f).await?,
    ))
}

/// Timeliness by department or county: received, resolved, on time (按期办结率), overdue,
/// average working days, satisfaction; the last row (`key` = `total`) sums them.
#[utoipa::path(get, path = "/api/v1/ticket-report", tag = "service", params(ReportQuery),
    responses((status = 200, body = Vec<ReportRow>), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<ReportQuery>,
) -> WebResult<Json<Vec<ReportRow>>> {
    Ok(Json(
        app::service::ticket_report(&state.app, &user.actor, &q).await?,
    ))
}

/// The same report as an xlsx workbook.
#[utoipa::path(get, path = "/api/v1/ticket-report/export.xlsx", tag = "service", params(ReportQuery),
    responses((status = 200, description = "xlsx workbook"), (status = 403, body = super::ErrorBody)))]
pub async fn report_xlsx(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<ReportQuery>,
) -> WebResult<Response> {
    let bytes = app::service::export_report_xlsx(&state.app, &user.actor, &q).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"ticket-report.xlsx\"",
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `?region=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegionParam {
    /// Region code.
    pub region: Option<String>,
}

/// The service in a region: enterprises with specialists stationed, specialists, tickets.
#[utoipa::path(get, path = "/api/v1/service/overview", tag = "service", params(RegionParam),
    responses((status = 200, body = ServiceOverview), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn overview(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<RegionParam>,
) -> WebResult<Json<ServiceOverview>> {
    Ok(Json(
        app::service::service_overview(&state.app, &user.actor, q.region.as_deref().unwrap_or(""))
            .await?,
    ))
}

/// Specialists in scope with their assignments.
#[utoipa::path(get, path = "/api/v1/specialists", tag = "service",
    responses((status = 200, body = Vec<SpecialistView>), (status = 403, body = super::ErrorBody)))]
pub async fn specialists(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Json<Vec<SpecialistView>>> {
    Ok(Json(
        app::service::list_specialists(&state.app, &user.actor).await?,
    ))
}

/// The id of a created record.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// Id.
    pub id: i64,
}

/// Add a specialist.
#[utoipa::path(post, path = "/api/v1/specialists", tag = "service", request_body = NewSpecialistForm,
    responses((status = 201, body = Created), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_specialist(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<NewSpecialistForm>,
) -> WebResult<Response> {
    let id = app::service::add_specialist(&state.app, &user.actor, &user.meta, f).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

/// Station a specialist in an enterprise.
#[utoipa::path(post, path = "/api/v1/specialist-assignments", tag = "service", request_body = AssignmentForm,
    responses((status = 201, body = AssignmentView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn assign(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<AssignmentForm>,
) -> WebResult<Response> {
    let v = app::service::assign_specialist(&state.app, &user.actor, &user.meta, f).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// A page of visits.
#[derive(Debug, Serialize, ToSchema)]
pub struct VisitPage {
    /// The rows.
    pub items: Vec<VisitView>,
    /// The cursor of the next page.
    pub next_cursor: Option<String>,
}

/// Visits in scope, newest first.
#[utoipa::path(get, path = "/api/v1/visits", tag = "service", params(super::Paging),
    responses((status = 200, body = VisitPage), (status = 403, body = super::ErrorBody)))]
pub async fn visits(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<super::Paging>,
) -> WebResult<Json<VisitPage>> {
    let page = app::service::list_visits(&state.app, &user.actor, p.request()?).await?;
    Ok(Json(VisitPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// Record a visit; each problem found becomes a ticket.
#[utoipa::path(post, path = "/api/v1/visits", tag = "service", request_body = NewVisitForm,
    responses((status = 201, body = VisitView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn record_visit(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<NewVisitForm>,
) -> WebResult<Response> {
    let v = app::service::record_visit(&state.app, &user.actor, &user.meta, f).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}
