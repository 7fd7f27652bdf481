//! Public notices (公示): the list and a notice's page, readable without signing in, with the
//! objection form; the reviewers of the notice's region see and decide its objections there.
//!
//! The objection form is open to visitors without a session, so the session's CSRF token
//! cannot protect it: the page sets a random form token in a `SameSite=Strict` cookie and in a
//! hidden field, and the submission must carry both, equal (a cross-site page can neither
//! read the cookie nor make the browser send it). The session layer refuses a cross-site
//! `Origin` as for every write; the use case checks lengths and a daily quota per address.

use super::list::PageQuery;
use super::{FieldErrors, render};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::routes::{RouteTable, get, post};
use crate::session::{Authed, Visitor, cookie};
use crate::state::AppState;
use app::notice::NoticeView;
use app::notice::objection::ObjectionForm;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The cookie of the objection form's token.
const FORM_COOKIE: &str = "sc_form";

/// The routes of the notice pages.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .route("/notices", get(list_page))
        .route("/notices/{id}", get(detail))
        .route("/notices/{id}/objections", post(object))
        .route("/notice-objections/{id}/decision", post(decide))
}

/// The frame of a public page.
pub struct PublicChrome {
    /// Translator.
    pub t: Tr,
    /// `zh-CN` or `en`.
    pub lang_tag: &'static str,
    /// This page in the other language.
    pub other_lang_url: String,
    /// Page title.
    pub title: String,
    /// Whether the visitor is signed in.
    pub signed_in: bool,
    /// The session's CSRF token (empty without a session).
    pub csrf: String,
    /// Breadcrumb.
    pub crumbs: Vec<(String, String)>,
    /// A confirmation line.
    pub flash: Option<String>,
}

impl PublicChrome {
    fn new(v: &Visitor, path: &str, title: String) -> PublicChrome {
        let t = Tr::new(v.lang);
        let mut crumbs = vec![("/notices".to_string(), t.get("notice.list_title"))];
        if path != "/notices" {
            crumbs.push((String::new(), title.clone()));
        }
        PublicChrome {
            t,
            lang_tag: v.lang.tag(),
            other_lang_url: format!("{path}?lang={}", v.lang.other().tag()),
            title,
            signed_in: v.session.is_some(),
            csrf: v
                .session
                .as_ref()
                .map(|s| s.csrf.clone())
                .unwrap_or_default(),
            crumbs,
            flash: None,
        }
    }
}

fn phase_label(t: &Tr, n: &NoticeView) -> (String, &'static str) {
    let key = match (n.phase.as_str(), n.outcome.as_str()) {
        (_, "objected") => ("notice.outcome.objected", "red"),
        ("upcoming", _) => ("notice.phase.upcoming", "grey"),
        ("open", _) => ("notice.phase.open", "blue"),
        (_, "awaiting_decisions") => ("notice.outcome.awaiting_decisions", "orange"),
        _ => ("notice.phase.ended", "green"),
    };
    (t.get(key.0), key.1)
}

struct ListRow {
    id: i64,
    title: String,
    start_date: String,
    end_date: String,
    working_days: i32,
    phase: String,
    phase_class: &'static str,
}

#[derive(Template)]
#[template(path = "notices.html")]
struct ListPage {
    p: PublicChrome,
    items: Vec<ListRow>,
    first_url: String,
    next_url: Option<String>,
}

async fn list_page(
    State(state): State<AppState>,
    v: Visitor,
    Query(q): Query<PageQuery>,
) -> WebResult<Response> {
    let t = Tr::new(v.lang);
    let page = app::notice::list_notices(&state.app, None, q.request()).await?;
    let (first_url, next_url) =
        super::list::pager("/notices", &[], &q, page.next_cursor.as_deref());
    let items = page
        .items
        .iter()
        .map(|n| {
            let (phase, phase_class) = phase_label(&t, n);
            ListRow {
                id: n.id,
                title: n.title.clone(),
                start_date: n.start_date.to_string(),
                end_date: n.end_date.to_string(),
                working_days: n.working_days,
                phase,
                phase_class,
            }
        })
        .collect();
    let p = PublicChrome::new(&v, "/notices", t.get("notice.list_title"));
    Ok(render(&ListPage {
        p,
        items,
        first_url,
        next_url,
    })?
    .into_response())
}

struct ObjectionRow {
    id: i64,
    time: String,
    name: String,
    contact: String,
    content: String,
    status: String,
    status_class: &'static str,
    reason: String,
    pending: bool,
}

#[derive(Template)]
#[template(path = "notice.html")]
struct DetailPage {
    p: PublicChrome,
    n: NoticeView,
    phase: String,
    phase_class: &'static str,
    open: bool,
    form_token: String,
    name: String,
    contact: String,
    content: String,
    errors: FieldErrors,
    reviewer: bool,
    objections: Vec<ObjectionRow>,
}

fn new_form_token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The page of one notice; `form` keeps what was typed when the form comes back with errors.
async fn detail_page(
    state: &AppState,
    v: &Visitor,
    id: i64,
    form: &ObjectionForm,
    errors: FieldErrors,
    token: String,
    flash: Option<String>,
) -> WebResult<DetailPage> {
    let n = app::notice::get_notice(&state.app, id).await?;
    let t = Tr::new(v.lang);
    let (phase, phase_class) = phase_label(&t, &n);
    let mut p = PublicChrome::new(v, &format!("/notices/{id}"), n.title.clone());
    p.flash = flash;
    let listed = match &v.session {
        Some(s) => app::notice::list_objections(&state.app, &s.actor, id)
            .await
            .ok(),
        None => None,
    };
    let objections = listed
        .clone()
        .unwrap_or_default()
        .into_iter()
        .map(|o| {
            let class = match o.status.as_str() {
                "sustained" => "red",
                "dismissed" => "grey",
                _ => "orange",
            };
            ObjectionRow {
                id: o.id,
                time: crate::format::local_time(&o.created_at),
                status: t.get(&format!("notice.objection.{}", o.status)),
                status_class: class,
                pending: o.status == "pending",
                name: o.name,
                contact: o.contact,
                content: o.content,
                reason: o.decision_reason,
            }
        })
        .collect();
    Ok(DetailPage {
        open: n.phase != "ended" && n.outcome != "objected",
        phase,
        phase_class,
        n,
        p,
        form_token: token,
        name: form.name.clone(),
        contact: form.contact.clone(),
        content: form.content.clone(),
        errors,
        reviewer: listed.is_some(),
        objections,
    })
}

/// The form token of this browser, or a new one (then set as the cookie).
fn form_token(headers: &HeaderMap) -> (String, bool) {
    match cookie(headers, FORM_COOKIE).filter(|c| c.len() == 32) {
        Some(t) => (t, false),
        None => (new_form_token(), true),
    }
}

fn with_token_cookie(mut res: Response, token: &str, set: bool) -> Response {
    if set
        && let Ok(v) = axum::http::HeaderValue::from_str(&format!(
            "{FORM_COOKIE}={token}; Path=/notices; HttpOnly; SameSite=Strict"
        ))
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

#[derive(Deserialize)]
struct DetailQuery {
    #[serde(default)]
    lodged: Option<String>,
}

async fn detail(
    State(state): State<AppState>,
    v: Visitor,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(q): Query<DetailQuery>,
) -> WebResult<Response> {
    let (token, set) = form_token(&headers);
    let flash = q
        .lodged
        .is_some()
        .then(|| Tr::new(v.lang).get("notice.lodged"));
    let page = detail_page(
        &state,
        &v,
        id,
        &ObjectionForm::default(),
        FieldErrors::default(),
        token.clone(),
        flash,
    )
    .await?;
    Ok(with_token_cookie(
        render(&page)?.into_response(),
        &token,
        set,
    ))
}

#[derive(Deserialize)]
struct ObjectionFields {
    #[serde(default, rename = "_form")]
    form: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    content: String,
}

/// Constant-time comparison of two tokens.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

async fn object(
    State(state): State<AppState>,
    v: Visitor,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<ObjectionFields>,
) -> WebResult<Response> {
    let cookie_token = cookie(&headers, FORM_COOKIE).unwrap_or_default();
    if cookie_token.is_empty() || !same(&cookie_token, &f.form) {
        return Err(WebError::csrf());
    }
    let form = ObjectionForm {
        name: f.name,
        contact: f.contact,
        content: f.content,
    };
    match app::notice::lodge_objection(&state.app, &v.meta, id, &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/notices/{id}?lodged=1")).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&Tr::new(v.lang), &errs);
            let page = detail_page(&state, &v, id, &form, errors, cookie_token, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

async fn decide(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<DecisionForm>,
) -> WebResult<Response> {
    let sustain = match f.decision.as_str() {
        "sustain" => true,
        "dismiss" => false,
        _ => {
            return Err(app::AppError::invalid("decision", "notice.decision_unknown").into());
        }
    };
    let o =
        app::notice::decide_objection(&state.app, &user.actor, &user.meta, id, sustain, &f.reason)
            .await?;
    Ok(Redirect::to(&format!("/notices/{}", o.notice_id)).into_response())
}
