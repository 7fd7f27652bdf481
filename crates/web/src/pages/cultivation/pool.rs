//! Pool and campaign pages: the pool and reserve lists with entry and exit, the campaigns with
//! their windows.

use super::{ListFilters, track_label, track_options};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::list;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::cultivation::{NewCampaign, NewPoolEntry, PoolFilterForm};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use policy::org::Permission;
use serde::Deserialize;

/// The routes of this file.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .route("/cultivation/pools", get(list_page).post(enter))
        .route("/cultivation/pool-entries/{id}/exit", post(exit))
        .route(
            "/cultivation/campaigns",
            get(campaigns).post(create_campaign),
        )
}

struct Row {
    id: i64,
    uscc: String,
    track: String,
    year: i32,
    list: String,
    status: String,
    in_pool: bool,
    reason: String,
}

#[derive(Debug, Default, Deserialize)]
struct EntryForm {
    #[serde(default)]
    uscc: String,
    #[serde(default)]
    track: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    list: String,
    #[serde(default)]
    reason: String,
}

#[derive(Template)]
#[template(path = "cultivation_pools.html")]
struct ListPage {
    c: Chrome,
    f: ListFilters,
    tracks: Vec<(String, String)>,
    can_manage: bool,
    v: EntryForm,
    errors: FieldErrors,
    items: Vec<Row>,
    first_url: String,
    next_url: Option<String>,
}

async fn list_view(
    state: &AppState,
    user: &Authed,
    f: ListFilters,
    v: EntryForm,
    errors: FieldErrors,
) -> WebResult<ListPage> {
    let form = PoolFilterForm {
        region: ListFilters::given(&f.region),
        track: ListFilters::given(&f.track),
        year: f.year(),
        list: ListFilters::given(&f.list),
    };
    let page =
        app::cultivation::list_pool(&state.app, &user.actor, &form, f.page.request()).await?;
    let c = Chrome::build(state, user, "/cultivation/pools", "cultivation.pools", &[]).await;
    let (first_url, next_url) = list::pager(
        "/cultivation/pools",
        &f.pairs(),
        &f.page,
        page.next_cursor.as_deref(),
    );
    let items = page
        .items
        .into_iter()
        .map(|e| Row {
            id: e.id,
            track: track_label(&c.t, &e.track),
            year: e.year,
            list: c.t.get(&format!("cultivation.list.{}", e.list)),
            in_pool: e.status == "in",
            status: c.t.get(&format!("cultivation.pool_status.{}", e.status)),
            reason: if e.status == "in" {
                e.entry_reason
            } else {
                e.exit_reason
            },
            uscc: e.uscc,
        })
        .collect();
    Ok(ListPage {
        tracks: track_options(&c.t, false),
        can_manage: user.actor.can(Permission::CULTIVATION_POOL_MANAGE),
        c,
        f,
        v,
        errors,
        items,
        first_url,
        next_url,
    })
}

async fn list_page(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<ListFilters>,
) -> WebResult<Response> {
    let v = EntryForm {
        year: app::notice::today().format("%Y").to_string(),
        ..Default::default()
    };
    Ok(render(&list_view(&state, &user, f, v, FieldErrors::default()).await?)?.into_response())
}

async fn enter(
    State(state): State<AppState>,
    user: Authed,
    Form(v): Form<EntryForm>,
) -> WebResult<Response> {
    let n = NewPoolEntry {
        uscc: v.uscc.clone(),
        track: v.track.clone(),
        year: v.year.trim().parse().unwrap_or(0),
        list: Some(v.list.clone()),
        reason: v.reason.clone(),
        entered_on: None,
    };
    let result = app::cultivation::add_to_pool(&state.app, &user.actor, &user.meta, &n).await;
    super::after_post(
        &user,
        result,
        |_| "/cultivation/pools".to_string(),
        async |errors| list_view(&state, &user, ListFilters::default(), v, errors).await,
    )
    .await
}

#[derive(Debug, Deserialize)]
struct ReasonForm {
    #[serde(default)]
    reason: String,
}

async fn exit(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<ReasonForm>,
) -> WebResult<Response> {
    app::cultivation::exit_pool(&state.app, &user.actor, &user.meta, id, &f.reason).await?;
    Ok(Redirect::to("/cultivation/pools").into_response())
}

struct CampaignRow {
    name: String,
    track: String,
    year: i32,
    window: String,
}

#[derive(Debug, Default, Deserialize)]
struct CampaignForm {
    #[serde(default)]
    track: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    closes_on: String,
}

#[derive(Template)]
#[template(path = "cultivation_campaigns.html")]
struct CampaignPage {
    c: Chrome,
    tracks: Vec<(String, String)>,
    can_manage: bool,
    v: CampaignForm,
    errors: FieldErrors,
    items: Vec<CampaignRow>,
}

async fn campaign_view(
    state: &AppState,
    user: &Authed,
    v: CampaignForm,
    errors: FieldErrors,
) -> WebResult<CampaignPage> {
    let list = app::cultivation::list_campaigns(&state.app, &user.actor, None, None).await?;
    let c = Chrome::build(
        state,
        user,
        "/cultivation/campaigns",
        "cultivation.campaigns",
        &[],
    )
    .await;
    let items = list
        .into_iter()
        .map(|k| CampaignRow {
            track: track_label(&c.t, &k.track),
            year: k.year,
            window: format!("{} ~ {}", k.opens_on, k.closes_on),
            name: k.name,
        })
        .collect();
    Ok(CampaignPage {
        tracks: track_options(&c.t, true),
        can_manage: user.actor.can(Permission::CULTIVATION_POOL_MANAGE),
        c,
        v,
        errors,
        items,
    })
}

async fn campaigns(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    Ok(render(
        &campaign_view(
            &state,
            &user,
            CampaignForm::default(),
            FieldErrors::default(),
        )
        .await?,
    )?
    .into_response())
}

async fn create_campaign(
    State(state): State<AppState>,
    user: Authed,
    Form(v): Form<CampaignForm>,
) -> WebResult<Response> {
    let t = Tr::new(user.lang);
    let date = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let mut errors = FieldErrors::default();
    let (opens, closes) = (date(&v.opens_on), date(&v.closes_on));
    if opens.is_none() {
        errors.add("opens_on", t.get("common.date_format"));
    }
    if closes.is_none() {
        errors.add("closes_on", t.get("common.date_format"));
    }
    let result = match (opens, closes) {
        (Some(o), Some(c)) => {
            let n = NewCampaign {
                track: v.track.clone(),
                year: v.year.trim().parse().unwrap_or(0),
                name: v.name.clone(),
                opens_on: o,
                closes_on: c,
            };
            app::cultivation::create_campaign(&state.app, &user.actor, &user.meta, &n)
                .await
                .map(|_| ())
        }
        _ => {
            user.actor.require(Permission::CULTIVATION_POOL_MANAGE)?;
            Err(app::AppError::Invalid(Vec::new()))
        }
    };
    match result {
        Ok(()) => Ok(Redirect::to("/cultivation/campaigns").into_response()),
        Err(app::AppError::Invalid(errs)) => {
            for (f, m) in FieldErrors::from_app(&t, &errs).all() {
                errors.add(&f, m);
            }
            let page = campaign_view(&state, &user, v, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
