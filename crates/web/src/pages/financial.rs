//! Entering one year's figures of an enterprise: staff save them, enterprise users propose them
//! for the county's confirmation.

use super::chrome::Chrome;
use super::data_form::{FormPage, form_fields};
use super::{FieldErrors, render};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::routes::{RouteTable, get};
use crate::session::Authed;
use crate::state::AppState;
use app::enterprise::fields::FINANCIAL_FIELDS;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use policy::org::Permission;
use serde::Deserialize;
use std::collections::HashMap;

/// The routes of the figures form.
pub fn routes() -> RouteTable {
    RouteTable::new().route("/enterprises/{uscc}/financials", get(page).post(save))
}

#[derive(Deserialize)]
struct YearQuery {
    year: Option<i32>,
}

async fn view(
    state: &AppState,
    user: &Authed,
    uscc: &str,
    values: HashMap<String, String>,
    errors: FieldErrors,
) -> WebResult<FormPage> {
    let proposing = !user.actor.can(Permission::ENTERPRISE_WRITE);
    if proposing {
        user.actor.require(Permission::ENTERPRISE_SUBMIT)?;
    }
    let mut c = Chrome::build(
        state,
        user,
        "/enterprises",
        "enterprise.financials_form",
        &[("/enterprises", "enterprise.list_title")],
    )
    .await;
    c.other_lang_url = format!(
        "/enterprises/{uscc}/financials?lang={}",
        user.lang.other().tag()
    );
    Ok(FormPage {
        heading: c.t.get("enterprise.financials_form"),
        proposing,
        action: format!("/enterprises/{uscc}/financials"),
        cancel: format!("/enterprises/{uscc}"),
        fields: form_fields(FINANCIAL_FIELDS, user.lang, &values, &["uscc"]),
        errors,
        c,
    })
}

async fn page(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
    Query(q): Query<YearQuery>,
) -> WebResult<Response> {
    let years = app::enterprise::financials_of(&state.app, &user.actor, &uscc).await?;
    let mut values: HashMap<String, String> = HashMap::new();
    if let Some(y) = years.iter().find(|f| Some(f.year) == q.year) {
        for (k, v) in &y.values {
            values.insert(k.clone(), app::enterprise::json_text(v));
        }
    }
    values.insert("uscc".into(), uscc.clone());
    if let Some(y) = q.year {
        values.insert("year".into(), y.to_string());
    }
    Ok(render(&view(&state, &user, &uscc, values, FieldErrors::default()).await?)?.into_response())
}

async fn save(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
    Form(mut raw): Form<HashMap<String, String>>,
) -> WebResult<Response> {
    raw.insert("uscc".into(), uscc.clone());
    raw.remove(crate::session::CSRF_FIELD);
    let result = if user.actor.can(Permission::ENTERPRISE_WRITE) {
        app::enterprise::save_financial(&state.app, &user.actor, &user.meta, &raw)
            .await
            .map(|_| ())
    } else {
        let year = raw.get("year").and_then(|y| y.trim().parse::<i32>().ok());
        match year {
            Some(y) => app::enterprise::submit_change(
                &state.app,
                &user.actor,
                &user.meta,
                &uscc,
                Some(y),
                &raw,
            )
            .await
            .map(|_| ()),
            None => Err(app::AppError::invalid("year", "common.year_format")),
        }
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/enterprises/{uscc}")).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&Tr::new(user.lang), &errs);
            let page = view(&state, &user, &uscc, raw, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
