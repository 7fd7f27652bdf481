//! The data scope as a WHERE condition.

use policy::org::Scope;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition};

/// The smallest text above every text that starts with `prefix`, for digit and capital-letter
/// codes: `371521` → `371522`, `3719` → `372`, `C38` → `C39`, `C9` → `D`. None when there is
/// none (or the prefix holds other characters).
fn prefix_upper_bound(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        let next = match last {
            '0'..='8' | 'A'..='Y' => char::from_u32(last as u32 + 1),
            '9' | 'Z' => continue,
            _ => return None,
        };
        if let Some(n) = next {
            chars.push(n);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// Rows whose code in `col` starts with `prefix`, written as a range (`>= prefix AND < next`)
/// so both engines can use an index on the column: SQLite's `LIKE` cannot (its default
/// comparison is case-sensitive), and neither can PostgreSQL's outside the C collation.
/// Codes are digits and capitals, which sort the same in every collation.
pub fn code_prefix<C: ColumnTrait>(col: C, prefix: &str) -> Condition {
    match prefix_upper_bound(prefix) {
        Some(upper) if !prefix.is_empty() => {
            Condition::all().add(col.gte(prefix)).add(col.lt(upper))
        }
        _ => Condition::all().add(col.starts_with(prefix)),
    }
}

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
            any = any.add(code_prefix(region, s.subtree_prefix()));
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
        if let Some(user_id) = scope.assigned_to() {
            any = any.add(enterprise.in_subquery(crate::service::assigned_usccs(user_id)));
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

#[cfg(test)]
mod tests {
    use super::prefix_upper_bound;

    #[test]
    fn upper_bounds_carry_like_counting() {
        assert_eq!(prefix_upper_bound("371521").as_deref(), Some("371522"));
        assert_eq!(prefix_upper_bound("3719").as_deref(), Some("372"));
        assert_eq!(prefix_upper_bound("C38").as_deref(), Some("C39"));
        assert_eq!(prefix_upper_bound("C9").as_deref(), Some("D"));
        assert_eq!(prefix_upper_bound("999"), None);
        assert_eq!(prefix_upper_bound("a"), None);
    }
}
