//! Spreadsheets: import templates, imports, and exports of the enterprise list.

use crate::error::{WebError, WebResult};
use crate::i18n::{Lang, Tr};
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::io::{ExportFormat, ImportKind, ImportMode, ImportOptions, ImportReport};
use axum::Json;
use axum::body::Body;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub(super) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/api/v1/imports/{kind}/template.xlsx", get(template))
        .route("/api/v1/imports/{kind}", post(import))
        .route("/api/v1/imports/progress/{token}", get(progress))
        .route("/api/v1/exports/{file}", get(export))
}

/// The content type of an xlsx workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn kind_of(s: &str) -> Result<ImportKind, WebError> {
    ImportKind::parse(s)
        .ok_or_else(|| WebError::from(app::AppError::invalid("kind", "import.kind_unknown")))
}

/// The language of spreadsheets for a user.
pub fn io_lang(lang: Lang) -> app::io::Lang {
    if lang == Lang::En {
        app::io::Lang::En
    } else {
        app::io::Lang::Zh
    }
}

/// An attachment response.
pub fn attachment(content_type: &str, file_name: &str, body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The xlsx template of `enterprises`, `financials` or `honors`: Chinese headers, a notes row
/// with each column's format, drop-down lists for coded columns.
#[utoipa::path(get, path = "/api/v1/imports/{kind}/template.xlsx", tag = "io", params(("kind" = String, Path)),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (status = 422, body = super::ErrorBody)))]
pub async fn template(user: Authed, Path(kind): Path<String>) -> WebResult<Response> {
    let kind = kind_of(&kind)?;
    user.actor.require(kind.write_permission())?;
    let bytes = app::io::template_xlsx(kind, io_lang(user.lang))?;
    Ok(attachment(
        XLSX,
        &format!("{}-template.xlsx", kind.as_str()),
        Body::from(bytes),
    ))
}

/// How an import runs.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// Check only; write nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// `all_or_nothing` (default: nothing is written unless every row is valid) or `valid_only`.
    pub mode: Option<String>,
    /// Update enterprises that exist (otherwise an existing credit code is an error).
    #[serde(default)]
    pub update_existing: bool,
    /// A token (16-64 lower-case hex digits) under which the import's progress can be read
    /// from `/api/v1/imports/progress/{token}` while it runs.
    pub progress: Option<String>,
}

impl ImportParams {
    /// The application's options.
    pub fn options(&self) -> Result<ImportOptions, WebError> {
        let mode = match self.mode.as_deref() {
            None | Some("") => ImportMode::AllOrNothing,
            Some(m) => ImportMode::parse(m)
                .ok_or_else(|| WebError::from(app::AppError::invalid("mode", "common.choice")))?,
        };
        Ok(ImportOptions {
            mode,
            update_existing: self.update_existing,
            dry_run: self.dry_run,
        })
    }
}

/// One problem of an imported row.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportError {
    /// Row number as the spreadsheet shows it.
    pub row: u32,
    /// Column header.
    pub column: String,
    /// What is wrong, in the user's language.
    pub message: String,
}

/// The result of an import.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResult {
    /// Rows written (or unchanged).
    pub accepted: usize,
    /// Rows with problems.
    pub rejected: usize,
    /// Records created.
    pub created: usize,
    /// Records updated.
    pub updated: usize,
    /// Rows equal to the stored record.
    pub unchanged: usize,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// Every problem.
    pub errors: Vec<ImportError>,
}

/// The report in the user's language.
pub fn result_of(t: &Tr, r: &ImportReport) -> ImportResult {
    ImportResult {
        accepted: r.accepted,
        rejected: r.rejected,
        created: r.created,
        updated: r.updated,
        unchanged: r.unchanged,
        dry_run: r.dry_run,
        errors: r
            .errors
            .iter()
            .map(|e| ImportError {
                row: e.row,
                column: e.column.clone(),
                message: t.fmt_owned(&e.message_key, &e.params),
            })
            .collect(),
    }
}

/// Reads the multipart `file` field: its name and bytes.
pub async fn uploaded(mut mp: Multipart) -> Result<(String, Vec<u8>), WebError> {
    while let Ok(Some(field)) = mp.next_field().await {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("upload").to_string();
            let bytes = field
                .bytes()
                .await
                .map_err(|e| WebError::bad_request(e.to_string()))?;
            return Ok((name, bytes.to_vec()));
        }
    }
    Err(WebError::bad_request("multipart field 'file' missing"))
}

/// Import a spreadsheet (xlsx, xls or CSV in UTF-8 or GBK) in the multipart field `file`.
/// Answers 422 when nothing was written because of errors.
#[utoipa::path(post, path = "/api/v1/imports/{kind}", tag = "io", params(("kind" = String, Path), ImportParams),
    request_body(content_type = "multipart/form-data", description = "field `file`"),
    responses((status = 200, body = ImportResult), (status = 422, body = ImportResult), (status = 403, body = super::ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    user: Authed,
    Path(kind): Path<String>,
    Query(p): Query<ImportParams>,
    mp: Multipart,
) -> WebResult<Response> {
    let kind = kind_of(&kind)?;
    let options = p.options()?;
    let (name, bytes) = uploaded(mp).await?;
    let entry = tracked(&state, &user, p.progress.as_deref())?;
    let report = run_import(&state, &user, kind, &name, &bytes, options, entry.as_ref()).await?;
    let status = if !report.errors.is_empty() && !report.written && !report.dry_run {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, Json(result_of(&Tr::new(user.lang), &report))).into_response())
}

/// The progress board entry of an import the caller named with a token; a malformed token is
/// refused (no entry is made for it).
pub fn tracked(
    state: &AppState,
    user: &Authed,
    token: Option<&str>,
) -> Result<Option<crate::progress::Entry>, WebError> {
    match token.filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => state
            .imports
            .enter(user.actor.user_id, t)
            .map(Some)
            .ok_or_else(|| WebError::from(app::AppError::invalid("progress", "error.bad_request"))),
    }
}

/// Runs an import, reporting its stages on the board when it has an entry there.
pub async fn run_import(
    state: &AppState,
    user: &Authed,
    kind: ImportKind,
    name: &str,
    bytes: &[u8],
    options: ImportOptions,
    entry: Option<&crate::progress::Entry>,
) -> Result<ImportReport, app::AppError> {
    let report = |stage: app::io::ImportStage| {
        if let Some(e) = entry {
            e.report(stage);
        }
    };
    app::io::import(
        &state.app,
        &user.actor,
        &user.meta,
        kind,
        name,
        bytes,
        options,
        Some(&report),
    )
    .await
}

/// The stage of the caller's running import named `token`: checking (rows done of all),
/// writing, or finished. 404 when no import of the caller runs under that token.
#[utoipa::path(get, path = "/api/v1/imports/progress/{token}", tag = "io", params(("token" = String, Path)),
    responses((status = 200, description = "`{\"stage\":\"checking\",\"done\",\"total\"}`, `{\"stage\":\"writing\",\"total\"}` or `{\"stage\":\"finished\",\"total\"}`"),
        (status = 404, body = super::ErrorBody), (status = 403, body = super::ErrorBody)))]
pub async fn progress(
    State(state): State<AppState>,
    user: Authed,
    Path(token): Path<String>,
) -> WebResult<Json<app::io::ImportStage>> {
    user.actor
        .require(policy::org::Permission::ENTERPRISE_WRITE)?;
    state
        .imports
        .stage(user.actor.user_id, &token)
        .map(Json)
        .ok_or_else(|| WebError::from(app::AppError::NotFound))
}

/// Export `enterprises.xlsx`, `financials.csv`, … of the enterprises the filters select, with
/// the template's headers; streamed from a temporary file so memory stays bounded.
#[utoipa::path(get, path = "/api/v1/exports/{file}", tag = "io", params(("file" = String, Path, description = "enterprises|financials|honors .xlsx|.csv"), super::enterprise::EnterpriseParams),
    responses((status = 200, description = "the file"), (status = 422, body = super::ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    user: Authed,
    Path(file): Path<String>,
    Query(p): Query<super::enterprise::EnterpriseParams>,
) -> WebResult<Response> {
    let (kind, ext) = file.rsplit_once('.').unwrap_or((file.as_str(), "xlsx"));
    let kind = kind_of(kind)?;
    let format = ExportFormat::parse(ext)
        .ok_or_else(|| WebError::from(app::AppError::invalid("format", "common.choice")))?;
    let tmp =
        tempfile::tempfile().map_err(|e| app::AppError::Internal(format!("temp file: {e}")))?;
    let writer = tmp
        .try_clone()
        .map_err(|e| app::AppError::Internal(format!("temp file: {e}")))?;
    app::io::export(
        &state.app,
        &user.actor,
        kind,
        &p.query(),
        format,
        io_lang(user.lang),
        std::io::BufWriter::new(writer),
    )
    .await?;
    let mut file = tokio::fs::File::from_std(tmp);
    tokio::io::AsyncSeekExt::seek(&mut file, std::io::SeekFrom::Start(0))
        .await
        .map_err(|e| app::AppError::Internal(format!("temp file: {e}")))?;
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
    let (mime, name) = match format {
        ExportFormat::Xlsx => (XLSX, format!("{}.xlsx", kind.as_str())),
        ExportFormat::Csv => ("text/csv; charset=utf-8", format!("{}.csv", kind.as_str())),
    };
    Ok(attachment(mime, &name, body))
}
