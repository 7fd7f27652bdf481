//! User administration pages.

use crate::error::WebResult;
use crate::format::local_time;
use crate::i18n::{Lang, Tr};
use crate::pages::chrome::Chrome;
use crate::pages::list::{self, HistoryRow, PageQuery, history_rows};
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::org::{NewUserForm, UserView};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use policy::org::Permission;
use serde::Deserialize;

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/users", get(list_page).post(create))
        .route("/users/new", get(new_page))
        .route("/users/{id}", get(detail))
        .route("/users/{id}/disable", post(disable))
        .route("/users/{id}/enable", post(enable))
}

struct Row {
    id: i64,
    username: String,
    display_name: String,
    region: String,
    roles: String,
    phone: String,
    state: String,
    state_class: &'static str,
    disabled: bool,
    created: String,
}

/// Names for the codes a user row shows: regions and roles.
struct Names {
    regions: std::collections::HashMap<String, String>,
    roles: std::collections::HashMap<String, String>,
}

impl Names {
    async fn load(state: &AppState, user: &Authed) -> Names {
        let regions = app::org::region_tree(&state.app, &user.actor)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|r| (r.code, r.name))
            .collect();
        let roles = app::org::builtin_roles()
            .unwrap_or_default()
            .into_iter()
            .map(|r| {
                (
                    r.code,
                    if user.lang == Lang::En {
                        r.name_en
                    } else {
                        r.name_zh
                    },
                )
            })
            .collect();
        Names { regions, roles }
    }

    fn region(&self, code: Option<&str>) -> String {
        code.map(|c| {
            self.regions
                .get(c)
                .cloned()
                .unwrap_or_else(|| c.to_string())
        })
        .unwrap_or_default()
    }

    fn roles(&self, codes: &[String]) -> String {
        codes
            .iter()
            .map(|c| self.roles.get(c).cloned().unwrap_or_else(|| c.clone()))
            .collect::<Vec<_>>()
            .join("、")
    }
}

fn row(t: &Tr, names: &Names, u: UserView) -> Row {
    let (state, state_class) = if u.disabled {
        (t.get("users.disabled"), "grey")
    } else if u.locked {
        (t.get("users.locked"), "orange")
    } else {
        (t.get("users.active"), "green")
    };
    Row {
        id: u.id,
        username: u.username,
        display_name: u.display_name,
        region: names.region(u.region_code.as_deref()),
        roles: names.roles(&u.roles),
        phone: u.phone.unwrap_or_default(),
        state,
        state_class,
        disabled: u.disabled,
        created: local_time(&u.created_at),
    }
}

#[derive(Template)]
#[template(path = "users.html")]
struct ListPage {
    c: Chrome,
    q: String,
    region: String,
    can_manage: bool,
    items: Vec<Row>,
    first_url: String,
    next_url: Option<String>,
}

#[derive(Deserialize, Default)]
struct Filters {
    q: Option<String>,
    region: Option<String>,
    #[serde(flatten)]
    page: PageQuery,
}

async fn list_page(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<Filters>,
) -> WebResult<Response> {
    let query = store_query(&f);
    let rows = app::org::list_users(&state.app, &user.actor, &query, f.page.request()).await?;
    let c = Chrome::build(&state, &user, "/users", "users.title", &[]).await;
    let filters = [
        ("q", f.q.clone().unwrap_or_default()),
        ("region", f.region.clone().unwrap_or_default()),
    ];
    let (first_url, next_url) =
        list::pager("/users", &filters, &f.page, rows.next_cursor.as_deref());
    let names = Names::load(&state, &user).await;
    let items = rows
        .items
        .into_iter()
        .map(|u| row(&c.t, &names, u))
        .collect();
    let page = ListPage {
        can_manage: user.actor.can(Permission::USER_MANAGE),
        c,
        q: f.q.unwrap_or_default(),
        region: f.region.unwrap_or_default(),
        items,
        first_url,
        next_url,
    };
    Ok(render(&page)?.into_response())
}

fn store_query(f: &Filters) -> app::org::UserQuery {
    app::org::UserQuery {
        q: f.q.clone().filter(|s| !s.trim().is_empty()),
        region_prefix: f
            .region
            .as_deref()
            .and_then(|r| policy::org::RegionCode::parse(r).ok())
            .map(|r| r.subtree_prefix().to_string()),
    }
}

#[derive(Deserialize, Default, Clone)]
struct CreateForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    enterprise: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    password: String,
    must_change: Option<String>,
}

#[derive(Template)]
#[template(path = "user_new.html")]
struct NewPage {
    c: Chrome,
    form: CreateForm,
    roles: Vec<(String, String)>,
    hint: String,
    errors: FieldErrors,
}

async fn new_view(
    state: &AppState,
    user: &Authed,
    form: CreateForm,
    errors: FieldErrors,
) -> WebResult<NewPage> {
    user.actor.require(Permission::USER_MANAGE)?;
    let c = Chrome::build(
        state,
        user,
        "/users/new",
        "users.new",
        &[("/users", "users.title")],
    )
    .await;
    let roles = app::org::builtin_roles()
        .unwrap_or_default()
        .into_iter()
        .map(|r| {
            (
                r.code,
                if user.lang == Lang::En {
                    r.name_en
                } else {
                    r.name_zh
                },
            )
        })
        .collect();
    let s = state.app.settings();
    let hint = c.t.fmt(
        "password.hint",
        &[
            ("min", &s.password_min_length.to_string()),
            ("classes", &s.password_min_classes.to_string()),
        ],
    );
    Ok(NewPage {
        c,
        form,
        roles,
        hint,
        errors,
    })
}

async fn new_page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    let page = new_view(&state, &user, CreateForm::default(), FieldErrors::default()).await?;
    Ok(render(&page)?.into_response())
}

async fn create(
    State(state): State<AppState>,
    user: Authed,
    Form(form): Form<CreateForm>,
) -> WebResult<Response> {
    let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let new = NewUserForm {
        username: form.username.clone(),
        display_name: opt(&form.display_name),
        password: form.password.clone(),
        role: form.role.clone(),
        region: opt(&form.region),
        enterprise: opt(&form.enterprise),
        phone: opt(&form.phone),
        must_change_password: form.must_change.is_some(),
    };
    match app::org::create_user(&state.app, &user.actor, &user.meta, new).await {
        Ok(created) => Ok(Redirect::to(&format!("/users/{}", created.id)).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let t = Tr::new(user.lang);
            let errors = FieldErrors::from_app(&t, &errs);
            let mut form = form;
            form.password.clear();
            let page = new_view(&state, &user, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "user_detail.html")]
struct DetailPage {
    c: Chrome,
    user: Row,
    can_manage: bool,
    history: Vec<HistoryRow>,
}

async fn detail(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let found = app::org::find_user(&state.app, &user.actor, id).await?;
    let history = if user.actor.can(Permission::AUDIT_READ) {
        let q = app::audit::AuditSearch {
            entity_type: Some("user".into()),
            entity_id: Some(id.to_string()),
            ..Default::default()
        };
        app::audit::search_audit(
            &state.app,
            &user.actor,
            &q,
            app::PageRequest::new(100, None),
        )
        .await?
        .items
    } else {
        Vec::new()
    };
    let c = Chrome::build(&state, &user, "/users", "users.title", &[]).await;
    let history = history_rows(&c.t, history, false);
    let page = DetailPage {
        user: row(&c.t, &Names::load(&state, &user).await, found),
        can_manage: user.actor.can(Permission::USER_MANAGE),
        c,
        history,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize)]
struct ReasonForm {
    #[serde(default)]
    reason: String,
}

async fn set_disabled(
    state: AppState,
    user: Authed,
    id: i64,
    disabled: bool,
    reason: &str,
) -> WebResult<Response> {
    app::org::disable_user(&state.app, &user.actor, &user.meta, id, disabled, reason).await?;
    Ok(Redirect::to(&format!("/users/{id}")).into_response())
}

async fn disable(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<ReasonForm>,
) -> WebResult<Response> {
    set_disabled(state, user, id, true, &f.reason).await
}

async fn enable(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<ReasonForm>,
) -> WebResult<Response> {
    set_disabled(state, user, id, false, &f.reason).await
}
