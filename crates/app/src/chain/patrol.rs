//! Leaders' work on a chain: 问链 (the general chain leader asks after it), 巡链 (the chain
//! leader visits its enterprises), 诊链 (experts diagnose it). A patrol records the date, who
//! led it and took part, the enterprises visited, what was found and the follow-up; each
//! problem found becomes a ticket of the service context, raised in the same transaction and
//! tagged with the patrol, so the chain's weak-link list and the patrol's follow-up both see it.

use super::record::chain_in;
use super::snapshot::Snapshot;
use super::{field, text};
use crate::audit::{AuditRecord, record};
use crate::service::{NewTicketForm, insert_ticket, service_rules, validate_new};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::chain::PatrolKind;
use policy::enterprise::Uscc;
use policy::org::{Permission, Scope};
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::HashMap;
use store::entity::chain_patrol;

/// A patrol to record.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct NewPatrolForm {
    /// `inquiry` (问链), `inspection` (巡链) or `diagnosis` (诊链).
    #[serde(default)]
    pub kind: String,
    /// When.
    #[serde(default)]
    pub patrolled_on: Option<NaiveDate>,
    /// Who led it (the general chain leader, the chain leader, the expert team).
    #[serde(default)]
    pub led_by: String,
    /// Who took part.
    #[serde(default)]
    pub participants: String,
    /// The enterprises visited (codes).
    #[serde(default)]
    pub enterprises: Vec<String>,
    /// What was found.
    #[serde(default)]
    pub findings: String,
    /// Problems found: each becomes a ticket for its enterprise.
    #[serde(default)]
    pub problems: Vec<NewTicketForm>,
    /// The follow-up agreed.
    #[serde(default)]
    pub follow_up: String,
}

/// A later follow-up of a patrol.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct FollowUpForm {
    /// What was done since.
    #[serde(default)]
    pub follow_up: String,
    /// When (default today).
    #[serde(default)]
    pub follow_up_on: Option<NaiveDate>,
}

/// A ticket raised from a patrol, with where it stands.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PatrolTicketView {
    /// Ticket id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Category.
    pub category: String,
    /// Enterprise.
    pub enterprise_uscc: String,
    /// Status.
    pub status: String,
}

/// An enterprise visited on a patrol.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VisitedEnterprise {
    /// Code.
    pub uscc: String,
    /// Name.
    pub name: String,
}

/// A patrol.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PatrolView {
    /// Id.
    pub id: i64,
    /// `inquiry`, `inspection` or `diagnosis`.
    pub kind: String,
    /// When.
    pub patrolled_on: NaiveDate,
    /// Who led it.
    pub led_by: String,
    /// Who took part.
    pub participants: String,
    /// The enterprises visited.
    pub enterprises: Vec<VisitedEnterprise>,
    /// What was found.
    pub findings: String,
    /// The follow-up.
    pub follow_up: String,
    /// When the follow-up was last written.
    pub follow_up_on: Option<NaiveDate>,
    /// The tickets raised from it.
    pub tickets: Vec<PatrolTicketView>,
}

/// The patrols of a chain with the enterprises visited and their tickets' status. The status
/// of a patrol's own tickets is part of the patrol's follow-up, shown to its chain's readers.
pub(crate) async fn patrols_of(
    app: &App,
    scope: &Scope,
    snap: &Snapshot,
) -> Result<Vec<PatrolView>, AppError> {
    let conn = app.db().conn();
    let patrols = store::chain::patrol::of_chain(conn, scope, snap.chain.id).await?;
    let ids: Vec<i64> = patrols.iter().map(|p| p.id).collect();
    let visited = store::chain::patrol::enterprises_of(conn, &ids).await?;
    let tagged = store::chain::patrol::tickets_of_chain(conn, snap.chain.id).await?;
    let tickets: HashMap<i64, store::entity::ticket::Model> =
        store::chain::patrol::ticket_rows(conn, snap.chain.id)
            .await?
            .into_iter()
            .map(|t| (t.id, t))
            .collect();
    let codes: Vec<String> = visited.iter().map(|(_, u)| u.clone()).collect();
    let names: HashMap<String, String> = store::chain::facts::enterprises(conn, &codes)
        .await?
        .into_iter()
        .map(|f| (f.uscc, f.name))
        .collect();
    Ok(patrols
        .into_iter()
        .map(|p| PatrolView {
            enterprises: visited
                .iter()
                .filter(|(pid, _)| *pid == p.id)
                .map(|(_, u)| VisitedEnterprise {
                    uscc: u.clone(),
                    name: names.get(u).cloned().unwrap_or_default(),
                })
                .collect(),
            tickets: tagged
                .iter()
                .filter(|(pid, _)| *pid == p.id)
                .filter_map(|(_, t)| tickets.get(t))
                .map(|t| PatrolTicketView {
                    id: t.id,
                    title: t.title.clone(),
                    category: t.category.clone(),
                    enterprise_uscc: t.enterprise_uscc.clone(),
                    status: t.status.clone(),
                })
                .collect(),
            id: p.id,
            kind: p.kind,
            patrolled_on: p.patrolled_on,
            led_by: p.led_by,
            participants: p.participants,
            findings: p.findings,
            follow_up: p.follow_up,
            follow_up_on: p.follow_up_on,
        })
        .collect())
}

/// Records a patrol of a chain and raises a ticket for each problem found, in one transaction.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn record_patrol(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    chain_id: i64,
    form: NewPatrolForm,
) -> Result<chain_patrol::Model, AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    let raise_scope = if form.problems.is_empty() {
        None
    } else {
        Some(actor.scope(Permission::TICKET_RAISE)?)
    };
    let c = chain_in(app, &scope, chain_id).await?;
    let conn = app.db().conn();
    let mut errors = Vec::new();
    let kind = PatrolKind::parse(&form.kind)
        .map_err(|e| errors.push(field("kind", e)))
        .ok();
    if form.patrolled_on.is_none() {
        errors.push(FieldError::new("patrolled_on", "common.date_format"));
    }
    let led_by = text(&mut errors, "led_by", &form.led_by, true, 100);
    let participants = text(&mut errors, "participants", &form.participants, false, 1000);
    let findings = text(&mut errors, "findings", &form.findings, false, 5000);
    let follow_up = text(&mut errors, "follow_up", &form.follow_up, false, 5000);
    let mut visited: Vec<String> = Vec::new();
    for (i, code) in form.enterprises.iter().enumerate() {
        let at = format!("enterprises[{i}]");
        match Uscc::parse(code.trim()) {
            Ok(u) => match store::enterprise::profile::find(conn, &scope, u.as_str()).await? {
                Some(e) if !visited.contains(&e.uscc) => visited.push(e.uscc),
                Some(_) => {}
                None => errors.push(FieldError::new(at, "ticket.enterprise_not_found")),
            },
            Err(e) => errors.push(FieldError::uscc(at, &e)),
        }
    }
    let rules = service_rules()?;
    let mut problems = Vec::new();
    for (i, p) in form.problems.iter().enumerate() {
        match validate_new(actor, &rules, p) {
            Ok(v) => problems.push(v),
            Err(AppError::Invalid(es)) => errors.extend(es.into_iter().map(|mut e| {
                e.field = format!("problems[{i}].{}", e.field);
                e
            })),
            Err(e) => return Err(e),
        }
    }
    let (Some(kind), Some(on), true) = (kind, form.patrolled_on, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let tx = app.db().begin_write().await?;
    let p = store::chain::patrol::insert(
        &tx,
        chain_patrol::ActiveModel {
            chain_id: Set(c.id),
            region_code: Set(c.region_code.clone()),
            kind: Set(kind.as_str().into()),
            patrolled_on: Set(on),
            led_by: Set(led_by),
            participants: Set(participants),
            findings: Set(findings),
            follow_up_on: Set((!follow_up.is_empty()).then_some(on)),
            follow_up: Set(follow_up),
            created_by: Set(actor.stored_id()),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    store::chain::patrol::add_enterprises(&tx, p.id, &visited).await?;
    let mut ticket_ids = Vec::new();
    if let Some(rs) = raise_scope {
        for v in problems {
            let t = insert_ticket(&tx, actor, meta, &rs, &rules, v).await?;
            store::chain::patrol::tag_ticket(&tx, p.id, c.id, t.id).await?;
            ticket_ids.push(t.id);
        }
    }
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "chain.patrol.create",
            entity_type: "chain",
            entity_id: c.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before: serde_json::Value::Null,
            after: json!({"patrol_id": p.id, "kind": p.kind, "patrolled_on": p.patrolled_on,
                "led_by": p.led_by, "participants": p.participants, "enterprises": visited,
                "findings": p.findings, "follow_up": p.follow_up, "ticket_ids": ticket_ids}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(p)
}

/// Writes the follow-up of a patrol.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn follow_up_patrol(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    chain_id: i64,
    patrol_id: i64,
    form: FollowUpForm,
) -> Result<chain_patrol::Model, AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    let c = chain_in(app, &scope, chain_id).await?;
    let mut errors = Vec::new();
    let follow_up = text(&mut errors, "follow_up", &form.follow_up, true, 5000);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let tx = app.db().begin_write().await?;
    let current = store::chain::patrol::find(&tx, &scope, c.id, patrol_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = json!({"patrol_id": current.id, "follow_up": current.follow_up,
        "follow_up_on": current.follow_up_on});
    let mut am = current.into_active_model();
    am.follow_up = Set(follow_up);
    am.follow_up_on = Set(Some(form.follow_up_on.unwrap_or_else(super::today)));
    let p = store::chain::patrol::update(&tx, am).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "chain.patrol.follow_up",
            entity_type: "chain",
            entity_id: c.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before,
            after: json!({"patrol_id": p.id, "follow_up": p.follow_up,
                "follow_up_on": p.follow_up_on}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(p)
}
