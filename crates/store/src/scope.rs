//! The data scope as a WHERE condition.

use policy::org::Scope;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition};

/// Which columns of a table tie a row to a region, an enterprise and an owning user.
#[derive(Debug, Clone, Copy)]
pub struct ScopeColumns<C> {
    /// The row's region code (the most specific one it has).
    pub region: Option<C>,
    /// The enterprise the row belongs to.
    pub enterprise: Option<C>,
    /// The user who owns the row.
    pub owner: Option<C>,
}

/// The condition that admits exactly the rows `scope` may see.
///
/// A scope that admits nothing through these columns yields a condition that is always false:
/// an empty `ANY` would otherwise admit every row.
pub fn condition<C: ColumnTrait>(scope: &Scope, cols: ScopeColumns<C>) -> Condition {
    if scope.is_all() {
        return Condition::all();
    }
    let mut any = Condition::any();
    let mut terms = 0;
    if let Some(region) = cols.region {
        for s in scope.subtrees() {
            any = any.add(region.starts_with(s.subtree_prefix()));
            terms += 1;
        }
        let units: Vec<String> = scope.units().map(|u| u.as_str().to_string()).collect();
        if !units.is_empty() {
            any = any.add(region.is_in(units));
            terms += 1;
        }
    }
    if let Some(enterprise) = cols.enterprise {
        let list: Vec<String> = scope
            .enterprises()
            .map(|u| u.as_str().to_string())
            .collect();
        if !list.is_empty() {
            any = any.add(enterprise.is_in(list));
            terms += 1;
        }
    }
    if let (Some(owner), Some(id)) = (cols.owner, scope.owner()) {
        any = any.add(owner.eq(id));
        terms += 1;
    }
    if terms == 0 {
        return Condition::all().add(Expr::val(1).eq(0));
    }
    any
}
