//! The edit form of a key project (`/projects/{id}/edit`): every field of the project and one
//! year's plan, refused with the reasons under the fields and the values kept.

use super::{Fields, LEVELS, STAGES, field, options};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::{FieldErrors, render};
use crate::session::Authed;
use crate::state::AppState;
use app::AppError;
use app::project::{KeyProjectForm, KeyProjectView};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use policy::org::Permission;

#[derive(Template)]
#[template(path = "project/edit.html")]
struct EditPage {
    c: Chrome,
    id: i64,
    f: Fields,
    levels: Vec<(String, String)>,
    stages: Vec<(String, String)>,
    errors: FieldErrors,
}

impl EditPage {
    /// The value entered (or stored) for a field.
    fn v(&self, k: &str) -> String {
        field(&self.f, k)
    }
}

/// The form's fields as the project holds them; the plan fields show its latest year's plan.
fn stored(p: &KeyProjectView) -> Fields {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let latest = p.plans.iter().max_by_key(|p| p.year);
    [
        ("name", p.name.clone()),
        ("level", p.level.clone()),
        ("region_code", p.region_code.clone()),
        (
            "enterprise_uscc",
            p.enterprise_uscc.clone().unwrap_or_default(),
        ),
        ("industry_code", p.industry_code.clone()),
        (
            "total_investment_wan_yuan",
            p.total_investment_wan_yuan.clone().unwrap_or_default(),
        ),
        ("construction", p.construction.clone()),
        ("stage", p.stage.clone()),
        ("started_on", date(p.started_on)),
        ("completed_on", date(p.completed_on)),
        ("in_production_on", date(p.in_production_on)),
        (
            "plan_year",
            latest.map(|l| l.year.to_string()).unwrap_or_default(),
        ),
        (
            "planned_wan_yuan",
            latest
                .map(|l| l.planned_wan_yuan.clone())
                .unwrap_or_default(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

async fn form_page(
    state: &AppState,
    user: &Authed,
    id: i64,
    f: Fields,
    errors: FieldErrors,
) -> WebResult<EditPage> {
    let c = Chrome::build(
        state,
        user,
        "/projects",
        "project.edit",
        &[
            ("/projects", "project.title"),
            (&format!("/projects/{id}"), "project.record"),
        ],
    )
    .await;
    Ok(EditPage {
        levels: options(&c.t, "project.level.", &LEVELS),
        stages: options(&c.t, "project.stage.", &STAGES),
        id,
        f,
        errors,
        c,
    })
}

/// The edit form, filled with the project as stored; only for those who may change it.
pub(super) async fn edit_page(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    user.actor.require(Permission::PROJECT_WRITE)?;
    let p = app::project::get_key_project(&state.app, &user.actor, id).await?;
    if !p.can_write {
        return Err(AppError::NotFound.into());
    }
    let page = form_page(&state, &user, id, stored(&p), FieldErrors::default()).await?;
    Ok(render(&page)?.into_response())
}

/// The form's fields as the use case takes them.
fn project_form(f: &Fields) -> KeyProjectForm {
    let plan_year = field(f, "plan_year");
    KeyProjectForm {
        name: field(f, "name"),
        level: field(f, "level"),
        region_code: field(f, "region_code"),
        enterprise_uscc: field(f, "enterprise_uscc"),
        industry_code: field(f, "industry_code"),
        total_investment_wan_yuan: field(f, "total_investment_wan_yuan"),
        construction: field(f, "construction"),
        stage: field(f, "stage"),
        started_on: field(f, "started_on"),
        completed_on: field(f, "completed_on"),
        in_production_on: field(f, "in_production_on"),
        // A year that is not a number is named, not dropped: 0 is outside the years kept.
        plan_year: (!plan_year.trim().is_empty()).then(|| plan_year.trim().parse().unwrap_or(0)),
        planned_wan_yuan: field(f, "planned_wan_yuan"),
    }
}

/// Saves the form: back to the project, or the form again with every reason.
pub(super) async fn edit(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let r =
        app::project::update_key_project(&state.app, &user.actor, &user.meta, id, project_form(&f))
            .await;
    match r {
        Ok(_) => Ok(Redirect::to(&format!("/projects/{id}")).into_response()),
        Err(AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&Tr::new(user.lang), &errs);
            let page = form_page(&state, &user, id, f, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
