//! Signing in: password check, lockout after repeated failures, the login log, a new session.

use super::session::{SessionToken, random_hex};
use super::verify_password;
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{Duration, Utc};
use sea_orm::{ActiveValue::Set, IntoActiveModel};
use store::entity::{login_log, session};

/// A successful sign-in.
#[derive(Debug)]
pub struct LoginOutcome {
    /// The new session's token, for the cookie.
    pub token: SessionToken,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// Who signed in.
    pub actor: Actor,
}

async fn log_attempt(
    app: &App,
    username: &str,
    user_id: Option<i64>,
    meta: &RequestMeta,
    reason: &str,
) -> Result<(), AppError> {
    store::org::login_log::insert(
        app.db().conn(),
        login_log::Model {
            id: 0,
            username: username.chars().take(64).collect(),
            user_id,
            at: Utc::now(),
            client_addr: meta.client_addr.clone(),
            user_agent: meta.user_agent.chars().take(256).collect(),
            success: reason == "ok",
            reason: reason.into(),
        },
    )
    .await?;
    Ok(())
}

/// Checks the credentials and opens a session.
///
/// A locked account answers `Locked` without checking the password. A wrong password counts a
/// failure; the failure that reaches the limit locks the account. Unknown users take as long
/// as known ones (a dummy hash is checked) and answer the same `InvalidCredentials`.
#[tracing::instrument(skip_all, fields(username = %username.chars().take(64).collect::<String>()))]
pub async fn login(
    app: &App,
    username: &str,
    password: &str,
    meta: &RequestMeta,
) -> Result<LoginOutcome, AppError> {
    let conn = app.db().conn();
    let now = Utc::now();
    let user = store::org::user::find_by_username(conn, username.trim()).await?;
    let Some(user) = user else {
        verify_password(password.to_string(), None).await?;
        log_attempt(app, username, None, meta, "unknown_user").await?;
        return Err(AppError::InvalidCredentials);
    };
    if let Some(until) = user.locked_until.filter(|u| *u > now) {
        log_attempt(app, username, Some(user.id), meta, "locked").await?;
        return Err(AppError::Locked { until });
    }
    let ok = verify_password(password.to_string(), Some(user.password_hash.clone())).await?;
    if !ok {
        let settings = app.settings();
        let failures = user.failed_logins + 1;
        let lock = failures >= settings.max_failed_logins;
        let until = now + Duration::minutes(settings.lock_minutes);
        let tx = app.db().begin_write().await?;
        let id = user.id;
        let mut am = user.into_active_model();
        am.failed_logins = Set(if lock { 0 } else { failures });
        am.locked_until = Set(lock.then_some(until));
        store::org::user::update(&tx, am).await?;
        tx.commit().await?;
        log_attempt(
            app,
            username,
            Some(id),
            meta,
            if lock { "locked_now" } else { "wrong_password" },
        )
        .await?;
        return Err(if lock {
            AppError::Locked { until }
        } else {
            AppError::InvalidCredentials
        });
    }
    if user.disabled {
        log_attempt(app, username, Some(user.id), meta, "disabled").await?;
        return Err(AppError::AccountDisabled);
    }
    let token = SessionToken::generate()?;
    let csrf_token = random_hex()?;
    let tx = app.db().begin_write().await?;
    let grants = store::org::role::grants_of_user(&tx, user.id).await?;
    let actor = Actor::user(&user, grants);
    let user_id = user.id;
    if user.failed_logins != 0 || user.locked_until.is_some() {
        let mut am = user.into_active_model();
        am.failed_logins = Set(0);
        am.locked_until = Set(None);
        store::org::user::update(&tx, am).await?;
    }
    store::org::session::insert(
        &tx,
        session::Model {
            token_hash: token.hash(),
            user_id,
            csrf_token: csrf_token.clone(),
            created_at: now,
            last_seen_at: now,
            client_addr: meta.client_addr.clone(),
            user_agent: meta.user_agent.chars().take(256).collect(),
        },
    )
    .await?;
    tx.commit().await?;
    log_attempt(app, username, Some(user_id), meta, "ok").await?;
    Ok(LoginOutcome {
        token,
        csrf_token,
        actor,
    })
}
