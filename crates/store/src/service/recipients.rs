//! Who hears about a ticket: a department's staff and head, the leaders in charge of a region,
//! an enterprise's users.

use crate::entity::{department, role, user, user_role};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// A department by id.
pub async fn department<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<department::Model>, DbErr> {
    department::Entity::find_by_id(id).one(conn).await
}

/// The departments with the given ids.
pub async fn departments<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<Vec<department::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    department::Entity::find()
        .filter(department::Column::Id.is_in(ids.to_vec()))
        .order_by_asc(department::Column::Id)
        .all(conn)
        .await
}

fn holders_of_role(code: &str) -> sea_orm::sea_query::SelectStatement {
    let roles = Query::select()
        .column(role::Column::Id)
        .from(role::Entity)
        .and_where(Expr::col(role::Column::Code).eq(code))
        .to_owned();
    Query::select()
        .column(user_role::Column::UserId)
        .from(user_role::Entity)
        .and_where(Expr::col(user_role::Column::RoleId).in_subquery(roles))
        .to_owned()
}

/// Active users of a department, those holding `role` only when one is given.
pub async fn department_users<C: ConnectionTrait>(
    conn: &C,
    department_id: i64,
    role: Option<&str>,
) -> Result<Vec<user::Model>, DbErr> {
    let mut s = user::Entity::find()
        .filter(user::Column::DepartmentId.eq(department_id))
        .filter(user::Column::Disabled.eq(false));
    if let Some(code) = role {
        s = s.filter(user::Column::Id.in_subquery(holders_of_role(code)));
    }
    s.all(conn).await
}

/// Active users holding `role` whose unit is one of `regions`.
pub async fn role_holders_in_regions<C: ConnectionTrait>(
    conn: &C,
    role: &str,
    regions: &[String],
) -> Result<Vec<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::Id.in_subquery(holders_of_role(role)))
        .filter(user::Column::RegionCode.is_in(regions.to_vec()))
        .filter(user::Column::Disabled.eq(false))
        .all(conn)
        .await
}

/// Active users of an enterprise.
pub async fn enterprise_users<C: ConnectionTrait>(
    conn: &C,
    uscc: &str,
) -> Result<Vec<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::EnterpriseUscc.eq(uscc))
        .filter(user::Column::Disabled.eq(false))
        .all(conn)
        .await
}

/// Places a user in a department (or none).
pub async fn set_user_department<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    department_id: Option<i64>,
) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::DepartmentId, Expr::value(department_id))
        .filter(user::Column::Id.eq(user_id))
        .exec(conn)
        .await
        .map(|_| ())
}
