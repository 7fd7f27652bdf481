//! Enterprise profiles, read and written within scope.

use crate::entity::{enterprise, honor};
use crate::scope::{ScopeColumns, condition};
use policy::org::Scope;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Select,
};

/// The scope condition of the enterprise table: by region, and by the enterprise itself.
pub fn scope_condition(scope: &Scope) -> Condition {
    condition(
        scope,
        ScopeColumns {
            region: Some(enterprise::Column::RegionCode),
            enterprise: Some(enterprise::Column::Uscc),
            owner: None,
        },
    )
}

/// One enterprise, if the scope admits it.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    uscc: &str,
) -> Result<Option<enterprise::Model>, DbErr> {
    enterprise::Entity::find_by_id(uscc.to_string())
        .filter(scope_condition(scope))
        .one(conn)
        .await
}

/// One enterprise whatever the scope (to tell a duplicate code from a new one).
pub async fn exists<C: ConnectionTrait>(conn: &C, uscc: &str) -> Result<bool, DbErr> {
    Ok(enterprise::Entity::find_by_id(uscc.to_string())
        .select_only()
        .column(enterprise::Column::Uscc)
        .into_tuple::<String>()
        .one(conn)
        .await?
        .is_some())
}

/// The names of the enterprises with these codes that the scope admits (code → name).
pub async fn names_of<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    usccs: &[String],
) -> Result<std::collections::HashMap<String, String>, DbErr> {
    let mut out = std::collections::HashMap::new();
    for chunk in usccs.chunks(500) {
        let rows: Vec<(String, String)> = enterprise::Entity::find()
            .select_only()
            .column(enterprise::Column::Uscc)
            .column(enterprise::Column::Name)
            .filter(enterprise::Column::Uscc.is_in(chunk.iter().cloned()))
            .filter(scope_condition(scope))
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// Inserts a new enterprise.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    model: enterprise::ActiveModel,
) -> Result<enterprise::Model, DbErr> {
    model.insert(conn).await
}

/// Saves the changed columns of an enterprise.
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    model: enterprise::ActiveModel,
) -> Result<enterprise::Model, DbErr> {
    model.update(conn).await
}

/// How a list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EnterpriseSort {
    /// By credit code (the default; cheapest).
    #[default]
    Uscc,
    /// By name, then code.
    Name,
}

/// Filters of the enterprise list.
#[derive(Debug, Clone, Default)]
pub struct EnterpriseQuery {
    /// Region subtree prefixes (any of them).
    pub region_prefix: Option<String>,
    /// Industry code prefix, e.g. `C35`.
    pub industry_prefix: Option<String>,
    /// Size class.
    pub size_class: Option<String>,
    /// Above designated size.
    pub above_size: Option<bool>,
    /// Status (`operating`, `closed`, `moved`).
    pub status: Option<String>,
    /// Holds a valid honor with this title (and, if given, at this level).
    pub honor_title: Option<String>,
    /// The honor's level.
    pub honor_level: Option<String>,
    /// Only these codes (the hits of a full-text search), in any order.
    pub only: Option<Vec<String>>,
    /// Order.
    pub sort: EnterpriseSort,
}

/// Digits of a county code (GB/T 2260), the prefix every place in the county shares.
const COUNTY_DIGITS: usize = 6;

fn filtered(scope: &Scope, q: &EnterpriseQuery) -> Select<enterprise::Entity> {
    let mut s = enterprise::Entity::find().filter(scope_condition(scope));
    if let Some(p) = q.region_prefix.as_deref().filter(|p| !p.is_empty()) {
        // The county is the first six digits of the region: naming it as an equality lets the
        // list index seek straight to the county's entries, and the industry range after it.
        // Not when the codes are listed (a page of search hits): then the codes are the
        // selective part, and the county would only tempt the planner into scanning it.
        let county = p.get(..COUNTY_DIGITS).filter(|_| q.only.is_none());
        if let Some(county) = county {
            s = s.filter(enterprise::Column::CountyCode.eq(county));
        }
        if county.is_none() || p.len() != COUNTY_DIGITS {
            s = s.filter(crate::scope::code_prefix(enterprise::Column::RegionCode, p));
        }
    }
    if let Some(p) = q.industry_prefix.as_deref().filter(|p| !p.is_empty()) {
        s = s.filter(crate::scope::code_prefix(
            enterprise::Column::IndustryCode,
            p,
        ));
    }
    if let Some(v) = q.size_class.as_deref().filter(|v| !v.is_empty()) {
        s = s.filter(enterprise::Column::SizeClass.eq(v));
    }
    if let Some(v) = q.above_size {
        s = s.filter(enterprise::Column::AboveSize.eq(v));
    }
    if let Some(v) = q.status.as_deref().filter(|v| !v.is_empty()) {
        s = s.filter(enterprise::Column::Status.eq(v));
    }
    if let Some(title) = q.honor_title.as_deref().filter(|v| !v.is_empty()) {
        let mut sub = Query::select();
        sub.column(honor::Column::Uscc)
            .from(honor::Entity)
            .and_where(Expr::col(honor::Column::Title).eq(title))
            .and_where(Expr::col(honor::Column::Status).eq("valid"));
        if let Some(level) = q.honor_level.as_deref().filter(|v| !v.is_empty()) {
            sub.and_where(Expr::col(honor::Column::Level).eq(level));
        }
        s = s.filter(enterprise::Column::Uscc.in_subquery(sub.to_owned()));
    }
    if let Some(only) = &q.only {
        s = s.filter(enterprise::Column::Uscc.is_in(only.clone()));
    }
    s
}

/// A page of enterprises in scope. `after` is the previous page's last row's sort key
/// (`uscc`, or `name\u{1f}uscc` when sorted by name): keyset pagination, no OFFSET.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    q: &EnterpriseQuery,
    after: Option<&str>,
    limit: u64,
) -> Result<(Vec<enterprise::Model>, Option<String>), DbErr> {
    let mut s = filtered(scope, q);
    match q.sort {
        EnterpriseSort::Uscc => {
            if let Some(a) = after {
                s = s.filter(enterprise::Column::Uscc.gt(a));
            }
            s = s.order_by_asc(enterprise::Column::Uscc);
        }
        EnterpriseSort::Name => {
            if let Some((name, uscc)) = after.and_then(|a| a.split_once('\u{1f}')) {
                s = s.filter(
                    Condition::any().add(enterprise::Column::Name.gt(name)).add(
                        Condition::all()
                            .add(enterprise::Column::Name.eq(name))
                            .add(enterprise::Column::Uscc.gt(uscc)),
                    ),
                );
            }
            s = s
                .order_by_asc(enterprise::Column::Name)
                .order_by_asc(enterprise::Column::Uscc);
        }
    }
    // First the page's codes, chosen and sorted from an index alone (sorting whole rows would
    // read every row the filters select), then those rows.
    let mut codes: Vec<String> = s
        .select_only()
        .column(enterprise::Column::Uscc)
        .limit(limit + 1)
        .into_tuple::<String>()
        .all(conn)
        .await?;
    let more = codes.len() as u64 > limit;
    codes.truncate(limit as usize);
    let mut by_code: std::collections::HashMap<String, enterprise::Model> =
        enterprise::Entity::find()
            .filter(enterprise::Column::Uscc.is_in(codes.clone()))
            .all(conn)
            .await?
            .into_iter()
            .map(|m| (m.uscc.clone(), m))
            .collect();
    let rows: Vec<enterprise::Model> = codes.iter().filter_map(|c| by_code.remove(c)).collect();
    let next = if more {
        rows.last().map(|r| match q.sort {
            EnterpriseSort::Uscc => r.uscc.clone(),
            EnterpriseSort::Name => format!("{}\u{1f}{}", r.name, r.uscc),
        })
    } else {
        None
    };
    Ok((rows, next))
}

/// How many enterprises the filters select (for the first page only; pages do not recount).
pub async fn count<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    q: &EnterpriseQuery,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    filtered(scope, q).count(conn).await
}

/// Codes of enterprises whose name, former names, products or niche contain `text` (a plain
/// substring match; `%` and `_` in the text are matched literally).
pub async fn text_matches<C: ConnectionTrait>(
    conn: &C,
    text: &str,
    limit: u64,
) -> Result<Vec<String>, DbErr> {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let pattern = format!("%{escaped}%");
    let like = |col: enterprise::Column| {
        Expr::col(col).like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
    };
    enterprise::Entity::find()
        .select_only()
        .column(enterprise::Column::Uscc)
        .filter(
            Condition::any()
                .add(like(enterprise::Column::Name))
                .add(like(enterprise::Column::FormerNames))
                .add(like(enterprise::Column::MainProducts))
                .add(like(enterprise::Column::NicheMarket)),
        )
        .limit(limit)
        .into_tuple::<String>()
        .all(conn)
        .await
}

/// Inserts many enterprises, in chunks that stay under both engines' bind-parameter limits
/// (generated data sets and imports).
pub async fn insert_many<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<enterprise::ActiveModel>,
) -> Result<(), DbErr> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        // 25 columns a row: 400 rows stay under SQLite's 32,766 and PostgreSQL's 65,535.
        let chunk: Vec<_> = rows.by_ref().take(400).collect();
        enterprise::Entity::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// The searchable text of enterprises, by code after `after`, a page at a time (index rebuilds).
pub async fn text_page<C: ConnectionTrait>(
    conn: &C,
    after: Option<&str>,
    only: Option<&[String]>,
    limit: u64,
) -> Result<Vec<enterprise::Model>, DbErr> {
    let mut s = enterprise::Entity::find();
    if let Some(a) = after {
        s = s.filter(enterprise::Column::Uscc.gt(a));
    }
    if let Some(only) = only {
        s = s.filter(enterprise::Column::Uscc.is_in(only.to_vec()));
    }
    s.order_by_asc(enterprise::Column::Uscc)
        .limit(limit)
        .all(conn)
        .await
}
