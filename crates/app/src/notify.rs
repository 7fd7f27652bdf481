//! The signed-in user's notifications.

use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, Page, PageRequest, RequestMeta};
use chrono::{DateTime, Utc};
use policy::org::Permission;
use serde::Serialize;
use serde_json::json;

/// A notification as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NotificationView {
    /// Id.
    pub id: i64,
    /// Kind (catalogue key).
    pub kind: String,
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
    /// Where to act on it.
    pub link: Option<String>,
    /// Raised.
    pub created_at: DateTime<Utc>,
    /// Read, if it was.
    pub read_at: Option<DateTime<Utc>>,
}

/// The actor's notifications, newest first.
pub async fn list_notifications(
    app: &App,
    actor: &Actor,
    page: PageRequest,
) -> Result<Page<NotificationView>, AppError> {
    actor.require(Permission::HOME)?;
    let rows = store::notify::list_for_user(app.db().conn(), actor.user_id, page).await?;
    Ok(rows.map(|n| NotificationView {
        id: n.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        created_at: n.created_at,
        read_at: n.read_at,
    }))
}

/// How many of the actor's notifications are unread (the bell).
pub async fn unread_count(app: &App, actor: &Actor) -> Result<u64, AppError> {
    if actor.is_system() {
        return Ok(0);
    }
    Ok(store::notify::unread_count(app.db().conn(), actor.user_id).await?)
}

async fn audit_read(
    tx: &store::DatabaseTransaction,
    actor: &Actor,
    meta: &RequestMeta,
    entity_id: String,
) -> Result<(), AppError> {
    record(
        tx,
        actor,
        meta,
        AuditRecord {
            action: "notification.read",
            entity_type: "notification",
            entity_id,
            region_code: None,
            before: json!({"read": false}),
            after: json!({"read": true}),
        },
    )
    .await
    .map(|_| ())
}

/// Marks one notification read; `NotFound` when it is not the actor's (or already read).
pub async fn mark_read(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
) -> Result<(), AppError> {
    actor.require(Permission::HOME)?;
    let tx = app.db().begin_write().await?;
    if !store::notify::mark_read(&tx, actor.user_id, id, Utc::now()).await? {
        return Err(AppError::NotFound);
    }
    audit_read(&tx, actor, meta, id.to_string()).await?;
    tx.commit().await?;
    Ok(())
}

/// Marks all the actor's notifications read; returns how many changed.
pub async fn mark_all_read(app: &App, actor: &Actor, meta: &RequestMeta) -> Result<u64, AppError> {
    actor.require(Permission::HOME)?;
    let tx = app.db().begin_write().await?;
    let n = store::notify::mark_all_read(&tx, actor.user_id, Utc::now()).await?;
    if n > 0 {
        audit_read(&tx, actor, meta, format!("user:{}:all", actor.user_id)).await?;
    }
    tx.commit().await?;
    Ok(n)
}
