//! The assessment form (self-assessment for enterprise users) and the assessment record.

use super::card::AssessmentCard;
use super::explain;
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::cultivation::AssessRequest;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use policy::cultivation::{Metric, Source, Tier, Unit};
use serde::Deserialize;
use std::collections::HashMap;

/// The routes of this file.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .route("/cultivation/assess", get(form))
        .route("/cultivation/assessments", post(create))
        .route("/cultivation/assessments/{id}", get(record))
}

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

struct Declared {
    code: &'static str,
    label: &'static str,
    flag: bool,
    value: String,
}

#[derive(Template)]
#[template(path = "cultivation/assess.html")]
struct FormPage {
    c: Chrome,
    uscc: String,
    uscc_fixed: bool,
    year: String,
    tiers: Vec<Choice>,
    rule_sets: Vec<Choice>,
    declared: Vec<Declared>,
    errors: FieldErrors,
    history: Vec<(i64, String, i32, String, String, String, i32)>,
}

#[derive(Deserialize)]
struct FormQuery {
    uscc: Option<String>,
    tier: Option<String>,
}

async fn form_page(
    state: &AppState,
    user: &Authed,
    values: &HashMap<String, String>,
    errors: FieldErrors,
) -> WebResult<FormPage> {
    user.actor
        .require(policy::org::Permission::CULTIVATION_ASSESS)?;
    let c = Chrome::build(
        state,
        user,
        "/cultivation/assess",
        "cultivation.assess_title",
        &[],
    )
    .await;
    let t = Tr::new(user.lang);
    let own = user.actor.enterprise.as_ref().map(|u| u.to_string());
    let uscc = own
        .clone()
        .or_else(|| values.get("uscc").cloned())
        .unwrap_or_default();
    let tier = values
        .get("tier")
        .cloned()
        .unwrap_or_else(|| "innovative".into());
    let tiers = Tier::ALL
        .iter()
        .map(|x| Choice {
            value: x.as_str().into(),
            label: explain::tier_name(&t, x.as_str()),
            selected: x.as_str() == tier,
        })
        .collect();
    let picked = values.get("rule_set").cloned().unwrap_or_default();
    let mut rule_sets = vec![Choice {
        value: String::new(),
        label: t.get("cultivation.rule_set_auto"),
        selected: picked.is_empty(),
    }];
    for r in app::cultivation::list_rule_sets(&state.app, &user.actor).await? {
        if r.status == "published" {
            let value = format!("{}@{}", r.code, r.revision);
            rule_sets.push(Choice {
                selected: picked == value,
                label: format!(
                    "{} · {} ({})",
                    explain::tier_name(&t, &r.tier),
                    r.name,
                    value
                ),
                value,
            });
        }
    }
    let declared = Metric::ALL
        .iter()
        .filter(|m| m.source() == Source::Declared)
        .map(|m| Declared {
            code: m.code(),
            label: explain::metric_name(&t, *m),
            flag: m.unit() == Unit::Flag,
            value: values
                .get(&format!("declared.{}", m.code()))
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    let history = if uscc.is_empty() {
        Vec::new()
    } else {
        app::cultivation::assessments_of(&state.app, &user.actor, &uscc)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|l| {
                (
                    l.id,
                    explain::tier_name(&t, &l.tier),
                    l.year,
                    l.rule_set,
                    explain::met(
                        &t,
                        match l.verdict.as_str() {
                            "qualified" => Some(true),
                            "not_qualified" => Some(false),
                            _ => None,
                        },
                    )
                    .1,
                    l.assessed_on.to_string(),
                    l.total,
                )
            })
            .collect()
    };
    let default_year = (chrono::Utc::now().year() - 1).to_string();
    Ok(FormPage {
        c,
        uscc_fixed: own.is_some(),
        uscc,
        year: values.get("year").cloned().unwrap_or(default_year),
        tiers,
        rule_sets,
        declared,
        errors,
        history,
    })
}

async fn form(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<FormQuery>,
) -> WebResult<Response> {
    let mut values = HashMap::new();
    if let Some(u) = q.uscc {
        values.insert("uscc".to_string(), u);
    }
    if let Some(tier) = q.tier {
        values.insert("tier".to_string(), tier);
    }
    let page = form_page(&state, &user, &values, FieldErrors::default()).await?;
    Ok(render(&page)?.into_response())
}

/// The request a form describes; a year that is not a number is reported like a bad year.
fn request_of(raw: &HashMap<String, String>) -> Result<AssessRequest, app::AppError> {
    let year = raw
        .get("year")
        .and_then(|y| y.trim().parse::<i32>().ok())
        .ok_or_else(|| app::AppError::invalid("year", "cultivation.year_format"))?;
    let mut declared = std::collections::BTreeMap::new();
    for (k, v) in raw {
        if let Some(code) = k.strip_prefix("declared.")
            && !v.trim().is_empty()
        {
            let n = v
                .trim()
                .parse::<f64>()
                .map_err(|_| app::AppError::invalid("declared", "cultivation.declared_number"))?;
            declared.insert(code.to_string(), n);
        }
    }
    Ok(AssessRequest {
        uscc: raw.get("uscc").cloned().unwrap_or_default(),
        tier: raw.get("tier").cloned().unwrap_or_default(),
        year,
        rule_set: raw
            .get("rule_set")
            .cloned()
            .filter(|r| !r.trim().is_empty()),
        declared,
    })
}

async fn create(
    State(state): State<AppState>,
    user: Authed,
    Form(mut raw): Form<HashMap<String, String>>,
) -> WebResult<Response> {
    raw.remove(crate::session::CSRF_FIELD);
    if let Some(own) = &user.actor.enterprise {
        raw.insert("uscc".into(), own.to_string());
    }
    let result = match request_of(&raw) {
        Ok(req) => app::cultivation::assess(&state.app, &user.actor, &user.meta, &req).await,
        Err(e) => Err(e),
    };
    super::after_post(
        &user,
        result,
        |v| format!("/cultivation/assessments/{}", v.id),
        async |errors| form_page(&state, &user, &raw, errors).await,
    )
    .await
}

#[derive(Template)]
#[template(path = "cultivation/assessment.html")]
struct RecordPage {
    c: Chrome,
    card: AssessmentCard,
    can_apply: bool,
}

async fn record(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let a = app::cultivation::get_assessment(&state.app, &user.actor, id).await?;
    let c = Chrome::build(
        &state,
        &user,
        "/cultivation/assess",
        "cultivation.assessment_title",
        &[("/cultivation/assess", "cultivation.assess_title")],
    )
    .await;
    let t = Tr::new(user.lang);
    let can_apply = user.actor.can(policy::org::Permission::CULTIVATION_APPLY);
    Ok(render(&RecordPage {
        c,
        card: AssessmentCard::new(&t, a),
        can_apply,
    })?
    .into_response())
}
