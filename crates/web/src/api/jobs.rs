//! Background jobs and the working-day calendar.

use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::jobs::JobOutcome;
use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use utoipa::ToSchema;

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/jobs/run-once", post(run_once))
        .route("/api/v1/calendar/{year}", get(calendar))
        .route("/api/v1/calendar/days", post(set_day))
}

/// One day set by an administrator.
#[derive(Debug, serde::Deserialize, ToSchema)]
pub struct CalendarDayInput {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `holiday`, `makeup_workday`, or empty to make it an ordinary day again.
    #[serde(default)]
    pub kind: String,
    /// Festival, optional.
    #[serde(default)]
    pub festival: String,
}

/// Set (or clear) one day of the working-day calendar.
#[utoipa::path(post, path = "/api/v1/calendar/days", tag = "jobs", request_body = CalendarDayInput,
    responses((status = 204), (status = 403, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)))]
pub async fn set_day(
    State(state): State<AppState>,
    user: Authed,
    Json(input): Json<CalendarDayInput>,
) -> WebResult<axum::http::StatusCode> {
    let form = app::calendar::CalendarDayForm {
        date: input.date,
        kind: input.kind,
        festival: input.festival,
    };
    app::calendar::set_calendar_day(&state.app, &user.actor, &user.meta, &form).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// Run every background job once now.
#[utoipa::path(post, path = "/api/v1/jobs/run-once", tag = "jobs",
    responses((status = 200, body = Vec<JobOutcome>), (status = 403, body = super::ErrorBody)))]
pub async fn run_once(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Json<Vec<JobOutcome>>> {
    Ok(Json(
        app::jobs::run_now(&state.app, &user.actor, &user.meta).await?,
    ))
}

/// One day of the calendar that differs from the weekend rule.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarDay {
    /// Date.
    pub date: chrono::NaiveDate,
    /// `holiday` or `makeup_workday`.
    pub kind: String,
    /// Festival.
    pub festival: String,
}

/// A year of the working-day calendar.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarYear {
    /// Year.
    pub year: i32,
    /// Whether an official schedule is loaded (else only weekends are off).
    pub official: bool,
    /// Holidays and make-up working days.
    pub days: Vec<CalendarDay>,
}

/// The holidays and make-up working days of a year.
#[utoipa::path(get, path = "/api/v1/calendar/{year}", tag = "jobs", params(("year" = i32, Path)),
    responses((status = 200, body = CalendarYear), (status = 401, body = super::ErrorBody)))]
pub async fn calendar(
    State(state): State<AppState>,
    user: Authed,
    Path(year): Path<i32>,
) -> WebResult<Json<CalendarYear>> {
    let entries = app::calendar::calendar_year(&state.app, &user.actor, year).await?;
    let cal = app::calendar::load_calendar(&state.app).await?;
    Ok(Json(CalendarYear {
        year,
        official: cal.knows_year(year),
        days: entries
            .into_iter()
            .map(|e| CalendarDay {
                date: e.date,
                kind: e.kind.as_str().into(),
                festival: e.festival,
            })
            .collect(),
    }))
}
