//! Competition pages: the list, and a competition's page with its tracks, figures, projects,
//! deals and rankings, and — for a judge — the projects to score with the rubric. The
//! organisers' and registrants' forms post to the handlers of `innovation_competition_manage`.

use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::chrome::Chrome;
use crate::pages::{FieldErrors, render};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::innovation::{CompetitionStats, CompetitionView, ScoreForm};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use policy::org::Permission;
use std::collections::BTreeMap;

pub(crate) fn routes() -> RouteTable {
    RouteTable::new()
        .route(
            "/innovation/competitions",
            get(list_page).post(super::innovation_competition_manage::create),
        )
        .route("/innovation/competitions/{id}", get(record_page))
        .route("/innovation/competitions/{id}/scores", post(score))
}

fn stage(t: &Tr, s: &str) -> String {
    t.get(&format!("competition.stage.{s}"))
}

#[derive(Template)]
#[template(path = "innovation_competitions.html")]
pub(crate) struct ListPage {
    c: Chrome,
    items: Vec<(CompetitionView, String, usize)>,
    can_manage: bool,
    errors: Vec<(String, String)>,
    form: super::innovation_competition_manage::CompetitionPageForm,
}

async fn list_page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    Ok(render(&list_view(&state, &user, Vec::new(), Default::default()).await?)?.into_response())
}

/// The list with the new-competition form (echoing `form` and its `errors`).
pub(crate) async fn list_view(
    state: &AppState,
    user: &Authed,
    errors: Vec<(String, String)>,
    form: super::innovation_competition_manage::CompetitionPageForm,
) -> WebResult<ListPage> {
    let list = app::innovation::list_competitions(&state.app, &user.actor).await?;
    let c = Chrome::build(
        state,
        user,
        "/innovation/competitions",
        "competition.title",
        &[],
    )
    .await;
    let items = list
        .into_iter()
        .map(|v| {
            let s = stage(&c.t, &v.stage);
            let n = v.tracks.iter().map(|t| t.projects).sum();
            (v, s, n)
        })
        .collect();
    Ok(ListPage {
        c,
        items,
        can_manage: user.actor.can(Permission::COMPETITION_MANAGE),
        errors,
        form,
    })
}

struct Criterion {
    code: String,
    name: String,
    max: u32,
}

struct Assigned {
    project_id: i64,
    title: String,
    team: String,
    track: String,
    description: String,
    round: String,
    total: Option<i32>,
    /// (criterion code, name, max, value so far).
    inputs: Vec<(String, String, u32, String)>,
    comment: String,
}

struct RankRow {
    rank: usize,
    title: String,
    team: String,
    judges: usize,
    raw_mean: String,
    normalised: String,
    award: String,
    outliers: String,
}

struct TrackBlock {
    name: String,
    rows: Vec<RankRow>,
}

struct ProjectRow {
    id: i64,
    title: String,
    team: String,
    employer: String,
    track: String,
    stage: String,
    finalist: bool,
    award: String,
}

struct DealRow {
    project: String,
    kind: String,
    amount: String,
    status: String,
    signed_on: String,
}

#[derive(Template)]
#[template(path = "innovation_competition.html")]
pub(crate) struct RecordPage {
    c: Chrome,
    v: CompetitionView,
    stage: String,
    organisers: String,
    stats: CompetitionStats,
    tracks: Vec<(String, usize)>,
    deals: Vec<DealRow>,
    ranking: Vec<TrackBlock>,
    round_name: String,
    assigned: Vec<Assigned>,
    errors: Vec<(String, String)>,
    projects: Vec<ProjectRow>,
    /// (code, name) of the tracks, for the registration and filter forms.
    track_options: Vec<(String, String)>,
    can_manage: bool,
    can_register: bool,
    is_judge: bool,
}

/// A competition's page, with `errors` of a form that was refused shown at the top.
pub(crate) async fn record_view(
    state: &AppState,
    user: &Authed,
    id: i64,
    errors: Vec<(String, String)>,
) -> WebResult<RecordPage> {
    let v = app::innovation::get_competition(&state.app, &user.actor, id).await?;
    let stats = app::innovation::competition_stats(&state.app, &user.actor, id).await?;
    let deals = app::innovation::list_deals(&state.app, &user.actor, id).await?;
    let projects = app::innovation::list_projects(&state.app, &user.actor, id, None).await?;
    let c = Chrome::build(
        state,
        user,
        &format!("/innovation/competitions/{id}"),
        "competition.record",
        &[("/innovation/competitions", "competition.title")],
    )
    .await;
    let t = c.t;
    let zh = user.lang.tag() == "zh-CN";
    let track_name = |code: &str| {
        v.tracks
            .iter()
            .find(|x| x.code == code)
            .map(|x| {
                if zh {
                    x.name_zh.clone()
                } else {
                    x.name_en.clone()
                }
            })
            .unwrap_or_else(|| code.to_string())
    };
    let round = if v.stage == "preliminary" || v.stage == "registration" {
        "preliminary"
    } else {
        "final"
    };
    let ranking = if v.stage == "awarded" || user.actor.can(Permission::COMPETITION_MANAGE) {
        app::innovation::ranking(&state.app, &user.actor, id, round)
            .await
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let assigned = if user.actor.can(Permission::INNOVATION_JUDGE) {
        app::innovation::my_assignments(&state.app, &user.actor, id)
            .await
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let rules = app::innovation::innovation_rules()?;
    let criteria: Vec<Criterion> = rules
        .competition
        .criteria
        .iter()
        .map(|k| Criterion {
            code: k.code.clone(),
            name: if zh {
                k.name_zh.clone()
            } else {
                k.name_en.clone()
            },
            max: k.max,
        })
        .collect();
    Ok(RecordPage {
        stage: stage(&t, &v.stage),
        organisers: v.organisers.join("、"),
        tracks: v
            .tracks
            .iter()
            .map(|x| (track_name(&x.code), x.projects))
            .collect(),
        deals: deals
            .iter()
            .map(|d| DealRow {
                project: projects
                    .iter()
                    .find(|p| p.id == d.project_id)
                    .map(|p| p.title.clone())
                    .unwrap_or_default(),
                kind: t.get(&format!("competition.deal.{}", d.kind)),
                amount: d.amount_wan_yuan.clone(),
                status: t.get(&format!("competition.deal_status.{}", d.status)),
                signed_on: d.signed_on.map(|x| x.to_string()).unwrap_or_default(),
            })
            .collect(),
        ranking: ranking
            .iter()
            .map(|tr| TrackBlock {
                name: track_name(&tr.track),
                rows: tr
                    .rows
                    .iter()
                    .take(10)
                    .map(|r| RankRow {
                        rank: r.rank,
                        title: r.project.title.clone(),
                        team: r.project.team_name.clone(),
                        judges: r.judges,
                        raw_mean: r.raw_mean.clone(),
                        normalised: r.normalised.clone(),
                        award: r
                            .project
                            .award
                            .as_ref()
                            .map(|a| t.get(&format!("competition.award.{a}")))
                            .unwrap_or_default(),
                        outliers: r.outliers.join("、"),
                    })
                    .collect(),
            })
            .collect(),
        round_name: t.get(&format!("competition.round.{round}")),
        assigned: assigned
            .into_iter()
            .map(|a| Assigned {
                project_id: a.project.id,
                title: a.project.title.clone(),
                team: a.project.team_name.clone(),
                track: track_name(&a.project.track),
                description: a.project.description.clone(),
                round: a.round.clone(),
                total: a.score.as_ref().map(|s| s.total),
                inputs: criteria
                    .iter()
                    .map(|k| {
                        let value = a
                            .score
                            .as_ref()
                            .and_then(|s| s.criteria.get(&k.code))
                            .map(|v| v.to_string())
                            .unwrap_or_default();
                        (k.code.clone(), k.name.clone(), k.max, value)
                    })
                    .collect(),
                comment: a.score.map(|s| s.comment).unwrap_or_default(),
            })
            .collect(),
        errors,
        stats,
        projects: projects
            .iter()
            .map(|p| ProjectRow {
                id: p.id,
                title: p.title.clone(),
                team: p.team_name.clone(),
                employer: p.employer.clone(),
                track: track_name(&p.track),
                stage: t.get(&format!("competition.project_stage.{}", p.stage)),
                finalist: p.finalist,
                award: p
                    .award
                    .as_ref()
                    .map(|a| t.get(&format!("competition.award.{a}")))
                    .unwrap_or_default(),
            })
            .collect(),
        track_options: v
            .tracks
            .iter()
            .map(|x| (x.code.clone(), track_name(&x.code)))
            .collect(),
        can_manage: user.actor.can(Permission::COMPETITION_MANAGE),
        can_register: user.actor.can(Permission::COMPETITION_REGISTER)
            || user.actor.can(Permission::COMPETITION_MANAGE),
        is_judge: user.actor.can(Permission::INNOVATION_JUDGE),
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

async fn score(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Form(f): Form<BTreeMap<String, String>>,
) -> WebResult<Response> {
    let criteria = f
        .iter()
        .filter_map(|(k, v)| {
            let code = k.strip_prefix("c_")?;
            Some((
                code.to_string(),
                v.trim().parse::<u32>().unwrap_or(u32::MAX),
            ))
        })
        .collect();
    let form = ScoreForm {
        project_id: f
            .get("project_id")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(0),
        round: f.get("round").cloned().unwrap_or_default(),
        criteria,
        comment: f.get("comment").cloned().unwrap_or_default(),
    };
    match app::innovation::submit_score(&state.app, &user.actor, &user.meta, id, form).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/innovation/competitions/{id}#assigned")).into_response())
        }
        Err(app::AppError::Invalid(errs)) => {
            let t = Tr::new(user.lang);
            let errors = FieldErrors::from_app(&t, &errs).all();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&record_view(&state, &user, id, errors).await?)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
