//! The indicator cards: a list, and each card with its latest figure and (for those who may
//! edit cards) the form.

use super::{arrow, growth, thousands};
use crate::api::stats::speaking;
use crate::error::WebResult;
use crate::pages::chrome::Chrome;
use crate::pages::{FieldErrors, render};
use crate::session::Authed;
use crate::state::AppState;
use app::stats::{IndicatorForm, IndicatorView, OutputQuery};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use policy::org::Permission;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "stats/indicators.html")]
struct ListPage {
    c: Chrome,
    cards: Vec<IndicatorView>,
}

/// `/stats/indicators`.
pub(crate) async fn list_page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    let cards = app::stats::list_indicators(&state.app, &user.actor).await?;
    let c = Chrome::build(
        &state,
        &user,
        "/stats/indicators",
        "stats.indicators_title",
        &[],
    )
    .await;
    Ok(render(&ListPage { c, cards })?.into_response())
}

#[derive(Template)]
#[template(path = "stats/indicator.html")]
struct CardPage {
    c: Chrome,
    card: IndicatorView,
    source_label: String,
    frequency_label: String,
    latest: Option<(String, String, String, &'static str, String, String)>,
    can_edit: bool,
    form: IndicatorForm,
    errors: FieldErrors,
}

fn form_of(v: &IndicatorView) -> IndicatorForm {
    IndicatorForm {
        name_zh: v.name_zh.clone(),
        name_en: v.name_en.clone(),
        unit_zh: v.unit_zh.clone(),
        unit_en: v.unit_en.clone(),
        definition_zh: v.definition_zh.clone(),
        definition_en: v.definition_en.clone(),
        lead_department: v.lead_department.clone(),
        frequency: v.frequency.clone(),
        owner: v.owner.clone(),
        higher_is_better: Some(v.higher_is_better),
        red_below_yoy_pct: v.red_below_yoy_pct.clone(),
        orange_below_yoy_pct: v.orange_below_yoy_pct.clone(),
        min_reporting_pct: v.min_reporting_pct.map(|p| p.to_string()),
        max_abs_yoy_pct: v.max_abs_yoy_pct.clone(),
    }
}

async fn card_view(
    state: &AppState,
    user: &Authed,
    code: &str,
    form: Option<IndicatorForm>,
    errors: FieldErrors,
) -> WebResult<CardPage> {
    let card = app::stats::get_indicator(&state.app, &user.actor, code).await?;
    let actor = speaking(user);
    // The card shows its latest figure for the user's region (its alert colour and reporting).
    let latest = app::stats::output(
        &state.app,
        &actor,
        &OutputQuery {
            indicator: Some(card.code.clone()),
            ..Default::default()
        },
    )
    .await
    .ok()
    .map(|v| {
        // Money in 亿元 with one decimal, as the dashboards show it.
        let (value, unit) = match &v.total_yi_yuan {
            Some(yi) => (
                thousands(yi),
                crate::i18n::Tr::new(user.lang).get("stats.unit_yi"),
            ),
            None => (thousands(&v.total), v.unit.clone()),
        };
        (
            format!("{} · {}", v.region_name, v.period_label),
            format!("{value} {unit}"),
            growth(v.yoy_pct),
            arrow(v.yoy_pct),
            v.alert.clone(),
            format!("{}/{}", v.reported, v.enterprises),
        )
    });
    let c = Chrome::build(
        state,
        user,
        "/stats/indicators",
        "stats.indicator_card",
        &[("/stats/indicators", "stats.indicators_title")],
    )
    .await;
    let can_edit = user
        .actor
        .scope(Permission::STATS_MANAGE)
        .is_ok_and(|s| s.is_all());
    Ok(CardPage {
        source_label: c.t.get(&format!("stats.source.{}", card.source)),
        frequency_label: c.t.get(&format!("stats.frequency.{}", card.frequency)),
        form: form.unwrap_or_else(|| form_of(&card)),
        card,
        latest,
        can_edit,
        errors,
        c,
    })
}

/// `/stats/indicators/{code}`.
pub(crate) async fn card_page(
    State(state): State<AppState>,
    user: Authed,
    Path(code): Path<String>,
) -> WebResult<Response> {
    let page = card_view(&state, &user, &code, None, FieldErrors::default()).await?;
    Ok(render(&page)?.into_response())
}

/// The card form as posted.
#[derive(Debug, Deserialize)]
pub(crate) struct CardForm {
    name_zh: String,
    name_en: String,
    unit_zh: String,
    unit_en: String,
    #[serde(default)]
    definition_zh: String,
    #[serde(default)]
    definition_en: String,
    #[serde(default)]
    lead_department: String,
    frequency: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    higher_is_better: Option<String>,
    #[serde(default)]
    red_below_yoy_pct: String,
    #[serde(default)]
    orange_below_yoy_pct: String,
    #[serde(default)]
    min_reporting_pct: String,
    #[serde(default)]
    max_abs_yoy_pct: String,
}

/// Saves a card; the form again with the errors on a bad value.
pub(crate) async fn save(
    State(state): State<AppState>,
    user: Authed,
    Path(code): Path<String>,
    Form(f): Form<CardForm>,
) -> WebResult<Response> {
    let some = |s: String| Some(s).filter(|v| !v.trim().is_empty());
    let form = IndicatorForm {
        name_zh: f.name_zh,
        name_en: f.name_en,
        unit_zh: f.unit_zh,
        unit_en: f.unit_en,
        definition_zh: f.definition_zh,
        definition_en: f.definition_en,
        lead_department: f.lead_department,
        frequency: f.frequency,
        owner: f.owner,
        higher_is_better: Some(f.higher_is_better.is_some()),
        red_below_yoy_pct: some(f.red_below_yoy_pct),
        orange_below_yoy_pct: some(f.orange_below_yoy_pct),
        min_reporting_pct: some(f.min_reporting_pct),
        max_abs_yoy_pct: some(f.max_abs_yoy_pct),
    };
    match app::stats::update_indicator(&state.app, &user.actor, &user.meta, &code, form.clone())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/stats/indicators/{code}")).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let t = crate::i18n::Tr::new(user.lang);
            let errors = FieldErrors::from_app(&t, &errs);
            let page = card_view(&state, &user, &code, Some(form), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
