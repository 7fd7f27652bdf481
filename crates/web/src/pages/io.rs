//! The import page: the RuoYi-style dialog users know (template → file → options → import),
//! then a result page with counts, the errors by row and column, and the sheet with an error
//! column to fix and upload again.

use super::chrome::Chrome;
use super::render;
use crate::api::io::{io_lang, result_of, run_import, tracked};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::routes::{RouteTable, get, post};
use crate::session::Authed;
use crate::state::AppState;
use app::io::{ImportKind, ImportMode, ImportOptions};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use policy::org::Permission;

/// The routes of the import page.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .route("/imports", get(page))
        .route("/imports/{kind}", post(run))
}

struct ResultView {
    title: String,
    accepted: usize,
    rejected: usize,
    created: usize,
    updated: usize,
    unchanged: usize,
    ok: bool,
    outcome: String,
    errors: Vec<(u32, String, String)>,
    error_sheet: Option<String>,
    error_sheet_name: String,
}

#[derive(Template)]
#[template(path = "imports.html")]
struct Page {
    c: Chrome,
    kinds: Vec<(&'static str, String)>,
    result: Option<ResultView>,
}

async fn view(state: &AppState, user: &Authed, result: Option<ResultView>) -> WebResult<Page> {
    // The page offers the kinds the user may import (the registry's, the statistics').
    if !ImportKind::ALL
        .iter()
        .any(|k| user.actor.can(k.write_permission()))
    {
        user.actor.require(Permission::ENTERPRISE_WRITE)?;
    }
    let c = Chrome::build(
        state,
        user,
        "/imports",
        "import.title",
        &[("/enterprises", "enterprise.list_title")],
    )
    .await;
    let kinds = ImportKind::ALL
        .iter()
        .filter(|k| user.actor.can(k.write_permission()))
        .map(|k| (k.as_str(), c.t.get(&format!("import.kind.{}", k.as_str()))))
        .collect();
    Ok(Page { c, kinds, result })
}

async fn page(State(state): State<AppState>, user: Authed) -> WebResult<Response> {
    Ok(render(&view(&state, &user, None).await?)?.into_response())
}

/// The page's progress token, in the query string (read before the upload).
#[derive(Debug, Default, serde::Deserialize)]
struct RunParams {
    progress: Option<String>,
}

async fn run(
    State(state): State<AppState>,
    user: Authed,
    Path(kind): Path<String>,
    Query(params): Query<RunParams>,
    mut mp: Multipart,
) -> WebResult<Response> {
    let kind = ImportKind::parse(&kind)
        .ok_or_else(|| WebError::from(app::AppError::invalid("kind", "import.kind_unknown")))?;
    let mut options = ImportOptions {
        mode: ImportMode::AllOrNothing,
        update_existing: false,
        dry_run: false,
    };
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Ok(Some(field)) = mp.next_field().await {
        match field.name() {
            Some("file") => {
                let name = field.file_name().unwrap_or("upload").to_string();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| WebError::bad_request(e.to_string()))?;
                file = Some((name, bytes.to_vec()));
            }
            Some("update_existing") => options.update_existing = true,
            Some("valid_only") => options.mode = ImportMode::ValidOnly,
            Some("dry_run") => options.dry_run = true,
            _ => {}
        }
    }
    let (name, bytes) =
        file.ok_or_else(|| WebError::bad_request("multipart field 'file' missing"))?;
    let t = Tr::new(user.lang);
    let entry = tracked(&state, &user, params.progress.as_deref())?;
    let report = match run_import(&state, &user, kind, &name, &bytes, options, entry.as_ref()).await
    {
        Ok(r) => r,
        Err(app::AppError::Invalid(errs)) => {
            let result = ResultView {
                title: name,
                accepted: 0,
                rejected: 0,
                created: 0,
                updated: 0,
                unchanged: 0,
                ok: false,
                outcome: errs
                    .iter()
                    .map(|e| t.fmt_owned(&e.key, &e.params))
                    .collect::<Vec<_>>()
                    .join("；"),
                errors: Vec::new(),
                error_sheet: None,
                error_sheet_name: String::new(),
            };
            let page = view(&state, &user, Some(result)).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let summary = result_of(&t, &report);
    let translate = |key: &str, params: &[(String, String)]| t.fmt_owned(key, params);
    let error_sheet = if report.errors.is_empty() {
        None
    } else {
        app::io::error_sheet_xlsx(kind, &bytes, &report, io_lang(user.lang), &translate)
            .ok()
            .map(|x| {
                format!(
                    "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,{}",
                    base64::engine::general_purpose::STANDARD.encode(x)
                )
            })
    };
    let ok = report.errors.is_empty() || report.written;
    let outcome = if report.dry_run {
        t.get("import.outcome_dry_run")
    } else if report.written {
        t.get("import.outcome_written")
    } else if report.errors.is_empty() {
        t.get("import.outcome_nothing")
    } else {
        t.get("import.outcome_refused")
    };
    let result = ResultView {
        title: name.clone(),
        accepted: summary.accepted,
        rejected: summary.rejected,
        created: summary.created,
        updated: summary.updated,
        unchanged: summary.unchanged,
        ok,
        outcome,
        errors: summary
            .errors
            .into_iter()
            .map(|e| (e.row, e.column, e.message))
            .collect(),
        error_sheet,
        error_sheet_name: format!("{}-errors.xlsx", kind.as_str()),
    };
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = view(&state, &user, Some(result)).await?;
    Ok((status, render(&page)?).into_response())
}
