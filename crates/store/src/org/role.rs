//! Roles, what they grant, and who holds them.

use crate::entity::{role, role_permission, role_region, user_role};
use policy::org::{DataScope, Permission, RegionCode, RoleCode, RoleGrant};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

/// A role as defined in a role file or the role editor.
#[derive(Debug, Clone)]
pub struct RoleDefinition {
    /// Stable code.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Data scope.
    pub data_scope: DataScope,
    /// Permissions granted.
    pub permissions: Vec<Permission>,
    /// Regions of a `listed` scope.
    pub regions: Vec<RegionCode>,
}

/// Creates or replaces a role with exactly the given permissions and regions.
pub async fn upsert<C: ConnectionTrait>(conn: &C, def: &RoleDefinition) -> Result<i64, DbErr> {
    role::Entity::insert(role::ActiveModel {
        code: Set(def.code.clone()),
        name_zh: Set(def.name_zh.clone()),
        name_en: Set(def.name_en.clone()),
        data_scope: Set(def.data_scope.as_str().into()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(role::Column::Code)
            .update_columns([
                role::Column::NameZh,
                role::Column::NameEn,
                role::Column::DataScope,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    let id = role::Entity::find()
        .filter(role::Column::Code.eq(&def.code))
        .one(conn)
        .await?
        .map(|r| r.id)
        .ok_or_else(|| DbErr::RecordNotFound(format!("role {}", def.code)))?;
    role_permission::Entity::delete_many()
        .filter(role_permission::Column::RoleId.eq(id))
        .exec(conn)
        .await?;
    for p in &def.permissions {
        role_permission::Entity::insert(role_permission::ActiveModel {
            role_id: Set(id),
            permission: Set(p.as_str().into()),
        })
        .exec_without_returning(conn)
        .await?;
    }
    role_region::Entity::delete_many()
        .filter(role_region::Column::RoleId.eq(id))
        .exec(conn)
        .await?;
    for r in &def.regions {
        role_region::Entity::insert(role_region::ActiveModel {
            role_id: Set(id),
            region_code: Set(r.as_str().into()),
        })
        .exec_without_returning(conn)
        .await?;
    }
    Ok(id)
}

/// Every role, by code.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<role::Model>, DbErr> {
    role::Entity::find()
        .order_by_asc(role::Column::Id)
        .all(conn)
        .await
}

/// A role by code.
pub async fn find_by_code<C: ConnectionTrait>(
    conn: &C,
    code: &str,
) -> Result<Option<role::Model>, DbErr> {
    role::Entity::find()
        .filter(role::Column::Code.eq(code))
        .one(conn)
        .await
}

/// Gives a user a role (idempotent).
pub async fn assign<C: ConnectionTrait>(conn: &C, user_id: i64, role_id: i64) -> Result<(), DbErr> {
    user_role::Entity::insert(user_role::ActiveModel {
        user_id: Set(user_id),
        role_id: Set(role_id),
    })
    .on_conflict(
        OnConflict::columns([user_role::Column::UserId, user_role::Column::RoleId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await
    .map(|_| ())
}

/// The roles a user holds.
pub async fn roles_of_user<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
) -> Result<Vec<role::Model>, DbErr> {
    let ids: Vec<i64> = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|ur| ur.role_id)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    role::Entity::find()
        .filter(role::Column::Id.is_in(ids))
        .order_by_asc(role::Column::Id)
        .all(conn)
        .await
}

/// What each of a user's roles grants. Unknown permission strings and scopes in the database
/// are skipped (fail closed): a stale row can only take access away, never give it.
pub async fn grants_of_user<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
) -> Result<Vec<RoleGrant>, DbErr> {
    let roles = roles_of_user(conn, user_id).await?;
    let mut grants = Vec::with_capacity(roles.len());
    for r in roles {
        let Ok(data_scope) = DataScope::parse(&r.data_scope) else {
            tracing::warn!(role = %r.code, "role has an unknown data scope; ignored");
            continue;
        };
        let permissions = role_permission::Entity::find()
            .filter(role_permission::Column::RoleId.eq(r.id))
            .all(conn)
            .await?
            .into_iter()
            .filter_map(|p| Permission::parse(&p.permission))
            .collect();
        let listed_regions = role_region::Entity::find()
            .filter(role_region::Column::RoleId.eq(r.id))
            .all(conn)
            .await?
            .into_iter()
            .filter_map(|rr| RegionCode::parse(&rr.region_code).ok())
            .collect();
        grants.push(RoleGrant {
            role: RoleCode(r.code),
            data_scope,
            listed_regions,
            permissions,
        });
    }
    Ok(grants)
}

/// The role codes of many users in two queries (for lists), by user id.
pub async fn role_codes_of_users<C: ConnectionTrait>(
    conn: &C,
    user_ids: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<String>>, DbErr> {
    let mut out: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    if user_ids.is_empty() {
        return Ok(out);
    }
    let links = user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(user_ids.to_vec()))
        .all(conn)
        .await?;
    let role_ids: Vec<i64> = links.iter().map(|l| l.role_id).collect();
    let roles: std::collections::HashMap<i64, String> = role::Entity::find()
        .filter(role::Column::Id.is_in(role_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|r| (r.id, r.code))
        .collect();
    let mut links = links;
    links.sort_by_key(|l| (l.user_id, l.role_id));
    for l in links {
        if let Some(code) = roles.get(&l.role_id) {
            out.entry(l.user_id).or_default().push(code.clone());
        }
    }
    Ok(out)
}
