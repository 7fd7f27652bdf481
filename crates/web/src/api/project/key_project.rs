//! Key projects (重点项目): the figures, the list, one project, creating, plans, monthly
//! investment (one month, or a spreadsheet of months), stage changes and problems.

use super::{Listed, StatsQuery, created};
use crate::api::io::{ImportError, ImportParams, XLSX, attachment, io_lang, uploaded};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::project::{
    KeyProjectForm, KeyProjectRow, KeyProjectView, PlanForm, ProblemForm, ProblemView,
    ProgressForm, ProjectListQuery, ProjectStats, StageForm,
};
use axum::Json;
use axum::body::Body;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/projects/stats", get(stats))
        .route("/api/v1/projects", get(list).post(create))
        .route("/api/v1/projects/{id}", get(read).post(update))
        .route("/api/v1/projects/{id}/plans", post(set_plan))
        .route("/api/v1/projects/{id}/progress", post(record_progress))
        .route("/api/v1/projects/{id}/stage", post(change_stage))
        .route("/api/v1/projects/{id}/problems", post(raise_problem))
        .route("/api/v1/projects/progress/template", get(template))
        .route("/api/v1/projects/progress/import", post(import))
}

/// The key projects of a year in a region's subtree (or the reader's whole scope): how many
/// have a plan for the year, what they completed, their plans and the completion rate.
#[utoipa::path(get, path = "/api/v1/projects/stats", tag = "project", params(StatsQuery),
    responses((status = 200, body = ProjectStats), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn stats(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<StatsQuery>,
) -> WebResult<Json<ProjectStats>> {
    Ok(Json(
        app::project::project_stats(&state.app, &user.actor, q.region.as_deref(), q.year).await?,
    ))
}

/// Key projects the caller may read, by region, year (those with a plan for it), level,
/// stage and name, with the year's plan and investment.
#[utoipa::path(get, path = "/api/v1/projects", tag = "project", params(ProjectListQuery),
    responses((status = 200, body = Listed<KeyProjectRow>), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<ProjectListQuery>,
) -> WebResult<Json<Listed<KeyProjectRow>>> {
    Ok(Json(
        app::project::list_key_projects(&state.app, &user.actor, &q)
            .await?
            .into(),
    ))
}

/// Put a project on a key-project list (with its plan for a year, optionally).
#[utoipa::path(post, path = "/api/v1/projects", tag = "project", request_body = KeyProjectForm,
    responses((status = 201, body = KeyProjectView), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: Authed,
    Json(f): Json<KeyProjectForm>,
) -> WebResult<Response> {
    Ok(created(
        app::project::create_key_project(&state.app, &user.actor, &user.meta, f).await?,
    ))
}

/// One key project: plans with what was done, monthly investment, stage dates, problems.
#[utoipa::path(get, path = "/api/v1/projects/{id}", tag = "project", params(("id" = i64, Path)),
    responses((status = 200, body = KeyProjectView), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
) -> WebResult<Json<KeyProjectView>> {
    Ok(Json(
        app::project::get_key_project(&state.app, &user.actor, id).await?,
    ))
}

/// Edit a key project: every field of the creation form (an empty `stage` keeps the current
/// one), and optionally one year's plan; audited with the fields before and after.
#[utoipa::path(post, path = "/api/v1/projects/{id}", tag = "project", params(("id" = i64, Path)), request_body = KeyProjectForm,
    responses((status = 200, body = KeyProjectView), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<KeyProjectForm>,
) -> WebResult<Json<KeyProjectView>> {
    Ok(Json(
        app::project::update_key_project(&state.app, &user.actor, &user.meta, id, f).await?,
    ))
}

/// Set (or change) a project's investment plan for a year.
#[utoipa::path(post, path = "/api/v1/projects/{id}/plans", tag = "project", params(("id" = i64, Path)), request_body = PlanForm,
    responses((status = 200, body = KeyProjectView), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn set_plan(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<PlanForm>,
) -> WebResult<Json<KeyProjectView>> {
    Ok(Json(
        app::project::set_plan(&state.app, &user.actor, &user.meta, id, f).await?,
    ))
}

/// Record (or correct) the investment a project completed in a month.
#[utoipa::path(post, path = "/api/v1/projects/{id}/progress", tag = "project", params(("id" = i64, Path)), request_body = ProgressForm,
    responses((status = 200, body = KeyProjectView), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn record_progress(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<ProgressForm>,
) -> WebResult<Json<KeyProjectView>> {
    Ok(Json(
        app::project::record_progress(&state.app, &user.actor, &user.meta, id, f).await?,
    ))
}

/// Move a project to a later stage (planned → under construction → completed → in
/// production) on a day.
#[utoipa::path(post, path = "/api/v1/projects/{id}/stage", tag = "project", params(("id" = i64, Path)), request_body = StageForm,
    responses((status = 200, body = KeyProjectView), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn change_stage(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<StageForm>,
) -> WebResult<Json<KeyProjectView>> {
    Ok(Json(
        app::project::change_stage(&state.app, &user.actor, &user.meta, id, f).await?,
    ))
}

/// Raise a problem of a project: it becomes a ticket of the enterprise service.
#[utoipa::path(post, path = "/api/v1/projects/{id}/problems", tag = "project", params(("id" = i64, Path)), request_body = ProblemForm,
    responses((status = 201, body = ProblemView), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn raise_problem(
    State(state): State<AppState>,
    user: Authed,
    Path(id): Path<i64>,
    Json(f): Json<ProblemForm>,
) -> WebResult<Response> {
    Ok(created(
        app::project::raise_problem(&state.app, &user.actor, &user.meta, id, f).await?,
    ))
}

/// `?year=&month=` of the monthly-investment template.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TemplateQuery {
    /// Year.
    pub year: i32,
    /// Month (1-12), optional.
    pub month: Option<u32>,
}

/// The monthly-investment sheet, filled with the caller's projects that have a plan for the
/// year.
#[utoipa::path(get, path = "/api/v1/projects/progress/template", tag = "project", params(TemplateQuery),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn template(
    State(state): State<AppState>,
    user: Authed,
    Query(q): Query<TemplateQuery>,
) -> WebResult<Response> {
    let bytes = app::project::progress_template_xlsx(
        &state.app,
        &user.actor,
        q.year,
        q.month,
        io_lang(user.lang),
    )
    .await?;
    Ok(attachment(
        XLSX,
        &format!("progress-{}.xlsx", q.year),
        Body::from(bytes),
    ))
}

/// What an import of monthly investment did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressImportResult {
    /// Data rows.
    pub total: usize,
    /// Rows written or unchanged.
    pub accepted: usize,
    /// Rows with problems.
    pub rejected: usize,
    /// Months added.
    pub created: usize,
    /// Months changed.
    pub updated: usize,
    /// Rows equal to the stored figure.
    pub unchanged: usize,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// Whether anything was written.
    pub written: bool,
    /// Every problem, in the user's language.
    pub errors: Vec<ImportError>,
}

/// Import monthly investment (xlsx, xls or CSV in the multipart field `file`): all or nothing
/// by default; 422 when nothing was written because of errors.
#[utoipa::path(post, path = "/api/v1/projects/progress/import", tag = "project", params(ImportParams),
    request_body(content_type = "multipart/form-data", description = "field `file`"),
    responses((status = 200, body = ProgressImportResult), (status = 422, body = ProgressImportResult), (status = 403, body = crate::api::ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    user: Authed,
    Query(p): Query<ImportParams>,
    mp: Multipart,
) -> WebResult<Response> {
    let options = p.options()?;
    let (name, bytes) = uploaded(mp).await?;
    let r =
        app::project::import_progress(&state.app, &user.actor, &user.meta, &name, &bytes, options)
            .await?;
    let t = Tr::new(user.lang);
    let status = if !r.errors.is_empty() && !r.written && !r.dry_run {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = ProgressImportResult {
        total: r.total,
        accepted: r.accepted,
        rejected: r.rejected,
        created: r.created,
        updated: r.updated,
        unchanged: r.unchanged,
        dry_run: r.dry_run,
        written: r.written,
        errors: r
            .errors
            .iter()
            .map(|e| ImportError {
                row: e.row,
                column: e.column.clone(),
                message: t.fmt_owned(&e.message_key, &e.params),
            })
            .collect(),
    };
    Ok((status, Json(body)).into_response())
}
