//! Gradient cultivation pages: the assessment form and record, and the rule sets.

pub mod assessment;
pub mod explain;
pub mod rules;
pub mod screening;

use crate::routes::RouteTable;

/// The cultivation page routes.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .merge(assessment::routes())
        .merge(rules::routes())
        .merge(screening::routes())
}
