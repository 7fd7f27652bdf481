//! The chain office's forms: a chain (new and edit), its target, its map's nodes and
//! enterprises, investment targets. A refused form shows the chain page (or the chain form)
//! again with the reasons, in the user's language, and nothing changed.

use super::detail::view;
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::{FieldErrors, render};
use crate::session::Authed;
use crate::state::AppState;
use app::AppError;
use app::chain::{
    AttachForm, ChainForm, LeaderForm, NewInvestmentTargetForm, NodeForm, TargetActionForm,
    TargetForm,
};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;

/// Leader rows the chain form offers.
const LEADER_ROWS: usize = 6;

type Fields = HashMap<String, String>;

fn get(f: &Fields, k: &str) -> String {
    f.get(k).cloned().unwrap_or_default()
}

fn opt(f: &Fields, k: &str) -> Option<String> {
    f.get(k)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn int(f: &Fields, k: &str) -> Option<i64> {
    opt(f, k).and_then(|v| v.parse().ok())
}

/// After a form: back to the chain page, or the page again with the reasons.
async fn done(
    state: &AppState,
    user: &Authed,
    chain: i64,
    node: Option<i64>,
    anchor: &str,
    result: Result<(), AppError>,
) -> WebResult<Response> {
    match result {
        Ok(()) => {
            let q = node.map(|n| format!("?node={n}")).unwrap_or_default();
            Ok(Redirect::to(&format!("/chains/{chain}{q}#{anchor}")).into_response())
        }
        Err(AppError::Invalid(errs)) => {
            let t = Tr::new(user.lang);
            let errors = FieldErrors::from_app(&t, &errs).all();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&view(state, user, chain, None, node, errors).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

struct LeaderRow {
    role: String,
    name: String,
    post: String,
    errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "chain/form.html")]
struct FormPage {
    c: Chrome,
    action: String,
    is_new: bool,
    code: String,
    name: String,
    region_code: String,
    industry: String,
    working_group: String,
    plan_title: String,
    plan_text: String,
    leaders: Vec<LeaderRow>,
    leader_roles: Vec<(String, String)>,
    departments: Vec<(i64, String)>,
    department: i64,
    errors: FieldErrors,
}

/// The form rows the leaders sent come from (blank rows are skipped), so an error on the
/// `n`th leader can be shown on its row.
fn leader_rows(f: &Fields) -> Vec<usize> {
    (0..LEADER_ROWS)
        .filter(|i| {
            !get(f, &format!("leader_name_{i}")).trim().is_empty()
                || !get(f, &format!("leader_post_{i}")).trim().is_empty()
        })
        .collect()
}

fn chain_form(f: &Fields) -> ChainForm {
    ChainForm {
        code: get(f, "code"),
        name: get(f, "name"),
        region_code: get(f, "region_code"),
        industry: get(f, "industry"),
        lead_department_id: int(f, "lead_department_id"),
        working_group: get(f, "working_group"),
        plan_title: get(f, "plan_title"),
        plan_text: get(f, "plan_text"),
        leaders: leader_rows(f)
            .into_iter()
            .map(|i| LeaderForm {
                role: get(f, &format!("leader_role_{i}")),
                name: get(f, &format!("leader_name_{i}")),
                post: get(f, &format!("leader_post_{i}")),
                user_id: None,
            })
            .collect(),
    }
}

async fn form_page(
    state: &AppState,
    user: &Authed,
    chain: Option<i64>,
    f: Fields,
    errors: FieldErrors,
) -> WebResult<FormPage> {
    let departments = app::chain::lead_departments(&state.app, &user.actor).await?;
    let (path, title, action) = match chain {
        Some(id) => (
            format!("/chains/{id}/edit"),
            "chain.edit",
            format!("/chains/{id}/edit"),
        ),
        None => ("/chains/new".into(), "chain.new", "/chains".into()),
    };
    let c = Chrome::build(state, user, &path, title, &[("/chains", "chain.title")]).await;
    let leader_roles = [
        "general_chain_leader",
        "chain_leader",
        "deputy_chain_leader",
    ]
    .iter()
    .map(|r| (r.to_string(), c.t.get(&format!("chain.leader_role.{r}"))))
    .collect();
    let rows = leader_rows(&f);
    let leaders = (0..LEADER_ROWS)
        .map(|i| LeaderRow {
            role: get(&f, &format!("leader_role_{i}")),
            name: get(&f, &format!("leader_name_{i}")),
            post: get(&f, &format!("leader_post_{i}")),
            errors: rows
                .iter()
                .position(|r| *r == i)
                .map(|n| {
                    ["role", "name", "post"]
                        .iter()
                        .flat_map(|k| errors.get(&format!("leaders[{n}].{k}")))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    Ok(FormPage {
        department: int(&f, "lead_department_id").unwrap_or(0),
        c,
        action,
        is_new: chain.is_none(),
        code: get(&f, "code"),
        name: get(&f, "name"),
        region_code: get(&f, "region_code"),
        industry: get(&f, "industry"),
        working_group: get(&f, "working_group"),
        plan_title: get(&f, "plan_title"),
        plan_text: get(&f, "plan_text"),
        leaders,
        leader_roles,
        departments,
        errors,
    })
}

pub(super) async fn new_page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    let mut f = Fields::new();
    if let Some(r) = &user.actor.region {
        f.insert("region_code".into(), r.to_string());
    }
    Ok(render(&form_page(&state, &user, None, f, FieldErrors::default()).await?)?.into_response())
}

async fn refused(
    state: &AppState,
    user: &Authed,
    chain: Option<i64>,
    f: Fields,
    errs: &[app::FieldError],
) -> WebResult<Response> {
    let errors = FieldErrors::from_app(&Tr::new(user.lang), errs);
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        render(&form_page(state, user, chain, f, errors).await?)?,
    )
        .into_response())
}

pub(super) async fn create(
    State(state): State<AppState>,
    user: Authed,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    match app::chain::create_chain(&state.app, &user.actor, &user.meta, chain_form(&f)).await {
        Ok(c) => Ok(Redirect::to(&format!("/chains/{}", c.id)).into_response()),
        Err(AppError::Invalid(errs)) => refused(&state, &user, None, f, &errs).await,
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn edit_page(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    user.actor.require(policy::org::Permission::CHAIN_MANAGE)?;
    let d = app::chain::get_chain(&state.app, &user.actor, id, None).await?;
    if !d.can_manage {
        return Err(AppError::NotFound.into());
    }
    let c = &d.chain;
    let mut f: Fields = [
        ("code", c.code.clone()),
        ("name", c.name.clone()),
        ("region_code", c.region_code.clone()),
        ("industry", c.industry.clone()),
        (
            "lead_department_id",
            c.lead_department_id
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        ("working_group", c.working_group.clone()),
        ("plan_title", c.plan_title.clone()),
        ("plan_text", c.plan_text.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    for (i, l) in c.leaders.iter().take(LEADER_ROWS).enumerate() {
        f.insert(format!("leader_role_{i}"), l.role.clone());
        f.insert(format!("leader_name_{i}"), l.name.clone());
        f.insert(format!("leader_post_{i}"), l.post.clone());
    }
    Ok(
        render(&form_page(&state, &user, Some(id), f, FieldErrors::default()).await?)?
            .into_response(),
    )
}

pub(super) async fn update(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    match app::chain::update_chain(&state.app, &user.actor, &user.meta, id, chain_form(&f)).await {
        Ok(c) => Ok(Redirect::to(&format!("/chains/{}", c.id)).into_response()),
        Err(AppError::Invalid(errs)) => refused(&state, &user, Some(id), f, &errs).await,
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn set_target(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let form = TargetForm {
        year: get(&f, "year").trim().parse().unwrap_or(0),
        target_wan_yuan: get(&f, "target_wan_yuan"),
    };
    let r = app::chain::set_chain_target(&state.app, &user.actor, &user.meta, id, form).await;
    done(&state, &user, id, None, "figures", r).await
}

fn node_form(f: &Fields) -> NodeForm {
    NodeForm {
        parent_id: int(f, "parent_id").filter(|p| *p > 0),
        segment: opt(f, "segment"),
        kind: opt(f, "kind"),
        name: get(f, "name"),
        position: opt(f, "position").and_then(|p| p.parse().ok()),
        note: get(f, "note"),
    }
}

pub(super) async fn add_node(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let r = app::chain::add_node(&state.app, &user.actor, &user.meta, id, node_form(&f)).await;
    let node = r.as_ref().ok().map(|n| n.id);
    done(&state, &user, id, node, "map-edit", r.map(|_| ())).await
}

pub(super) async fn update_node(
    State(state): State<AppState>,
    user: Authed,
    Path((id, node)): Path<(i64, i64)>,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let r =
        app::chain::update_node(&state.app, &user.actor, &user.meta, id, node, node_form(&f)).await;
    done(&state, &user, id, Some(node), "map-edit", r.map(|_| ())).await
}

pub(super) async fn remove_node(
    State(state): State<AppState>,
    user: Authed,
    Path((id, node)): Path<(i64, i64)>,
) -> WebResult<Response> {
    let r = app::chain::remove_node(&state.app, &user.actor, &user.meta, id, node).await;
    let back = r.is_err().then_some(node);
    done(&state, &user, id, back, "nodes", r).await
}

pub(super) async fn attach(
    State(state): State<AppState>,
    user: Authed,
    Path((id, node)): Path<(i64, i64)>,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let form = AttachForm {
        enterprise_uscc: get(&f, "enterprise_uscc"),
        role: get(&f, "role"),
        note: get(&f, "note"),
    };
    let r =
        app::chain::attach_enterprise(&state.app, &user.actor, &user.meta, id, node, form).await;
    done(&state, &user, id, Some(node), "map-edit", r.map(|_| ())).await
}

pub(super) async fn detach(
    State(state): State<AppState>,
    user: Authed,
    Path((id, node, uscc)): Path<(i64, i64, String)>,
) -> WebResult<Response> {
    let r =
        app::chain::detach_enterprise(&state.app, &user.actor, &user.meta, id, node, &uscc).await;
    done(&state, &user, id, None, "nodes", r).await
}

pub(super) async fn add_target(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let gap = get(&f, "gap");
    let (node, kind) = gap.split_once(':').unwrap_or(("", ""));
    let form = NewInvestmentTargetForm {
        node_id: node.trim().parse().unwrap_or(0),
        gap_kind: kind.to_string(),
        target_enterprise: get(&f, "target_enterprise"),
        place: get(&f, "place"),
        owner: get(&f, "owner"),
        planned_wan_yuan: opt(&f, "planned_wan_yuan"),
        in_place_wan_yuan: opt(&f, "in_place_wan_yuan"),
        note: get(&f, "note"),
    };
    let r = app::chain::add_investment_target(&state.app, &user.actor, &user.meta, id, form).await;
    done(&state, &user, id, None, "targets", r.map(|_| ())).await
}

pub(super) async fn act_on_target(
    State(state): State<AppState>,
    user: Authed,
    Path((id, target)): Path<(i64, i64)>,
    Form(f): Form<Fields>,
) -> WebResult<Response> {
    let form = TargetActionForm {
        action: get(&f, "action"),
        comment: get(&f, "comment"),
        on: opt(&f, "on").and_then(|d| d.parse().ok()),
        in_place_wan_yuan: opt(&f, "in_place_wan_yuan"),
        investment_project_id: int(&f, "investment_project_id"),
    };
    let r =
        app::chain::act_on_investment_target(&state.app, &user.actor, &user.meta, id, target, form)
            .await;
    done(&state, &user, id, None, "targets", r.map(|_| ())).await
}
