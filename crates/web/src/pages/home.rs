//! The home page: the workbench each role starts from.

use super::chrome::Chrome;
use super::render;
use crate::error::WebResult;
use crate::routes::{RouteTable, get};
use crate::session::Authed;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use policy::org::Permission;

/// The routes of this file.
pub fn routes() -> RouteTable {
    RouteTable::new().route("/", get(home))
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    c: Chrome,
    roles: Vec<String>,
    capabilities: Vec<&'static str>,
}

/// The capabilities the platform is growing into, shown as cards until each lands.
const CAPABILITIES: &[&str] = &[
    "home.cap.chain",
    "home.cap.cultivation",
    "home.cap.service",
    "home.cap.talent",
    "home.cap.stats",
    "home.cap.innovation",
];

async fn home(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    user.actor.require(Permission::HOME)?;
    let c = Chrome::build(&state, &user, "/", "home.title", &[]).await;
    let roles = app::org::builtin_roles()
        .unwrap_or_default()
        .into_iter()
        .filter(|r| user.actor.has_role(&r.code))
        .map(|r| {
            if user.lang == crate::i18n::Lang::En {
                r.name_en
            } else {
                r.name_zh
            }
        })
        .collect();
    let page = HomePage {
        c,
        roles,
        capabilities: CAPABILITIES.to_vec(),
    };
    Ok(render(&page)?.into_response())
}
