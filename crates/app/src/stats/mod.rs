//! Industrial statistics (工业统计): indicator cards as data, monthly figures per enterprise and
//! indicator (imported through [`crate::io`] like the registry, or posted to the API), the
//! aggregates the dashboards read (by region subtree, county, industry and enterprise group,
//! for a month, year-to-date or year, with growth on the statistics office's comparable
//! basis), targets with completion rates, the figures behind every number, and the chain
//! capability's hook ([`member_figures`]).
//!
//! Reads go through an in-memory aggregate ([`cube`]) kept current from the audit log, so a
//! county × group × month table over tens of thousands of enterprises needs no scan of the
//! figure table. Writes go to the database in one transaction with one audit entry per
//! enterprise and month, naming every figure changed.

pub mod bench;
pub mod chart;
pub(crate) mod cube;
pub mod dashboard;
pub mod demo;
mod figures;
mod members;
mod output;
pub mod report;
mod scope;
pub mod seed_facts;
mod setup;
mod targets;

pub use cube::CubeCell;
pub use dashboard::{
    Card, CountyCell, Dashboard, GridCell, GridView, county_cells, county_group_months, dashboard,
};
pub use figures::{
    EnterpriseFigureRow, EnterpriseFiguresView, FigureInput, FigurePlan, FiguresReport,
    MONTH_CHOICES, RawFigure, enterprise_figures, plan_figures, record_figures,
};
pub(crate) use figures::{FIGURE_FIELDS, figure_rows};
pub use members::{
    MemberFigures, MemberQuery, MemberSet, MemberSummary, member_figures, member_records,
};
pub(crate) use members::{chain_figures, enterprise_sums, latest_year_of};
pub use output::{
    MethodView, OutputQuery, OutputRow, OutputView, RecordView, RecordsView, output, records,
};
pub use setup::{
    GroupForm, GroupSetForm, GroupSetView, IndicatorForm, IndicatorView, get_indicator,
    list_group_sets, list_indicators, load_shipped, save_group_set, update_indicator,
};
pub(crate) use targets::set_target_in;
pub use targets::{TargetForm, TargetView, list_targets, set_target};

/// `rules/stats-indicators.toml`, shipped in the binary.
pub const SHIPPED_INDICATORS: &str = include_str!("../../../../rules/stats-indicators.toml");
/// `rules/stats-groups.toml`, shipped in the binary.
pub const SHIPPED_GROUPS: &str = include_str!("../../../../rules/stats-groups.toml");
/// The county shapes of 聊城市 (GeoJSON), for the dashboard map.
pub const COUNTY_SHAPES: &str = include_str!("../../data/liaocheng-counties.geojson");

#[cfg(test)]
mod tests;
