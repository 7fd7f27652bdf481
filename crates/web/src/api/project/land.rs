//! Land, support funds and digital records: the figures, the lists, and the records a county
//! enters (parcels approved but not supplied and their disposal, low-efficiency land surveyed
//! and entered, support funds paid, digital records).

use super::{Changed, Listed, StatsQuery, created};
use crate::api::Paging;
use crate::error::WebResult;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::project::{
    DigitalForm, DigitalStats, DigitalView, DisposalForm, InefficientForm, InefficientView,
    LandStats, ParcelForm, ParcelView, PaymentForm, PaymentView, RecordListQuery, SupportFundStats,
};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/land/stats", get(land_stats))
        .route("/api/v1/land/parcels", get(parcels).post(add_parcel))
        .route("/api/v1/land/parcels/{id}", get(parcel))
        .route("/api/v1/land/parcels/{id}/disposals", post(dispose))
        .route("/api/v1/land/inefficient", get(inefficient).post(survey))
        .route("/api/v1/land/inefficient/entered", post(enter))
        .route("/api/v1/support-funds/stats", get(fund_stats))
        .route("/api/v1/support-funds", get(payments).post(pay))
        .route("/api/v1/digital/stats", get(digital_stats))
        .route("/api/v1/digital-records", get(digital).post(record_digital))
}

/// `?region=` and paging of the land lists.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LandQuery {
    /// Region code (its subtree).
    pub region: Option<String>,
    /// Rows per page, 1-500 (default 50).
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl LandQuery {
    fn page(&self) -> Result<app::PageRequest, crate::error::WebError> {
        Paging {
            limit: self.limit,
            cursor: self.cursor.clone(),
        }
        .request()
    }
}

/// Land figures of a year: approved-but-unsupplied parcels and what was disposed of,
/// low-efficiency land surveyed and entered, in 亩.
#[utoipa::path(get, path = "/api/v1/land/stats", tag = "project", params(StatsQuery),
    responses((status = 200, body = LandStats), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn land_stats(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<StatsQuery>,
) -> WebResult<Json<LandStats>> {
    Ok(Json(
        app::project::land_stats(&state.app, &user.actor, q.region.as_deref(), q.year).await?,
    ))
}

/// Approved-but-unsupplied parcels with their disposals.
#[utoipa::path(get, path = "/api/v1/land/parcels", tag = "project", params(LandQuery),
    responses((status = 200, body = Listed<ParcelView>), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn parcels(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<LandQuery>,
) -> WebResult<Json<Listed<ParcelView>>> {
    let page = q.page()?;
    Ok(Json(
        app::project::list_parcels(&state.app, &user.actor, q.region.as_deref(), page)
            .await?
            .into(),
    ))
}

/// Record a parcel approved but not supplied.
#[utoipa::path(post, path = "/api/v1/land/parcels", tag = "project", request_body = ParcelForm,
    responses((status = 201, body = ParcelView), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn add_parcel(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<ParcelForm>,
) -> WebResult<Response> {
    Ok(created(
        app::project::add_parcel(&state.app, &user.actor, &user.meta, f).await?,
    ))
}

/// One parcel with its disposals.
#[utoipa::path(get, path = "/api/v1/land/parcels/{id}", tag = "project", params(("id" = i64, Path)),
    responses((status = 200, body = ParcelView), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn parcel(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<ParcelView>> {
    Ok(Json(
        app::project::get_parcel(&state.app, &user.actor, id).await?,
    ))
}

/// Record a disposal of (part of) a parcel; never more than is left.
#[utoipa::path(post, path = "/api/v1/land/parcels/{id}/disposals", tag = "project", params(("id" = i64, Path)), request_body = DisposalForm,
    responses((status = 201, body = Changed), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn dispose(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(mut f): Json<DisposalForm>,
) -> WebResult<Response> {
    f.parcel_id = id;
    let count = app::project::dispose_land(&state.app, &user.actor, &user.meta, vec![f]).await?;
    Ok(created(Changed { count }))
}

/// Low-efficiency parcels surveyed, and whether each was entered into the database.
#[utoipa::path(get, path = "/api/v1/land/inefficient", tag = "project", params(LandQuery),
    responses((status = 200, body = Listed<InefficientView>), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn inefficient(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<LandQuery>,
) -> WebResult<Json<Listed<InefficientView>>> {
    let page = q.page()?;
    Ok(Json(
        app::project::list_inefficient(&state.app, &user.actor, q.region.as_deref(), page)
            .await?
            .into(),
    ))
}

/// Record a low-efficiency parcel surveyed.
#[utoipa::path(post, path = "/api/v1/land/inefficient", tag = "project", request_body = InefficientForm,
    responses((status = 201, body = Changed), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn survey(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<InefficientForm>,
) -> WebResult<Response> {
    let count =
        app::project::survey_inefficient(&state.app, &user.actor, &user.meta, vec![f]).await?;
    Ok(created(Changed { count }))
}

/// Surveyed parcels entered into the database on a day.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct EnterForm {
    /// The surveyed parcels.
    #[serde(default)]
    pub ids: Vec<i64>,
    /// The day they were entered.
    #[serde(default)]
    pub entered_on: String,
}

/// Mark surveyed low-efficiency parcels as entered into the database (入库), all or none.
#[utoipa::path(post, path = "/api/v1/land/inefficient/entered", tag = "project", request_body = EnterForm,
    responses((status = 200, body = Changed), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn enter(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<EnterForm>,
) -> WebResult<Json<Changed>> {
    let count =
        app::project::enter_inefficient(&state.app, &user.actor, &user.meta, f.ids, &f.entered_on)
            .await?;
    Ok(Json(Changed { count }))
}

/// Support funds paid in a year: the total, payments, enterprises, by programme.
#[utoipa::path(get, path = "/api/v1/support-funds/stats", tag = "project", params(StatsQuery),
    responses((status = 200, body = SupportFundStats), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn fund_stats(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<StatsQuery>,
) -> WebResult<Json<SupportFundStats>> {
    Ok(Json(
        app::project::support_fund_stats(&state.app, &user.actor, q.region.as_deref(), q.year)
            .await?,
    ))
}

/// Support-fund payments, by region, year and programme.
#[utoipa::path(get, path = "/api/v1/support-funds", tag = "project", params(RecordListQuery),
    responses((status = 200, body = Listed<PaymentView>), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn payments(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<RecordListQuery>,
) -> WebResult<Json<Listed<PaymentView>>> {
    Ok(Json(
        app::project::list_payments(&state.app, &user.actor, &q)
            .await?
            .into(),
    ))
}

/// Record a support-fund payment to an enterprise.
#[utoipa::path(post, path = "/api/v1/support-funds", tag = "project", request_body = PaymentForm,
    responses((status = 201, body = Changed), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn pay(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<PaymentForm>,
) -> WebResult<Response> {
    let count =
        app::project::pay_support_funds(&state.app, &user.actor, &user.meta, vec![f]).await?;
    Ok(created(Changed { count }))
}

/// Digital figures of a year: 5G base stations, enterprises newly on the cloud, 两化融合 and
/// DCMM certifications.
#[utoipa::path(get, path = "/api/v1/digital/stats", tag = "project", params(StatsQuery),
    responses((status = 200, body = DigitalStats), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn digital_stats(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<StatsQuery>,
) -> WebResult<Json<DigitalStats>> {
    Ok(Json(
        app::project::digital_stats(&state.app, &user.actor, q.region.as_deref(), q.year).await?,
    ))
}

/// Digital records, by region, year and kind.
#[utoipa::path(get, path = "/api/v1/digital-records", tag = "project", params(RecordListQuery),
    responses((status = 200, body = Listed<DigitalView>), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn digital(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<RecordListQuery>,
) -> WebResult<Json<Listed<DigitalView>>> {
    Ok(Json(
        app::project::list_digital(&state.app, &user.actor, &q)
            .await?
            .into(),
    ))
}

/// Record a digital record (a batch of 5G base stations, an enterprise on the cloud, a
/// certification).
#[utoipa::path(post, path = "/api/v1/digital-records", tag = "project", request_body = DigitalForm,
    responses((status = 201, body = Changed), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn record_digital(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<DigitalForm>,
) -> WebResult<Response> {
    let count = app::project::record_digital(&state.app, &user.actor, &user.meta, vec![f]).await?;
    Ok(created(Changed { count }))
}
