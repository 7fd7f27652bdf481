//! Application pages: the list, a new application, the record with its timeline, the
//! self-assessment card beside the evidence and the actions the user may take now, and the
//! re-review list with its 发起复核 action.

use super::card::AssessmentCard;
use super::explain;
use super::{ListFilters, after_post, state_class, track_label, track_options};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::list;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::cultivation::{ActRequest, ApplicationFilterForm, ApplicationView, NewApplication};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use policy::org::Permission;
use serde::Deserialize;

/// The routes of this file.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .route("/cultivation/applications", get(list_page).post(create))
        .route("/cultivation/applications/new", get(new_page))
        .route("/cultivation/applications/{id}", get(detail))
        .route("/cultivation/applications/{id}/actions", post(act))
        .route("/cultivation/re-review", get(re_review))
        .route(
            "/cultivation/re-review/{honor_id}/start",
            post(start_re_review),
        )
}

struct Row {
    id: i64,
    name: String,
    uscc: String,
    track: String,
    year: i32,
    kind: String,
    state: String,
    state_class: &'static str,
}

#[derive(Template)]
#[template(path = "cultivation_applications.html")]
struct ListPage {
    c: Chrome,
    f: ListFilters,
    tracks: Vec<(String, String)>,
    states: Vec<(String, String)>,
    can_apply: bool,
    items: Vec<Row>,
    first_url: String,
    next_url: Option<String>,
}

fn state_options(t: &Tr) -> Vec<(String, String)> {
    policy::cultivation::workflow::AppState::ALL
        .iter()
        .map(|s| {
            (
                s.as_str().to_string(),
                t.get(&format!("cultivation.state.{}", s.as_str())),
            )
        })
        .collect()
}

async fn list_page(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<ListFilters>,
) -> WebResult<Response> {
    let form = ApplicationFilterForm {
        region: ListFilters::given(&f.region),
        track: ListFilters::given(&f.track),
        year: f.year(),
        state: ListFilters::given(&f.state),
        applied: f.applied(),
    };
    let page =
        app::cultivation::list_applications(&state.app, &user.actor, &form, f.page.request())
            .await?;
    let c = Chrome::build(
        &state,
        &user,
        "/cultivation/applications",
        "cultivation.applications",
        &[],
    )
    .await;
    let (first_url, next_url) = list::pager(
        "/cultivation/applications",
        &f.pairs(),
        &f.page,
        page.next_cursor.as_deref(),
    );
    let items = page
        .items
        .into_iter()
        .map(|a| Row {
            id: a.id,
            name: a.enterprise_name,
            uscc: a.uscc,
            track: track_label(&c.t, &a.track),
            year: a.year,
            kind: c.t.get(&format!("cultivation.kind.{}", a.kind)),
            state_class: state_class(&a.state),
            state: c.t.get(&format!("cultivation.state.{}", a.state)),
        })
        .collect();
    let page = ListPage {
        tracks: track_options(&c.t, true),
        states: state_options(&c.t),
        can_apply: user.actor.can(Permission::CULTIVATION_APPLY),
        c,
        f,
        items,
        first_url,
        next_url,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "cultivation_application_new.html")]
struct NewPage {
    c: Chrome,
    tracks: Vec<(String, String)>,
    campaigns: Vec<(String, String)>,
    assessments: Vec<(String, String)>,
    v: NewForm,
    errors: FieldErrors,
}

#[derive(Debug, Default, Clone, Deserialize)]
struct NewForm {
    #[serde(default)]
    track: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    campaign_id: String,
    #[serde(default)]
    assessment_id: String,
    #[serde(default)]
    renews_honor_id: String,
    #[serde(default)]
    evidence: String,
}

async fn new_view(
    state: &AppState,
    user: &Authed,
    v: NewForm,
    errors: FieldErrors,
) -> WebResult<NewPage> {
    let c = Chrome::build(
        state,
        user,
        "/cultivation/applications",
        "cultivation.new_application",
        &[("/cultivation/applications", "cultivation.applications")],
    )
    .await;
    let campaigns = app::cultivation::list_campaigns(&state.app, &user.actor, None, None)
        .await?
        .into_iter()
        .map(|k| {
            (
                k.id.to_string(),
                format!("{}（{} ~ {}）", k.name, k.opens_on, k.closes_on),
            )
        })
        .collect();
    let assessments = own_assessments(state, user, &c.t, None).await;
    Ok(NewPage {
        tracks: track_options(&c.t, true),
        campaigns,
        assessments,
        c,
        v,
        errors,
    })
}

/// The enterprise user's own assessments (of one tier, or all) as select options, newest first.
async fn own_assessments(
    state: &AppState,
    user: &Authed,
    t: &Tr,
    tier: Option<&str>,
) -> Vec<(String, String)> {
    let Some(uscc) = user.actor.enterprise.as_ref().map(|u| u.to_string()) else {
        return Vec::new();
    };
    app::cultivation::assessments_of(&state.app, &user.actor, &uscc)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|l| tier.is_none_or(|x| x == l.tier))
        .map(|l| {
            let verdict = explain::met(
                t,
                match l.verdict.as_str() {
                    "qualified" => Some(true),
                    "not_qualified" => Some(false),
                    _ => None,
                },
            )
            .1;
            (
                l.id.to_string(),
                format!(
                    "#{} {} · {} · {} · {} · {}",
                    l.id,
                    explain::tier_name(t, &l.tier),
                    l.year,
                    l.rule_set,
                    verdict,
                    l.assessed_on
                ),
            )
        })
        .collect()
}

async fn new_page(
    State(state): State<AppState>,
    user: Authed,
    Query(v): Query<NewForm>,
) -> WebResult<Response> {
    user.actor.require(Permission::CULTIVATION_APPLY)?;
    let mut v = v;
    if v.year.is_empty() {
        v.year = app::notice::today().format("%Y").to_string();
    }
    Ok(render(&new_view(&state, &user, v, FieldErrors::default()).await?)?.into_response())
}

async fn create(
    State(state): State<AppState>,
    user: Authed,
    Form(v): Form<NewForm>,
) -> WebResult<Response> {
    let uscc = user
        .actor
        .enterprise
        .as_ref()
        .map(|u| u.to_string())
        .unwrap_or_default();
    let id = |s: &str| s.trim().parse::<i64>().ok();
    let n = NewApplication {
        uscc,
        track: v.track.clone(),
        year: v.year.trim().parse().unwrap_or(0),
        campaign_id: id(&v.campaign_id),
        assessment_id: id(&v.assessment_id),
        renews_honor_id: id(&v.renews_honor_id),
        evidence: v.evidence.clone(),
    };
    let result =
        app::cultivation::create_application(&state.app, &user.actor, &user.meta, &n).await;
    after_post(
        &user,
        result,
        |a| format!("/cultivation/applications/{}", a.id),
        async |errors| new_view(&state, &user, v, errors).await,
    )
    .await
}

struct Step {
    when: String,
    on: String,
    action: String,
    actor: String,
    comment: String,
    state: String,
}

#[derive(Template)]
#[template(path = "cultivation_application.html")]
struct DetailPage {
    c: Chrome,
    a: ApplicationView,
    card: Option<AssessmentCard>,
    assessments: Vec<(String, String)>,
    track: String,
    state: String,
    state_class: &'static str,
    kind: String,
    actions: Vec<(String, String, bool)>,
    can_submit: bool,
    steps: Vec<Step>,
    errors: FieldErrors,
}

async fn detail_view(
    state: &AppState,
    user: &Authed,
    id: i64,
    errors: FieldErrors,
) -> WebResult<DetailPage> {
    let a = app::cultivation::get_application(&state.app, &user.actor, id).await?;
    let c = Chrome::build(
        state,
        user,
        "/cultivation/applications",
        "cultivation.application",
        &[("/cultivation/applications", "cultivation.applications")],
    )
    .await;
    let reason_needed = |code: &str| {
        policy::cultivation::workflow::Action::parse(code).is_some_and(|a| a.needs_reason())
    };
    let actions = a
        .actions
        .iter()
        .filter(|x| x.as_str() != "submit")
        .map(|x| {
            (
                x.clone(),
                c.t.get(&format!("cultivation.action.{x}")),
                reason_needed(x),
            )
        })
        .collect();
    let steps = a
        .events
        .iter()
        .map(|e| Step {
            when: crate::format::local_time(&e.at),
            on: e.on_date.to_string(),
            action: c.t.get(&format!("cultivation.action.{}", e.action)),
            actor: e.actor_name.clone(),
            comment: e.comment.clone(),
            state: c.t.get(&format!("cultivation.state.{}", e.to_state)),
        })
        .collect();
    let can_submit = a.actions.iter().any(|x| x == "submit");
    let assessments = if can_submit {
        own_assessments(state, user, &c.t, Some(&a.track)).await
    } else {
        Vec::new()
    };
    Ok(DetailPage {
        card: a.assessment.clone().map(|v| AssessmentCard::new(&c.t, v)),
        assessments,
        track: track_label(&c.t, &a.track),
        state: c.t.get(&format!("cultivation.state.{}", a.state)),
        state_class: state_class(&a.state),
        kind: c.t.get(&format!("cultivation.kind.{}", a.kind)),
        can_submit,
        actions,
        steps,
        errors,
        c,
        a,
    })
}

async fn detail(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    Ok(render(&detail_view(&state, &user, id, FieldErrors::default()).await?)?.into_response())
}

#[derive(Debug, Deserialize)]
struct ActForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    pledge_truthful: Option<String>,
    #[serde(default)]
    pledge_compliant: Option<String>,
    #[serde(default)]
    evidence: Option<String>,
    #[serde(default)]
    assessment_id: String,
}

async fn act(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<ActForm>,
) -> WebResult<Response> {
    let req = ActRequest {
        action: f.action,
        comment: f.comment,
        pledge_truthful: f.pledge_truthful.is_some(),
        pledge_compliant: f.pledge_compliant.is_some(),
        evidence: f.evidence,
        assessment_id: f.assessment_id.trim().parse().ok(),
    };
    let result = app::cultivation::act(&state.app, &user.actor, &user.meta, id, &req).await;
    after_post(
        &user,
        result,
        |_| format!("/cultivation/applications/{id}"),
        async |errors| detail_view(&state, &user, id, errors).await,
    )
    .await
}

struct DueRow {
    honor_id: i64,
    name: String,
    uscc: String,
    title: String,
    valid_to: String,
    application_id: Option<i64>,
}

#[derive(Template)]
#[template(path = "cultivation_re_review.html")]
struct ReReviewPage {
    c: Chrome,
    months: u32,
    can_apply: bool,
    errors: FieldErrors,
    items: Vec<DueRow>,
}

#[derive(Debug, Deserialize)]
struct MonthsQuery {
    months: Option<u32>,
}

async fn re_review_view(
    state: &AppState,
    user: &Authed,
    months: Option<u32>,
    errors: FieldErrors,
) -> WebResult<ReReviewPage> {
    let months = months
        .unwrap_or(app::cultivation::expiry::DEFAULT_MONTHS_AHEAD)
        .clamp(1, 36);
    let list =
        app::cultivation::re_review_list(&state.app, &user.actor, app::notice::today(), months)
            .await?;
    let c = Chrome::build(
        state,
        user,
        "/cultivation/re-review",
        "cultivation.re_review",
        &[],
    )
    .await;
    let items = list
        .into_iter()
        .map(|i| DueRow {
            honor_id: i.honor_id,
            title: track_label(&c.t, &i.title),
            name: i.enterprise_name,
            uscc: i.uscc,
            valid_to: i.valid_to.map(|d| d.to_string()).unwrap_or_default(),
            application_id: i.application_id,
        })
        .collect();
    Ok(ReReviewPage {
        can_apply: user.actor.can(Permission::CULTIVATION_APPLY),
        c,
        months,
        items,
        errors,
    })
}

async fn re_review(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<MonthsQuery>,
) -> WebResult<Response> {
    let page = re_review_view(&state, &user, q.months, FieldErrors::default()).await?;
    Ok(render(&page)?.into_response())
}

/// 发起复核: the draft re-review application, then its record.
async fn start_re_review(
    State(state): State<AppState>,
    user: Authed,
    Path(honor_id): Path<i64>,
) -> WebResult<Response> {
    let result =
        app::cultivation::start_re_review(&state.app, &user.actor, &user.meta, honor_id).await;
    after_post(
        &user,
        result,
        |a| format!("/cultivation/applications/{}", a.id),
        async |errors| re_review_view(&state, &user, None, errors).await,
    )
    .await
}
