//! Users: accounts, their lockout counters and their unit.

use crate::entity::user;
use crate::page::{Page, PageRequest};
use crate::scope::{ScopeColumns, condition};
use chrono::{DateTime, Utc};
use policy::org::Scope;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

/// What it takes to create a user.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login name.
    pub username: String,
    /// Name shown in the interface.
    pub display_name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// The user's unit.
    pub region_code: Option<String>,
    /// The user's department.
    pub department_id: Option<i64>,
    /// The enterprise of an enterprise user.
    pub enterprise_uscc: Option<String>,
    /// Mobile phone (personal data).
    pub phone: Option<String>,
    /// Whether the password must be changed at first login.
    pub must_change_password: bool,
}

/// Inserts a user and returns the stored row.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    new: NewUser,
    now: DateTime<Utc>,
) -> Result<user::Model, DbErr> {
    user::ActiveModel {
        username: Set(new.username),
        display_name: Set(new.display_name),
        password_hash: Set(new.password_hash),
        region_code: Set(new.region_code),
        department_id: Set(new.department_id),
        enterprise_uscc: Set(new.enterprise_uscc),
        phone: Set(new.phone),
        locale: Set("zh-CN".into()),
        must_change_password: Set(new.must_change_password),
        disabled: Set(false),
        failed_logins: Set(0),
        locked_until: Set(None),
        password_changed_at: Set(Some(now)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
}

/// A user by login name.
pub async fn find_by_username<C: ConnectionTrait>(
    conn: &C,
    username: &str,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(conn)
        .await
}

/// A user by id, whatever the scope (for sessions and the system itself).
pub async fn find_by_id<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id).one(conn).await
}

/// A user by id, if `scope` admits them.
pub async fn find_in_scope<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id)
        .filter(scope_condition(scope))
        .one(conn)
        .await
}

fn scope_condition(scope: &Scope) -> Condition {
    condition(
        scope,
        ScopeColumns {
            region: Some(user::Column::RegionCode),
            enterprise: Some(user::Column::EnterpriseUscc),
            owner: Some(user::Column::Id),
        },
    )
}

/// Filters of the user list.
#[derive(Debug, Clone, Default)]
pub struct UserQuery {
    /// Part of the login or display name.
    pub q: Option<String>,
    /// Region subtree.
    pub region_prefix: Option<String>,
}

/// Users in scope, newest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    query: &UserQuery,
    page: PageRequest,
) -> Result<Page<user::Model>, DbErr> {
    let mut select = user::Entity::find().filter(scope_condition(scope));
    if let Some(q) = query.q.as_deref().filter(|q| !q.is_empty()) {
        select = select.filter(
            Condition::any()
                .add(user::Column::Username.contains(q))
                .add(user::Column::DisplayName.contains(q)),
        );
    }
    if let Some(prefix) = &query.region_prefix {
        select = select.filter(crate::scope::code_prefix(user::Column::RegionCode, prefix));
    }
    if let Some(after) = page.after() {
        select = select.filter(user::Column::Id.lt(after));
    }
    let rows = select
        .order_by_desc(user::Column::Id)
        .limit(page.limit() + 1)
        .all(conn)
        .await?;
    Ok(Page::from_overfetch(rows, page, |u| u.id))
}

/// Saves changed columns of a user.
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    changes: user::ActiveModel,
) -> Result<user::Model, DbErr> {
    changes.update(conn).await
}

/// Active users who hold `permission` through a role and sit in `regions` (their unit is one
/// of them): who should hear about a record in a region (pass the region and its ancestors).
pub async fn holders_in_regions<C: ConnectionTrait>(
    conn: &C,
    permission: &str,
    regions: &[String],
) -> Result<Vec<user::Model>, DbErr> {
    use crate::entity::{role_permission, user_role};
    use sea_orm::sea_query::{ExprTrait, Query};
    let roles = Query::select()
        .column(role_permission::Column::RoleId)
        .from(role_permission::Entity)
        .and_where(
            sea_orm::sea_query::Expr::col(role_permission::Column::Permission).eq(permission),
        )
        .to_owned();
    let users = Query::select()
        .column(user_role::Column::UserId)
        .from(user_role::Entity)
        .and_where(sea_orm::sea_query::Expr::col(user_role::Column::RoleId).in_subquery(roles))
        .to_owned();
    user::Entity::find()
        .filter(user::Column::Id.in_subquery(users))
        .filter(user::Column::RegionCode.is_in(regions.to_vec()))
        .filter(user::Column::Disabled.eq(false))
        .all(conn)
        .await
}
