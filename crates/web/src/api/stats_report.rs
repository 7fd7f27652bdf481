//! The reports as downloads: the county annual report and the city monthly report, as PDF or
//! xlsx (`format`), computed on demand by `app::stats::report` and written by the `report`
//! crate on a blocking thread.

use crate::error::{Problem, WebError, WebResult};
use crate::session::Authed;
use crate::state::AppState;
use app::stats::report::{ReportFormat, ReportQuery, doc::ReportDoc};
use app::{Actor, AppError};
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;

/// Bad query parameters are a bad request (400), each named with its reason.
fn bad_query(e: AppError) -> WebError {
    match e {
        AppError::Invalid(fields) => {
            let mut p = Problem::new(StatusCode::BAD_REQUEST, "invalid");
            p.fields = fields;
            WebError(p)
        }
        other => other.into(),
    }
}

/// Reports are official Chinese documents whatever the interface language.
fn chinese(user: &Authed) -> Actor {
    let mut a = user.actor.clone();
    a.locale = "zh-CN".into();
    a
}

/// Writes `doc` as `format` and answers it as an attachment.
pub(crate) async fn deliver(doc: ReportDoc, format: ReportFormat) -> WebResult<Response> {
    let name = report::file_name(&doc, format);
    let bytes = tokio::task::spawn_blocking(move || report::render(&doc, format))
        .await
        .map_err(|e| AppError::Internal(format!("report task: {e}")))?;
    match bytes {
        Ok(b) => Ok(super::io::attachment(
            format.content_type(),
            &name,
            Body::from(b),
        )),
        Err(e @ report::ReportError::FontMissing(_)) => {
            tracing::error!(error = %e, "report fonts");
            Err(WebError(Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "report_font_missing",
            )))
        }
        Err(e) => Err(AppError::from(e).into()),
    }
}

/// The county annual report of `region` for `year` (output, growth, industries, groups and
/// chains with targets, monthly trend, largest enterprises, key projects), as `format=pdf`
/// (default) or `xlsx`.
#[utoipa::path(get, path = "/api/v1/stats/reports/county-annual", tag = "stats", params(ReportQuery),
    responses((status = 200, content_type = "application/pdf"), (status = 400, body = super::ErrorBody), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn county_annual(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<ReportQuery>,
) -> WebResult<Response> {
    let format = q.format().map_err(bad_query)?;
    let r = app::stats::report::county_annual(&state.app, &chinese(&user), &q)
        .await
        .map_err(bad_query)?;
    deliver(r.document(), format).await
}

/// The city monthly report of `region` (default the user's) for `year` and `month`: every
/// indicator for the month and January to it with growth, the counties with their targets,
/// and the alerts of the indicator cards' thresholds, as `format=pdf` (default) or `xlsx`.
#[utoipa::path(get, path = "/api/v1/stats/reports/city-monthly", tag = "stats", params(ReportQuery),
    responses((status = 200, content_type = "application/pdf"), (status = 400, body = super::ErrorBody), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn city_monthly(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<ReportQuery>,
) -> WebResult<Response> {
    let format = q.format().map_err(bad_query)?;
    let r = app::stats::report::city_monthly(&state.app, &chinese(&user), &q)
        .await
        .map_err(bad_query)?;
    deliver(r.document(), format).await
}
