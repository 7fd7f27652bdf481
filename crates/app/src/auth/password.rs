//! Argon2id hashing, run off the async workers, and the password change use case.

use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::Utc;
use sea_orm::{ActiveValue::Set, IntoActiveModel};
use serde_json::json;
use store::notify::NewNotification;

/// A hash checked against when the user does not exist, so that a wrong user name takes as
/// long as a wrong password and does not reveal which accounts exist.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$o8Y2Xy4eS5m2LwVdF1eQmD6rCwFhU2p9cQWmP3ZtL0k";

/// Hashes a password with Argon2id and a random salt, on a blocking thread.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("argon2: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(format!("hash task: {e}")))?
}

/// Checks a password against a stored hash (or the dummy hash when `hash` is `None`).
pub async fn verify_password(password: String, hash: Option<String>) -> Result<bool, AppError> {
    let known = hash.is_some();
    let hash = hash.unwrap_or_else(|| DUMMY_HASH.to_string());
    let ok = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|e| AppError::Internal(format!("verify task: {e}")))?;
    Ok(known && ok)
}

/// Changes the actor's own password after checking the current one and the policy. Other
/// sessions of the user end; the current one stays.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn change_password(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    current: &str,
    new: &str,
    keep_session_hash: Option<&str>,
) -> Result<(), AppError> {
    if actor.is_system() {
        return Err(AppError::Unauthenticated);
    }
    let user = store::org::user::find_by_id(app.db().conn(), actor.user_id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !verify_password(current.to_string(), Some(user.password_hash.clone())).await? {
        return Err(AppError::invalid(
            "current_password",
            "password.current_wrong",
        ));
    }
    let mut errors = Vec::new();
    if let Err(e) = app.settings().password_policy().check(new) {
        errors.push(FieldError::password("new_password", &e));
    }
    if new == current {
        errors.push(FieldError::new("new_password", "password.same_as_current"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let hash = hash_password(new.to_string()).await?;
    let now = Utc::now();
    let tx = app.db().begin_write().await?;
    let was_forced = user.must_change_password;
    let region = user.region_code.clone();
    let mut am = user.into_active_model();
    am.password_hash = Set(hash);
    am.must_change_password = Set(false);
    am.password_changed_at = Set(Some(now));
    store::org::user::update(&tx, am).await?;
    // Other sessions end: whoever knew the old password is signed out.
    store::org::session::delete_for_user_except(&tx, actor.user_id, keep_session_hash).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "user.password_change",
            entity_type: "user",
            entity_id: actor.user_id.to_string(),
            region_code: region,
            before: json!({"password": "old", "must_change_password": was_forced}),
            after: json!({"password": "new", "must_change_password": false}),
        },
    )
    .await?;
    store::notify::raise(
        &tx,
        NewNotification {
            user_id: actor.user_id,
            kind: "password.changed".into(),
            title: "密码已修改 / Password changed".into(),
            body: format!(
                "{} · {}",
                now.format("%Y-%m-%d %H:%M UTC"),
                meta.client_addr
            ),
            link: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_the_dummy_never_does() {
        let h = hash_password("Correct-horse1".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(
            verify_password("Correct-horse1".into(), Some(h.clone()))
                .await
                .unwrap()
        );
        assert!(!verify_password("wrong".into(), Some(h)).await.unwrap());
        assert!(!verify_password("anything".into(), None).await.unwrap());
    }
}
