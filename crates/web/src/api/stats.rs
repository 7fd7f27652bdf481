//! Industrial statistics: the aggregates (`/stats/output`), the records behind them, the
//! county × group × month grid, monthly figures, indicator cards, group sets, targets and the
//! seed facts beside the platform's figures.

use crate::error::WebResult;
use crate::routes::{RouteTable, get};
use crate::session::Authed;
use crate::state::AppState;
use app::Actor;
use app::stats::seed_facts::SeedFactView;
use app::stats::{
    EnterpriseFiguresView, FigureInput, FiguresReport, GridView, GroupSetForm, GroupSetView,
    IndicatorForm, IndicatorView, OutputQuery, OutputView, RecordsView, TargetForm, TargetView,
};
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/stats/output", get(output))
        .route("/api/v1/stats/records", get(records))
        .route("/api/v1/stats/grid", get(grid))
        .route("/api/v1/stats/figures", crate::routes::post(record_figures))
        .route(
            "/api/v1/stats/enterprises/{uscc}/figures",
            get(enterprise_figures),
        )
        .route("/api/v1/stats/indicators", get(indicators))
        .route(
            "/api/v1/stats/indicators/{code}",
            get(indicator).post(update_indicator),
        )
        .route("/api/v1/stats/groups", get(groups).post(save_group_set))
        .route("/api/v1/stats/targets", get(targets).post(set_target))
        .route("/api/v1/stats/seed-facts", get(seed_facts))
        .route(
            "/api/v1/stats/reports/county-annual",
            get(super::stats_report::county_annual),
        )
        .route(
            "/api/v1/stats/reports/city-monthly",
            get(super::stats_report::city_monthly),
        )
}

/// The actor speaking the request's language (names, units and the method text follow it).
pub fn speaking(user: &Authed) -> Actor {
    let mut a = user.actor.clone();
    a.locale = user.lang.tag().into();
    a
}

/// One indicator summed over the above-size industrial enterprises of a region subtree for a
/// month (`period=month`), year-to-date (a `month`) or year, with year-on-year growth
/// (`basis=comparable`, the statistics office's 可比口径, by default), optionally by county,
/// industry or enterprise group; the method is in `method`, the enterprises behind each
/// figure at its `records_href`.
#[utoipa::path(get, path = "/api/v1/stats/output", tag = "stats", params(OutputQuery),
    responses((status = 200, body = OutputView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn output(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<OutputQuery>,
) -> WebResult<Json<OutputView>> {
    Ok(Json(
        app::stats::output(&state.app, &speaking(&user), &q).await?,
    ))
}

/// The enterprises behind a figure (optionally one row: `group_by` and `key`), largest first,
/// with their own figures; their sum is the figure. Paged by `limit` and `cursor`.
#[utoipa::path(get, path = "/api/v1/stats/records", tag = "stats", params(OutputQuery),
    responses((status = 200, body = RecordsView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn records(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<OutputQuery>,
) -> WebResult<Json<RecordsView>> {
    Ok(Json(
        app::stats::records(&state.app, &speaking(&user), &q).await?,
    ))
}

/// The county × group × month table of a region for a year, with growth per cell.
#[utoipa::path(get, path = "/api/v1/stats/grid", tag = "stats", params(OutputQuery),
    responses((status = 200, body = GridView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn grid(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<OutputQuery>,
) -> WebResult<Json<GridView>> {
    Ok(Json(
        app::stats::county_group_months(&state.app, &speaking(&user), &q).await?,
    ))
}

/// Figures to record.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FiguresBody {
    /// The figures (enterprise, indicator, year, month, value as text in the indicator's unit).
    pub figures: Vec<FigureInput>,
    /// Replace figures that exist (otherwise an existing figure is an error).
    #[serde(default)]
    pub update_existing: bool,
}

/// Record monthly figures of enterprises in scope: all or nothing, every problem named by
/// `figures[i].field`; one audit entry per enterprise and month names each figure changed.
#[utoipa::path(post, path = "/api/v1/stats/figures", tag = "stats", request_body = FiguresBody,
    responses((status = 200, body = FiguresReport), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn record_figures(
    State(state): State<AppState>,
    user: Authed,
    Json(b): Json<FiguresBody>,
) -> WebResult<Json<FiguresReport>> {
    Ok(Json(
        app::stats::record_figures(
            &state.app,
            &user.actor,
            &user.meta,
            b.figures,
            b.update_existing,
        )
        .await?,
    ))
}

/// `?year=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearParam {
    /// Year (default the current year).
    pub year: Option<i32>,
}

fn year_or_now(y: Option<i32>) -> i32 {
    y.unwrap_or_else(|| chrono::Datelike::year(&chrono::Utc::now()))
}

/// An enterprise's monthly figures of a year, per indicator.
#[utoipa::path(get, path = "/api/v1/stats/enterprises/{uscc}/figures", tag = "stats", params(("uscc" = String, Path), YearParam),
    responses((status = 200, body = EnterpriseFiguresView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn enterprise_figures(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
    Query(y): Query<YearParam>,
) -> WebResult<Json<EnterpriseFiguresView>> {
    Ok(Json(
        app::stats::enterprise_figures(&state.app, &speaking(&user), &uscc, year_or_now(y.year))
            .await?,
    ))
}

/// Every indicator card.
#[utoipa::path(get, path = "/api/v1/stats/indicators", tag = "stats",
    responses((status = 200, body = Vec<IndicatorView>), (status = 403, body = super::ErrorBody)))]
pub async fn indicators(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Json<Vec<IndicatorView>>> {
    Ok(Json(
        app::stats::list_indicators(&state.app, &user.actor).await?,
    ))
}

/// One indicator card.
#[utoipa::path(get, path = "/api/v1/stats/indicators/{code}", tag = "stats", params(("code" = String, Path)),
    responses((status = 200, body = IndicatorView), (status = 404, body = super::ErrorBody)))]
pub async fn indicator(
    State(state): State<AppState>,
    user: Authed,
    Path(code): Path<String>,
) -> WebResult<Json<IndicatorView>> {
    Ok(Json(
        app::stats::get_indicator(&state.app, &user.actor, &code).await?,
    ))
}

/// Edit an indicator card (names, definition, department, frequency, owner, thresholds); city
/// level only.
#[utoipa::path(post, path = "/api/v1/stats/indicators/{code}", tag = "stats", params(("code" = String, Path)), request_body = IndicatorForm,
    responses((status = 200, body = IndicatorView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn update_indicator(
    State(state): State<AppState>,
    user: Authed,
    Path(code): Path<String>,
    Json(f): Json<IndicatorForm>,
) -> WebResult<Json<IndicatorView>> {
    Ok(Json(
        app::stats::update_indicator(&state.app, &user.actor, &user.meta, &code, f).await?,
    ))
}

/// The enterprise group sets of the regions in scope (and above them).
#[utoipa::path(get, path = "/api/v1/stats/groups", tag = "stats",
    responses((status = 200, body = Vec<GroupSetView>), (status = 403, body = super::ErrorBody)))]
pub async fn groups(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Json<Vec<GroupSetView>>> {
    Ok(Json(
        app::stats::list_group_sets(&state.app, &user.actor).await?,
    ))
}

/// Save a group set (GB/T 4754 prefixes per group) of a region in scope.
#[utoipa::path(post, path = "/api/v1/stats/groups", tag = "stats", request_body = GroupSetForm,
    responses((status = 200, body = GroupSetView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn save_group_set(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<GroupSetForm>,
) -> WebResult<Json<GroupSetView>> {
    Ok(Json(
        app::stats::save_group_set(&state.app, &user.actor, &user.meta, f).await?,
    ))
}

/// The targets of a year in scope; region targets with their figure and completion.
#[utoipa::path(get, path = "/api/v1/stats/targets", tag = "stats", params(YearParam),
    responses((status = 200, body = Vec<TargetView>), (status = 403, body = super::ErrorBody)))]
pub async fn targets(
    State(state): State<AppState>,
    user: Authed,
    Query(y): Query<YearParam>,
) -> WebResult<Json<Vec<TargetView>>> {
    Ok(Json(
        app::stats::list_targets(&state.app, &speaking(&user), year_or_now(y.year)).await?,
    ))
}

/// Set a region's or a chain's target for a year (in the indicator's unit).
#[utoipa::path(post, path = "/api/v1/stats/targets", tag = "stats", request_body = TargetForm,
    responses((status = 200, body = TargetView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn set_target(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<TargetForm>,
) -> WebResult<Json<TargetView>> {
    Ok(Json(
        app::stats::set_target(&state.app, &user.actor, &user.meta, f).await?,
    ))
}

/// Each figure of `seed-facts.md` beside the platform's figure computed from the records.
#[utoipa::path(get, path = "/api/v1/stats/seed-facts", tag = "stats",
    responses((status = 200, body = Vec<SeedFactView>), (status = 403, body = super::ErrorBody)))]
pub async fn seed_facts(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Json<Vec<SeedFactView>>> {
    Ok(Json(
        app::stats::seed_facts::seed_fact_checks(&state.app, &speaking(&user)).await?,
    ))
}
