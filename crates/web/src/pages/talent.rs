//! Professional titles (职称): the applications list, the application form (with the
//! enterprise's recommendation quota: places, used, by whom), an application's record with its
//! evidence, attachments, timeline and the actions allowed now (internal notice, sending,
//! qualification check, public notice, grant). ID numbers come masked from `app` unless the
//! reader may see them. Committees, meetings and the ballot are in `talent_review`.

use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::talent::{
    ApplicationFilter, ApplicationForm, ApplicationView, EventView, Evidence, Patent, QuotaView,
    RecommendationForm,
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
        .route("/talent/applications", get(list_page).post(create))
        .route("/talent/applications/new", get(new_page))
        .route("/talent/export.csv", get(export))
        .route("/talent/applications/{id}", get(record_page))
        .route("/talent/applications/{id}/actions", post(act))
        .merge(crate::pages::talent_files::routes())
        .merge(crate::pages::talent_review::routes())
}

/// Labels of a state, level, route, series and specialty.
pub(crate) fn label(t: &Tr, kind: &str, code: &str) -> String {
    let key = format!("talent.{kind}.{code}");
    if t.has(&key) {
        t.get(&key)
    } else {
        code.to_string()
    }
}

/// The tag colour of a state (ui.md: green done, blue in progress, orange returned, red refused).
pub(crate) fn state_class(state: &str) -> &'static str {
    match state {
        "granted" | "passed" | "qualified" => "green",
        "returned" | "public_notice" => "orange",
        "rejected" | "failed" | "withdrawn" => "red",
        "draft" => "grey",
        _ => "blue",
    }
}

/// A row of the list, labelled.
pub(crate) struct Row {
    pub a: ApplicationView,
    pub state: String,
    pub state_class: &'static str,
    pub level: String,
    pub specialty: String,
    pub route: String,
}

pub(crate) fn row(t: &Tr, a: ApplicationView) -> Row {
    Row {
        state: label(t, "state", &a.state),
        state_class: state_class(&a.state),
        level: label(t, "level", &a.level),
        specialty: label(t, "specialty", &a.specialty),
        route: label(t, "route", &a.route),
        a,
    }
}

/// The titles granted to an enterprise's staff, for its record page (none without
/// `talent:read`).
pub(crate) async fn granted_titles(
    state: &AppState,
    user: &Authed,
    t: &Tr,
    uscc: &str,
) -> WebResult<Vec<Row>> {
    if !user.actor.can(Permission::TALENT_READ) {
        return Ok(Vec::new());
    }
    let f = ApplicationFilter {
        uscc: Some(uscc.to_string()),
        state: Some("granted".into()),
        ..Default::default()
    };
    Ok(app::talent::list_applications(&state.app, &user.actor, &f)
        .await?
        .into_iter()
        .map(|a| row(t, a))
        .collect())
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    year: String,
    #[serde(default)]
    state: String,
}

#[derive(Template)]
#[template(path = "talent/applications.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<Row>,
    year: String,
    state: String,
    states: Vec<(String, String)>,
    can_apply: bool,
}

async fn list_page(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<ListQuery>,
) -> WebResult<Response> {
    let filter = ApplicationFilter {
        year: q.year.trim().parse().ok(),
        state: Some(q.state.trim().to_string()).filter(|s| !s.is_empty()),
        ..Default::default()
    };
    let list = app::talent::list_applications(&state.app, &user.actor, &filter).await?;
    let c = Chrome::build(
        &state,
        &user,
        "/talent/applications",
        "talent.applications",
        &[],
    )
    .await;
    let rows = list.into_iter().map(|a| row(&c.t, a)).collect();
    let states = policy::talent::ApplicationState::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), label(&c.t, "state", s.as_str())))
        .collect();
    let can_apply =
        user.actor.can(Permission::TALENT_APPLY) || user.actor.can(Permission::TALENT_RECOMMEND);
    Ok(render(&ListPage {
        c,
        rows,
        year: q.year,
        state: q.state,
        states,
        can_apply,
    })?
    .into_response())
}

/// The list as CSV: the same rows and masking as the page.
async fn export(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<ListQuery>,
) -> WebResult<Response> {
    let filter = ApplicationFilter {
        year: q.year.trim().parse().ok(),
        state: Some(q.state.trim().to_string()).filter(|s| !s.is_empty()),
        ..Default::default()
    };
    let bytes = app::talent::export_applications_csv(&state.app, &user.actor, &filter).await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"talent-applications.csv\"",
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The application form as typed (kept on error).
#[derive(Deserialize, Default, Clone)]
struct NewForm {
    #[serde(default)]
    year: String,
    #[serde(default)]
    person_name: String,
    #[serde(default)]
    id_number: String,
    #[serde(default)]
    specialty: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    route: String,
    #[serde(default)]
    education: String,
    #[serde(default)]
    current_title: String,
    #[serde(default)]
    years_in_title: String,
    #[serde(default)]
    years_of_work: String,
    /// One patent a line: kind (发明/实用新型), number, title.
    #[serde(default)]
    patents: String,
    #[serde(default)]
    innovation: String,
    #[serde(default)]
    technology_development: String,
    #[serde(default)]
    production_results: String,
    #[serde(default)]
    promotion: String,
    #[serde(default)]
    public_service: String,
    #[serde(default)]
    market_recognition: String,
    #[serde(default)]
    recommender_name: String,
    #[serde(default)]
    recommender_role: String,
}

#[derive(Template)]
#[template(path = "talent/application_new.html")]
struct NewPage {
    c: Chrome,
    f: NewForm,
    errors: FieldErrors,
    quota: Option<QuotaView>,
    specialties: Vec<(String, String)>,
    levels: Vec<(String, String)>,
    educations: Vec<(String, String)>,
}

async fn new_view(
    state: &AppState,
    user: &Authed,
    f: NewForm,
    errors: FieldErrors,
) -> WebResult<NewPage> {
    let c = Chrome::build(
        state,
        user,
        "/talent/applications/new",
        "talent.new",
        &[("/talent/applications", "talent.applications")],
    )
    .await;
    let year = f
        .year
        .trim()
        .parse()
        .unwrap_or_else(|_| chrono::Datelike::year(&app::talent::today()));
    let quota = match &user.actor.enterprise {
        Some(u) => app::talent::quota_of(&state.app, &user.actor, u.as_str(), year)
            .await
            .ok(),
        None => None,
    };
    let rules = app::talent::talent_rules()?;
    let specialties = rules
        .series("engineering")
        .map(|s| {
            s.specialties
                .iter()
                .map(|p| (p.code.clone(), label(&c.t, "specialty", &p.code)))
                .collect()
        })
        .unwrap_or_default();
    let codes = |kind: &str, list: &[&str]| -> Vec<(String, String)> {
        list.iter()
            .map(|x| (x.to_string(), label(&c.t, kind, x)))
            .collect()
    };
    let levels = codes(
        "level",
        &[
            "full_senior",
            "associate_senior",
            "intermediate",
            "assistant",
            "member",
        ],
    );
    let educations = codes(
        "education",
        &["secondary", "associate", "bachelor", "master", "doctorate"],
    );
    Ok(NewPage {
        c,
        f,
        errors,
        quota,
        specialties,
        levels,
        educations,
    })
}

async fn new_page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    if !user.actor.can(Permission::TALENT_APPLY) && !user.actor.can(Permission::TALENT_RECOMMEND) {
        return Err(app::AppError::Forbidden(Permission::TALENT_APPLY).into());
    }
    Ok(
        render(&new_view(&state, &user, NewForm::default(), FieldErrors::default()).await?)?
            .into_response(),
    )
}

fn patents(text: &str) -> Vec<Patent> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut p = l.split([',', '，']).map(str::trim);
            let kind = match p.next().unwrap_or_default() {
                "发明" | "发明专利" | "invention" => "invention",
                "实用新型" | "utility_model" => "utility_model",
                other => other,
            };
            Patent {
                kind: kind.into(),
                number: p.next().unwrap_or_default().into(),
                title: p.next().unwrap_or_default().into(),
            }
        })
        .collect()
}

fn number(s: &str) -> i32 {
    s.trim().parse().unwrap_or(0)
}

async fn create(
    State(state): State<AppState>,
    user: Authed,
    Form(f): Form<NewForm>,
) -> WebResult<Response> {
    let recommendation = (f.route == "recommendation").then(|| RecommendationForm {
        recommender_name: f.recommender_name.clone(),
        recommender_role: f.recommender_role.clone(),
    });
    let form = ApplicationForm {
        year: f.year.trim().parse().ok(),
        uscc: None,
        person_name: f.person_name.clone(),
        id_number: f.id_number.clone(),
        series: "engineering".into(),
        specialty: f.specialty.clone(),
        level: f.level.clone(),
        route: f.route.clone(),
        education: f.education.clone(),
        current_title: Some(f.current_title.clone()),
        years_in_title: number(&f.years_in_title),
        years_of_work: number(&f.years_of_work),
        evidence: Evidence {
            innovation: f.innovation.clone(),
            technology_development: f.technology_development.clone(),
            patents: patents(&f.patents),
            production_results: f.production_results.clone(),
            promotion: f.promotion.clone(),
            public_service: f.public_service.clone(),
            market_recognition: f.market_recognition.clone(),
        },
        attachments: Vec::new(),
        recommendation,
    };
    match app::talent::create_application(&state.app, &user.actor, &user.meta, &form).await {
        Ok(v) => Ok(Redirect::to(&format!("/talent/applications/{}", v.id)).into_response()),
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

/// An event of the timeline, labelled.
pub(crate) struct Step {
    pub e: EventView,
    pub action: String,
    pub state: String,
}

#[derive(Template)]
#[template(path = "talent/application.html")]
struct RecordPage {
    c: Chrome,
    r: Row,
    education: String,
    current_title: String,
    conditions_met: Option<bool>,
    steps: Vec<Step>,
    files: Vec<app::talent::FileView>,
    errors: FieldErrors,
    can_notice: bool,
    can_send: bool,
    can_check: bool,
    can_publish: bool,
    can_conclude: bool,
    can_upload: bool,
    notice_id: Option<i64>,
}

async fn record_view(
    state: &AppState,
    user: &Authed,
    id: i64,
    errors: FieldErrors,
) -> WebResult<RecordPage> {
    let a = app::talent::get_application(&state.app, &user.actor, id).await?;
    let events = app::talent::application_events(&state.app, &user.actor, id).await?;
    let files = app::talent::list_files(&state.app, &user.actor, id).await?;
    let notice_id = app::talent::result_notice(&state.app, &user.actor, id).await?;
    let path = format!("/talent/applications/{id}");
    let c = Chrome::build(
        state,
        user,
        &path,
        "talent.application",
        &[("/talent/applications", "talent.applications")],
    )
    .await;
    let actor = &user.actor;
    let s = a.state.as_str();
    let applies = actor.can(Permission::TALENT_APPLY);
    let reviews = actor.can(Permission::TALENT_REVIEW);
    let steps = events
        .into_iter()
        .map(|e| Step {
            action: label(&c.t, "action", &e.action),
            state: label(&c.t, "state", &e.to_state),
            e,
        })
        .collect();
    Ok(RecordPage {
        education: label(&c.t, "education", &a.education),
        current_title: a
            .current_title
            .as_deref()
            .map(|x| label(&c.t, "level", x))
            .unwrap_or_else(|| "—".into()),
        conditions_met: a.conditions.get("met").and_then(serde_json::Value::as_bool),
        can_notice: applies && s == "draft",
        can_send: applies && matches!(s, "internal_notice" | "returned"),
        can_check: reviews && s == "submitted",
        can_publish: reviews && s == "passed",
        can_conclude: reviews && s == "public_notice",
        can_upload: applies && matches!(s, "draft" | "internal_notice" | "returned"),
        notice_id,
        r: row(&c.t, a),
        c,
        steps,
        files,
        errors,
    })
}

async fn record_page(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    Ok(render(&record_view(&state, &user, id, FieldErrors::default()).await?)?.into_response())
}

#[derive(Deserialize, Default)]
struct ActionForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

fn day(s: &str, field: &str) -> Result<chrono::NaiveDate, app::AppError> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| app::AppError::invalid(field, "common.date_format"))
}

async fn act(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<ActionForm>,
) -> WebResult<Response> {
    let (a, actor, meta) = (&state.app, &user.actor, &user.meta);
    let done = match f.action.as_str() {
        "internal_notice" => match (day(&f.from, "from"), day(&f.to, "to")) {
            (Ok(from), Ok(to)) => {
                app::talent::start_internal_notice(a, actor, meta, id, from, to).await
            }
            (Err(e), _) | (_, Err(e)) => Err(e),
        },
        "send" => app::talent::send_application(a, actor, meta, id).await,
        "check" => {
            app::talent::check_qualification(a, actor, meta, id, &f.decision, &f.reason).await
        }
        "publish" => app::talent::publish_result(a, actor, meta, id).await,
        "conclude" => app::talent::conclude_notice(a, actor, meta, id).await,
        _ => Err(app::AppError::invalid("action", "talent.choice")),
    };
    match done {
        Ok(_) => Ok(Redirect::to(&format!("/talent/applications/{id}")).into_response()),
        Err(app::AppError::Invalid(errs)) => record_with_errors(&state, &user, id, &errs).await,
        Err(e) => Err(e.into()),
    }
}

/// The record page again with the refusal's messages (422).
pub(crate) async fn record_with_errors(
    state: &AppState,
    user: &Authed,
    id: i64,
    errs: &[app::FieldError],
) -> WebResult<Response> {
    let errors = FieldErrors::from_app(&Tr::new(user.lang), errs);
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        render(&record_view(state, user, id, errors).await?)?,
    )
        .into_response())
}
