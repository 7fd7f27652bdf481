//! Writing an audit record inside the writer's transaction.

use crate::{Actor, AppError, RequestMeta};
use chrono::Utc;
use serde_json::Value;
use store::ConnectionTrait;
use store::entity::audit_log;

/// What a use case tells the audit log about one write.
#[derive(Debug, Clone)]
pub struct AuditRecord<'a> {
    /// What was done, e.g. `user.create`.
    pub action: &'a str,
    /// The kind of record, e.g. `user`.
    pub entity_type: &'a str,
    /// Its id.
    pub entity_id: String,
    /// The region the record belongs to (decides who may read the entry).
    pub region_code: Option<String>,
    /// The record before (null when created).
    pub before: Value,
    /// The record after (null when retired).
    pub after: Value,
}

/// Appends the audit entry for a write, in the same transaction as the write.
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    meta: &RequestMeta,
    entry: AuditRecord<'_>,
) -> Result<i64, AppError> {
    let changes = super::diff(&entry.before, &entry.after);
    let diff = serde_json::to_string(&changes).map_err(|e| AppError::Internal(e.to_string()))?;
    let id = store::audit::insert(
        conn,
        audit_log::Model {
            id: 0,
            at: Utc::now(),
            actor_id: actor.stored_id(),
            actor_name: actor.username.clone(),
            action: entry.action.into(),
            entity_type: entry.entity_type.into(),
            entity_id: entry.entity_id,
            region_code: entry.region_code,
            diff,
            request_id: meta.request_id.clone(),
            client_addr: meta.client_addr.clone(),
        },
    )
    .await?;
    Ok(id)
}
