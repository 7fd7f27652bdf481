//! Gradient cultivation: rule sets and assessments; pools, campaigns, applications with their
//! event log, honors near their end.

pub mod application;
pub mod assessment;
pub mod campaign;
pub mod expiry;
pub mod pool;
pub mod rule_set;

use crate::scope::{ScopeColumns, code_prefix, condition};
use policy::org::{RegionCode, Scope};
use sea_orm::{ColumnTrait, Condition};

/// The scope and an optional region subtree as one condition over a table's region and
/// enterprise columns.
pub(crate) fn scoped<C: ColumnTrait>(
    scope: &Scope,
    region: C,
    enterprise: C,
    subtree: Option<&RegionCode>,
) -> Condition {
    let mut c = Condition::all().add(condition(
        scope,
        ScopeColumns {
            region: Some(region),
            enterprise: Some(enterprise),
            owner: None,
        },
    ));
    if let Some(r) = subtree {
        c = c.add(code_prefix(region, r.subtree_prefix()));
    }
    c
}
