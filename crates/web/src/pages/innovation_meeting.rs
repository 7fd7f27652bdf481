//! Evaluation meetings (述职评议): the organisers' list, creation (which shows the one-time
//! codes once), a meeting's turnout and — after the close — its tally; and the public rating
//! page an attendee opens on a phone with a code (no sign-in).
//!
//! The rating form needs no session: the one-time code in it is the capability, and the
//! session layer refuses cross-site posts as for every write.

use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::notice::PublicChrome;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::{Authed, Visitor};
use crate::state::AppState;
use app::innovation::{MeetingForm, MeetingView, RatingForm, SubjectForm};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::collections::BTreeMap;

pub(crate) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/meetings", get(list_page).post(create))
        .route("/meetings/{id}", get(record_page))
        .route("/meetings/{id}/close", post(close))
        .route("/rate", get(enter_code))
        .route("/rate/{code}", get(sheet).post(submit))
}

#[derive(Template)]
#[template(path = "meetings.html")]
struct ListPage {
    c: Chrome,
    items: Vec<(MeetingView, String)>,
    errors: Vec<(String, String)>,
}

async fn list_view(
    state: &AppState,
    user: &Authed,
    errors: Vec<(String, String)>,
) -> WebResult<ListPage> {
    let list = app::innovation::list_meetings(&state.app, &user.actor).await?;
    let c = Chrome::build(state, user, "/meetings", "meeting.title", &[]).await;
    let items = list
        .into_iter()
        .map(|m| {
            let s = c.t.get(&format!("meeting.status.{}", m.status));
            (m, s)
        })
        .collect();
    Ok(ListPage { c, items, errors })
}

async fn list_page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    Ok(render(&list_view(&state, &user, Vec::new()).await?)?.into_response())
}

#[derive(Deserialize, Default)]
struct NewForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    scale: String,
    /// One person a line: name, position, organisation (separated by commas).
    #[serde(default)]
    subjects: String,
    #[serde(default)]
    attendees: String,
}

#[derive(Template)]
#[template(path = "meeting_codes.html")]
struct CodesPage {
    c: Chrome,
    v: MeetingView,
    codes: Vec<String>,
}

async fn create(
    State(state): State<AppState>,
    user: Authed,
    Form(f): Form<NewForm>,
) -> WebResult<Response> {
    let subjects = f
        .subjects
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.split([',', '，']).map(str::trim);
            SubjectForm {
                name: parts.next().unwrap_or_default().into(),
                position: parts.next().unwrap_or_default().into(),
                organisation: parts.next().unwrap_or_default().into(),
            }
        })
        .collect();
    let form = MeetingForm {
        title: f.title,
        held_on: chrono::NaiveDate::parse_from_str(f.held_on.trim(), "%Y-%m-%d").ok(),
        scale: f.scale,
        subjects,
        attendees: f.attendees.trim().parse().unwrap_or(0),
    };
    match app::innovation::create_meeting(&state.app, &user.actor, &user.meta, form).await {
        Ok(created) => {
            let path = format!("/meetings/{}", created.meeting.id);
            let c = Chrome::build(
                &state,
                &user,
                &path,
                "meeting.codes",
                &[("/meetings", "meeting.title")],
            )
            .await;
            Ok(render(&CodesPage {
                c,
                v: created.meeting,
                codes: created.codes,
            })?
            .into_response())
        }
        Err(app::AppError::Invalid(errs)) => {
            let t = Tr::new(user.lang);
            let errors = FieldErrors::from_app(&t, &errs).all();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&list_view(&state, &user, errors).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "meeting.html")]
struct RecordPage {
    c: Chrome,
    v: MeetingView,
    status: String,
    scale: String,
}

async fn record_page(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let v = app::innovation::get_meeting(&state.app, &user.actor, id).await?;
    let c = Chrome::build(
        &state,
        &user,
        &format!("/meetings/{id}"),
        "meeting.record",
        &[("/meetings", "meeting.title")],
    )
    .await;
    let status = c.t.get(&format!("meeting.status.{}", v.status));
    let scale = c.t.get(&format!("meeting.scale.{}", v.scale));
    Ok(render(&RecordPage {
        c,
        v,
        status,
        scale,
    })?
    .into_response())
}

async fn close(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    app::innovation::close_meeting(&state.app, &user.actor, &user.meta, id).await?;
    Ok(Redirect::to(&format!("/meetings/{id}")).into_response())
}

fn public(v: &Visitor, path: &str, title: String) -> PublicChrome {
    let t = Tr::new(v.lang);
    PublicChrome {
        t,
        lang_tag: v.lang.tag(),
        other_lang_url: format!("{path}?lang={}", v.lang.other().tag()),
        crumbs: vec![(String::new(), title.clone())],
        title,
        signed_in: v.session.is_some(),
        csrf: v
            .session
            .as_ref()
            .map(|s| s.csrf.clone())
            .unwrap_or_default(),
        flash: None,
    }
}

#[derive(Template)]
#[template(path = "rate.html")]
struct RatePage {
    p: PublicChrome,
    code: String,
    sheet: Option<app::innovation::RatingSheet>,
    grades: Vec<(String, String)>,
    errors: Vec<(String, String)>,
    done: bool,
}

#[derive(Deserialize, Default)]
struct CodeQuery {
    code: Option<String>,
}

async fn enter_code(v: Visitor, Query(q): Query<CodeQuery>) -> WebResult<Response> {
    if let Some(code) = q.code.filter(|c| !c.trim().is_empty()) {
        let code: String = code
            .trim()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        return Ok(Redirect::to(&format!("/rate/{code}")).into_response());
    }
    let t = Tr::new(v.lang);
    let p = public(&v, "/rate", t.get("meeting.rate_title"));
    Ok(render(&RatePage {
        p,
        code: String::new(),
        sheet: None,
        grades: Vec::new(),
        errors: Vec::new(),
        done: false,
    })?
    .into_response())
}

fn grades(t: &Tr) -> Vec<(String, String)> {
    policy::innovation::Grade::ALL
        .iter()
        .map(|g| {
            (
                g.as_str().to_string(),
                t.get(&format!("meeting.grade.{}", g.as_str())),
            )
        })
        .collect()
}

async fn rate_page(
    state: &AppState,
    v: &Visitor,
    code: &str,
    mut errors: Vec<(String, String)>,
    done: bool,
) -> WebResult<RatePage> {
    let t = Tr::new(v.lang);
    let sheet = if done {
        None
    } else {
        match app::innovation::rating_sheet(&state.app, code).await {
            Ok(s) => Some(s),
            Err(app::AppError::Invalid(errs)) => {
                errors.extend(FieldErrors::from_app(&t, &errs).all());
                None
            }
            Err(e) => return Err(e.into()),
        }
    };
    Ok(RatePage {
        p: public(v, &format!("/rate/{code}"), t.get("meeting.rate_title")),
        code: code.to_string(),
        sheet,
        grades: grades(&t),
        errors,
        done,
    })
}

async fn sheet(
    State(state): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
) -> WebResult<Response> {
    Ok(render(&rate_page(&state, &v, &code, Vec::new(), false).await?)?.into_response())
}

async fn submit(
    State(state): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
    Form(f): Form<BTreeMap<String, String>>,
) -> WebResult<Response> {
    let ratings: BTreeMap<String, String> = f
        .iter()
        .filter_map(|(k, val)| Some((k.strip_prefix("s_")?.to_string(), val.clone())))
        .collect();
    let form = RatingForm {
        code: code.clone(),
        ratings,
    };
    match app::innovation::rate(&state.app, &v.meta, form).await {
        Ok(()) => {
            Ok(render(&rate_page(&state, &v, &code, Vec::new(), true).await?)?.into_response())
        }
        Err(app::AppError::Invalid(errs)) => {
            let t = Tr::new(v.lang);
            let errors = FieldErrors::from_app(&t, &errs).all();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&rate_page(&state, &v, &code, errors, false).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
