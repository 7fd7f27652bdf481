//! Gradient cultivation (梯度培育): rule sets, assessments and the screening radar; pools and
//! reserve lists, campaigns, the application workflow (`policy::cultivation::workflow`) with
//! its event log and public notice, the honor a recognition creates, expiry and re-review,
//! and statistics.

mod act;
pub mod application;
pub mod assessment;
pub mod campaign;
pub mod demo;
mod demo_figures;
pub mod expiry;
pub mod inputs;
pub mod pool;
pub mod rules;
pub mod screening;
pub mod stats;
pub mod stats_table;

use crate::AppError;
use policy::cultivation::pool::Track;
use policy::org::Scope;
use store::ConnectionTrait;
use store::entity::enterprise;

pub use application::{
    ActRequest, ApplicationFilterForm, ApplicationView, EventView, NewApplication, act,
    conclude_notices, create_application, get_application, list_applications,
};
pub use assessment::{
    AssessRequest, AssessmentLine, AssessmentView, RuleSetRef, assess, assessments_of,
    get_assessment,
};
pub use campaign::{CampaignView, NewCampaign, create_campaign, list_campaigns};
pub use expiry::{ReReviewItem, expire_honors, re_review_list, start_re_review};
pub use pool::{NewPoolEntry, PoolEntryView, PoolFilterForm, add_to_pool, exit_pool, list_pool};
pub use rules::{
    RuleSetDetail, RuleSetView, copy_rule_set, list_rule_sets, load_shipped_rule_sets,
    publish_rule_set, rule_set, save_rule_set_draft,
};
pub use stats::{CultivationStats, stats};
pub use stats_table::{StatsRow, StatsTable, StatsTableQuery, stats_table, stats_table_xlsx};

/// A track code from input, or the field error naming it.
pub(crate) fn parse_track(s: &str) -> Result<Track, AppError> {
    Track::parse(s).ok_or_else(|| AppError::invalid("track", "cultivation.track_unknown"))
}

/// A year from input, within the range the platform keeps.
pub(crate) fn check_year(year: i32) -> Result<i32, AppError> {
    if (2000..=2100).contains(&year) {
        Ok(year)
    } else {
        Err(AppError::invalid("year", "common.year_format"))
    }
}

/// The enterprise, if it lies in `scope`.
pub(crate) async fn enterprise_in<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    uscc: &str,
) -> Result<enterprise::Model, AppError> {
    store::enterprise::profile::find(conn, scope, uscc.trim())
        .await?
        .ok_or(AppError::NotFound)
}

/// A region code from input (the whole subtree), or the field error.
pub(crate) fn parse_region(s: Option<&str>) -> Result<Option<policy::org::RegionCode>, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(r) => policy::org::RegionCode::parse(r)
            .map(Some)
            .map_err(|_| AppError::invalid("region", "region.unknown")),
    }
}

pub use screening::{ScreenQuery, ScreenResult, ScreenRow, screen, screen_xlsx};

#[cfg(test)]
mod card_tests;
#[cfg(test)]
mod review_tests;
#[cfg(test)]
mod tests;
