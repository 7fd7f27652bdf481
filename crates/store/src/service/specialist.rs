//! Specialists (助企专员) and their assignments to enterprises.

use crate::entity::{specialist, specialist_assignment};
use crate::scope::{ScopeColumns, condition};
use chrono::NaiveDate;
use policy::org::Scope;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder,
};

/// The enterprises a specialist user is assigned to today, as a subquery for the data scope:
/// `SELECT enterprise_uscc FROM specialist_assignment WHERE started_on <= today AND (ended_on
/// IS NULL OR ended_on >= today) AND specialist_id IN (SELECT id FROM specialist WHERE user_id
/// = ? AND NOT retired)`.
pub fn assigned_usccs(user_id: i64) -> SelectStatement {
    let today = super::china_today();
    let specialists = Query::select()
        .column(specialist::Column::Id)
        .from(specialist::Entity)
        .and_where(Expr::col(specialist::Column::UserId).eq(user_id))
        .and_where(Expr::col(specialist::Column::Retired).eq(false))
        .to_owned();
    Query::select()
        .column(specialist_assignment::Column::EnterpriseUscc)
        .from(specialist_assignment::Entity)
        .and_where(Expr::col(specialist_assignment::Column::SpecialistId).in_subquery(specialists))
        .and_where(Expr::col(specialist_assignment::Column::StartedOn).lte(today))
        .cond_where(
            Condition::any()
                .add(Expr::col(specialist_assignment::Column::EndedOn).is_null())
                .add(Expr::col(specialist_assignment::Column::EndedOn).gte(today)),
        )
        .to_owned()
}

fn specialist_scope(scope: &Scope) -> Condition {
    condition(
        scope,
        ScopeColumns {
            region: Some(specialist::Column::RegionCode),
            enterprise: None,
            owner: Some(specialist::Column::UserId),
        },
    )
}

/// Adds a specialist.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: specialist::ActiveModel,
) -> Result<specialist::Model, DbErr> {
    row.insert(conn).await
}

/// A specialist in scope.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<specialist::Model>, DbErr> {
    specialist::Entity::find_by_id(id)
        .filter(specialist_scope(scope))
        .one(conn)
        .await
}

/// The specialists in scope, by region and name.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
) -> Result<Vec<specialist::Model>, DbErr> {
    specialist::Entity::find()
        .filter(specialist_scope(scope))
        .filter(specialist::Column::Retired.eq(false))
        .order_by_asc(specialist::Column::RegionCode)
        .order_by_asc(specialist::Column::Id)
        .all(conn)
        .await
}

/// Adds an assignment.
pub async fn assign<C: ConnectionTrait>(
    conn: &C,
    row: specialist_assignment::ActiveModel,
) -> Result<specialist_assignment::Model, DbErr> {
    row.insert(conn).await
}

/// An assignment by id.
pub async fn find_assignment<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<specialist_assignment::Model>, DbErr> {
    specialist_assignment::Entity::find_by_id(id)
        .one(conn)
        .await
}

/// Saves an assignment's end date.
pub async fn update_assignment<C: ConnectionTrait>(
    conn: &C,
    row: specialist_assignment::ActiveModel,
) -> Result<specialist_assignment::Model, DbErr> {
    row.update(conn).await
}

/// Every assignment of the given specialists (current and past), oldest first.
pub async fn assignments_of<C: ConnectionTrait>(
    conn: &C,
    specialist_ids: &[i64],
) -> Result<Vec<specialist_assignment::Model>, DbErr> {
    if specialist_ids.is_empty() {
        return Ok(Vec::new());
    }
    specialist_assignment::Entity::find()
        .filter(specialist_assignment::Column::SpecialistId.is_in(specialist_ids.to_vec()))
        .order_by_asc(specialist_assignment::Column::Id)
        .all(conn)
        .await
}

/// The assignments of one enterprise that are current on `on`.
pub async fn current_of_enterprise<C: ConnectionTrait>(
    conn: &C,
    uscc: &str,
    on: NaiveDate,
) -> Result<Vec<specialist_assignment::Model>, DbErr> {
    specialist_assignment::Entity::find()
        .filter(specialist_assignment::Column::EnterpriseUscc.eq(uscc))
        .filter(specialist_assignment::Column::StartedOn.lte(on))
        .filter(
            Condition::any()
                .add(specialist_assignment::Column::EndedOn.is_null())
                .add(specialist_assignment::Column::EndedOn.gte(on)),
        )
        .all(conn)
        .await
}

/// The specialist records of a user.
pub async fn of_user<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
) -> Result<Vec<specialist::Model>, DbErr> {
    specialist::Entity::find()
        .filter(specialist::Column::UserId.eq(user_id))
        .all(conn)
        .await
}

/// The assignments current on `on` whose enterprise lies in the region subtree `prefix`.
pub async fn current_in_region<C: ConnectionTrait>(
    conn: &C,
    prefix: &str,
    on: NaiveDate,
) -> Result<Vec<specialist_assignment::Model>, DbErr> {
    use crate::entity::enterprise;
    let in_region = Query::select()
        .column(enterprise::Column::Uscc)
        .from(enterprise::Entity)
        .cond_where(crate::scope::code_prefix(
            enterprise::Column::RegionCode,
            prefix,
        ))
        .to_owned();
    specialist_assignment::Entity::find()
        .filter(specialist_assignment::Column::EnterpriseUscc.in_subquery(in_region))
        .filter(specialist_assignment::Column::StartedOn.lte(on))
        .filter(
            Condition::any()
                .add(specialist_assignment::Column::EndedOn.is_null())
                .add(specialist_assignment::Column::EndedOn.gte(on)),
        )
        .all(conn)
        .await
}
