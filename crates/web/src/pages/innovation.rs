//! Innovation pages: challenges (揭榜挂帅) — the list, the posting form, a challenge's record
//! with its milestones, applications, matches, actions and timeline — and a team's profile with
//! the open challenges that fit it.

use crate::error::WebResult;
use crate::format::local_time;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::list::{self, PageQuery};
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::innovation::{
    ApplicationForm, ChallengeActionForm, ChallengeListQuery, ChallengeView, MatchView,
    MilestoneForm, NewChallengeForm, TeamView,
};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use policy::org::Permission;
use serde::Deserialize;

pub(crate) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/innovation/challenges", get(list_page).post(create))
        .route("/innovation/challenges/new", get(new_page))
        .route("/innovation/challenges/{id}", get(record_page))
        .route("/innovation/challenges/{id}/act", post(act))
        .route("/innovation/teams/{id}", get(team_page))
}

/// The colour of a challenge status.
pub(crate) fn status_class(status: &str) -> &'static str {
    match status {
        "draft" => "grey",
        "returned" => "orange",
        "terminated" => "red",
        "completed" => "green",
        _ => "blue",
    }
}

struct Row {
    id: i64,
    title: String,
    enterprise: String,
    budget: String,
    fields: String,
    deadline: String,
    status: String,
    status_class: &'static str,
}

#[derive(Template)]
#[template(path = "innovation_challenges.html")]
struct ListPage {
    c: Chrome,
    status: String,
    statuses: Vec<(String, String)>,
    can_post: bool,
    items: Vec<Row>,
    first_url: String,
    next_url: Option<String>,
}

#[derive(Deserialize, Default)]
struct Filters {
    status: Option<String>,
    #[serde(flatten)]
    page: PageQuery,
}

async fn list_page(
    State(state): State<AppState>,
    user: Authed,
    Query(f): Query<Filters>,
) -> WebResult<Response> {
    let status = f.status.clone().filter(|s| !s.trim().is_empty());
    let page = app::innovation::list_challenges(
        &state.app,
        &user.actor,
        &ChallengeListQuery {
            status: status.clone(),
            competition_id: None,
            cursor: f.page.cursor.clone(),
            limit: f.page.limit,
        },
    )
    .await?;
    let c = Chrome::build(
        &state,
        &user,
        "/innovation/challenges",
        "challenge.title",
        &[],
    )
    .await;
    let (first_url, next_url) = list::pager(
        "/innovation/challenges",
        &[("status", status.clone().unwrap_or_default())],
        &f.page,
        page.next_cursor.as_deref(),
    );
    let t = &c.t;
    let items = page
        .items
        .into_iter()
        .map(|r| Row {
            id: r.id,
            enterprise: r.enterprise_name,
            budget: r.budget_wan_yuan,
            fields: r.fields.join("、"),
            deadline: r.deadline.to_string(),
            status: t.get(&format!("challenge.status.{}", r.status)),
            status_class: status_class(&r.status),
            title: r.title,
        })
        .collect();
    let statuses = policy::innovation::ChallengeState::ALL
        .iter()
        .map(|s| {
            (
                s.as_str().to_string(),
                t.get(&format!("challenge.status.{}", s.as_str())),
            )
        })
        .collect();
    let page = ListPage {
        statuses,
        can_post: user.actor.can(Permission::CHALLENGE_POST)
            || user.actor.can(Permission::CHALLENGE_MANAGE),
        status: status.unwrap_or_default(),
        c,
        items,
        first_url,
        next_url,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize, Default, Clone)]
struct NewForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    problem: String,
    #[serde(default)]
    indicators: String,
    #[serde(default)]
    acceptance: String,
    #[serde(default)]
    budget_wan_yuan: String,
    #[serde(default)]
    fields: String,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    period_months: String,
    #[serde(default)]
    eligibility: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    enterprise_uscc: String,
    #[serde(default)]
    m0_title: String,
    #[serde(default)]
    m0_amount: String,
    #[serde(default)]
    m1_title: String,
    #[serde(default)]
    m1_target: String,
    #[serde(default)]
    m1_month: String,
    #[serde(default)]
    m1_amount: String,
    #[serde(default)]
    m2_title: String,
    #[serde(default)]
    m2_target: String,
    #[serde(default)]
    m2_month: String,
    #[serde(default)]
    m2_amount: String,
}

#[derive(Template)]
#[template(path = "innovation_challenge_new.html")]
struct NewPage {
    c: Chrome,
    form: NewForm,
    own_enterprise: bool,
    errors: FieldErrors,
    summary: Vec<(String, String)>,
}

async fn new_view(
    state: &AppState,
    user: &Authed,
    form: NewForm,
    errors: FieldErrors,
) -> WebResult<NewPage> {
    if !user.actor.can(Permission::CHALLENGE_MANAGE) {
        user.actor.require(Permission::CHALLENGE_POST)?;
    }
    let c = Chrome::build(
        state,
        user,
        "/innovation/challenges/new",
        "challenge.new",
        &[("/innovation/challenges", "challenge.title")],
    )
    .await;
    Ok(NewPage {
        own_enterprise: user.actor.enterprise.is_some(),
        summary: errors.all(),
        c,
        form,
        errors,
    })
}

async fn new_page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    let form = NewForm {
        m0_title: "签约首付".into(),
        m1_title: "中期评估".into(),
        m1_month: "6".into(),
        m2_title: "结题验收".into(),
        m2_month: "12".into(),
        period_months: "12".into(),
        ..Default::default()
    };
    Ok(render(&new_view(&state, &user, form, FieldErrors::default()).await?)?.into_response())
}

fn milestone(kind: &str, title: &str, target: &str, month: &str, amount: &str) -> MilestoneForm {
    MilestoneForm {
        kind: kind.into(),
        title: title.into(),
        target: target.into(),
        due_month: month.trim().parse().ok().or(Some(0)),
        amount_wan_yuan: amount.into(),
    }
}

async fn create(
    State(state): State<AppState>,
    user: Authed,
    Form(f): Form<NewForm>,
) -> WebResult<Response> {
    let form = NewChallengeForm {
        title: f.title.clone(),
        problem: f.problem.clone(),
        indicators: f.indicators.clone(),
        acceptance: f.acceptance.clone(),
        budget_wan_yuan: f.budget_wan_yuan.clone(),
        fields: f.fields.clone(),
        deadline: chrono::NaiveDate::parse_from_str(f.deadline.trim(), "%Y-%m-%d").ok(),
        period_months: f.period_months.trim().parse().ok(),
        eligibility: f.eligibility.clone(),
        contact: f.contact.clone(),
        enterprise_uscc: Some(f.enterprise_uscc.clone()).filter(|s| !s.trim().is_empty()),
        competition_id: None,
        milestones: vec![
            milestone("signing", &f.m0_title, "", "0", &f.m0_amount),
            milestone(
                "mid_term",
                &f.m1_title,
                &f.m1_target,
                &f.m1_month,
                &f.m1_amount,
            ),
            milestone(
                "final",
                &f.m2_title,
                &f.m2_target,
                &f.m2_month,
                &f.m2_amount,
            ),
        ],
        submit: true,
    };
    match app::innovation::post_challenge(&state.app, &user.actor, &user.meta, form).await {
        Ok(v) => Ok(Redirect::to(&format!("/innovation/challenges/{}", v.id)).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let t = Tr::new(user.lang);
            let errors = FieldErrors::from_app(&t, &errs);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&new_view(&state, &user, f, errors).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

struct MilestoneRow {
    id: i64,
    seq: i32,
    kind: String,
    kind_code: String,
    title: String,
    target: String,
    due: String,
    amount: String,
    status: String,
    status_code: String,
    comment: String,
    paid_on: String,
}

struct AppRow {
    id: i64,
    team: String,
    institution: String,
    plan: String,
    status: String,
    status_code: String,
    scores: String,
    my_score: String,
    defence: String,
    winner: bool,
    /// The application's files as this reader may see them.
    files: app::attachment::FilesView,
    upload: String,
}

struct EventRow {
    time: String,
    action: String,
    actor: String,
    comment: String,
}

struct MatchRow {
    id: i64,
    name: String,
    owner: String,
    score: u32,
    reasons: String,
    applied: bool,
}

pub(crate) fn reasons(t: &Tr, m: &MatchView) -> String {
    m.reasons
        .iter()
        .map(|r| t.fmt(&r.code, &[("values", &r.values.join("、"))]))
        .collect::<Vec<_>>()
        .join("；")
}

#[derive(Template)]
#[template(path = "innovation_challenge.html")]
struct RecordPage {
    c: Chrome,
    v: ChallengeView,
    status: String,
    status_class: &'static str,
    fields: String,
    milestones: Vec<MilestoneRow>,
    applications: Vec<AppRow>,
    events: Vec<EventRow>,
    actions: Vec<(String, String)>,
    can_check: bool,
    can_release: bool,
    can_formal: bool,
    can_score: bool,
    can_select: bool,
    matches: Vec<MatchRow>,
    errors: Vec<(String, String)>,
}

async fn record_view(
    state: &AppState,
    user: &Authed,
    id: i64,
    errors: Vec<(String, String)>,
) -> WebResult<RecordPage> {
    let v = app::innovation::get_challenge(&state.app, &user.actor, id).await?;
    let path = format!("/innovation/challenges/{id}");
    let c = Chrome::build(
        state,
        user,
        &path,
        "challenge.record",
        &[("/innovation/challenges", "challenge.title")],
    )
    .await;
    let t = c.t;
    let mut files = Vec::new();
    for a in &v.applications {
        files.push(app::innovation::application_files(&state.app, &user.actor, a.id).await?);
    }
    let allowed = |a: &str| v.allowed_actions.iter().any(|x| x == a);
    let matches = if allowed("publish")
        || user.actor.can(Permission::CHALLENGE_MANAGE)
        || user
            .actor
            .enterprise
            .as_ref()
            .is_some_and(|e| e.as_str() == v.enterprise_uscc)
    {
        app::innovation::match_teams(&state.app, &user.actor, id, 10)
            .await
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let general = [
        "submit",
        "return",
        "publish",
        "close_applications",
        "overturn",
        "sign",
        "terminate",
    ];
    Ok(RecordPage {
        status: t.get(&format!("challenge.status.{}", v.status)),
        status_class: status_class(&v.status),
        fields: v.fields.join("、"),
        milestones: v
            .milestones
            .iter()
            .map(|m| MilestoneRow {
                id: m.id,
                seq: m.seq,
                kind: t.get(&format!("challenge.milestone.{}", m.kind)),
                kind_code: m.kind.clone(),
                title: m.title.clone(),
                target: m.target.clone(),
                due: m.due_on.map(|d| d.to_string()).unwrap_or_else(|| {
                    t.fmt("challenge.month_after", &[("n", &m.due_month.to_string())])
                }),
                amount: m.amount_wan_yuan.clone(),
                status: t.get(&format!("challenge.milestone_status.{}", m.status)),
                status_code: m.status.clone(),
                comment: m.check_comment.clone(),
                paid_on: m.paid_on.map(|d| d.to_string()).unwrap_or_default(),
            })
            .collect(),
        applications: v
            .applications
            .iter()
            .zip(files)
            .map(|(a, files)| AppRow {
                files,
                upload: format!(
                    "/innovation/applications/{}/files?challenge={id}&_csrf={}",
                    a.id, c.csrf
                ),
                id: a.id,
                team: a.team_name.clone(),
                institution: a.institution.clone(),
                plan: a.plan.clone(),
                status: t.get(&format!("challenge.application.{}", a.status)),
                status_code: a.status.clone(),
                scores: match &a.mean_score {
                    Some(m) => format!("{m} ({})", a.scores),
                    None => "—".into(),
                },
                my_score: a.my_score.map(|s| s.to_string()).unwrap_or_default(),
                defence: a
                    .defence_score
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| "—".into()),
                winner: v.winner_application_id == Some(a.id),
            })
            .collect(),
        events: v
            .events
            .iter()
            .map(|e| EventRow {
                time: local_time(&e.at),
                action: t.get(&format!("challenge.action.{}", e.action)),
                actor: e.actor_name.clone(),
                comment: e.comment.clone(),
            })
            .collect(),
        actions: general
            .iter()
            .filter(|a| allowed(a))
            .map(|a| (a.to_string(), t.get(&format!("challenge.action.{a}"))))
            .collect(),
        can_check: allowed("check_milestone"),
        can_release: allowed("release_tranche"),
        can_formal: allowed("formal_check"),
        can_score: allowed("score"),
        can_select: allowed("select_winner"),
        matches: matches
            .iter()
            .map(|m| MatchRow {
                id: m.id,
                name: m.name.clone(),
                owner: m.owner.clone(),
                score: m.score,
                reasons: reasons(&t, m),
                applied: m.applied,
            })
            .collect(),
        errors,
        c,
        v,
    })
}

async fn record_page(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    Ok(render(&record_view(&state, &user, id, Vec::new()).await?)?.into_response())
}

#[derive(Deserialize, Default)]
struct ActForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    application_id: String,
    #[serde(default)]
    milestone_id: String,
    #[serde(default)]
    passed: String,
    #[serde(default)]
    score: String,
    #[serde(default)]
    agreement_no: String,
    #[serde(default)]
    plan: String,
}

async fn act(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<ActForm>,
) -> WebResult<Response> {
    let result = if f.action == "apply" {
        app::innovation::apply_to_challenge(
            &state.app,
            &user.actor,
            &user.meta,
            id,
            ApplicationForm { plan: f.plan },
        )
        .await
    } else {
        let form = ChallengeActionForm {
            action: f.action,
            comment: f.comment,
            application_id: f.application_id.trim().parse().ok(),
            milestone_id: f.milestone_id.trim().parse().ok(),
            passed: match f.passed.as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            score: f.score.trim().parse().ok(),
            agreement_no: Some(f.agreement_no).filter(|s| !s.trim().is_empty()),
        };
        app::innovation::act_on_challenge(&state.app, &user.actor, &user.meta, id, form).await
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/innovation/challenges/{id}")).into_response()),
        Err(app::AppError::Invalid(errs)) => record_with_errors(&state, &user, id, &errs).await,
        Err(e) => Err(e.into()),
    }
}

/// The challenge's page again with the problems of a refused form named, answered 422
/// (nothing was changed).
pub(crate) async fn record_with_errors(
    state: &AppState,
    user: &Authed,
    id: i64,
    errs: &[app::FieldError],
) -> WebResult<Response> {
    let errors = FieldErrors::from_app(&Tr::new(user.lang), errs).all();
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        render(&record_view(state, user, id, errors).await?)?,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "innovation_team.html")]
struct TeamPage {
    c: Chrome,
    v: TeamView,
    fields: String,
    kind: String,
    fits: Vec<MatchRow>,
}

async fn team_page(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let v = app::innovation::get_team(&state.app, &user.actor, id).await?;
    let c = Chrome::build(
        &state,
        &user,
        &format!("/innovation/teams/{id}"),
        "team.record",
        &[("/innovation/challenges", "challenge.title")],
    )
    .await;
    let fits = if v.mine || user.actor.can(Permission::CHALLENGE_MANAGE) {
        app::innovation::match_challenges(&state.app, &user.actor, id, 10)
            .await
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let t = c.t;
    let page = TeamPage {
        fields: v.fields.join("、"),
        kind: t.get(&format!("team.kind.{}", v.kind)),
        fits: fits
            .iter()
            .map(|m| MatchRow {
                id: m.id,
                name: m.name.clone(),
                owner: m.owner.clone(),
                score: m.score,
                reasons: reasons(&t, m),
                applied: m.applied,
            })
            .collect(),
        c,
        v,
    };
    Ok(render(&page)?.into_response())
}
