//! The organisers' and registrants' side of a competition: creating one, registering a
//! project, assigning judges to a round, advancing to the final, giving the awards, recording
//! deals, the judges' declarations of interest and the expert pool. Each form posts here and
//! comes back to the competition's page; a refused form is shown again with every problem named.

use super::innovation_competition::{list_view, record_view};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::AppError;
use app::innovation::{CompetitionForm, DealForm, ExpertForm, ExpertView, MemberForm, ProjectForm};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

pub(crate) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/innovation/competitions/{id}/projects", post(register))
        .route("/innovation/competitions/{id}/assign", post(assign))
        .route("/innovation/competitions/{id}/advance", post(advance))
        .route("/innovation/competitions/{id}/awards", post(awards))
        .route("/innovation/competitions/{id}/deals", post(deal))
        .route("/innovation/competitions/{id}/interests", post(interest))
        .route("/innovation/experts", get(experts_page).post(add_expert))
}

/// A date typed in a form: empty is none; anything else must be `YYYY-MM-DD` (a bad date is
/// passed on as none, and the use case names the missing field).
fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// The new-competition form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct CompetitionPageForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub organisers: String,
    #[serde(default)]
    pub region_code: String,
    #[serde(default)]
    pub registration_opens: String,
    #[serde(default)]
    pub registration_closes: String,
    #[serde(default)]
    pub judges_per_project: String,
}

/// A refused form's errors as (field, message) pairs in the user's language.
fn messages(user: &Authed, errs: &[app::FieldError]) -> Vec<(String, String)> {
    FieldErrors::from_app(&Tr::new(user.lang), errs).all()
}

/// The answer to a form on a competition's page: back to the page (at `anchor`) when done; the
/// page again with the problems named (422 or 409) when refused.
async fn back_to_competition<T>(
    state: &AppState,
    user: &Authed,
    id: i64,
    anchor: &str,
    done: Result<T, AppError>,
) -> WebResult<Response> {
    let (status, errors) = match done {
        Ok(_) => {
            return Ok(
                Redirect::to(&format!("/innovation/competitions/{id}#{anchor}")).into_response(),
            );
        }
        Err(AppError::Invalid(errs)) => (StatusCode::UNPROCESSABLE_ENTITY, messages(user, &errs)),
        Err(AppError::Conflict(key)) => (
            StatusCode::CONFLICT,
            vec![(String::new(), Tr::new(user.lang).get(&key))],
        ),
        Err(e) => return Err(e.into()),
    };
    let page = record_view(state, user, id, errors).await?;
    Ok((status, render(&page)?).into_response())
}

/// Creates a competition (`POST /innovation/competitions`, routed with the list).
pub(crate) async fn create(
    State(state): State<AppState>,
    user: Authed,
    Form(f): Form<CompetitionPageForm>,
) -> WebResult<Response> {
    let form = CompetitionForm {
        title: f.title.clone(),
        year: f.year.trim().parse().ok(),
        organisers: f.organisers.clone(),
        region_code: f.region_code.clone(),
        registration_opens: date(&f.registration_opens),
        registration_closes: date(&f.registration_closes),
        judges_per_project: f.judges_per_project.trim().parse().ok(),
    };
    match app::innovation::create_competition(&state.app, &user.actor, &user.meta, form).await {
        Ok(v) => Ok(Redirect::to(&format!("/innovation/competitions/{}", v.id)).into_response()),
        Err(AppError::Invalid(errs)) => {
            let errors = messages(&user, &errs);
            let page = list_view(&state, &user, errors, f).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// A project registration as typed: members one per line, `姓名，角色，单位`.
#[derive(Debug, Default, Deserialize)]
struct RegisterPageForm {
    #[serde(default)]
    track: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    team_name: String,
    #[serde(default)]
    employer: String,
    #[serde(default)]
    members: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    attachments: String,
    #[serde(default)]
    enterprise_uscc: String,
}

/// Members typed one per line, fields separated by a Chinese or Latin comma.
fn members(text: &str) -> Vec<MemberForm> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let mut parts = line.split(['，', ',', '、']).map(|p| p.trim().to_string());
            MemberForm {
                name: parts.next().unwrap_or_default(),
                role: parts.next().unwrap_or_default(),
                employer: parts.next().unwrap_or_default(),
            }
        })
        .collect()
}

async fn register(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<RegisterPageForm>,
) -> WebResult<Response> {
    let form = ProjectForm {
        track: f.track,
        title: f.title,
        team_name: f.team_name,
        employer: f.employer,
        members: members(&f.members),
        description: f.description,
        stage: f.stage,
        attachments: f
            .attachments
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        challenge_id: None,
        enterprise_uscc: Some(f.enterprise_uscc).filter(|s| !s.trim().is_empty()),
    };
    let done =
        app::innovation::register_project(&state.app, &user.actor, &user.meta, id, form).await;
    back_to_competition(&state, &user, id, "projects", done).await
}

#[derive(Debug, Default, Deserialize)]
struct RoundForm {
    #[serde(default)]
    round: String,
}

async fn assign(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<RoundForm>,
) -> WebResult<Response> {
    let done =
        app::innovation::assign_round(&state.app, &user.actor, &user.meta, id, &f.round).await;
    back_to_competition(&state, &user, id, "manage", done).await
}

async fn advance(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let done = app::innovation::advance_to_final(&state.app, &user.actor, &user.meta, id).await;
    back_to_competition(&state, &user, id, "manage", done).await
}

async fn awards(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let done = app::innovation::give_awards(&state.app, &user.actor, &user.meta, id).await;
    back_to_competition(&state, &user, id, "manage", done).await
}

#[derive(Debug, Default, Deserialize)]
struct DealPageForm {
    #[serde(default)]
    project_id: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    amount_wan_yuan: String,
    #[serde(default)]
    counterpart: String,
    #[serde(default)]
    signed_on: String,
}

async fn deal(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<DealPageForm>,
) -> WebResult<Response> {
    let form = DealForm {
        project_id: f.project_id.trim().parse().unwrap_or(0),
        kind: f.kind,
        amount_wan_yuan: f.amount_wan_yuan,
        counterpart: f.counterpart,
        signed_on: date(&f.signed_on),
    };
    let done = app::innovation::record_deal(&state.app, &user.actor, &user.meta, id, form).await;
    back_to_competition(&state, &user, id, "deals", done).await
}

#[derive(Debug, Default, Deserialize)]
struct InterestForm {
    #[serde(default)]
    project_id: String,
}

async fn interest(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<InterestForm>,
) -> WebResult<Response> {
    let project = f.project_id.trim().parse().unwrap_or(0);
    let done =
        app::innovation::declare_interest(&state.app, &user.actor, &user.meta, id, project).await;
    back_to_competition(&state, &user, id, "projects", done).await
}

#[derive(Template)]
#[template(path = "innovation_experts.html")]
struct ExpertsPage {
    c: Chrome,
    items: Vec<ExpertView>,
    errors: Vec<(String, String)>,
    form: ExpertPageForm,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct ExpertPageForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    employer: String,
    #[serde(default)]
    fields: String,
    #[serde(default)]
    username: String,
}

async fn experts_view(
    state: &AppState,
    user: &Authed,
    errors: Vec<(String, String)>,
    form: ExpertPageForm,
) -> WebResult<ExpertsPage> {
    let items = app::innovation::list_experts(&state.app, &user.actor).await?;
    let c = Chrome::build(
        state,
        user,
        "/innovation/experts",
        "expert_pool.title",
        &[("/innovation/competitions", "competition.title")],
    )
    .await;
    Ok(ExpertsPage {
        c,
        items,
        errors,
        form,
    })
}

async fn experts_page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    let page = experts_view(&state, &user, Vec::new(), ExpertPageForm::default()).await?;
    Ok(render(&page)?.into_response())
}

async fn add_expert(
    State(state): State<AppState>,
    user: Authed,
    Form(f): Form<ExpertPageForm>,
) -> WebResult<Response> {
    let form = ExpertForm {
        name: f.name.clone(),
        employer: f.employer.clone(),
        fields: f.fields.clone(),
        username: Some(f.username.trim().to_string()).filter(|s| !s.is_empty()),
    };
    match app::innovation::add_expert(&state.app, &user.actor, &user.meta, form).await {
        Ok(_) => Ok(Redirect::to("/innovation/experts").into_response()),
        Err(AppError::Invalid(errs)) => {
            let errors = messages(&user, &errs);
            let page = experts_view(&state, &user, errors, f).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::members;

    #[test]
    fn members_are_read_one_a_line_with_either_comma() {
        let m = members("张三，负责人，聊城大学\n\n李四,成员\n王五");
        assert_eq!(m.len(), 3);
        assert_eq!(
            (
                m[0].name.as_str(),
                m[0].role.as_str(),
                m[0].employer.as_str()
            ),
            ("张三", "负责人", "聊城大学")
        );
        assert_eq!((m[1].name.as_str(), m[1].role.as_str()), ("李四", "成员"));
        assert_eq!((m[2].name.as_str(), m[2].employer.as_str()), ("王五", ""));
    }
}
