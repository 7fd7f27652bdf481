//! The enterprise registry pages: list, record, form, proposed changes, data dictionary.

use super::chrome::Chrome;
use super::data_form::{FormPage, form_fields};
use super::list::{self, HistoryRow, PageQuery, history_rows};
use super::{FieldErrors, render};
use crate::error::WebResult;
use crate::i18n::{Lang, Tr};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::enterprise::fields::{
    self, ENTERPRISE_FIELDS, FINANCIAL_FIELDS, Field, FieldKind, HONOR_FIELDS,
};
use app::enterprise::{EnterpriseView, ListQuery};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use policy::org::Permission;
use serde::Deserialize;
use std::collections::HashMap;

/// The routes of the registry pages.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .route("/enterprises", get(list_page).post(create))
        .route("/enterprises/new", get(new_page))
        .route("/enterprises/{uscc}", get(detail))
        .route("/enterprises/{uscc}/edit", get(edit_page).post(edit))
        .route("/enterprise-changes/{id}/approve", post(approve))
        .route("/enterprise-changes/{id}/return", post(return_change))
        .route("/data-dictionary", get(dictionary))
}

fn label(lang: Lang, f: &Field) -> &'static str {
    if lang == Lang::En { f.en } else { f.zh }
}

fn choice_label(list: &[(&'static str, &'static str)], code: &str) -> String {
    list.iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| l.to_string())
        .unwrap_or_else(|| code.to_string())
}

const SIZES: &[(&str, &str)] = &[
    ("large", "大型"),
    ("medium", "中型"),
    ("small", "小型"),
    ("micro", "微型"),
];

fn status_class(status: &str) -> &'static str {
    match status {
        "operating" | "valid" => "green",
        "closed" | "revoked" => "red",
        _ => "grey",
    }
}

struct Row {
    uscc: String,
    name: String,
    region: String,
    industry: String,
    size: String,
    above_size: bool,
    status: String,
    status_class: &'static str,
}

/// The list filters as the search form sends them.
#[derive(Debug, Default, Deserialize)]
struct Filters {
    #[serde(default)]
    q: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    industry: String,
    #[serde(default)]
    size: String,
    #[serde(default)]
    above_size: String,
    #[serde(default)]
    honor: String,
    #[serde(default)]
    honor_level: String,
    #[serde(flatten)]
    page: PageQuery,
}

impl Filters {
    fn query(&self) -> ListQuery {
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        ListQuery {
            q: opt(&self.q),
            region: opt(&self.region),
            industry: opt(&self.industry),
            size_class: opt(&self.size),
            above_size: match self.above_size.as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            status: None,
            honor: opt(&self.honor),
            honor_level: opt(&self.honor_level),
            sort_by_name: false,
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("q", self.q.clone()),
            ("region", self.region.clone()),
            ("industry", self.industry.clone()),
            ("size", self.size.clone()),
            ("above_size", self.above_size.clone()),
            ("honor", self.honor.clone()),
            ("honor_level", self.honor_level.clone()),
        ]
    }
}

#[derive(Template)]
#[template(path = "enterprises.html")]
struct ListPage {
    c: Chrome,
    f: Filters,
    regions: Vec<(String, String)>,
    sizes: Vec<(String, String)>,
    titles: Vec<(String, String)>,
    levels: Vec<(String, String)>,
    can_write: bool,
    export_url: String,
    total: Option<String>,
    items: Vec<Row>,
    first_url: String,
    next_url: Option<String>,
}

fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

async fn region_names(state: &AppState, user: &Authed) -> Vec<(String, String)> {
    app::org::region_tree(&state.app, &user.actor)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.level != "town")
        .map(|r| (r.code, r.name))
        .collect()
}

async fn list_page(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<Filters>,
) -> WebResult<Response> {
    let cursor = f.page.cursor.clone().filter(|c| !c.is_empty());
    let result = app::enterprise::list_enterprises(
        &state.app,
        &user.actor,
        &f.query(),
        cursor.as_deref(),
        f.page.limit.unwrap_or(20),
    )
    .await?;
    let c = Chrome::build(&state, &user, "/enterprises", "enterprise.list_title", &[]).await;
    let regions = region_names(&state, &user).await;
    let name_of = |code: &str| {
        regions
            .iter()
            .find(|(c, _)| c.as_str() == code.get(..6).unwrap_or(code))
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| code.to_string())
    };
    let (first_url, next_url) = list::pager(
        "/enterprises",
        &f.pairs(),
        &f.page,
        result.next_cursor.as_deref(),
    );
    let (export_base, _) = list::pager(
        "/api/v1/exports/enterprises.xlsx",
        &f.pairs(),
        &PageQuery::default(),
        None,
    );
    let items = result
        .items
        .into_iter()
        .map(|e| Row {
            region: name_of(&e.region_code),
            industry: e.industry_code,
            size: e
                .size_class
                .as_deref()
                .map(|s| choice_label(SIZES, s))
                .unwrap_or_default(),
            above_size: e.above_size,
            status_class: status_class(&e.status),
            status: choice_label(fields::STATUS_CHOICES, &e.status),
            uscc: e.uscc,
            name: e.name,
        })
        .collect();
    let page = ListPage {
        can_write: user.actor.can(Permission::ENTERPRISE_WRITE),
        export_url: if export_base.is_empty() {
            "/api/v1/exports/enterprises.xlsx".into()
        } else {
            export_base
        },
        total: result.total.map(|t| t.to_string()),
        regions,
        sizes: owned(SIZES),
        titles: owned(fields::HONOR_TITLE_CHOICES),
        levels: owned(fields::HONOR_LEVEL_CHOICES),
        c,
        f,
        items,
        first_url,
        next_url,
    };
    Ok(render(&page)?.into_response())
}

struct Pending {
    id: i64,
    when: String,
    kind: String,
    changes: Vec<(String, String, String)>,
}

struct HonorRow {
    year: i32,
    title: String,
    level: String,
    status: String,
    status_class: &'static str,
    validity: String,
}

#[derive(Template)]
#[template(path = "enterprise.html")]
struct DetailPage {
    c: Chrome,
    e: EnterpriseView,
    status: String,
    status_class: &'static str,
    can_write: bool,
    can_submit: bool,
    can_confirm: bool,
    pending: Vec<Pending>,
    profile: Vec<(String, String)>,
    size: String,
    size_basis: String,
    years: Vec<i32>,
    figures: Vec<(String, Vec<String>)>,
    honors: Vec<HonorRow>,
    history: Vec<HistoryRow>,
    titles: Vec<crate::pages::talent::Row>,
}

/// A value for display: the form text, or a dash when there is none.
fn text_of(v: &serde_json::Value) -> String {
    let t = app::enterprise::json_text(v);
    if t.is_empty() { "—".into() } else { t }
}

/// A money figure with thousands separators, two decimals.
fn money_text(v: &serde_json::Value) -> String {
    v.as_str()
        .and_then(|s| policy::money::Fen::parse_wan_yuan(s).ok())
        .map(|f| f.wan_yuan_display())
        .unwrap_or_else(|| text_of(v))
}

async fn detail(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
) -> WebResult<Response> {
    let e = app::enterprise::get_enterprise(&state.app, &user.actor, &uscc).await?;
    let financials = app::enterprise::financials_of(&state.app, &user.actor, &uscc).await?;
    let honors = app::enterprise::honors_of(&state.app, &user.actor, &uscc).await?;
    let can_confirm = user.actor.can(Permission::ENTERPRISE_CONFIRM);
    let can_submit = user.actor.can(Permission::ENTERPRISE_SUBMIT)
        && !user.actor.can(Permission::ENTERPRISE_WRITE);
    let pending = if can_confirm || can_submit {
        app::enterprise::pending_changes(&state.app, &user.actor, Some(&uscc)).await?
    } else {
        Vec::new()
    };
    let history = if user.actor.can(Permission::AUDIT_READ) {
        let q = app::audit::AuditSearch {
            entity_type: Some("enterprise".into()),
            entity_id: Some(uscc.clone()),
            ..Default::default()
        };
        app::audit::search_audit(&state.app, &user.actor, &q, app::PageRequest::new(50, None))
            .await?
            .items
    } else {
        Vec::new()
    };
    let c = Chrome::build(&state, &user, "/enterprises", "enterprise.list_title", &[]).await;
    let json = serde_json::to_value(&e).unwrap_or_default();
    let regions: Vec<(String, String)> = app::org::region_tree(&state.app, &user.actor)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let profile = ENTERPRISE_FIELDS
        .iter()
        .filter(|f| f.key != "name")
        .map(|f| {
            let v = json.get(f.key).cloned().unwrap_or_default();
            let text = match (f.kind, v.as_str()) {
                (FieldKind::Choice(list), Some(code)) => choice_label(list, code),
                (FieldKind::Region, Some(code)) => match regions.iter().find(|(c, _)| c == code) {
                    Some((_, name)) => format!("{name} ({code})"),
                    None => code.to_string(),
                },
                _ => text_of(&v),
            };
            (label(user.lang, f).to_string(), text)
        })
        .collect();
    let years: Vec<i32> = financials.iter().map(|f| f.year).collect();
    let figures = FINANCIAL_FIELDS
        .iter()
        .filter(|f| f.key != "uscc" && f.key != "year")
        .map(|f| {
            let cells = financials
                .iter()
                .map(|fy| {
                    let v = fy.values.get(f.key).cloned().unwrap_or_default();
                    match f.kind {
                        FieldKind::Money => money_text(&v),
                        FieldKind::Choice(list) => v
                            .as_str()
                            .map(|s| choice_label(list, s))
                            .unwrap_or_else(|| text_of(&v)),
                        _ => text_of(&v),
                    }
                })
                .collect();
            (label(user.lang, f).to_string(), cells)
        })
        .collect();
    let pending = pending
        .into_iter()
        .map(|p| Pending {
            id: p.id,
            when: crate::format::local_time(&p.submitted_at),
            kind: if let Some(y) = p.year {
                format!("{} {y}", c.t.get("enterprise.financials"))
            } else {
                c.t.get("enterprise.profile")
            },
            changes: p
                .changes
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| {
                            (
                                text_of(&x["label"]),
                                text_of(&x["before"]),
                                text_of(&x["after"]),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    let honors = honors
        .into_iter()
        .map(|h| HonorRow {
            year: h.year,
            title: choice_label(fields::HONOR_TITLE_CHOICES, &h.title),
            level: choice_label(fields::HONOR_LEVEL_CHOICES, &h.level),
            status_class: status_class(&h.status),
            status: choice_label(fields::HONOR_STATUS_CHOICES, &h.status),
            validity: match (h.valid_from, h.valid_to) {
                (Some(a), Some(b)) => format!("{a} ~ {b}"),
                (Some(a), None) => format!("{a} ~"),
                _ => String::new(),
            },
        })
        .collect();
    let size = e
        .size_class
        .as_deref()
        .map(|s| choice_label(SIZES, s))
        .unwrap_or_else(|| "—".into());
    let size_basis = if e.size_basis.is_object() {
        c.t.fmt(
            "enterprise.size_basis",
            &[
                ("year", &text_of(&e.size_basis["year"])),
                ("staff", &text_of(&e.size_basis["staff"])),
                ("revenue", &text_of(&e.size_basis["revenue_wan_yuan"])),
                ("rules", &text_of(&e.size_basis["rules"])),
            ],
        )
    } else {
        String::new()
    };
    let titles = crate::pages::talent::granted_titles(&state, &user, &c.t, &uscc).await?;
    let page = DetailPage {
        status: choice_label(fields::STATUS_CHOICES, &e.status),
        status_class: status_class(&e.status),
        can_write: user.actor.can(Permission::ENTERPRISE_WRITE),
        can_submit,
        can_confirm,
        pending,
        profile,
        size,
        size_basis,
        years,
        figures,
        honors,
        titles,
        history: history_rows(&c.t, history, false),
        c,
        e,
    };
    Ok(render(&page)?.into_response())
}

/// The current profile as form text.
fn values_of(e: &EnterpriseView) -> HashMap<String, String> {
    let json = serde_json::to_value(e).unwrap_or_default();
    ENTERPRISE_FIELDS
        .iter()
        .map(|f| {
            (
                f.key.to_string(),
                app::enterprise::json_text(&json.get(f.key).cloned().unwrap_or_default()),
            )
        })
        .collect()
}

async fn form_page(
    state: &AppState,
    user: &Authed,
    uscc: Option<&str>,
    values: HashMap<String, String>,
    errors: FieldErrors,
) -> WebResult<FormPage> {
    let proposing = uscc.is_some() && !user.actor.can(Permission::ENTERPRISE_WRITE);
    let (path, key) = match uscc {
        None => ("/enterprises/new".to_string(), "enterprise.new"),
        Some(u) => (
            format!("/enterprises/{u}/edit"),
            if proposing {
                "enterprise.propose"
            } else {
                "enterprise.edit"
            },
        ),
    };
    let mut c = Chrome::build(
        state,
        user,
        "/enterprises",
        key,
        &[("/enterprises", "enterprise.list_title")],
    )
    .await;
    c.other_lang_url = format!("{path}?lang={}", user.lang.other().tag());
    Ok(FormPage {
        heading: c.t.get(key),
        proposing,
        action: match uscc {
            None => "/enterprises".into(),
            Some(u) => format!("/enterprises/{u}/edit"),
        },
        cancel: match uscc {
            None => "/enterprises".into(),
            Some(u) => format!("/enterprises/{u}"),
        },
        fields: form_fields(
            ENTERPRISE_FIELDS,
            user.lang,
            &values,
            if uscc.is_some() { &["uscc"] } else { &[] },
        ),
        errors,
        c,
    })
}

async fn new_page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    user.actor.require(Permission::ENTERPRISE_WRITE)?;
    Ok(
        render(&form_page(&state, &user, None, HashMap::new(), FieldErrors::default()).await?)?
            .into_response(),
    )
}

async fn create(
    State(state): State<AppState>,
    user: Authed,
    Form(mut raw): Form<HashMap<String, String>>,
) -> WebResult<Response> {
    raw.remove(crate::session::CSRF_FIELD);
    match app::enterprise::create_enterprise(&state.app, &user.actor, &user.meta, &raw).await {
        Ok(v) => Ok(Redirect::to(&format!("/enterprises/{}", v.uscc)).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&Tr::new(user.lang), &errs);
            let page = form_page(&state, &user, None, raw, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_page(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
) -> WebResult<Response> {
    let e = app::enterprise::get_enterprise(&state.app, &user.actor, &uscc).await?;
    if !user.actor.can(Permission::ENTERPRISE_WRITE) {
        user.actor.require(Permission::ENTERPRISE_SUBMIT)?;
    }
    Ok(render(
        &form_page(
            &state,
            &user,
            Some(&uscc),
            values_of(&e),
            FieldErrors::default(),
        )
        .await?,
    )?
    .into_response())
}

async fn edit(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
    Form(mut raw): Form<HashMap<String, String>>,
) -> WebResult<Response> {
    raw.remove(crate::session::CSRF_FIELD);
    let result = if user.actor.can(Permission::ENTERPRISE_WRITE) {
        app::enterprise::update_enterprise(&state.app, &user.actor, &user.meta, &uscc, &raw)
            .await
            .map(|_| ())
    } else {
        app::enterprise::submit_change(&state.app, &user.actor, &user.meta, &uscc, None, &raw)
            .await
            .map(|_| ())
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/enterprises/{uscc}")).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let errors = FieldErrors::from_app(&Tr::new(user.lang), &errs);
            let page = form_page(&state, &user, Some(&uscc), raw, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct ReasonForm {
    #[serde(default)]
    reason: String,
}

async fn decide(
    state: &AppState,
    user: &Authed,
    id: i64,
    approve: bool,
    reason: &str,
) -> WebResult<Response> {
    let v =
        app::enterprise::decide_change(&state.app, &user.actor, &user.meta, id, approve, reason)
            .await?;
    Ok(Redirect::to(&format!("/enterprises/{}", v.uscc)).into_response())
}

async fn approve(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    decide(&state, &user, id, true, "").await
}

async fn return_change(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<ReasonForm>,
) -> WebResult<Response> {
    decide(&state, &user, id, false, &f.reason).await
}

/// One column of the dictionary: header, JSON key, format and values.
type DictionaryRow = (String, String, String);

#[derive(Template)]
#[template(path = "data_dictionary.html")]
struct DictionaryPage {
    c: Chrome,
    tables: Vec<(String, Vec<DictionaryRow>)>,
}

async fn dictionary(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    user.actor.require(Permission::ENTERPRISE_READ)?;
    let c = Chrome::build(&state, &user, "/data-dictionary", "dictionary.title", &[]).await;
    let table = |key: &str, fs: &[Field]| {
        (
            c.t.get(key),
            fs.iter()
                .map(|f| {
                    (
                        label(user.lang, f).to_string(),
                        f.key.to_string(),
                        fields::note(f),
                    )
                })
                .collect(),
        )
    };
    let tables = vec![
        table("dictionary.enterprises", ENTERPRISE_FIELDS),
        table("dictionary.financials", FINANCIAL_FIELDS),
        table("dictionary.honors", HONOR_FIELDS),
    ];
    Ok(render(&DictionaryPage { c, tables })?.into_response())
}
