//! The judging pool of the competitions (and of the challenge reviews) and the interests its
//! judges declare.

use super::{Errors, json_list, list_of, parse_tags};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::Utc;
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::entity::{competition_interest, innovation_expert};

/// An expert for the judging pool (`POST /api/v1/innovation/experts`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ExpertForm {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Employer (projects of the same employer are never assigned to the expert).
    #[serde(default)]
    pub employer: String,
    /// Fields, separated by commas.
    #[serde(default)]
    pub fields: String,
    /// The expert's account, by user name.
    #[serde(default)]
    pub username: Option<String>,
}

/// An expert of the pool.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ExpertView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Employer.
    pub employer: String,
    /// Fields.
    pub fields: Vec<String>,
    /// Has an account.
    pub has_account: bool,
}

fn expert_view(e: &innovation_expert::Model) -> ExpertView {
    ExpertView {
        id: e.id,
        name: e.name.clone(),
        employer: e.employer.clone(),
        fields: list_of(&e.fields),
        has_account: e.user_id.is_some(),
    }
}

/// Adds an expert to the judging pool.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn add_expert(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: ExpertForm,
) -> Result<ExpertView, AppError> {
    actor.require(Permission::COMPETITION_MANAGE)?;
    let mut e = Errors::default();
    let name = e.text("name", &form.name, 50);
    let employer = e.text("employer", &form.employer, 100);
    let fields = parse_tags(&form.fields);
    e.finish()?;
    let tx = app.db().begin_write().await?;
    let user_id = match form
        .username
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        Some(u) => Some(
            store::org::user::find_by_username(&tx, u)
                .await?
                .ok_or_else(|| AppError::invalid("username", "competition.user_unknown"))?
                .id,
        ),
        None => None,
    };
    if let Some(uid) = user_id
        && store::innovation::competition::expert_of_user(&tx, uid)
            .await?
            .is_some()
    {
        return Err(AppError::invalid("username", "competition.expert_exists"));
    }
    let x = store::innovation::insert(
        &tx,
        innovation_expert::ActiveModel {
            name: Set(name),
            employer: Set(employer),
            fields: Set(json_list(&fields)),
            user_id: Set(user_id),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "innovation_expert.create",
            entity_type: "innovation_expert",
            entity_id: x.id.to_string(),
            region_code: None,
            before: serde_json::Value::Null,
            after: json!({"name": x.name, "employer": x.employer, "user_id": x.user_id}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(expert_view(&x))
}

/// The judging pool.
pub async fn list_experts(app: &App, actor: &Actor) -> Result<Vec<ExpertView>, AppError> {
    actor.require(Permission::COMPETITION_MANAGE)?;
    Ok(store::innovation::competition::experts(app.db().conn())
        .await?
        .iter()
        .map(expert_view)
        .collect())
}

/// A judge declares an interest in a project (a conflict: never assigned to it).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn declare_interest(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    competition_id: i64,
    project_id: i64,
) -> Result<(), AppError> {
    actor.require(Permission::INNOVATION_JUDGE)?;
    let tx = app.db().begin_write().await?;
    let me = store::innovation::competition::expert_of_user(&tx, actor.user_id)
        .await?
        .ok_or(AppError::Forbidden(Permission::INNOVATION_JUDGE))?;
    let p = store::innovation::competition::project(&tx, project_id)
        .await?
        .filter(|p| p.competition_id == competition_id)
        .ok_or(AppError::NotFound)?;
    let existing = store::innovation::competition::interests_of(&tx, competition_id).await?;
    if !existing
        .iter()
        .any(|i| i.expert_id == me.id && i.project_id == p.id)
    {
        store::innovation::insert(
            &tx,
            competition_interest::ActiveModel {
                competition_id: Set(competition_id),
                expert_id: Set(me.id),
                project_id: Set(p.id),
                ..Default::default()
            },
        )
        .await?;
        record(
            &tx,
            actor,
            meta,
            AuditRecord {
                action: "competition.declare_interest",
                entity_type: "competition_project",
                entity_id: p.id.to_string(),
                region_code: None,
                before: serde_json::Value::Null,
                after: json!({"expert_id": me.id}),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
