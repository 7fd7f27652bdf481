//! Searching the audit log, within the reader's scope.

use super::FieldChange;
use crate::{Actor, App, AppError, Page, PageRequest};
use chrono::{DateTime, Utc};
use policy::org::Permission;
use serde::Serialize;
use store::audit::AuditQuery;
use store::entity::audit_log;

/// Filters of an audit search, as a user gives them.
pub type AuditSearch = AuditQuery;

/// One audit entry as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuditEntryView {
    /// Entry id.
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Acting user id (none for the system).
    pub actor_id: Option<i64>,
    /// Acting user's login name.
    pub actor_name: String,
    /// What was done.
    pub action: String,
    /// Kind of record.
    pub entity_type: String,
    /// Record id.
    pub entity_id: String,
    /// Region of the record.
    pub region_code: Option<String>,
    /// Field changes.
    pub changes: Vec<FieldChange>,
    /// Request id.
    pub request_id: String,
    /// Client address.
    pub client_addr: String,
}

impl From<audit_log::Model> for AuditEntryView {
    fn from(m: audit_log::Model) -> AuditEntryView {
        AuditEntryView {
            id: m.id,
            at: m.at,
            actor_id: m.actor_id,
            actor_name: m.actor_name,
            action: m.action,
            entity_type: m.entity_type,
            entity_id: m.entity_id,
            region_code: m.region_code,
            changes: serde_json::from_str(&m.diff).unwrap_or_default(),
            request_id: m.request_id,
            client_addr: m.client_addr,
        }
    }
}

/// Audit entries the actor may read, newest first.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn search_audit(
    app: &App,
    actor: &Actor,
    query: &AuditSearch,
    page: PageRequest,
) -> Result<Page<AuditEntryView>, AppError> {
    let scope = actor.scope(Permission::AUDIT_READ)?;
    let rows = store::audit::search(app.db().conn(), &scope, query, page).await?;
    Ok(rows.map(AuditEntryView::from))
}

/// One login attempt as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LoginAttemptView {
    /// Id.
    pub id: i64,
    /// The login name typed.
    pub username: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Client address.
    pub client_addr: String,
    /// User agent.
    pub user_agent: String,
    /// Whether it succeeded.
    pub success: bool,
    /// `ok`, `unknown_user`, `wrong_password`, `locked`, `locked_now`, `disabled`.
    pub reason: String,
}

/// The login log, newest first, optionally for one login name.
pub async fn list_login_log(
    app: &App,
    actor: &Actor,
    username: Option<&str>,
    page: PageRequest,
) -> Result<Page<LoginAttemptView>, AppError> {
    actor.require(Permission::LOGIN_LOG_READ)?;
    let rows = store::org::login_log::list(app.db().conn(), username, page).await?;
    Ok(rows.map(|r| LoginAttemptView {
        id: r.id,
        username: r.username,
        at: r.at,
        client_addr: r.client_addr,
        user_agent: r.user_agent,
        success: r.success,
        reason: r.reason,
    }))
}
