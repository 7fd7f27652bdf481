//! Sessions: a random token in an HttpOnly cookie; only its SHA-256 is stored.

use crate::{Actor, App, AppError};
use chrono::{Duration, Utc};
use sha2::{Digest, Sha256};

/// A session token as the cookie carries it.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(pub String);

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(***)")
    }
}

impl SessionToken {
    /// A new random token (256 bits).
    pub(crate) fn generate() -> Result<SessionToken, AppError> {
        random_hex().map(SessionToken)
    }

    /// The hash under which the session is stored.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

/// 32 random bytes as hex.
pub(crate) fn random_hex() -> Result<String, AppError> {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).map_err(|e| AppError::Internal(format!("random: {e}")))?;
    Ok(hex::encode(b))
}

/// Activity is written back at most this often, so reads do not turn into writes.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// The actor and CSRF token of a live session; `Unauthenticated` if it is unknown, idle past
/// the timeout, or its user is disabled. Fails closed: any doubt means no session.
pub async fn resolve_session(app: &App, token: &SessionToken) -> Result<(Actor, String), AppError> {
    let conn = app.db().conn();
    let hash = token.hash();
    let Some(s) = store::org::session::find(conn, &hash).await? else {
        return Err(AppError::Unauthenticated);
    };
    let now = Utc::now();
    if now - s.last_seen_at > Duration::minutes(app.settings().idle_timeout_minutes) {
        store::org::session::delete(conn, &hash).await?;
        return Err(AppError::Unauthenticated);
    }
    let Some(user) = store::org::user::find_by_id(conn, s.user_id).await? else {
        return Err(AppError::Unauthenticated);
    };
    if user.disabled {
        return Err(AppError::Unauthenticated);
    }
    if now - s.last_seen_at > Duration::seconds(TOUCH_EVERY_SECONDS) {
        store::org::session::touch(conn, &hash, now).await?;
    }
    let grants = store::org::role::grants_of_user(conn, user.id).await?;
    Ok((Actor::user(&user, grants), s.csrf_token))
}

/// Ends a session.
pub async fn logout(app: &App, token: &SessionToken) -> Result<(), AppError> {
    store::org::session::delete(app.db().conn(), &token.hash()).await?;
    Ok(())
}
