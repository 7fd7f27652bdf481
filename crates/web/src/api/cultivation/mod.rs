//! Gradient cultivation under `/api/v1/cultivation`.

pub mod assessment;
pub mod rules;
pub mod screening;

use crate::routes::RouteTable;

/// The cultivation routes of the API.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .merge(assessment::routes())
        .merge(rules::routes())
        .merge(screening::routes())
}
