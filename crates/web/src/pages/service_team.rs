//! The people side of enterprise service: specialists (助企专员) with their assignments to
//! enterprises, and visits (走访, 慰问) with the support handed over and the problems found.

use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::list::{self, PageQuery};
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::service::{AssignmentForm, NewSpecialistForm, NewTicketForm, NewVisitForm};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

pub(crate) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/specialists", get(specialists_page).post(add_specialist))
        .route("/specialists/assign", post(assign))
        .route("/specialist-assignments/{id}/end", post(end_assignment))
        .route("/visits", get(visits_page).post(record_visit))
        .route("/visits/new", get(new_visit_page))
}

struct AssignmentRow {
    id: i64,
    uscc: String,
    name: String,
    since: String,
    until: String,
    current: bool,
}

struct SpecialistRow {
    id: i64,
    name: String,
    region: String,
    assignments: Vec<AssignmentRow>,
    current: usize,
}

#[derive(Template)]
#[template(path = "specialists.html")]
struct SpecialistsPage {
    c: Chrome,
    rows: Vec<SpecialistRow>,
    summary: String,
    errors: Vec<(String, String)>,
    message: Option<String>,
    today: String,
}

#[derive(Deserialize, Default)]
struct Done {
    ok: Option<String>,
}

async fn specialists_view(
    state: &AppState,
    user: &Authed,
    errors: Vec<(String, String)>,
    message: Option<String>,
) -> WebResult<SpecialistsPage> {
    let list = app::service::list_specialists(&state.app, &user.actor).await?;
    let c = Chrome::build(state, user, "/specialists", "specialist.title", &[]).await;
    let mut served = std::collections::BTreeSet::new();
    let rows: Vec<SpecialistRow> = list
        .into_iter()
        .map(|s| {
            let assignments: Vec<AssignmentRow> = s
                .assignments
                .into_iter()
                .map(|a| {
                    let current = a.ended_on.is_none();
                    if current {
                        served.insert(a.enterprise_uscc.clone());
                    }
                    AssignmentRow {
                        id: a.id,
                        name: a.enterprise_name,
                        uscc: a.enterprise_uscc,
                        since: a.started_on.to_string(),
                        until: a.ended_on.map(|d| d.to_string()).unwrap_or_default(),
                        current,
                    }
                })
                .collect();
            SpecialistRow {
                id: s.id,
                name: s.name,
                region: s.region_code,
                current: assignments.iter().filter(|a| a.current).count(),
                assignments,
            }
        })
        .collect();
    let summary = c.t.fmt(
        "specialist.summary",
        &[
            ("specialists", &rows.len().to_string()),
            ("enterprises", &served.len().to_string()),
        ],
    );
    Ok(SpecialistsPage {
        c,
        rows,
        summary,
        errors,
        message,
        today: app::service::local_date(chrono::Utc::now()).to_string(),
    })
}

async fn specialists_page(
    State(state): State<AppState>,
    user: Authed,
    Query(done): Query<Done>,
) -> WebResult<Response> {
    let message = done.ok.map(|_| Tr::new(user.lang).get("common.saved"));
    Ok(render(&specialists_view(&state, &user, Vec::new(), message).await?)?.into_response())
}

/// Answers a form post: back to the list on success, the list with the errors otherwise.
async fn after_post<T>(
    state: &AppState,
    user: &Authed,
    result: Result<T, app::AppError>,
) -> WebResult<Response> {
    match result {
        Ok(_) => Ok(Redirect::to("/specialists?ok=1").into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&Tr::new(user.lang), &errs).all();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&specialists_view(state, user, errors, None).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct NewSpecialist {
    #[serde(default)]
    name: String,
    #[serde(default)]
    region_code: String,
    #[serde(default)]
    phone: String,
}

async fn add_specialist(
    State(state): State<AppState>,
    user: Authed,
    Form(f): Form<NewSpecialist>,
) -> WebResult<Response> {
    let form = NewSpecialistForm {
        name: f.name,
        region_code: f.region_code,
        phone: f.phone,
        ..Default::default()
    };
    let r = app::service::add_specialist(&state.app, &user.actor, &user.meta, form).await;
    after_post(&state, &user, r).await
}

#[derive(Deserialize)]
struct Assign {
    #[serde(default)]
    specialist_id: String,
    #[serde(default)]
    enterprise_uscc: String,
    #[serde(default)]
    started_on: String,
    #[serde(default)]
    note: String,
}

/// A date field of a form: empty is none, anything else must be a date.
fn date_field(field: &str, value: &str) -> Result<Option<NaiveDate>, app::AppError> {
    match value.trim() {
        "" => Ok(None),
        v => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| app::AppError::invalid(field, "common.date_format")),
    }
}

async fn assign(
    State(state): State<AppState>,
    user: Authed,
    Form(f): Form<Assign>,
) -> WebResult<Response> {
    let parsed = f
        .specialist_id
        .trim()
        .parse::<i64>()
        .map_err(|_| app::AppError::invalid("specialist_id", "common.required"))
        .and_then(|id| Ok((id, date_field("started_on", &f.started_on)?)));
    let r = match parsed {
        Ok((specialist_id, started_on)) => {
            let form = AssignmentForm {
                specialist_id,
                enterprise_uscc: f.enterprise_uscc,
                started_on,
                note: f.note,
            };
            app::service::assign_specialist(&state.app, &user.actor, &user.meta, form)
                .await
                .map(|_| ())
        }
        Err(e) => Err(e),
    };
    after_post(&state, &user, r).await
}

#[derive(Deserialize)]
struct End {
    #[serde(default)]
    ended_on: String,
}

async fn end_assignment(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<End>,
) -> WebResult<Response> {
    let r = match date_field("ended_on", &f.ended_on) {
        Ok(d) => {
            let on = d.unwrap_or_else(|| app::service::local_date(chrono::Utc::now()));
            app::service::end_assignment(&state.app, &user.actor, &user.meta, id, on)
                .await
                .map(|_| ())
        }
        Err(e) => Err(e),
    };
    after_post(&state, &user, r).await
}

struct VisitRow {
    id: i64,
    kind: String,
    date: String,
    uscc: String,
    visitors: String,
    money: String,
    support_kind: String,
    notes: String,
}

#[derive(Template)]
#[template(path = "visits.html")]
struct VisitsPage {
    c: Chrome,
    items: Vec<VisitRow>,
    first_url: String,
    next_url: Option<String>,
}

async fn visits_page(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<PageQuery>,
) -> WebResult<Response> {
    let page = app::service::list_visits(&state.app, &user.actor, p.request()).await?;
    let c = Chrome::build(&state, &user, "/visits", "visit.title", &[]).await;
    let (first_url, next_url) = list::pager("/visits", &[], &p, page.next_cursor.as_deref());
    let items = page
        .items
        .into_iter()
        .map(|v| VisitRow {
            id: v.id,
            kind: c.t.get(&format!("visit.kind.{}", v.kind)),
            date: v.visited_on.to_string(),
            uscc: v.enterprise_uscc,
            visitors: v.visitors,
            money: v.support_money_wan_yuan.unwrap_or_default(),
            support_kind: v.support_kind,
            notes: v.notes,
        })
        .collect();
    Ok(render(&VisitsPage {
        c,
        items,
        first_url,
        next_url,
    })?
    .into_response())
}

/// The visit form as typed, with one problem (more are raised as tickets afterwards).
#[derive(Deserialize, Default, Clone)]
struct VisitInput {
    #[serde(default)]
    enterprise_uscc: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    visited_on: String,
    #[serde(default)]
    visitors: String,
    #[serde(default)]
    support_money_wan_yuan: String,
    #[serde(default)]
    support_kind: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    problem_title: String,
    #[serde(default)]
    problem_category: String,
    #[serde(default)]
    problem_description: String,
}

#[derive(Template)]
#[template(path = "visit_new.html")]
struct NewVisitPage {
    c: Chrome,
    form: VisitInput,
    categories: Vec<(String, String)>,
    errors: FieldErrors,
}

async fn new_visit_view(
    state: &AppState,
    user: &Authed,
    form: VisitInput,
    errors: FieldErrors,
) -> WebResult<NewVisitPage> {
    user.actor
        .require(policy::org::Permission::SERVICE_MANAGE)?;
    let c = Chrome::build(
        state,
        user,
        "/visits/new",
        "visit.new",
        &[("/visits", "visit.title")],
    )
    .await;
    Ok(NewVisitPage {
        categories: super::service::categories(&c.t),
        c,
        form,
        errors,
    })
}

async fn new_visit_page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    let form = VisitInput {
        kind: "visit".into(),
        ..Default::default()
    };
    Ok(
        render(&new_visit_view(&state, &user, form, FieldErrors::default()).await?)?
            .into_response(),
    )
}

async fn record_visit(
    State(state): State<AppState>,
    user: Authed,
    Form(f): Form<VisitInput>,
) -> WebResult<Response> {
    let t = Tr::new(user.lang);
    let visited_on = match date_field("visited_on", &f.visited_on) {
        Ok(d) => d,
        Err(app::AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&t, &errs);
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&new_visit_view(&state, &user, f, errors).await?)?,
            )
                .into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let problems = if f.problem_title.trim().is_empty() {
        Vec::new()
    } else {
        vec![NewTicketForm {
            title: f.problem_title.clone(),
            category: f.problem_category.clone(),
            description: f.problem_description.clone(),
            enterprise_uscc: None,
            visit_id: None,
        }]
    };
    let form = NewVisitForm {
        enterprise_uscc: f.enterprise_uscc.clone(),
        kind: f.kind.clone(),
        visited_on: visited_on.or_else(|| Some(app::service::local_date(chrono::Utc::now()))),
        visitors: f.visitors.clone(),
        support_money_wan_yuan: Some(f.support_money_wan_yuan.clone())
            .filter(|s| !s.trim().is_empty()),
        support_kind: f.support_kind.clone(),
        notes: f.notes.clone(),
        problems,
    };
    match app::service::record_visit(&state.app, &user.actor, &user.meta, form).await {
        Ok(_) => Ok(Redirect::to("/visits").into_response()),
        Err(app::AppError::Invalid(mut errs)) => {
            // The form has one problem: its fields are `problem_*`.
            for e in &mut errs {
                if let Some(rest) = e.field.strip_prefix("problems[0].") {
                    e.field = format!("problem_{rest}");
                }
            }
            let errors = FieldErrors::from_app(&t, &errs);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&new_visit_view(&state, &user, f, errors).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
