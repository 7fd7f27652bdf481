//! The enterprise registry: profiles, yearly financials, honors, enterprises' own changes
//! confirmed by the county, and the data dictionary behind imports and exports.

mod change;
pub mod fields;
pub(crate) mod financial;
pub(crate) mod honor;
mod list;
pub mod parse;
pub(crate) mod profile;
mod size;

pub use crate::search::rebuild as rebuild_search;
pub use change::{ChangeView, decide_change, pending_changes, submit_change};
pub use financial::{FinancialView, financials_of, save_financial};
pub use honor::{HonorView, add_honor, honors_of, set_honor_status};
pub use list::{EnterpriseList, EnterpriseSummary, ListQuery, list_enterprises};
pub(crate) use list::{ListCounts, store_query};
pub use profile::{
    EnterpriseView, create_enterprise, get_enterprise, json_text, parse_context, update_enterprise,
};
pub use size::{SIZE_RULES, size_rules};

#[cfg(test)]
mod tests;
