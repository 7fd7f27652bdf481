//! Stored assessments, read within scope, and the bulk reads the screening radar needs.

use crate::entity::{cultivation_assessment as ca, enterprise, financial, honor};
use crate::scope::{ScopeColumns, condition};
use policy::org::Scope;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

fn scope_condition(scope: &Scope) -> Condition {
    condition(
        scope,
        ScopeColumns {
            region: Some(ca::Column::RegionCode),
            enterprise: Some(ca::Column::Uscc),
            owner: None,
        },
    )
}

/// Stores an assessment.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: ca::ActiveModel,
) -> Result<ca::Model, DbErr> {
    row.insert(conn).await
}

/// One assessment, if the scope admits its enterprise.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<ca::Model>, DbErr> {
    ca::Entity::find_by_id(id)
        .filter(scope_condition(scope))
        .one(conn)
        .await
}

/// The latest assessments of an enterprise in scope, newest first.
pub async fn of_enterprise<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    uscc: &str,
    limit: u64,
) -> Result<Vec<ca::Model>, DbErr> {
    ca::Entity::find()
        .filter(scope_condition(scope))
        .filter(ca::Column::Uscc.eq(uscc))
        .order_by_desc(ca::Column::Id)
        .limit(limit)
        .all(conn)
        .await
}

/// A chunk of enterprises in scope after `after` (by credit code), for screening.
pub async fn enterprises_after<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    after: Option<&str>,
    limit: u64,
) -> Result<Vec<enterprise::Model>, DbErr> {
    let mut q = enterprise::Entity::find()
        .filter(crate::enterprise::profile::scope_condition(scope))
        .order_by_asc(enterprise::Column::Uscc)
        .limit(limit);
    if let Some(a) = after {
        q = q.filter(enterprise::Column::Uscc.gt(a));
    }
    q.all(conn).await
}

/// The financial rows of these enterprises for the years `from..=to`.
pub async fn financials_of<C: ConnectionTrait>(
    conn: &C,
    usccs: &[String],
    from: i32,
    to: i32,
) -> Result<Vec<financial::Model>, DbErr> {
    if usccs.is_empty() {
        return Ok(Vec::new());
    }
    financial::Entity::find()
        .filter(financial::Column::Uscc.is_in(usccs.iter().cloned()))
        .filter(financial::Column::Year.between(from, to))
        .all(conn)
        .await
}

/// The honors of these enterprises.
pub async fn honors_of<C: ConnectionTrait>(
    conn: &C,
    usccs: &[String],
) -> Result<Vec<honor::Model>, DbErr> {
    if usccs.is_empty() {
        return Ok(Vec::new());
    }
    honor::Entity::find()
        .filter(honor::Column::Uscc.is_in(usccs.iter().cloned()))
        .all(conn)
        .await
}
