//! Files of competition projects and challenge applications on the pages: a project's own
//! page (its registration and its files) and the uploads from it and from the challenge page
//! (multipart, the CSRF token in the query string, like the talent evidence files). Downloads
//! are the API's (`/api/v1/innovation/project-files/{id}`, `…/application-files/{id}`); who
//! may upload or read is decided in `app`, the page only hides what would be refused.

use crate::api::io::uploaded;
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::attachment::FilesView;
use app::innovation::ProjectView;
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

pub(crate) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/innovation/projects/{id}", get(project_page))
        .route("/innovation/projects/{id}/files", post(upload_project))
        .route(
            "/innovation/applications/{id}/files",
            post(upload_application),
        )
}

#[derive(Template)]
#[template(path = "innovation_project.html")]
struct ProjectPage {
    c: Chrome,
    p: ProjectView,
    track: String,
    stage: String,
    award: String,
    members: Vec<(String, String, String)>,
    fv: FilesView,
    fv_upload: String,
    fv_download: String,
    fv_id: String,
    errors: FieldErrors,
}

async fn project_view(
    state: &AppState,
    user: &Authed,
    id: i64,
    errors: FieldErrors,
) -> WebResult<ProjectPage> {
    let p = app::innovation::get_project(&state.app, &user.actor, id).await?;
    let fv = app::innovation::project_files(&state.app, &user.actor, id).await?;
    let c = Chrome::build(
        state,
        user,
        &format!("/innovation/projects/{id}"),
        "competition.project",
        &[
            ("/innovation/competitions", "competition.title"),
            (
                &format!("/innovation/competitions/{}", p.competition_id),
                "competition.project_list",
            ),
        ],
    )
    .await;
    let t = &c.t;
    let track = app::innovation::innovation_rules()
        .ok()
        .and_then(|r| {
            r.track(&p.track).map(|x| match user.lang {
                crate::i18n::Lang::En => x.name_en.clone(),
                _ => x.name_zh.clone(),
            })
        })
        .unwrap_or_else(|| p.track.clone());
    Ok(ProjectPage {
        track,
        stage: t.get(&format!("competition.project_stage.{}", p.stage)),
        award: p
            .award
            .as_ref()
            .map(|a| t.get(&format!("competition.award.{a}")))
            .unwrap_or_default(),
        members: p
            .members
            .iter()
            .map(|m| (m.name.clone(), m.role.clone(), m.employer.clone()))
            .collect(),
        fv,
        fv_upload: format!("/innovation/projects/{id}/files?_csrf={}", c.csrf),
        fv_download: "/api/v1/innovation/project-files/".into(),
        fv_id: format!("project-{id}"),
        errors,
        c,
        p,
    })
}

async fn project_page(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let page = project_view(&state, &user, id, FieldErrors::default()).await?;
    Ok(render(&page)?.into_response())
}

async fn upload_project(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    mp: Multipart,
) -> WebResult<Response> {
    // A form sent without a file is answered as an empty file, by the use case, on the page.
    let (name, bytes) = uploaded(mp).await.unwrap_or_default();
    let done =
        app::innovation::upload_project_file(&state.app, &user.actor, &user.meta, id, &name, bytes)
            .await;
    match done {
        Ok(_) => Ok(Redirect::to(&format!("/innovation/projects/{id}#files")).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&Tr::new(user.lang), &errs);
            let page = project_view(&state, &user, id, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// Where the challenge page's upload form comes back to.
#[derive(Deserialize, Default)]
struct Back {
    #[serde(default)]
    challenge: Option<i64>,
}

async fn upload_application(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Query(back): Query<Back>,
    mp: Multipart,
) -> WebResult<Response> {
    let (name, bytes) = uploaded(mp).await.unwrap_or_default();
    let done = app::innovation::upload_application_file(
        &state.app,
        &user.actor,
        &user.meta,
        id,
        &name,
        bytes,
    )
    .await;
    match (done, back.challenge) {
        (Ok(_), Some(c)) => Ok(Redirect::to(&format!(
            "/innovation/challenges/{c}#application-{id}"
        ))
        .into_response()),
        (Ok(_), None) => Ok(Redirect::to("/innovation/challenges").into_response()),
        (Err(app::AppError::Invalid(errs)), Some(c)) => {
            crate::pages::innovation::record_with_errors(&state, &user, c, &errs).await
        }
        (Err(e), _) => Err(e.into()),
    }
}
