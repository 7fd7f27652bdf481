//! Industry chains: the list with figures, one chain with its map, gaps, lists and patrols,
//! the map as SVG; creating and editing chains, their maps, targets, investment targets,
//! patrols, and parks.

use crate::error::WebResult;
use crate::routes::{RouteTable, delete, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::chain::{
    AttachForm, ChainDetail, ChainForm, ChainListQuery, ChainListView, FollowUpForm,
    NewInvestmentTargetForm, NewParkForm, NewPatrolForm, NodeForm, ParkView, PlaceForm,
    TargetActionForm, TargetForm,
};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/chains", get(list).post(create))
        .route("/api/v1/chains/{id}", get(read).post(update))
        .route("/api/v1/chains/{id}/map.svg", get(map_svg))
        .route("/api/v1/chains/{id}/targets", post(set_target))
        .route("/api/v1/chains/{id}/nodes", post(add_node))
        .route(
            "/api/v1/chains/{id}/nodes/{node}",
            post(update_node).delete(remove_node),
        )
        .route("/api/v1/chains/{id}/nodes/{node}/enterprises", post(attach))
        .route(
            "/api/v1/chains/{id}/nodes/{node}/enterprises/{uscc}",
            delete(detach),
        )
        .route("/api/v1/chains/{id}/investment-targets", post(add_target))
        .route(
            "/api/v1/chains/{id}/investment-targets/{target}",
            post(act_on_target),
        )
        .route("/api/v1/chains/{id}/patrols", post(record_patrol))
        .route(
            "/api/v1/chains/{id}/patrols/{patrol}/follow-up",
            post(follow_up),
        )
        .route("/api/v1/chain-parks", get(parks).post(add_park))
        .route("/api/v1/chain-parks/{id}/enterprises", post(place))
}

/// The id of a created or changed record.
#[derive(Debug, Serialize, ToSchema)]
pub struct Saved {
    /// Id.
    pub id: i64,
}

fn created(id: i64) -> Response {
    (StatusCode::CREATED, Json(Saved { id })).into_response()
}

/// `?year=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearParam {
    /// Year of the figures (default: the latest year with figures, at most last year).
    pub year: Option<String>,
}

/// The chains the caller may read (of a region's subtree), each with `output_wan_yuan`,
/// `target_wan_yuan`, `yoy_pct`, `completion_pct`, `enterprise_count` and
/// `titled_enterprise_count` for the year; the total over their distinct enterprises; and the
/// region's title holders with how many sit on the chains.
#[utoipa::path(get, path = "/api/v1/chains", tag = "chain", params(ChainListQuery),
    responses((status = 200, body = ChainListView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<ChainListQuery>,
) -> WebResult<Json<ChainListView>> {
    Ok(Json(
        app::chain::list_chains(&state.app, &user.actor, &q).await?,
    ))
}

/// Create a chain.
#[utoipa::path(post, path = "/api/v1/chains", tag = "chain", request_body = ChainForm,
    responses((status = 201, body = Saved), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<ChainForm>,
) -> WebResult<Response> {
    let c = app::chain::create_chain(&state.app, &user.actor, &user.meta, f).await?;
    Ok(created(c.id))
}

/// One chain: leaders, lead department, working group, plan, figures for the year, the map
/// (segments, nodes, enterprises with their figures and titles), gaps with investment
/// targets, the lists and the patrols.
#[utoipa::path(get, path = "/api/v1/chains/{id}", tag = "chain", params(("id" = i64, Path), YearParam),
    responses((status = 200, body = ChainDetail), (status = 404, body = super::ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Query(q): Query<YearParam>,
) -> WebResult<Json<ChainDetail>> {
    Ok(Json(
        app::chain::get_chain(&state.app, &user.actor, id, q.year.as_deref()).await?,
    ))
}

/// Edit a chain (name, industry, lead department, working group, plan, leaders; the code and
/// region stay).
#[utoipa::path(post, path = "/api/v1/chains/{id}", tag = "chain", params(("id" = i64, Path)), request_body = ChainForm,
    responses((status = 200, body = Saved), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<ChainForm>,
) -> WebResult<Json<Saved>> {
    let c = app::chain::update_chain(&state.app, &user.actor, &user.meta, id, f).await?;
    Ok(Json(Saved { id: c.id }))
}

/// The chain map drawn as SVG (the same drawing as the chain page).
#[utoipa::path(get, path = "/api/v1/chains/{id}/map.svg", tag = "chain", params(("id" = i64, Path), YearParam),
    responses((status = 200, description = "SVG image", content_type = "image/svg+xml"), (status = 404, body = super::ErrorBody)))]
pub async fn map_svg(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Query(q): Query<YearParam>,
) -> WebResult<Response> {
    let d = app::chain::get_chain(&state.app, &user.actor, id, q.year.as_deref()).await?;
    let t = crate::i18n::Tr::new(user.lang);
    let svg = app::chain::svg::draw(&d.map, &crate::pages::chain::svg_labels(&t, &d));
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        svg,
    )
        .into_response())
}

/// Set a chain's output target for a year.
#[utoipa::path(post, path = "/api/v1/chains/{id}/targets", tag = "chain", params(("id" = i64, Path)), request_body = TargetForm,
    responses((status = 200, body = Saved), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn set_target(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<TargetForm>,
) -> WebResult<Json<Saved>> {
    app::chain::set_chain_target(&state.app, &user.actor, &user.meta, id, f).await?;
    Ok(Json(Saved { id }))
}

/// Add a node to the map.
#[utoipa::path(post, path = "/api/v1/chains/{id}/nodes", tag = "chain", params(("id" = i64, Path)), request_body = NodeForm,
    responses((status = 201, body = Saved), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_node(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<NodeForm>,
) -> WebResult<Response> {
    let n = app::chain::add_node(&state.app, &user.actor, &user.meta, id, f).await?;
    Ok(created(n.id))
}

/// Rename or move a node (every field is written; a moved node takes its new parent's
/// segment with its subtree).
#[utoipa::path(post, path = "/api/v1/chains/{id}/nodes/{node}", tag = "chain", params(("id" = i64, Path), ("node" = i64, Path)), request_body = NodeForm,
    responses((status = 200, body = Saved), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn update_node(
    State(state): State<AppState>,
    user: Authed,
    Path((id, node)): Path<(i64, i64)>,
    Json(f): Json<NodeForm>,
) -> WebResult<Json<Saved>> {
    let n = app::chain::update_node(&state.app, &user.actor, &user.meta, id, node, f).await?;
    Ok(Json(Saved { id: n.id }))
}

/// Remove a node (refused while it has child nodes or investment targets).
#[utoipa::path(delete, path = "/api/v1/chains/{id}/nodes/{node}", tag = "chain", params(("id" = i64, Path), ("node" = i64, Path)),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn remove_node(
    State(state): State<AppState>,
    user: Authed,
    Path((id, node)): Path<(i64, i64)>,
) -> WebResult<StatusCode> {
    app::chain::remove_node(&state.app, &user.actor, &user.meta, id, node).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Attach an enterprise to a node in a role (again: change its role).
#[utoipa::path(post, path = "/api/v1/chains/{id}/nodes/{node}/enterprises", tag = "chain", params(("id" = i64, Path), ("node" = i64, Path)), request_body = AttachForm,
    responses((status = 201, body = Saved), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn attach(
    State(state): State<AppState>,
    user: Authed,
    Path((id, node)): Path<(i64, i64)>,
    Json(f): Json<AttachForm>,
) -> WebResult<Response> {
    let l = app::chain::attach_enterprise(&state.app, &user.actor, &user.meta, id, node, f).await?;
    Ok(created(l.id))
}

/// Detach an enterprise from a node.
#[utoipa::path(delete, path = "/api/v1/chains/{id}/nodes/{node}/enterprises/{uscc}", tag = "chain",
    params(("id" = i64, Path), ("node" = i64, Path), ("uscc" = String, Path)),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn detach(
    State(state): State<AppState>,
    user: Authed,
    Path((id, node, uscc)): Path<(i64, i64, String)>,
) -> WebResult<StatusCode> {
    app::chain::detach_enterprise(&state.app, &user.actor, &user.meta, id, node, &uscc).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Set an investment target against a gap the map shows now.
#[utoipa::path(post, path = "/api/v1/chains/{id}/investment-targets", tag = "chain", params(("id" = i64, Path)), request_body = NewInvestmentTargetForm,
    responses((status = 201, body = Saved), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_target(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<NewInvestmentTargetForm>,
) -> WebResult<Response> {
    let t = app::chain::add_investment_target(&state.app, &user.actor, &user.meta, id, f).await?;
    Ok(created(t.id))
}

/// Move an investment target on (`advance`: 在谈 → 签约 → 开工 → 投产), end it (`drop`,
/// before signing), or update the money in place and the project it became.
#[utoipa::path(post, path = "/api/v1/chains/{id}/investment-targets/{target}", tag = "chain", params(("id" = i64, Path), ("target" = i64, Path)), request_body = TargetActionForm,
    responses((status = 200, body = Saved), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn act_on_target(
    State(state): State<AppState>,
    user: Authed,
    Path((id, target)): Path<(i64, i64)>,
    Json(f): Json<TargetActionForm>,
) -> WebResult<Json<Saved>> {
    let t =
        app::chain::act_on_investment_target(&state.app, &user.actor, &user.meta, id, target, f)
            .await?;
    Ok(Json(Saved { id: t.id }))
}

/// Record a patrol (问链 / 巡链 / 诊链); each problem found becomes a ticket.
#[utoipa::path(post, path = "/api/v1/chains/{id}/patrols", tag = "chain", params(("id" = i64, Path)), request_body = NewPatrolForm,
    responses((status = 201, body = Saved), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn record_patrol(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<NewPatrolForm>,
) -> WebResult<Response> {
    let p = app::chain::record_patrol(&state.app, &user.actor, &user.meta, id, f).await?;
    Ok(created(p.id))
}

/// Write a patrol's follow-up.
#[utoipa::path(post, path = "/api/v1/chains/{id}/patrols/{patrol}/follow-up", tag = "chain", params(("id" = i64, Path), ("patrol" = i64, Path)), request_body = FollowUpForm,
    responses((status = 200, body = Saved), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn follow_up(
    State(state): State<AppState>,
    user: Authed,
    Path((id, patrol)): Path<(i64, i64)>,
    Json(f): Json<FollowUpForm>,
) -> WebResult<Json<Saved>> {
    let p =
        app::chain::follow_up_patrol(&state.app, &user.actor, &user.meta, id, patrol, f).await?;
    Ok(Json(Saved { id: p.id }))
}

/// The parks the caller may read, with how many enterprises each holds.
#[utoipa::path(get, path = "/api/v1/chain-parks", tag = "chain",
    responses((status = 200, body = Vec<ParkView>), (status = 403, body = super::ErrorBody)))]
pub async fn parks(State(state): State<AppState>, user: Authed) -> WebResult<Json<Vec<ParkView>>> {
    Ok(Json(app::chain::list_parks(&state.app, &user.actor).await?))
}

/// Add a park.
#[utoipa::path(post, path = "/api/v1/chain-parks", tag = "chain", request_body = NewParkForm,
    responses((status = 201, body = ParkView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_park(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<NewParkForm>,
) -> WebResult<Response> {
    let p = app::chain::add_park(&state.app, &user.actor, &user.meta, f).await?;
    Ok((StatusCode::CREATED, Json(p)).into_response())
}

/// Place enterprises in a park.
#[utoipa::path(post, path = "/api/v1/chain-parks/{id}/enterprises", tag = "chain", params(("id" = i64, Path)), request_body = PlaceForm,
    responses((status = 200, body = Saved), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn place(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<PlaceForm>,
) -> WebResult<Json<Saved>> {
    app::chain::place_in_park(&state.app, &user.actor, &user.meta, id, f).await?;
    Ok(Json(Saved { id }))
}
