//! Recording a patrol of a chain (问链 / 巡链 / 诊链) with the problems found, which become
//! tickets, and writing its follow-up.

use super::label;
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::{FieldErrors, render};
use crate::session::Authed;
use crate::state::AppState;
use app::AppError;
use app::chain::{FollowUpForm, NewPatrolForm};
use app::service::NewTicketForm;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::BTreeMap;

/// Problem rows the form offers.
const PROBLEM_ROWS: usize = 3;

struct ProblemRow {
    title: String,
    category: String,
    enterprise: String,
    description: String,
}

#[derive(Template)]
#[template(path = "chain/patrol.html")]
struct PatrolPage {
    c: Chrome,
    chain_id: i64,
    chain_name: String,
    kind: String,
    patrolled_on: String,
    led_by: String,
    participants: String,
    findings: String,
    follow_up: String,
    kinds: Vec<(String, String)>,
    enterprises: Vec<(String, String, bool)>,
    categories: Vec<(String, String)>,
    problems: Vec<ProblemRow>,
    errors: FieldErrors,
}

type Fields = Vec<(String, String)>;

fn one(f: &Fields, k: &str) -> String {
    f.iter()
        .find(|(key, _)| key == k)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn many(f: &Fields, k: &str) -> Vec<String> {
    f.iter()
        .filter(|(key, _)| key == k)
        .map(|(_, v)| v.clone())
        .collect()
}

async fn page(
    state: &AppState,
    user: &Authed,
    id: i64,
    f: &Fields,
    errors: FieldErrors,
) -> WebResult<PatrolPage> {
    user.actor.require(policy::org::Permission::CHAIN_MANAGE)?;
    let d = app::chain::get_chain(&state.app, &user.actor, id, None).await?;
    let path = format!("/chains/{id}/patrols");
    let c = Chrome::build(
        state,
        user,
        &path,
        "chain.patrol_new",
        &[("/chains", "chain.title")],
    )
    .await;
    let t = c.t;
    let chosen = many(f, "enterprises");
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for n in d.map.segments.iter().flat_map(|s| s.nodes.iter()) {
        for e in n.enterprises.iter().filter(|e| e.local) {
            names.insert(e.uscc.clone(), e.name.clone());
        }
    }
    let mut enterprises: Vec<(String, String, bool)> = names
        .into_iter()
        .map(|(u, n)| {
            let on = chosen.contains(&u);
            (u, n, on)
        })
        .collect();
    enterprises.sort_by(|a, b| a.1.cmp(&b.1));
    let categories = app::service::service_rules()
        .map(|r| r.category)
        .unwrap_or_default()
        .into_iter()
        .map(|c| {
            let name = t.get(&format!("ticket.category.{}", c.code));
            (c.code, name)
        })
        .collect();
    Ok(PatrolPage {
        chain_id: id,
        chain_name: d.chain.name.clone(),
        kind: one(f, "kind"),
        patrolled_on: one(f, "patrolled_on"),
        led_by: one(f, "led_by"),
        participants: one(f, "participants"),
        findings: one(f, "findings"),
        follow_up: one(f, "follow_up"),
        kinds: ["inquiry", "inspection", "diagnosis"]
            .iter()
            .map(|k| (k.to_string(), label(&t, "chain.patrol_kind.", k)))
            .collect(),
        enterprises,
        categories,
        problems: (0..PROBLEM_ROWS)
            .map(|i| ProblemRow {
                title: one(f, &format!("problem_title_{i}")),
                category: one(f, &format!("problem_category_{i}")),
                enterprise: one(f, &format!("problem_enterprise_{i}")),
                description: one(f, &format!("problem_description_{i}")),
            })
            .collect(),
        errors,
        c,
    })
}

pub(super) async fn new_page(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    Ok(
        render(&page(&state, &user, id, &Vec::new(), FieldErrors::default()).await?)?
            .into_response(),
    )
}

pub(super) async fn create(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let mut problems = Vec::new();
    // Row numbers of the problems sent, so an error names the row the user filled in.
    for i in 0..PROBLEM_ROWS {
        let title = one(&f, &format!("problem_title_{i}"));
        let description = one(&f, &format!("problem_description_{i}"));
        if title.trim().is_empty() && description.trim().is_empty() {
            continue;
        }
        problems.push(NewTicketForm {
            title,
            category: one(&f, &format!("problem_category_{i}")),
            description,
            enterprise_uscc: Some(one(&f, &format!("problem_enterprise_{i}")))
                .filter(|u| !u.trim().is_empty()),
            visit_id: None,
        });
    }
    let form = NewPatrolForm {
        kind: one(&f, "kind"),
        patrolled_on: one(&f, "patrolled_on").trim().parse().ok(),
        led_by: one(&f, "led_by"),
        participants: one(&f, "participants"),
        enterprises: many(&f, "enterprises"),
        findings: one(&f, "findings"),
        problems,
        follow_up: one(&f, "follow_up"),
    };
    match app::chain::record_patrol(&state.app, &user.actor, &user.meta, id, form).await {
        Ok(_) => Ok(Redirect::to(&format!("/chains/{id}#patrols")).into_response()),
        Err(AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&Tr::new(user.lang), &errs);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&page(&state, &user, id, &f, errors).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn follow_up(
    State(state): State<AppState>,
    user: Authed,
    Path((id, patrol)): Path<(i64, i64)>,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let form = FollowUpForm {
        follow_up: one(&f, "follow_up"),
        follow_up_on: one(&f, "follow_up_on").trim().parse().ok(),
    };
    let r =
        app::chain::follow_up_patrol(&state.app, &user.actor, &user.meta, id, patrol, form).await;
    match r {
        Ok(_) => Ok(Redirect::to(&format!("/chains/{id}#patrols")).into_response()),
        Err(AppError::Invalid(errs)) => {
            let t = Tr::new(user.lang);
            let errors = FieldErrors::from_app(&t, &errs).all();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&super::detail::view(&state, &user, id, None, None, errors).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
