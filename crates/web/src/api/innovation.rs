//! Innovation: challenges (揭榜挂帅) and their workflow, research teams and matching,
//! competitions with judging, rankings, deals and figures; evaluation meetings and the public
//! rating by one-time code.

use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::{Authed, Visitor};
use crate::state::AppState;
use app::innovation::{
    ApplicationForm, AssignedProject, AssignmentSummary, ChallengeActionForm, ChallengeListQuery,
    ChallengeRowView, ChallengeView, CompetitionForm, CompetitionStats, CompetitionView, DealForm,
    DealView, ExpertForm, ExpertView, MatchView, MeetingCreated, MeetingForm, MeetingView,
    NewChallengeForm, ProjectForm, ProjectView, RatingForm, RatingSheet, ScoreForm, ScoreView,
    TeamForm, TeamView, TrackRanking,
};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route(
            "/api/v1/innovation/challenges",
            get(challenges).post(post_challenge),
        )
        .route("/api/v1/innovation/challenges/{id}", get(challenge))
        .route("/api/v1/innovation/challenges/{id}/actions", post(act))
        .route(
            "/api/v1/innovation/challenges/{id}/applications",
            post(apply),
        )
        .route(
            "/api/v1/innovation/challenges/{id}/matches",
            get(challenge_matches),
        )
        .route("/api/v1/innovation/teams", get(teams).post(save_team))
        .route("/api/v1/innovation/teams/{id}", get(team))
        .route("/api/v1/innovation/teams/{id}/matches", get(team_matches))
        .route(
            "/api/v1/innovation/competitions",
            get(competitions).post(create_competition),
        )
        .route("/api/v1/innovation/competitions/{id}", get(competition))
        .route(
            "/api/v1/innovation/competitions/{id}/projects",
            get(projects).post(register),
        )
        .route(
            "/api/v1/innovation/competitions/{id}/assignments",
            post(assign),
        )
        .route(
            "/api/v1/innovation/competitions/{id}/my-assignments",
            get(my_assignments),
        )
        .route("/api/v1/innovation/competitions/{id}/scores", post(score))
        .route(
            "/api/v1/innovation/competitions/{id}/interests",
            post(interest),
        )
        .route(
            "/api/v1/innovation/competitions/{id}/advance",
            post(advance),
        )
        .route("/api/v1/innovation/competitions/{id}/awards", post(awards))
        .route("/api/v1/innovation/competitions/{id}/ranking", get(ranking))
        .route(
            "/api/v1/innovation/competitions/{id}/deals",
            get(deals).post(record_deal),
        )
        .route("/api/v1/innovation/competitions/{id}/stats", get(stats))
        .route("/api/v1/innovation/experts", get(experts).post(add_expert))
        .route("/api/v1/meetings", get(meetings).post(create_meeting))
        .route("/api/v1/meetings/{id}", get(meeting))
        .route("/api/v1/meetings/{id}/close", post(close_meeting))
        .route("/api/v1/rate/{code}", get(rating_sheet))
        .route("/api/v1/rate", post(rate))
}

/// A page of challenges.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengePage {
    /// Rows.
    pub items: Vec<ChallengeRowView>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
}

/// Challenges the caller may see (published ones, and their own in any state), newest first.
#[utoipa::path(get, path = "/api/v1/innovation/challenges", tag = "innovation", params(ChallengeListQuery),
    responses((status = 200, body = ChallengePage), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn challenges(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<ChallengeListQuery>,
) -> WebResult<Json<ChallengePage>> {
    let p = app::innovation::list_challenges(&state.app, &user.actor, &q).await?;
    Ok(Json(ChallengePage {
        items: p.items,
        next_cursor: p.next_cursor,
    }))
}

/// Post a challenge with its milestone plan (tranches in 万元 adding up to the budget); `submit`
/// sends it for review at once.
#[utoipa::path(post, path = "/api/v1/innovation/challenges", tag = "innovation", request_body = NewChallengeForm,
    responses((status = 201, body = ChallengeView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn post_challenge(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<NewChallengeForm>,
) -> WebResult<Response> {
    let v = app::innovation::post_challenge(&state.app, &user.actor, &user.meta, f).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// One challenge with its milestones, the applications the caller may see, its event log and
/// the actions the caller may take.
#[utoipa::path(get, path = "/api/v1/innovation/challenges/{id}", tag = "innovation", params(("id" = i64, Path)),
    responses((status = 200, body = ChallengeView), (status = 404, body = super::ErrorBody)))]
pub async fn challenge(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<ChallengeView>> {
    Ok(Json(
        app::innovation::get_challenge(&state.app, &user.actor, id).await?,
    ))
}

/// Act on a challenge: `submit`, `return`, `publish`, `close_applications`, `formal_check`
/// (`application_id`, `passed`), `score` (`application_id`, `score`), `defence`,
/// `select_winner` (`application_id`; opens the public notice), `overturn`, `sign`
/// (`agreement_no`; once the notice cleared), `check_milestone` (`milestone_id`, `passed`),
/// `release_tranche` (`milestone_id`), `terminate`.
#[utoipa::path(post, path = "/api/v1/innovation/challenges/{id}/actions", tag = "innovation", params(("id" = i64, Path)), request_body = ChallengeActionForm,
    responses((status = 200, body = ChallengeView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn act(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<ChallengeActionForm>,
) -> WebResult<Json<ChallengeView>> {
    Ok(Json(
        app::innovation::act_on_challenge(&state.app, &user.actor, &user.meta, id, f).await?,
    ))
}

/// The caller's research team applies for a published challenge with its plan.
#[utoipa::path(post, path = "/api/v1/innovation/challenges/{id}/applications", tag = "innovation", params(("id" = i64, Path)), request_body = ApplicationForm,
    responses((status = 201, body = ChallengeView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn apply(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<ApplicationForm>,
) -> WebResult<Response> {
    let v = app::innovation::apply_to_challenge(&state.app, &user.actor, &user.meta, id, f).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// `?limit=` of a ranking.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LimitParam {
    /// How many (1-100, default 10).
    pub limit: Option<usize>,
}

/// The teams most likely to solve the challenge, with the reasons (its enterprise, reviewers).
#[utoipa::path(get, path = "/api/v1/innovation/challenges/{id}/matches", tag = "innovation", params(("id" = i64, Path), LimitParam),
    responses((status = 200, body = Vec<MatchView>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn challenge_matches(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Query(q): Query<LimitParam>,
) -> WebResult<Json<Vec<MatchView>>> {
    Ok(Json(
        app::innovation::match_teams(&state.app, &user.actor, id, q.limit.unwrap_or(10)).await?,
    ))
}

/// A page of research-team profiles.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamPage {
    /// Rows.
    pub items: Vec<TeamView>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
}

/// Research-team profiles, newest first.
#[utoipa::path(get, path = "/api/v1/innovation/teams", tag = "innovation", params(super::Paging),
    responses((status = 200, body = TeamPage), (status = 403, body = super::ErrorBody)))]
pub async fn teams(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<super::Paging>,
) -> WebResult<Json<TeamPage>> {
    let page = app::innovation::list_teams(&state.app, &user.actor, p.request()?).await?;
    Ok(Json(TeamPage {
        items: page.items,
        next_cursor: page.next_cursor,
    }))
}

/// `?id=` of the team to update (administrators); a team account saves its own.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TeamIdParam {
    /// Team id.
    pub id: Option<i64>,
}

/// Create or update a research-team profile (a team account: its own).
#[utoipa::path(post, path = "/api/v1/innovation/teams", tag = "innovation", params(TeamIdParam), request_body = TeamForm,
    responses((status = 200, body = TeamView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn save_team(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<TeamIdParam>,
    Json(f): Json<TeamForm>,
) -> WebResult<Json<TeamView>> {
    Ok(Json(
        app::innovation::save_team(&state.app, &user.actor, &user.meta, q.id, f).await?,
    ))
}

/// One team's profile with its record (completed and active challenges).
#[utoipa::path(get, path = "/api/v1/innovation/teams/{id}", tag = "innovation", params(("id" = i64, Path)),
    responses((status = 200, body = TeamView), (status = 404, body = super::ErrorBody)))]
pub async fn team(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<TeamView>> {
    Ok(Json(
        app::innovation::get_team(&state.app, &user.actor, id).await?,
    ))
}

/// The open challenges that fit the team, with the reasons (the team's account, reviewers).
#[utoipa::path(get, path = "/api/v1/innovation/teams/{id}/matches", tag = "innovation", params(("id" = i64, Path), LimitParam),
    responses((status = 200, body = Vec<MatchView>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn team_matches(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Query(q): Query<LimitParam>,
) -> WebResult<Json<Vec<MatchView>>> {
    Ok(Json(
        app::innovation::match_challenges(&state.app, &user.actor, id, q.limit.unwrap_or(10))
            .await?,
    ))
}

/// Every competition.
#[utoipa::path(get, path = "/api/v1/innovation/competitions", tag = "innovation",
    responses((status = 200, body = Vec<CompetitionView>), (status = 403, body = super::ErrorBody)))]
pub async fn competitions(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Json<Vec<CompetitionView>>> {
    Ok(Json(
        app::innovation::list_competitions(&state.app, &user.actor).await?,
    ))
}

/// Create a competition (tracks from the rule file).
#[utoipa::path(post, path = "/api/v1/innovation/competitions", tag = "innovation", request_body = CompetitionForm,
    responses((status = 201, body = CompetitionView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create_competition(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<CompetitionForm>,
) -> WebResult<Response> {
    let v = app::innovation::create_competition(&state.app, &user.actor, &user.meta, f).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// One competition with its tracks.
#[utoipa::path(get, path = "/api/v1/innovation/competitions/{id}", tag = "innovation", params(("id" = i64, Path)),
    responses((status = 200, body = CompetitionView), (status = 404, body = super::ErrorBody)))]
pub async fn competition(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<CompetitionView>> {
    Ok(Json(
        app::innovation::get_competition(&state.app, &user.actor, id).await?,
    ))
}

/// `?track=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrackParam {
    /// Track code.
    pub track: Option<String>,
}

/// A competition's projects.
#[utoipa::path(get, path = "/api/v1/innovation/competitions/{id}/projects", tag = "innovation", params(("id" = i64, Path), TrackParam),
    responses((status = 200, body = Vec<ProjectView>), (status = 404, body = super::ErrorBody)))]
pub async fn projects(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Query(q): Query<TrackParam>,
) -> WebResult<Json<Vec<ProjectView>>> {
    Ok(Json(
        app::innovation::list_projects(&state.app, &user.actor, id, q.track.as_deref()).await?,
    ))
}

/// Register a project in a track while registration is open.
#[utoipa::path(post, path = "/api/v1/innovation/competitions/{id}/projects", tag = "innovation", params(("id" = i64, Path)), request_body = ProjectForm,
    responses((status = 201, body = ProjectView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn register(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<ProjectForm>,
) -> WebResult<Response> {
    let v = app::innovation::register_project(&state.app, &user.actor, &user.meta, id, f).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// `{"round": "preliminary" | "final"}`.
#[derive(Debug, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundBody {
    /// Round.
    #[serde(default)]
    pub round: String,
}

/// Assign the pool's judges to a round's projects: no conflicted judge, the same number per
/// project, load balanced.
#[utoipa::path(post, path = "/api/v1/innovation/competitions/{id}/assignments", tag = "innovation", params(("id" = i64, Path)), request_body = RoundBody,
    responses((status = 200, body = AssignmentSummary), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn assign(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(b): Json<RoundBody>,
) -> WebResult<Json<AssignmentSummary>> {
    Ok(Json(
        app::innovation::assign_round(&state.app, &user.actor, &user.meta, id, &b.round).await?,
    ))
}

/// The projects the calling judge is to score in the current round.
#[utoipa::path(get, path = "/api/v1/innovation/competitions/{id}/my-assignments", tag = "innovation", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<AssignedProject>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn my_assignments(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<Vec<AssignedProject>>> {
    Ok(Json(
        app::innovation::my_assignments(&state.app, &user.actor, id).await?,
    ))
}

/// A judge's rubric score of an assigned project (audited).
#[utoipa::path(post, path = "/api/v1/innovation/competitions/{id}/scores", tag = "innovation", params(("id" = i64, Path)), request_body = ScoreForm,
    responses((status = 200, body = ScoreView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn score(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<ScoreForm>,
) -> WebResult<Json<ScoreView>> {
    Ok(Json(
        app::innovation::submit_score(&state.app, &user.actor, &user.meta, id, f).await?,
    ))
}

/// `{"project_id"}`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ProjectRef {
    /// Project.
    #[serde(default)]
    pub project_id: i64,
}

/// The calling judge declares an interest in a project (never assigned to it).
#[utoipa::path(post, path = "/api/v1/innovation/competitions/{id}/interests", tag = "innovation", params(("id" = i64, Path)), request_body = ProjectRef,
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn interest(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(b): Json<ProjectRef>,
) -> WebResult<StatusCode> {
    app::innovation::declare_interest(&state.app, &user.actor, &user.meta, id, b.project_id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A count of what an action changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct Count {
    /// How many.
    pub count: usize,
}

/// Close the preliminary round: each track's best projects (normalised) go to the final.
#[utoipa::path(post, path = "/api/v1/innovation/competitions/{id}/advance", tag = "innovation", params(("id" = i64, Path)),
    responses((status = 200, body = Count), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn advance(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<Count>> {
    let count = app::innovation::advance_to_final(&state.app, &user.actor, &user.meta, id).await?;
    Ok(Json(Count { count }))
}

/// Give each track's awards from the final's normalised ranking.
#[utoipa::path(post, path = "/api/v1/innovation/competitions/{id}/awards", tag = "innovation", params(("id" = i64, Path)),
    responses((status = 200, body = Count), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn awards(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<Count>> {
    let count = app::innovation::give_awards(&state.app, &user.actor, &user.meta, id).await?;
    Ok(Json(Count { count }))
}

/// A round's ranking per track: raw mean, normalised score (T scale of per-judge z-scores),
/// outlier judges, comments (organisers; everyone once awarded).
#[utoipa::path(get, path = "/api/v1/innovation/competitions/{id}/ranking", tag = "innovation", params(("id" = i64, Path), RoundBody),
    responses((status = 200, body = Vec<TrackRanking>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn ranking(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Query(q): Query<RoundBody>,
) -> WebResult<Json<Vec<TrackRanking>>> {
    let round = if q.round.is_empty() {
        "final"
    } else {
        q.round.as_str()
    };
    Ok(Json(
        app::innovation::ranking(&state.app, &user.actor, id, round).await?,
    ))
}

/// The negotiations and signings with the development zone.
#[utoipa::path(get, path = "/api/v1/innovation/competitions/{id}/deals", tag = "innovation", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<DealView>), (status = 403, body = super::ErrorBody)))]
pub async fn deals(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<Vec<DealView>>> {
    Ok(Json(
        app::innovation::list_deals(&state.app, &user.actor, id).await?,
    ))
}

/// Record a negotiation (no `signed_on`) or a signing with the development zone.
#[utoipa::path(post, path = "/api/v1/innovation/competitions/{id}/deals", tag = "innovation", params(("id" = i64, Path)), request_body = DealForm,
    responses((status = 201, body = DealView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn record_deal(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<DealForm>,
) -> WebResult<Response> {
    let v = app::innovation::record_deal(&state.app, &user.actor, &user.meta, id, f).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// A competition's figures from its records: `projects`, `by_track`, `matched_enterprises`,
/// `agreements`, `signed`, `signed_wan_yuan` (plus `negotiated`, `investment_agreements`,
/// `letters_of_intent`).
#[utoipa::path(get, path = "/api/v1/innovation/competitions/{id}/stats", tag = "innovation", params(("id" = i64, Path)),
    responses((status = 200, body = CompetitionStats), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn stats(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<CompetitionStats>> {
    Ok(Json(
        app::innovation::competition_stats(&state.app, &user.actor, id).await?,
    ))
}

/// The judging pool.
#[utoipa::path(get, path = "/api/v1/innovation/experts", tag = "innovation",
    responses((status = 200, body = Vec<ExpertView>), (status = 403, body = super::ErrorBody)))]
pub async fn experts(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Json<Vec<ExpertView>>> {
    Ok(Json(
        app::innovation::list_experts(&state.app, &user.actor).await?,
    ))
}

/// Add an expert to the judging pool.
#[utoipa::path(post, path = "/api/v1/innovation/experts", tag = "innovation", request_body = ExpertForm,
    responses((status = 201, body = ExpertView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_expert(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<ExpertForm>,
) -> WebResult<Response> {
    let v = app::innovation::add_expert(&state.app, &user.actor, &user.meta, f).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// Evaluation meetings.
#[utoipa::path(get, path = "/api/v1/meetings", tag = "innovation",
    responses((status = 200, body = Vec<MeetingView>), (status = 403, body = super::ErrorBody)))]
pub async fn meetings(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Json<Vec<MeetingView>>> {
    Ok(Json(
        app::innovation::list_meetings(&state.app, &user.actor).await?,
    ))
}

/// Create an evaluation meeting; the answer carries the one-time codes (shown only now).
#[utoipa::path(post, path = "/api/v1/meetings", tag = "innovation", request_body = MeetingForm,
    responses((status = 201, body = MeetingCreated), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create_meeting(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<MeetingForm>,
) -> WebResult<Response> {
    let v = app::innovation::create_meeting(&state.app, &user.actor, &user.meta, f).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// One meeting: turnout, and the tally once closed.
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "innovation", params(("id" = i64, Path)),
    responses((status = 200, body = MeetingView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn meeting(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<MeetingView>> {
    Ok(Json(
        app::innovation::get_meeting(&state.app, &user.actor, id).await?,
    ))
}

/// Close a meeting and compute the tally.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/close", tag = "innovation", params(("id" = i64, Path)),
    responses((status = 200, body = MeetingView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn close_meeting(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<MeetingView>> {
    Ok(Json(
        app::innovation::close_meeting(&state.app, &user.actor, &user.meta, id).await?,
    ))
}

/// The rating sheet behind a one-time code (public, no sign-in).
#[utoipa::path(get, path = "/api/v1/rate/{code}", tag = "innovation", params(("code" = String, Path)),
    responses((status = 200, body = RatingSheet), (status = 422, body = super::ErrorBody)))]
pub async fn rating_sheet(
    State(state): State<AppState>,
    _v: Visitor,
    Path(code): Path<String>,
) -> WebResult<Json<RatingSheet>> {
    Ok(Json(
        app::innovation::rating_sheet(&state.app, &code).await?,
    ))
}

/// Rate every person of the meeting with a one-time code (public, anonymous, once).
#[utoipa::path(post, path = "/api/v1/rate", tag = "innovation", request_body = RatingForm,
    responses((status = 204), (status = 422, body = super::ErrorBody)))]
pub async fn rate(
    State(state): State<AppState>,
    v: Visitor,
    Json(f): Json<RatingForm>,
) -> WebResult<StatusCode> {
    app::innovation::rate(&state.app, &v.meta, f).await?;
    Ok(StatusCode::NO_CONTENT)
}
