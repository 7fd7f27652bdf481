//! Rule sets: the list, one revision with its TOML, and an administrator's copy → edit →
//! publish.

use super::explain;
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::cultivation::{RuleSetDetail, RuleSetView};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use policy::org::Permission;
use serde::Deserialize;

/// The routes of this file.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .route("/cultivation/rule-sets", get(list))
        .route("/cultivation/rule-sets/{id}", get(detail).post(save))
        .route("/cultivation/rule-sets/{id}/copy", post(copy))
        .route("/cultivation/rule-sets/{id}/publish", post(publish))
}

struct Line {
    r: RuleSetView,
    tier: String,
    status_class: &'static str,
    status: String,
}

fn line(t: &Tr, r: RuleSetView) -> Line {
    let (status_class, key) = if r.status == "published" {
        ("green", "cultivation.rule_sets.published")
    } else {
        ("grey", "cultivation.rule_sets.draft")
    };
    Line {
        tier: explain::tier_name(t, &r.tier),
        status_class,
        status: t.get(key),
        r,
    }
}

#[derive(Template)]
#[template(path = "cultivation/rule_sets.html")]
struct ListPage {
    c: Chrome,
    lines: Vec<Line>,
}

async fn list(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    let rows = app::cultivation::list_rule_sets(&state.app, &user.actor).await?;
    let c = Chrome::build(
        &state,
        &user,
        "/cultivation/rule-sets",
        "cultivation.rule_sets.title",
        &[],
    )
    .await;
    let t = Tr::new(user.lang);
    let lines = rows.into_iter().map(|r| line(&t, r)).collect();
    Ok(render(&ListPage { c, lines })?.into_response())
}

#[derive(Template)]
#[template(path = "cultivation/rule_set.html")]
struct DetailPage {
    c: Chrome,
    l: Line,
    unconfirmed: Vec<String>,
    re_review_by_award_set: bool,
    body: String,
    editable: bool,
    can_manage: bool,
    errors: FieldErrors,
}

async fn detail_page(
    state: &AppState,
    user: &Authed,
    d: RuleSetDetail,
    body: Option<String>,
    errors: FieldErrors,
) -> DetailPage {
    let c = Chrome::build(
        state,
        user,
        "/cultivation/rule-sets",
        "cultivation.rule_sets.detail",
        &[("/cultivation/rule-sets", "cultivation.rule_sets.title")],
    )
    .await;
    let t = Tr::new(user.lang);
    let can_manage = user.actor.can(Permission::CULTIVATION_RULES_MANAGE);
    DetailPage {
        c,
        editable: can_manage && d.view.status == "draft",
        can_manage,
        unconfirmed: d.unconfirmed,
        re_review_by_award_set: d.re_review_by_award_set,
        body: body.unwrap_or(d.body),
        l: line(&t, d.view),
        errors,
    }
}

async fn detail(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let d = app::cultivation::rule_set(&state.app, &user.actor, id).await?;
    let page = detail_page(&state, &user, d, None, FieldErrors::default()).await;
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize)]
struct BodyForm {
    body: String,
}

async fn save(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<BodyForm>,
) -> WebResult<Response> {
    let result =
        app::cultivation::save_rule_set_draft(&state.app, &user.actor, &user.meta, id, &f.body)
            .await;
    super::after_post(
        &user,
        result,
        |_| format!("/cultivation/rule-sets/{id}"),
        async |errors| {
            let d = app::cultivation::rule_set(&state.app, &user.actor, id).await?;
            Ok(detail_page(&state, &user, d, Some(f.body), errors).await)
        },
    )
    .await
}

async fn copy(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let v = app::cultivation::copy_rule_set(&state.app, &user.actor, &user.meta, id).await?;
    Ok(Redirect::to(&format!("/cultivation/rule-sets/{}", v.id)).into_response())
}

async fn publish(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let v = app::cultivation::publish_rule_set(&state.app, &user.actor, &user.meta, id).await?;
    Ok(Redirect::to(&format!("/cultivation/rule-sets/{}", v.id)).into_response())
}
