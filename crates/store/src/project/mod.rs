//! Projects, investment and land as stored: key projects (plans, monthly investment, problems),
//! attraction projects (`investment_target`) with their report/review log and the counties'
//! targets, land (unsupplied parcels and disposals, low-efficiency land), support-fund
//! payments and digital records.
//!
//! Every query over these records takes the reader's [`Scope`]; a region filter narrows to a
//! subtree by code range. Sums are `CAST(SUM(..) AS BIGINT)`: PostgreSQL's `SUM(bigint)` is a
//! `numeric`, which would not decode as an integer.

pub mod attraction;
pub mod fund;
pub mod key_project;
pub mod land;

use crate::scope::{ScopeColumns, code_prefix, condition};
use policy::org::{RegionCode, Scope};
use sea_orm::sea_query::{Expr, Func, SimpleExpr};
use sea_orm::{ColumnTrait, Condition};

/// The scope condition of a table with a region and (perhaps) an enterprise column, narrowed
/// to a region's subtree when one is asked for.
pub(crate) fn scoped<C: ColumnTrait>(
    scope: &Scope,
    region: C,
    enterprise: Option<C>,
    subtree: Option<&RegionCode>,
) -> Condition {
    let mut c = Condition::all().add(condition(
        scope,
        ScopeColumns {
            region: Some(region),
            enterprise,
            owner: None,
        },
    ));
    if let Some(r) = subtree {
        c = c.add(code_prefix(region, r.subtree_prefix()));
    }
    c
}

/// `CAST(SUM(col) AS BIGINT)`: an integer on both engines (NULL when no row matches).
pub(crate) fn sum_of<C: ColumnTrait>(col: C) -> SimpleExpr {
    Func::cast_as(Func::sum(Expr::col(col)), "BIGINT").into()
}

/// The first and last day of a year, for date-range filters.
pub(crate) fn year_range(year: i32) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    Some((
        chrono::NaiveDate::from_ymd_opt(year, 1, 1)?,
        chrono::NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}
