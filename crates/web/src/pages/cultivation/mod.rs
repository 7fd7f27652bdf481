//! Gradient cultivation pages: the assessment form and record, the rule sets; applications
//! with their workflow, pools and reserve lists, campaigns, the re-review list.

pub mod application;
pub mod assessment;
pub mod explain;
pub mod pool;
pub mod rules;
pub mod screening;

use crate::i18n::Tr;
use crate::routes::RouteTable;
use policy::cultivation::pool::Track;

/// The cultivation page routes.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .merge(assessment::routes())
        .merge(rules::routes())
        .merge(application::routes())
        .merge(pool::routes())
        .merge(screening::routes())
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
