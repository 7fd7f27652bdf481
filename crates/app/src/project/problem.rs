//! Problems of key projects (项目问题): each one raised becomes a ticket (诉求) of the project's
//! enterprise, through the service context's own checks and writes, in the same transaction
//! as the problem's record — so the department's deadlines, reminders and escalation apply.

use crate::audit::{AuditRecord, record};
use crate::service::{NewTicketForm, insert_ticket, service_rules, validate_new};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{DateTime, Utc};
use policy::org::{Permission, Scope};
use sea_orm::ActiveValue::Set;
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::ConnectionTrait;
use store::entity::key_project_problem;

/// A problem to raise (`POST /api/v1/projects/{id}/problems`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ProblemForm {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Ticket category code (`land`, `approval`, `financing`, `utilities`, ...).
    #[serde(default)]
    pub category: String,
    /// What is needed.
    #[serde(default)]
    pub description: String,
}

/// A problem and where its ticket stands.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProblemView {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// The ticket it became.
    pub ticket_id: i64,
    /// The ticket's status.
    pub ticket_status: String,
    /// When it was raised.
    pub raised_at: DateTime<Utc>,
}

/// The problems of a project with their tickets' statuses.
pub(crate) async fn problems_view<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
) -> Result<Vec<ProblemView>, AppError> {
    let mut out = Vec::new();
    // The project is already in the reader's scope; its tickets' statuses go with it.
    let all = Scope::all();
    for p in store::project::key_project::problems_of(conn, project_id).await? {
        let status = store::service::ticket::find(conn, &all, p.ticket_id)
            .await?
            .map(|t| t.status)
            .unwrap_or_default();
        out.push(ProblemView {
            id: p.id,
            title: p.title,
            ticket_id: p.ticket_id,
            ticket_status: status,
            raised_at: p.raised_at,
        });
    }
    Ok(out)
}

/// Raises a problem of a project in the actor's scope: a ticket of the project's enterprise
/// (which a project must have), and the problem's record pointing at it.
#[tracing::instrument(skip_all, fields(actor = %actor.username, project_id))]
pub async fn raise_problem(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    project_id: i64,
    form: ProblemForm,
) -> Result<ProblemView, AppError> {
    let scope = actor.scope(Permission::PROJECT_WRITE)?;
    let raise_scope = actor.scope(Permission::TICKET_RAISE)?;
    let rules = service_rules()?;
    let conn = app.db().conn();
    let p = store::project::key_project::find(conn, &scope, project_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(uscc) = p.enterprise_uscc.clone() else {
        return Err(AppError::invalid(
            "enterprise_uscc",
            "project.problem_needs_enterprise",
        ));
    };
    let ticket = NewTicketForm {
        title: form.title.clone(),
        category: form.category.clone(),
        description: if form.description.trim().is_empty() {
            String::new()
        } else {
            format!(
                "【重点项目 #{} {}】{}",
                p.id,
                p.name,
                form.description.trim()
            )
        },
        enterprise_uscc: Some(uscc),
        visit_id: None,
    };
    let v = validate_new(actor, &rules, &ticket)?;
    let tx = app.db().begin_write().await?;
    let t = insert_ticket(&tx, actor, meta, &raise_scope, &rules, v).await?;
    let now = Utc::now();
    let row = store::project::key_project::insert_problem(
        &tx,
        key_project_problem::ActiveModel {
            project_id: Set(p.id),
            ticket_id: Set(t.id),
            title: Set(t.title.clone()),
            raised_by: Set(actor.stored_id()),
            raised_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "key_project.problem",
            entity_type: "key_project",
            entity_id: p.id.to_string(),
            region_code: Some(p.region_code.clone()),
            before: serde_json::Value::Null,
            after: json!({"problem_id": row.id, "title": row.title, "ticket_id": t.id}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(ProblemView {
        id: row.id,
        title: row.title,
        ticket_id: t.id,
        ticket_status: t.status,
        raised_at: row.raised_at,
    })
}
