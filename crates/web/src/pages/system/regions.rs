//! Regions and departments.

use crate::error::WebResult;
use crate::pages::chrome::Chrome;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use policy::org::Permission;

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/regions", get(page))
        .route("/regions/import", post(import))
}

struct Row {
    code: String,
    name: String,
    indent: String,
    level: String,
    kind: String,
    functional: bool,
}

#[derive(Template)]
#[template(path = "regions.html")]
struct Page {
    c: Chrome,
    can_manage: bool,
    message: Option<String>,
    errors: Vec<(String, String)>,
    regions: Vec<Row>,
    departments: Vec<(String, String, String)>,
}

async fn view(
    state: &AppState,
    user: &Authed,
    message: Option<String>,
    errors: Vec<(String, String)>,
) -> WebResult<Page> {
    let tree = app::org::region_tree(&state.app, &user.actor).await?;
    let departments = app::org::list_departments(&state.app, &user.actor)
        .await?
        .into_iter()
        .map(|d| (d.code, d.name, d.region_code))
        .collect();
    let c = Chrome::build(state, user, "/regions", "regions.title", &[]).await;
    let regions = tree
        .into_iter()
        .map(|r| Row {
            indent: match r.level.as_str() {
                "county" => "　".into(),
                "town" => "　　".into(),
                _ => String::new(),
            },
            level: c.t.get(&format!("level.{}", r.level)),
            kind: c.t.get(&format!("kind.{}", r.kind)),
            functional: r.kind == "functional",
            code: r.code,
            name: r.name,
        })
        .collect();
    Ok(Page {
        can_manage: user.actor.can(Permission::REGION_MANAGE),
        c,
        message,
        errors,
        regions,
        departments,
    })
}

async fn page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    Ok(render(&view(&state, &user, None, Vec::new()).await?)?.into_response())
}

async fn import(State(state): State<AppState>, user: Authed, mp: Multipart) -> WebResult<Response> {
    user.actor.require(Permission::REGION_MANAGE)?;
    let bytes = super::upload(mp).await?;
    let t = crate::i18n::Tr::new(user.lang);
    match app::org::import_regions_csv(&state.app, &user.actor, &user.meta, &bytes).await {
        Ok(r) => {
            let msg = t.fmt(
                "regions.imported",
                &[
                    ("rows", &r.rows.to_string()),
                    ("written", &r.written.to_string()),
                ],
            );
            Ok(render(&view(&state, &user, Some(msg), Vec::new()).await?)?.into_response())
        }
        Err(app::AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&t, &errs).all();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&view(&state, &user, None, errors).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
