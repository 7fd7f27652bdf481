//! Users: create, list, disable, reset a password, choose a language.

use crate::audit::{AuditRecord, record};
use crate::auth::hash_password;
use crate::{Actor, App, AppError, FieldError, Page, PageRequest, RequestMeta};
use chrono::{DateTime, Utc};
use policy::enterprise::Uscc;
use policy::org::{Permission, RegionCode};
use sea_orm::{ActiveValue::Set, IntoActiveModel};
use serde::Serialize;
use serde_json::json;
use store::org::user::{NewUser, UserQuery};

/// A user as shown in lists: the phone is masked unless the reader may see personal data.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UserView {
    /// Id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Unit.
    pub region_code: Option<String>,
    /// Enterprise of an enterprise user.
    pub enterprise_uscc: Option<String>,
    /// Phone, masked as 138****0000 unless the reader holds `personal_data:read`.
    pub phone: Option<String>,
    /// Role codes.
    pub roles: Vec<String>,
    /// Whether the account is disabled.
    pub disabled: bool,
    /// Whether the account is locked now.
    pub locked: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// Masks a phone number: the first three and last four digits stay.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "****".into();
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

/// What an administrator fills in to create a user.
#[derive(Debug, Clone)]
pub struct NewUserForm {
    /// Login name: 3-32 letters, digits, `_`, `.` or `-`.
    pub username: String,
    /// Name shown (defaults to the login name).
    pub display_name: Option<String>,
    /// Initial password.
    pub password: String,
    /// Role code.
    pub role: String,
    /// Unit region code.
    pub region: Option<String>,
    /// Enterprise (for the `enterprise` role).
    pub enterprise: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Whether the password must be changed at first login. The command line's `user add`
    /// sets false (the administrator's choice, recorded in the audit log).
    pub must_change_password: bool,
}

fn valid_username(u: &str) -> bool {
    (3..=32).contains(&u.len())
        && u.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-')
}

/// Creates a user with one role, checking every field and reporting all problems at once.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn create_user(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: NewUserForm,
) -> Result<UserView, AppError> {
    let scope = actor.scope(Permission::USER_MANAGE)?;
    let conn = app.db().conn();
    let mut errors = Vec::new();
    let username = form.username.trim().to_string();
    if !valid_username(&username) {
        errors.push(FieldError::new("username", "user.username_format"));
    }
    if let Err(e) = app.settings().password_policy().check(&form.password) {
        errors.push(FieldError::password("password", &e));
    }
    let role = store::org::role::find_by_code(conn, form.role.trim()).await?;
    if role.is_none() {
        errors.push(FieldError::new("role", "user.role_unknown").with("role", &form.role));
    }
    let region = match form
        .region
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        None => None,
        Some(r) => match RegionCode::parse(r) {
            Err(_) => {
                errors.push(FieldError::new("region", "region_code.format"));
                None
            }
            Ok(code) => {
                if store::org::region::find(conn, code.as_str())
                    .await?
                    .is_none()
                {
                    errors.push(FieldError::new("region", "region.unknown").with("code", &code));
                } else if !scope.admits(Some(&code), None, None) {
                    errors.push(FieldError::new("region", "region.out_of_scope"));
                }
                Some(code)
            }
        },
    };
    let enterprise = match form
        .enterprise
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        None => None,
        Some(e) => match Uscc::parse(e) {
            Err(err) => {
                errors.push(FieldError::uscc("enterprise", &err));
                None
            }
            Ok(u) => {
                // An enterprise user belongs to an enterprise the registry knows.
                if !store::enterprise::profile::exists(conn, u.as_str()).await? {
                    errors
                        .push(FieldError::new("enterprise", "enterprise.unknown").with("uscc", &u));
                }
                Some(u)
            }
        },
    };
    if form.role.trim() == "enterprise" && enterprise.is_none() && errors.is_empty() {
        errors.push(FieldError::new("enterprise", "user.enterprise_required"));
    }
    if store::org::user::find_by_username(conn, &username)
        .await?
        .is_some()
    {
        errors.push(FieldError::new("username", "user.username_taken"));
    }
    let (Some(role), true) = (role, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let hash = hash_password(form.password.clone()).await?;
    let now = Utc::now();
    let tx = app.db().begin_write().await?;
    let new = NewUser {
        username: username.clone(),
        display_name: form
            .display_name
            .filter(|d| !d.trim().is_empty())
            .unwrap_or(username),
        password_hash: hash,
        region_code: region.as_ref().map(|r| r.to_string()),
        department_id: None,
        enterprise_uscc: enterprise.as_ref().map(|e| e.to_string()),
        phone: form.phone.filter(|p| !p.trim().is_empty()),
        must_change_password: form.must_change_password,
    };
    let user = match store::org::user::insert(&tx, new, now).await {
        Ok(u) => u,
        Err(e) if store::is_unique_violation(&e) => {
            return Err(AppError::invalid("username", "user.username_taken"));
        }
        Err(e) => return Err(e.into()),
    };
    store::org::role::assign(&tx, user.id, role.id).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "user.create",
            entity_type: "user",
            entity_id: user.id.to_string(),
            region_code: user.region_code.clone(),
            before: serde_json::Value::Null,
            after: json!({
                "username": user.username, "display_name": user.display_name,
                "region_code": user.region_code, "enterprise_uscc": user.enterprise_uscc,
                "phone": user.phone, "role": role.code,
                "must_change_password": user.must_change_password, "password": "set",
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view(
        user,
        vec![role.code],
        actor.can(Permission::PERSONAL_DATA),
    ))
}

fn view(u: store::entity::user::Model, roles: Vec<String>, personal: bool) -> UserView {
    let now = Utc::now();
    UserView {
        id: u.id,
        username: u.username,
        display_name: u.display_name,
        region_code: u.region_code,
        enterprise_uscc: u.enterprise_uscc,
        phone: u.phone.map(|p| if personal { p } else { mask_phone(&p) }),
        roles,
        disabled: u.disabled,
        locked: u.locked_until.is_some_and(|t| t > now),
        created_at: u.created_at,
    }
}

/// Users in the actor's scope, newest first.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn list_users(
    app: &App,
    actor: &Actor,
    query: &UserQuery,
    page: PageRequest,
) -> Result<Page<UserView>, AppError> {
    let scope = actor.scope(Permission::USER_READ)?;
    let conn = app.db().conn();
    let rows = store::org::user::list(conn, &scope, query, page).await?;
    let personal = actor.can(Permission::PERSONAL_DATA);
    let ids: Vec<i64> = rows.items.iter().map(|u| u.id).collect();
    let mut codes = store::org::role::role_codes_of_users(conn, &ids).await?;
    let items = rows
        .items
        .into_iter()
        .map(|u| {
            let roles = codes.remove(&u.id).unwrap_or_default();
            view(u, roles, personal)
        })
        .collect();
    Ok(Page {
        items,
        next_cursor: rows.next_cursor,
    })
}

async fn change_user(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    user_id: i64,
    action: &str,
    apply: impl FnOnce(&mut store::entity::user::ActiveModel) -> (serde_json::Value, serde_json::Value),
) -> Result<(), AppError> {
    let scope = actor.scope(Permission::USER_MANAGE)?;
    let tx = app.db().begin_write().await?;
    let user = store::org::user::find_in_scope(&tx, &scope, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let region = user.region_code.clone();
    let mut am = user.into_active_model();
    let (before, after) = apply(&mut am);
    store::org::user::update(&tx, am).await?;
    store::org::session::delete_for_user_except(&tx, user_id, None).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action,
            entity_type: "user",
            entity_id: user_id.to_string(),
            region_code: region,
            before,
            after,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Disables (or re-enables) a user; their sessions end at once.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn disable_user(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    user_id: i64,
    disabled: bool,
    reason: &str,
) -> Result<(), AppError> {
    if reason.trim().is_empty() {
        return Err(AppError::invalid("reason", "common.reason_required"));
    }
    let reason = reason.trim().to_string();
    change_user(
        app,
        actor,
        meta,
        user_id,
        if disabled {
            "user.disable"
        } else {
            "user.enable"
        },
        |am| {
            am.disabled = Set(disabled);
            (
                json!({"disabled": !disabled}),
                json!({"disabled": disabled, "reason": reason}),
            )
        },
    )
    .await
}

/// Sets a new password chosen by an administrator; the user must change it at next login
/// unless `must_change` is false.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn reset_password(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    user_id: i64,
    password: &str,
    must_change: bool,
) -> Result<(), AppError> {
    if let Err(e) = app.settings().password_policy().check(password) {
        return Err(AppError::Invalid(vec![FieldError::password(
            "password", &e,
        )]));
    }
    let hash = hash_password(password.to_string()).await?;
    change_user(app, actor, meta, user_id, "user.password_reset", |am| {
        am.password_hash = Set(hash);
        am.must_change_password = Set(must_change);
        am.failed_logins = Set(0);
        am.locked_until = Set(None);
        (
            json!({"password": "old"}),
            json!({"password": "reset", "must_change_password": must_change}),
        )
    })
    .await
}

/// Remembers the actor's interface language (`zh-CN` or `en`).
pub async fn set_locale(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    locale: &str,
) -> Result<(), AppError> {
    if actor.is_system() {
        return Err(AppError::Unauthenticated);
    }
    let locale = match locale {
        "en" => "en",
        "zh-CN" | "zh" => "zh-CN",
        _ => return Err(AppError::invalid("lang", "common.lang_unknown")),
    };
    let tx = app.db().begin_write().await?;
    let user = store::org::user::find_by_id(&tx, actor.user_id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if user.locale != locale {
        let before = user.locale.clone();
        let region = user.region_code.clone();
        let mut am = user.into_active_model();
        am.locale = Set(locale.into());
        store::org::user::update(&tx, am).await?;
        record(
            &tx,
            actor,
            meta,
            AuditRecord {
                action: "user.set_locale",
                entity_type: "user",
                entity_id: actor.user_id.to_string(),
                region_code: region,
                before: json!({"locale": before}),
                after: json!({"locale": locale}),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One user, if in the actor's scope.
pub async fn find_user(app: &App, actor: &Actor, id: i64) -> Result<UserView, AppError> {
    let scope = actor.scope(Permission::USER_READ)?;
    let conn = app.db().conn();
    let u = store::org::user::find_in_scope(conn, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let roles = store::org::role::roles_of_user(conn, u.id)
        .await?
        .into_iter()
        .map(|r| r.code)
        .collect();
    Ok(view(u, roles, actor.can(Permission::PERSONAL_DATA)))
}

/// The id of a user by login name (for the command line), within the actor's scope.
pub async fn user_id_by_name(app: &App, actor: &Actor, username: &str) -> Result<i64, AppError> {
    let scope = actor.scope(Permission::USER_MANAGE)?;
    let u = store::org::user::find_by_username(app.db().conn(), username)
        .await?
        .ok_or(AppError::NotFound)?;
    store::org::user::find_in_scope(app.db().conn(), &scope, u.id)
        .await?
        .map(|u| u.id)
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::mask_phone;

    #[test]
    fn phones_keep_only_head_and_tail() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("123"), "****");
    }
}
