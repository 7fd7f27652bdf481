//! Gradient cultivation pages: the assessment form and record, the rule sets; applications
//! with their workflow, pools and reserve lists, campaigns, the re-review list.

pub mod application;
pub mod assessment;
pub mod card;
pub mod explain;
pub mod pool;
pub mod rules;
pub mod screening;
pub mod stats;

use crate::error::WebResult;
use crate::i18n::Tr;
use crate::pages::list::PageQuery;
use crate::pages::{FieldErrors, render};
use crate::routes::RouteTable;
use crate::session::Authed;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use policy::cultivation::pool::Track;
use serde::Deserialize;

/// The cultivation page routes.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .merge(assessment::routes())
        .merge(rules::routes())
        .merge(application::routes())
        .merge(pool::routes())
        .merge(screening::routes())
        .merge(stats::routes())
}

/// The filters of the application and pool lists: the ones they share (region subtree, track,
/// year) and their own (`state` and `applied` for applications, `list` for pools). The
/// statistics page links its figures to these lists with the same names.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListFilters {
    #[serde(default)]
    pub(crate) region: String,
    #[serde(default)]
    pub(crate) track: String,
    #[serde(default)]
    pub(crate) year: String,
    #[serde(default)]
    pub(crate) state: String,
    #[serde(default)]
    pub(crate) applied: String,
    #[serde(default)]
    pub(crate) list: String,
    #[serde(flatten)]
    pub(crate) page: PageQuery,
}

impl ListFilters {
    /// A filter's value, if one was given.
    pub(crate) fn given(s: &str) -> Option<String> {
        Some(s.trim().to_string()).filter(|s| !s.is_empty())
    }

    /// The year, if one was given as a number.
    pub(crate) fn year(&self) -> Option<i32> {
        self.year.trim().parse().ok()
    }

    /// Whether only submitted applications are asked for.
    pub(crate) fn applied(&self) -> Option<bool> {
        matches!(self.applied.trim(), "1" | "true").then_some(true)
    }

    /// The filters as query pairs for the pager (empty ones are left out there).
    pub(crate) fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("region", self.region.clone()),
            ("track", self.track.clone()),
            ("year", self.year.clone()),
            ("state", self.state.clone()),
            ("applied", self.applied.clone()),
            ("list", self.list.clone()),
        ]
    }
}

/// The label of a track code in the user's language.
pub(crate) fn track_label(t: &Tr, code: &str) -> String {
    let key = format!("track.{code}");
    if t.has(&key) {
        t.get(&key)
    } else {
        code.to_string()
    }
}

/// Every track as (code, label), for selects; `applied_only` leaves out pool-only tracks.
pub(crate) fn track_options(t: &Tr, applied_only: bool) -> Vec<(String, String)> {
    Track::all()
        .into_iter()
        .filter(|tr| !applied_only || tr.title().is_some())
        .map(|tr| (tr.as_str().to_string(), track_label(t, tr.as_str())))
        .collect()
}

/// The colour of a workflow state's tag.
pub(crate) fn state_class(state: &str) -> &'static str {
    match state {
        "recognised" => "green",
        "draft" | "withdrawn" => "grey",
        "rejected" | "not_recognised" => "red",
        "in_notice" => "orange",
        _ => "blue",
    }
}

/// What a form post answers: on success the redirect `to` names; when the use case refuses
/// the input, the form's page `again` with the errors under their fields (422); any other
/// error as it is.
pub(crate) async fn after_post<T, P: askama::Template>(
    user: &Authed,
    result: Result<T, app::AppError>,
    to: impl FnOnce(T) -> String,
    again: impl AsyncFnOnce(FieldErrors) -> WebResult<P>,
) -> WebResult<Response> {
    match result {
        Ok(v) => Ok(Redirect::to(&to(v)).into_response()),
        Err(app::AppError::Invalid(errs)) => {
            let page = again(FieldErrors::from_app(&Tr::new(user.lang), &errs)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// An xlsx workbook as a download named `name`.
pub(crate) fn xlsx_download(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}
