//! The working-day calendar: one year's holidays and make-up days, and its import.

use crate::error::WebResult;
use crate::pages::chrome::Chrome;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use policy::calendar::DayKind;
use policy::org::Permission;
use serde::Deserialize;

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/calendar", get(page))
        .route("/calendar/import", post(import))
        .route("/calendar/day", post(set_day))
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct Page {
    c: Chrome,
    year: i32,
    known: bool,
    unknown_note: String,
    message: Option<String>,
    errors: Vec<(String, String)>,
    entries: Vec<(String, String, bool, String)>,
}

async fn view(
    state: &AppState,
    user: &Authed,
    year: i32,
    message: Option<String>,
    errors: Vec<(String, String)>,
) -> WebResult<Page> {
    user.actor.require(Permission::CALENDAR_MANAGE)?;
    let entries = app::calendar::calendar_year(&state.app, &user.actor, year).await?;
    let cal = app::calendar::load_calendar(&state.app).await?;
    let c = Chrome::build(state, user, "/calendar", "calendar.title", &[]).await;
    let unknown_note =
        c.t.fmt("calendar.unknown_year", &[("year", &year.to_string())]);
    let entries = entries
        .into_iter()
        .map(|e| {
            let holiday = e.kind == DayKind::Holiday;
            (
                e.date.to_string(),
                c.t.get(&format!("calendar.{}", e.kind.as_str())),
                holiday,
                festival_name(&c.t, &e.festival),
            )
        })
        .collect();
    Ok(Page {
        known: cal.knows_year(year),
        c,
        year,
        unknown_note,
        message,
        errors,
        entries,
    })
}

#[derive(Deserialize)]
struct YearQuery {
    year: Option<i32>,
}

async fn page(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<YearQuery>,
) -> WebResult<Response> {
    let year = q
        .year
        .filter(|y| (2000..=2100).contains(y))
        .unwrap_or_else(|| chrono::Utc::now().year());
    Ok(render(&view(&state, &user, year, None, Vec::new()).await?)?.into_response())
}

async fn set_day(
    State(state): State<AppState>,
    user: Authed,
    axum::Form(form): axum::Form<app::calendar::CalendarDayForm>,
) -> WebResult<Response> {
    let year = chrono::NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d")
        .map(|d| d.year())
        .unwrap_or_else(|_| chrono::Utc::now().year());
    let done = app::calendar::set_calendar_day(&state.app, &user.actor, &user.meta, &form)
        .await
        .map(|()| format!("{} ✓", form.date));
    after_write(&state, &user, year, done).await
}

async fn import(State(state): State<AppState>, user: Authed, mp: Multipart) -> WebResult<Response> {
    user.actor.require(Permission::CALENDAR_MANAGE)?;
    let bytes = super::upload(mp).await?;
    let text = String::from_utf8_lossy(&bytes).to_string();
    let year = chrono::Utc::now().year();
    let done = app::calendar::import_calendar_csv(&state.app, &user.actor, &user.meta, &text)
        .await
        .map(|n| format!("{n} ✓"));
    after_write(&state, &user, year, done).await
}

/// The year's page after an edit: with the message it returns, or with the problems named.
async fn after_write(
    state: &AppState,
    user: &Authed,
    year: i32,
    done: Result<String, app::AppError>,
) -> WebResult<Response> {
    match done {
        Ok(message) => {
            Ok(render(&view(state, user, year, Some(message), Vec::new()).await?)?.into_response())
        }
        Err(app::AppError::Invalid(errs)) => {
            let t = crate::i18n::Tr::new(user.lang);
            let errors = FieldErrors::from_app(&t, &errs).all();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&view(state, user, year, None, errors).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The festival's name in the user's language (the shipped schedule names them in English);
/// an unknown name is shown as given.
fn festival_name(t: &crate::i18n::Tr, festival: &str) -> String {
    let slug: String = festival
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase()
        .replace([' ', '-'], "_");
    let key = format!("festival.{slug}");
    if t.has(&key) {
        t.get(&key)
    } else {
        festival.to_string()
    }
}
