//! Industry chains under the chain-leader system (产业链链长制): chains with their leaders,
//! lead department, working group and policy plan (一链一策); the chain map (图谱) of segment
//! nodes with enterprises attached in a role; the lists (N张清单) as views over records; the
//! gap analysis with investment targets (靶向招商); leaders' patrols (问链 / 巡链 / 诊链) whose
//! problems become tickets; parks; and the chain figures.
//!
//! Figures (output by month and year, growth, target) come through one seam,
//! [`FigureSource`]; the source in force ([`FiguresInForce`]) is `app::stats`: gross output
//! from the monthly figures through the dashboards' aggregate, and the statistics targets of
//! kind `chain` keyed by the chain's code, which the chain page sets.
//!
//! Reading a chain (`chain:read`) shows the enterprises on its map with their figures and
//! titles: the chain's scope, not the reader's registry scope, decides what its map shows.

pub mod demo;
mod figures;
mod investment;
mod lists;
mod map;
mod memo;
mod park;
mod patrol;
mod record;
mod report;
mod snapshot;
mod structure;
pub mod svg;

pub use figures::{
    ChainsFigures, EnterpriseOutput, FigureSource, FiguresInForce, SetTotals, StatsFigures,
};
pub use investment::{
    InvestmentEventView, InvestmentTargetView, NewInvestmentTargetForm, TargetActionForm,
    act_on_investment_target, add_investment_target,
};
pub use lists::{
    ChainLists, KeyEnterpriseView, KeyParkView, KeyProjectView, NeedView, PlatformView,
};
pub use map::{
    AttachForm, NodeForm, add_node, attach_enterprise, detach_enterprise, remove_node, update_node,
};
pub(crate) use memo::ChainMemo;
pub use park::{NewParkForm, ParkView, PlaceForm, add_park, list_parks, place_in_park};
pub use patrol::{
    FollowUpForm, NewPatrolForm, PatrolTicketView, PatrolView, VisitedEnterprise, follow_up_patrol,
    record_patrol,
};
pub use record::{
    ChainDetail, ChainForm, ChainInfo, ChainListQuery, ChainListView, ChainSummaryView, LeaderForm,
    LeaderView, TargetForm, TitleSummaryView, create_chain, get_chain, lead_departments,
    list_chains, set_chain_target, update_chain,
};
pub use report::{ChainMapFigure, report_maps};
pub use snapshot::{
    ChainFiguresView, GapView, MapView, MonthView, NodeEnterpriseView, NodeView, SegmentView,
    TitleView,
};

use crate::{AppError, FieldError};
use chrono::Datelike;
use policy::chain::TitleRules;

/// `rules/chain-titles.toml`, shipped in the binary.
pub const TITLE_RULES: &str = include_str!("../../../../rules/chain-titles.toml");

/// The title rules in force (parsed once).
pub fn title_rules() -> Result<&'static TitleRules, AppError> {
    static PARSED: std::sync::OnceLock<Result<TitleRules, String>> = std::sync::OnceLock::new();
    PARSED
        .get_or_init(|| TitleRules::parse(TITLE_RULES).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| AppError::Internal(e.clone()))
}

/// Today in China.
pub(crate) fn today() -> chrono::NaiveDate {
    store::service::china_today()
}

/// The day titles are counted on for a year's figures: its last day, or today for the
/// current year.
pub(crate) fn as_of(year: i32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(year, 12, 31).map_or_else(today, |end| end.min(today()))
}

/// The year figures are shown for when none is asked for: the last complete year.
pub fn default_year() -> i32 {
    today().year() - 1
}

/// A year from input, within the range the platform keeps.
pub(crate) fn check_year(year: i32) -> Result<i32, AppError> {
    if (2000..=2100).contains(&year) {
        Ok(year)
    } else {
        Err(AppError::invalid("year", "common.year_range"))
    }
}

/// A trimmed text field: required or not, at most `max` characters.
pub(crate) fn text(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    required: bool,
    max: usize,
) -> String {
    let v = value.trim();
    if required && v.is_empty() {
        errors.push(FieldError::new(field, "common.required"));
    } else if v.chars().count() > max {
        errors.push(FieldError::new(field, "common.too_long").with("max", max));
    }
    v.to_string()
}

/// An optional amount typed in 万元.
pub(crate) fn wan_yuan(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: Option<&str>,
) -> Option<i64> {
    match value.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => match policy::money::Fen::parse_wan_yuan(s) {
            Ok(f) if f.get() >= 0 => Some(f.get()),
            Ok(_) => {
                errors.push(FieldError::new(field, "chain.amount_negative"));
                None
            }
            Err(e) => {
                errors.push(FieldError::new(field, e.key()));
                None
            }
        },
    }
}

/// A policy error as a field error.
pub(crate) fn field(field: &str, e: policy::chain::ChainError) -> FieldError {
    FieldError::new(field, e.key())
}

/// Money in 万元 for a view, two decimals.
pub(crate) fn wan(fen: Option<i64>) -> Option<String> {
    fen.map(|f| policy::money::Fen::new(f).wan_yuan(2))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_edit;
#[cfg(test)]
mod tests_memo;
