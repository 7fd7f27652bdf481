//! The enterprise registry: list, read, create, edit; financials; honors; proposed changes.

use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::enterprise::{
    ChangeView, EnterpriseList, EnterpriseView, FinancialView, HonorView, ListQuery,
};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/enterprises", get(list).post(create))
        .route("/api/v1/enterprises/{uscc}", get(read).post(update))
        .route(
            "/api/v1/enterprises/{uscc}/financials",
            get(financials).post(save_financial),
        )
        .route(
            "/api/v1/enterprises/{uscc}/honors",
            get(honors).post(add_honor),
        )
        .route(
            "/api/v1/enterprises/{uscc}/honors/{id}/status",
            post(honor_status),
        )
        .route(
            "/api/v1/enterprises/{uscc}/changes",
            get(changes).post(submit_change),
        )
        .route("/api/v1/enterprise-changes", get(pending))
        .route("/api/v1/enterprise-changes/{id}/decision", post(decide))
}

/// Filters of the enterprise list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EnterpriseParams {
    /// Full-text query over names, former names, products and niche.
    pub q: Option<String>,
    /// Region code: its whole subtree.
    pub region: Option<String>,
    /// Industry code prefix, e.g. `C35`.
    pub industry: Option<String>,
    /// `large`, `medium`, `small`, `micro`.
    pub size: Option<String>,
    /// `true` for above-designated-size only.
    pub above_size: Option<bool>,
    /// `operating`, `closed`, `moved`.
    pub status: Option<String>,
    /// Holds a valid honor with this title code (`specialized`, `little_giant`, …).
    pub honor: Option<String>,
    /// The honor's level (`national`, `provincial`, `city`).
    pub honor_level: Option<String>,
    /// `name` to sort by name; by credit code otherwise.
    pub sort: Option<String>,
    /// Rows per page, 1-500 (default 50).
    pub limit: Option<u64>,
    /// The previous page's `next_cursor`.
    pub cursor: Option<String>,
}

impl EnterpriseParams {
    /// The application's list query.
    pub fn query(&self) -> ListQuery {
        let nonempty = |s: &Option<String>| s.clone().filter(|v| !v.trim().is_empty());
        ListQuery {
            q: nonempty(&self.q),
            region: nonempty(&self.region),
            industry: nonempty(&self.industry),
            size_class: nonempty(&self.size),
            above_size: self.above_size,
            status: nonempty(&self.status),
            honor: nonempty(&self.honor),
            honor_level: nonempty(&self.honor_level),
            sort_by_name: self.sort.as_deref() == Some("name"),
        }
    }
}

/// Enterprises in the caller's scope. `total` is counted on the first page only.
#[utoipa::path(get, path = "/api/v1/enterprises", tag = "enterprise", params(EnterpriseParams),
    responses((status = 200, body = EnterpriseList), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<EnterpriseParams>,
) -> WebResult<Json<EnterpriseList>> {
    let cursor = p.cursor.as_deref().filter(|c| !c.is_empty());
    Ok(Json(
        app::enterprise::list_enterprises(
            &state.app,
            &user.actor,
            &p.query(),
            cursor,
            p.limit.unwrap_or(50),
        )
        .await?,
    ))
}

/// Fields of an enterprise, financial year or honor, as text by data-dictionary key (see the
/// data dictionary page `/data-dictionary`; numbers may also be sent as JSON numbers).
#[derive(Debug, Deserialize, ToSchema)]
#[schema(value_type = Object)]
pub struct Fields(pub HashMap<String, serde_json::Value>);

impl Fields {
    fn text(&self) -> HashMap<String, String> {
        self.0
            .iter()
            .map(|(k, v)| (k.clone(), app::enterprise::json_text(v)))
            .collect()
    }
}

/// Create an enterprise.
#[utoipa::path(post, path = "/api/v1/enterprises", tag = "enterprise", request_body = Fields,
    responses((status = 201, body = EnterpriseView), (status = 422, body = super::ErrorBody), (status = 403, body = super::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<Fields>,
) -> WebResult<Response> {
    let v =
        app::enterprise::create_enterprise(&state.app, &user.actor, &user.meta, &f.text()).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// One enterprise.
#[utoipa::path(get, path = "/api/v1/enterprises/{uscc}", tag = "enterprise", params(("uscc" = String, Path)),
    responses((status = 200, body = EnterpriseView), (status = 404, body = super::ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
) -> WebResult<Json<EnterpriseView>> {
    Ok(Json(
        app::enterprise::get_enterprise(&state.app, &user.actor, &uscc).await?,
    ))
}

/// Replace an enterprise's profile fields.
#[utoipa::path(post, path = "/api/v1/enterprises/{uscc}", tag = "enterprise", params(("uscc" = String, Path)), request_body = Fields,
    responses((status = 200, body = EnterpriseView), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
    Json(f): Json<Fields>,
) -> WebResult<Json<EnterpriseView>> {
    Ok(Json(
        app::enterprise::update_enterprise(&state.app, &user.actor, &user.meta, &uscc, &f.text())
            .await?,
    ))
}

/// Every year of an enterprise's figures, newest first.
#[utoipa::path(get, path = "/api/v1/enterprises/{uscc}/financials", tag = "enterprise", params(("uscc" = String, Path)),
    responses((status = 200, body = Vec<FinancialView>), (status = 404, body = super::ErrorBody)))]
pub async fn financials(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
) -> WebResult<Json<Vec<FinancialView>>> {
    Ok(Json(
        app::enterprise::financials_of(&state.app, &user.actor, &uscc).await?,
    ))
}

/// Save one year of figures (must include `year`).
#[utoipa::path(post, path = "/api/v1/enterprises/{uscc}/financials", tag = "enterprise", params(("uscc" = String, Path)), request_body = Fields,
    responses((status = 200, body = FinancialView), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn save_financial(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
    Json(f): Json<Fields>,
) -> WebResult<Json<FinancialView>> {
    let mut raw = f.text();
    raw.insert("uscc".into(), uscc);
    Ok(Json(
        app::enterprise::save_financial(&state.app, &user.actor, &user.meta, &raw).await?,
    ))
}

/// An enterprise's honors, oldest first.
#[utoipa::path(get, path = "/api/v1/enterprises/{uscc}/honors", tag = "enterprise", params(("uscc" = String, Path)),
    responses((status = 200, body = Vec<HonorView>), (status = 404, body = super::ErrorBody)))]
pub async fn honors(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
) -> WebResult<Json<Vec<HonorView>>> {
    Ok(Json(
        app::enterprise::honors_of(&state.app, &user.actor, &uscc).await?,
    ))
}

/// Record an honor.
#[utoipa::path(post, path = "/api/v1/enterprises/{uscc}/honors", tag = "enterprise", params(("uscc" = String, Path)), request_body = Fields,
    responses((status = 201, body = HonorView), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_honor(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
    Json(f): Json<Fields>,
) -> WebResult<Response> {
    let mut raw = f.text();
    raw.insert("uscc".into(), uscc);
    let v = app::enterprise::add_honor(&state.app, &user.actor, &user.meta, &raw).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// A new status for an honor.
#[derive(Debug, Deserialize, ToSchema)]
pub struct HonorStatusChange {
    /// `valid`, `expired` or `revoked`.
    pub status: String,
    /// Why (required unless `valid`).
    #[serde(default)]
    pub reason: String,
}

/// Expire or revoke an honor (or make it valid again).
#[utoipa::path(post, path = "/api/v1/enterprises/{uscc}/honors/{id}/status", tag = "enterprise",
    params(("uscc" = String, Path), ("id" = i64, Path)), request_body = HonorStatusChange,
    responses((status = 200, body = HonorView), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn honor_status(
    State(state): State<AppState>,
    user: Authed,
    Path((uscc, id)): Path<(String, i64)>,
    Json(c): Json<HonorStatusChange>,
) -> WebResult<Json<HonorView>> {
    let status = policy::enterprise::HonorStatus::parse(&c.status)
        .ok_or_else(|| app::AppError::invalid("status", "common.choice"))?;
    Ok(Json(
        app::enterprise::set_honor_status(
            &state.app,
            &user.actor,
            &user.meta,
            &uscc,
            id,
            status,
            &c.reason,
        )
        .await?,
    ))
}

/// Pending changes of one enterprise.
#[utoipa::path(get, path = "/api/v1/enterprises/{uscc}/changes", tag = "enterprise", params(("uscc" = String, Path)),
    responses((status = 200, body = Vec<ChangeView>), (status = 403, body = super::ErrorBody)))]
pub async fn changes(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
) -> WebResult<Json<Vec<ChangeView>>> {
    Ok(Json(
        app::enterprise::pending_changes(&state.app, &user.actor, Some(&uscc)).await?,
    ))
}

/// A change proposed by the enterprise: profile fields, or one year's figures with `year`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangeTarget {
    /// The financial year, when the change is of figures.
    pub year: Option<i32>,
}

/// Propose a change of one's own enterprise, for the county to confirm.
#[utoipa::path(post, path = "/api/v1/enterprises/{uscc}/changes", tag = "enterprise", params(("uscc" = String, Path), ChangeTarget), request_body = Fields,
    responses((status = 201, body = ChangeView), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn submit_change(
    State(state): State<AppState>,
    user: Authed,
    Path(uscc): Path<String>,
    Query(t): Query<ChangeTarget>,
    Json(f): Json<Fields>,
) -> WebResult<Response> {
    let v = app::enterprise::submit_change(
        &state.app,
        &user.actor,
        &user.meta,
        &uscc,
        t.year,
        &f.text(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// Changes waiting for the caller's confirmation.
#[utoipa::path(get, path = "/api/v1/enterprise-changes", tag = "enterprise",
    responses((status = 200, body = Vec<ChangeView>), (status = 403, body = super::ErrorBody)))]
pub async fn pending(
    State(state): State<AppState>,
    user: Authed,
) -> WebResult<Json<Vec<ChangeView>>> {
    Ok(Json(
        app::enterprise::pending_changes(&state.app, &user.actor, None).await?,
    ))
}

/// The county's decision.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Decision {
    /// true applies the change; false returns it.
    pub approve: bool,
    /// Why (required to return).
    #[serde(default)]
    pub reason: String,
}

/// Confirm or return a proposed change.
#[utoipa::path(post, path = "/api/v1/enterprise-changes/{id}/decision", tag = "enterprise", params(("id" = i64, Path)), request_body = Decision,
    responses((status = 200, body = ChangeView), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(d): Json<Decision>,
) -> WebResult<Json<ChangeView>> {
    Ok(Json(
        app::enterprise::decide_change(
            &state.app,
            &user.actor,
            &user.meta,
            id,
            d.approve,
            &d.reason,
        )
        .await?,
    ))
}
