//! The audit entries of an import: one per record created or updated, written in batches inside
//! the import's transaction. Each entry is what [`crate::audit::record`] would write.

use crate::{Actor, AppError, RequestMeta};
use chrono::Utc;
use sea_orm::ActiveValue::Set;
use serde_json::Value;
use store::entity::audit_log;

/// Audit entries waiting to be written.
#[derive(Default)]
pub(crate) struct AuditBatch {
    rows: Vec<audit_log::ActiveModel>,
}

impl AuditBatch {
    /// A batch with room for `n` entries (one large allocation instead of many doublings of
    /// a 100,000-entry list).
    pub fn with_capacity(n: usize) -> AuditBatch {
        AuditBatch {
            rows: Vec::with_capacity(n),
        }
    }

    /// Adds the entry of one write.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        actor: &Actor,
        meta: &RequestMeta,
        action: &str,
        entity_type: &str,
        entity_id: String,
        region_code: Option<String>,
        before: &Value,
        after: &Value,
    ) -> Result<(), AppError> {
        let changes = crate::audit::diff(before, after);
        let diff =
            serde_json::to_string(&changes).map_err(|e| AppError::Internal(e.to_string()))?;
        self.rows.push(audit_log::ActiveModel {
            at: Set(Utc::now()),
            actor_id: Set(actor.stored_id()),
            actor_name: Set(actor.username.clone()),
            action: Set(action.into()),
            entity_type: Set(entity_type.into()),
            entity_id: Set(entity_id),
            region_code: Set(region_code),
            diff: Set(diff),
            request_id: Set(meta.request_id.clone()),
            client_addr: Set(meta.client_addr.clone()),
            ..Default::default()
        });
        Ok(())
    }

    /// Writes the entries.
    pub async fn write<C: store::ConnectionTrait>(self, conn: &C) -> Result<(), AppError> {
        store::enterprise::bulk::insert_audit(conn, self.rows).await?;
        Ok(())
    }
}
