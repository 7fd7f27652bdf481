//! Gradient cultivation under `/api/v1/cultivation`: assessments and rule sets; pools,
//! campaigns, applications and their workflow, re-review, statistics.

pub mod application;
pub mod assessment;
pub mod pool;
pub mod rules;
pub mod screening;

use crate::routes::RouteTable;

/// The cultivation routes of the API.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .merge(assessment::routes())
        .merge(rules::routes())
        .merge(application::routes())
        .merge(pool::routes())
        .merge(screening::routes())
}
