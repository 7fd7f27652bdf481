//! Title review pages: committees with the expert pool, meetings (convening from the
//! qualified applications, attendance, quorum state, opening and closing the ballot, the
//! tallies and minutes after the close), and the expert's own ballot (yes / no / abstain per
//! candidate; after voting only "已投票"). No page shows how anyone voted: `app` never
//! stores it.

use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::talent::label;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::talent::{
    ApplicationFilter, ApplicationView, BallotChoice, CommitteeForm, CommitteeView, ExpertView,
    MeetingForm, MeetingView, MyBallot,
};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use policy::org::Permission;
use serde::Deserialize;

pub(crate) fn routes() -> RouteTable {
    RouteTable::new()
        .route(
            "/talent/committees",
            get(committees_page).post(create_committee),
        )
        .route("/talent/meetings", get(meetings_page).post(create_meeting))
        .route("/talent/meetings/{id}", get(meeting_page))
        .route("/talent/meetings/{id}/actions", post(act))
        .route("/talent/meetings/{id}/ballot", post(vote))
}

#[derive(Template)]
#[template(path = "talent/committees.html")]
struct CommitteesPage {
    c: Chrome,
    committees: Vec<(CommitteeView, String)>,
    experts: Vec<(ExpertView, String)>,
    errors: FieldErrors,
}

async fn committees_view(
    state: &AppState,
    user: &Authed,
    errors: FieldErrors,
) -> WebResult<CommitteesPage> {
    let list = app::talent::list_committees(&state.app, &user.actor).await?;
    let pool = app::talent::list_experts(&state.app, &user.actor).await?;
    let c = Chrome::build(state, user, "/talent/committees", "talent.committees", &[]).await;
    Ok(CommitteesPage {
        committees: list
            .into_iter()
            .map(|x| {
                let l = label(&c.t, "level", &x.level);
                (x, l)
            })
            .collect(),
        experts: pool
            .into_iter()
            .map(|x| {
                let l = label(&c.t, "specialty", &x.specialty);
                (x, l)
            })
            .collect(),
        c,
        errors,
    })
}

async fn committees_page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    Ok(render(&committees_view(&state, &user, FieldErrors::default()).await?)?.into_response())
}

#[derive(Deserialize, Default)]
struct NewCommittee {
    #[serde(default)]
    name: String,
    #[serde(default)]
    specialty: String,
    #[serde(default)]
    org: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    size: String,
    #[serde(default)]
    approved_on: String,
    #[serde(default)]
    expires_on: String,
    #[serde(default)]
    approval_document: String,
}

fn day(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

fn invalid(state_errs: Vec<app::FieldError>) -> app::AppError {
    app::AppError::Invalid(state_errs)
}

async fn create_committee(
    State(state): State<AppState>,
    user: Authed,
    Form(f): Form<NewCommittee>,
) -> WebResult<Response> {
    user.actor.require(Permission::TALENT_COMMITTEE_MANAGE)?;
    let done = match (day(&f.approved_on), day(&f.expires_on)) {
        (Some(approved_on), Some(expires_on)) => {
            let form = CommitteeForm {
                name: f.name,
                series: "engineering".into(),
                specialty: f.specialty,
                org: f.org,
                level: f.level,
                size: f.size.trim().parse().unwrap_or(0),
                approved_on,
                expires_on,
                approval_document: f.approval_document,
            };
            app::talent::create_committee(&state.app, &user.actor, &user.meta, &form).await
        }
        _ => Err(invalid(vec![app::FieldError::new(
            "approved_on",
            "common.date_format",
        )])),
    };
    match done {
        Ok(_) => Ok(Redirect::to("/talent/committees").into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&Tr::new(user.lang), &errs);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&committees_view(&state, &user, errors).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "talent/meetings.html")]
struct MeetingsPage {
    c: Chrome,
    meetings: Vec<(MeetingView, String)>,
    manages: bool,
    committees: Vec<CommitteeView>,
    qualified: Vec<ApplicationView>,
    errors: FieldErrors,
}

async fn meetings_view(
    state: &AppState,
    user: &Authed,
    errors: FieldErrors,
) -> WebResult<MeetingsPage> {
    let meetings = app::talent::list_meetings(&state.app, &user.actor).await?;
    let manages = user.actor.can(Permission::TALENT_COMMITTEE_MANAGE);
    let (committees, qualified) = if manages {
        let f = ApplicationFilter {
            state: Some("qualified".into()),
            ..Default::default()
        };
        (
            app::talent::list_committees(&state.app, &user.actor).await?,
            app::talent::list_applications(&state.app, &user.actor, &f).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let c = Chrome::build(state, user, "/talent/meetings", "talent.meetings", &[]).await;
    Ok(MeetingsPage {
        meetings: meetings
            .into_iter()
            .map(|m| {
                let s = label(&c.t, "meeting_status", &m.status);
                (m, s)
            })
            .collect(),
        c,
        manages,
        committees,
        qualified,
        errors,
    })
}

async fn meetings_page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    Ok(render(&meetings_view(&state, &user, FieldErrors::default()).await?)?.into_response())
}

/// The value of field `name` of a form sent as pairs.
fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// Every value of a repeated field (checkboxes) that parses as an id.
fn ids(pairs: &[(String, String)], name: &str) -> Vec<i64> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .filter_map(|(_, v)| v.trim().parse().ok())
        .collect()
}

async fn create_meeting(
    State(state): State<AppState>,
    user: Authed,
    Form(f): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    user.actor.require(Permission::TALENT_COMMITTEE_MANAGE)?;
    let committee = field(&f, "committee_id").trim().parse::<i64>();
    let done = match (committee, day(field(&f, "held_on"))) {
        (Ok(committee_id), Some(held_on)) => {
            let form = MeetingForm {
                committee_id,
                held_on,
                application_ids: ids(&f, "application_ids"),
            };
            app::talent::create_meeting(&state.app, &user.actor, &user.meta, &form).await
        }
        (Err(_), _) => Err(invalid(vec![app::FieldError::new(
            "committee_id",
            "common.required",
        )])),
        (_, None) => Err(invalid(vec![app::FieldError::new(
            "held_on",
            "common.date_format",
        )])),
    };
    match done {
        Ok(m) => Ok(Redirect::to(&format!("/talent/meetings/{}", m.id)).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&Tr::new(user.lang), &errs);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&meetings_view(&state, &user, errors).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "talent/meeting.html")]
struct MeetingPage {
    c: Chrome,
    m: MeetingView,
    status: String,
    manages: bool,
    quorum_met: bool,
    mine: Option<MyBallot>,
    errors: FieldErrors,
}

async fn meeting_view(
    state: &AppState,
    user: &Authed,
    id: i64,
    errors: FieldErrors,
) -> WebResult<MeetingPage> {
    let mut m = app::talent::get_meeting(&state.app, &user.actor, id).await?;
    let t = Tr::new(user.lang);
    for cand in &mut m.candidates {
        cand.level = label(&t, "level", &cand.level);
    }
    let manages = user.actor.can(Permission::TALENT_COMMITTEE_MANAGE);
    let mine = if manages {
        None
    } else {
        Some(app::talent::my_ballot(&state.app, &user.actor, id).await?)
    };
    let path = format!("/talent/meetings/{id}");
    let c = Chrome::build(
        state,
        user,
        &path,
        "talent.meeting",
        &[("/talent/meetings", "talent.meetings")],
    )
    .await;
    Ok(MeetingPage {
        status: label(&c.t, "meeting_status", &m.status),
        quorum_met: u32::try_from(m.attending).unwrap_or(0) >= m.quorum,
        c,
        m,
        manages,
        mine,
        errors,
    })
}

async fn meeting_page(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    Ok(render(&meeting_view(&state, &user, id, FieldErrors::default()).await?)?.into_response())
}

async fn again(
    state: &AppState,
    user: &Authed,
    id: i64,
    done: Result<(), app::AppError>,
) -> WebResult<Response> {
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/talent/meetings/{id}")).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&Tr::new(user.lang), &errs);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&meeting_view(state, user, id, errors).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn act(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let (a, actor, meta) = (&state.app, &user.actor, &user.meta);
    let done = match field(&f, "action") {
        "attendance" => app::talent::record_attendance(a, actor, meta, id, &ids(&f, "present"))
            .await
            .map(|_| ()),
        "open" => app::talent::open_ballot(a, actor, meta, id)
            .await
            .map(|_| ()),
        "close" => app::talent::close_ballot(a, actor, meta, id)
            .await
            .map(|_| ()),
        _ => Err(app::AppError::invalid("action", "talent.choice")),
    };
    again(&state, &user, id, done).await
}

/// The ballot form: one field `c<application id>` per candidate.
async fn vote(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let choices: Vec<BallotChoice> = f
        .iter()
        .filter_map(|(k, v)| {
            Some(BallotChoice {
                application_id: k.strip_prefix('c')?.parse().ok()?,
                choice: v.clone(),
            })
        })
        .collect();
    let done = app::talent::cast_ballot(&state.app, &user.actor, &user.meta, id, &choices).await;
    again(&state, &user, id, done).await
}
