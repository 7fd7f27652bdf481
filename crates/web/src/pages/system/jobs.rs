//! Background jobs: the latest runs and a button to run them now.

use crate::error::WebResult;
use crate::format::local_time;
use crate::pages::chrome::Chrome;
use crate::pages::render;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/jobs", get(page))
        .route("/jobs/run", post(run))
}

#[derive(Template)]
#[template(path = "jobs.html")]
struct Page {
    c: Chrome,
    runs: Vec<(String, String, String, bool, String)>,
}

async fn page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    let runs = app::jobs::recent_runs(&state.app, &user.actor).await?;
    let c = Chrome::build(&state, &user, "/jobs", "jobs.title", &[]).await;
    let runs = runs
        .into_iter()
        .map(|r| {
            (
                r.name,
                r.holder,
                local_time(&r.started_at),
                r.ok.unwrap_or(false),
                r.message,
            )
        })
        .collect();
    Ok(render(&Page { c, runs })?.into_response())
}

async fn run(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    app::jobs::run_now(&state.app, &user.actor, &user.meta).await?;
    Ok(Redirect::to("/jobs").into_response())
}
