//! Investment targets (招商目标) set against the gaps of a chain's map, and their stages
//! 在谈 → 签约 → 开工 → 投产 (or 终止 before signing), each step appended to a log. A target
//! carries an optional `investment_project_id` so that, once the projects context is merged,
//! a signed target points at its project: gap → target → project.

use super::record::chain_in;
use super::snapshot::Snapshot;
use super::{field, text, title_rules, wan, wan_yuan};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::{DateTime, NaiveDate, Utc};
use policy::chain::{GapKind, InvestmentAction, InvestmentStage};
use policy::org::{Permission, Scope};
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::entity::{chain_investment_event, chain_investment_target};

/// A new investment target against a gap.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct NewInvestmentTargetForm {
    /// The node of the gap.
    #[serde(default)]
    pub node_id: i64,
    /// The gap's kind (`supply`, `technology`, `upstream`, `downstream`): the node must show
    /// this gap now.
    #[serde(default)]
    pub gap_kind: String,
    /// The enterprise being attracted.
    #[serde(default)]
    pub target_enterprise: String,
    /// Where it is based (所在地).
    #[serde(default)]
    pub place: String,
    /// Who follows it up (责任人 / 责任单位).
    #[serde(default)]
    pub owner: String,
    /// Investment planned, 万元.
    #[serde(default)]
    pub planned_wan_yuan: Option<String>,
    /// Investment in place, 万元.
    #[serde(default)]
    pub in_place_wan_yuan: Option<String>,
    /// Note.
    #[serde(default)]
    pub note: String,
}

/// A step for an investment target.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct TargetActionForm {
    /// `advance` (to the next stage) or `drop` (end the talks; only before signing). Empty to
    /// update the amounts or the project link only.
    #[serde(default)]
    pub action: String,
    /// Comment.
    #[serde(default)]
    pub comment: String,
    /// When it happened (default today).
    #[serde(default)]
    pub on: Option<NaiveDate>,
    /// Investment in place now, 万元.
    #[serde(default)]
    pub in_place_wan_yuan: Option<String>,
    /// The project of the projects context this target became.
    #[serde(default)]
    pub investment_project_id: Option<i64>,
}

/// A step of a target's log.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InvestmentEventView {
    /// `create`, `advance`, `drop` or `update`.
    pub action: String,
    /// Stage before.
    pub from_stage: Option<String>,
    /// Stage after.
    pub to_stage: String,
    /// Who.
    pub actor_name: String,
    /// Comment.
    pub comment: String,
    /// When it happened.
    pub on: NaiveDate,
    /// When it was recorded.
    pub at: DateTime<Utc>,
}

/// An investment target.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InvestmentTargetView {
    /// Id.
    pub id: i64,
    /// The node of its gap.
    pub node_id: i64,
    /// The node's name.
    pub node_name: String,
    /// The gap's kind.
    pub gap_kind: String,
    /// The enterprise being attracted.
    pub target_enterprise: String,
    /// Where it is based.
    pub place: String,
    /// `negotiating`, `signed`, `started`, `in_production` or `dropped`.
    pub stage: String,
    /// Who follows it up.
    pub owner: String,
    /// Planned, 万元.
    pub planned_wan_yuan: Option<String>,
    /// In place, 万元.
    pub in_place_wan_yuan: Option<String>,
    /// The project it became (projects context).
    pub investment_project_id: Option<i64>,
    /// Note.
    pub note: String,
    /// Its log, oldest first.
    pub events: Vec<InvestmentEventView>,
}

/// The targets of a chain with their logs.
pub(crate) async fn targets_of(
    app: &App,
    scope: &Scope,
    snap: &Snapshot,
) -> Result<Vec<InvestmentTargetView>, AppError> {
    let conn = app.db().conn();
    let rows = store::chain::investment::of_chain(conn, scope, snap.chain.id).await?;
    let ids: Vec<i64> = rows.iter().map(|t| t.id).collect();
    let events = store::chain::investment::events_of(conn, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|t| InvestmentTargetView {
            events: events
                .iter()
                .filter(|e| e.target_id == t.id)
                .map(|e| InvestmentEventView {
                    action: e.action.clone(),
                    from_stage: e.from_stage.clone(),
                    to_stage: e.to_stage.clone(),
                    actor_name: e.actor_name.clone(),
                    comment: e.comment.clone(),
                    on: e.happened_on,
                    at: e.at,
                })
                .collect(),
            node_name: snap.node_name(t.node_id),
            id: t.id,
            node_id: t.node_id,
            gap_kind: t.gap_kind,
            target_enterprise: t.target_enterprise,
            place: t.place,
            stage: t.stage,
            owner: t.owner,
            planned_wan_yuan: wan(t.planned_fen),
            in_place_wan_yuan: wan(t.in_place_fen),
            investment_project_id: t.investment_project_id,
            note: t.note,
        })
        .collect())
}

fn target_json(t: &chain_investment_target::Model) -> serde_json::Value {
    json!({"target_id": t.id, "node_id": t.node_id, "gap_kind": t.gap_kind,
        "target_enterprise": t.target_enterprise, "place": t.place, "stage": t.stage,
        "owner": t.owner, "planned_fen": t.planned_fen, "in_place_fen": t.in_place_fen,
        "investment_project_id": t.investment_project_id, "note": t.note})
}

fn event(
    target_id: i64,
    action: &str,
    from: Option<InvestmentStage>,
    to: InvestmentStage,
    actor: &Actor,
    comment: String,
    on: NaiveDate,
) -> chain_investment_event::ActiveModel {
    chain_investment_event::ActiveModel {
        target_id: Set(target_id),
        action: Set(action.into()),
        from_stage: Set(from.map(|s| s.as_str().to_string())),
        to_stage: Set(to.as_str().into()),
        actor_id: Set(actor.stored_id()),
        actor_name: Set(actor.display_name.clone()),
        comment: Set(comment),
        happened_on: Set(on),
        at: Set(Utc::now()),
        ..Default::default()
    }
}

/// Sets an investment target against a gap the chain's map shows now.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn add_investment_target(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    chain_id: i64,
    form: NewInvestmentTargetForm,
) -> Result<chain_investment_target::Model, AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    let c = chain_in(app, &scope, chain_id).await?;
    let mut errors = Vec::new();
    let kind = GapKind::parse(&form.gap_kind)
        .map_err(|e| errors.push(field("gap_kind", e)))
        .ok();
    let target_enterprise = text(
        &mut errors,
        "target_enterprise",
        &form.target_enterprise,
        true,
        100,
    );
    let place = text(&mut errors, "place", &form.place, false, 100);
    let owner = text(&mut errors, "owner", &form.owner, true, 100);
    let note = text(&mut errors, "note", &form.note, false, 1000);
    let planned = wan_yuan(
        &mut errors,
        "planned_wan_yuan",
        form.planned_wan_yuan.as_deref(),
    );
    let in_place = wan_yuan(
        &mut errors,
        "in_place_wan_yuan",
        form.in_place_wan_yuan.as_deref(),
    );
    // The gap as the map shows it now.
    let year = chrono::Datelike::year(&super::today());
    let snap = Snapshot::load(app, &scope, c, year, title_rules()?).await?;
    if !snap.nodes.iter().any(|n| n.id == form.node_id) {
        errors.push(FieldError::new("node_id", "chain.parent_unknown"));
    } else if let Some(k) = kind
        && !snap
            .gaps()
            .iter()
            .any(|g| g.node == form.node_id && g.kind == k)
    {
        errors.push(FieldError::new("gap_kind", "chain.no_such_gap"));
    }
    let (Some(kind), true) = (kind, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let now = Utc::now();
    let tx = app.db().begin_write().await?;
    let t = store::chain::investment::insert(
        &tx,
        chain_investment_target::ActiveModel {
            chain_id: Set(snap.chain.id),
            node_id: Set(form.node_id),
            gap_kind: Set(kind.as_str().into()),
            target_enterprise: Set(target_enterprise),
            place: Set(place),
            stage: Set(InvestmentStage::Negotiating.as_str().into()),
            owner: Set(owner),
            planned_fen: Set(planned),
            in_place_fen: Set(in_place),
            investment_project_id: Set(None),
            note: Set(note),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    store::chain::investment::append(
        &tx,
        event(
            t.id,
            "create",
            None,
            InvestmentStage::Negotiating,
            actor,
            String::new(),
            super::today(),
        ),
    )
    .await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "chain.investment.create",
            entity_type: "chain",
            entity_id: snap.chain.id.to_string(),
            region_code: Some(snap.chain.region_code.clone()),
            before: serde_json::Value::Null,
            after: target_json(&t),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(t)
}

/// Moves an investment target on (`advance`), ends it (`drop`), or updates the money in
/// place and the project it became.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn act_on_investment_target(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    chain_id: i64,
    target_id: i64,
    form: TargetActionForm,
) -> Result<chain_investment_target::Model, AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    let c = chain_in(app, &scope, chain_id).await?;
    let tx = app.db().begin_write().await?;
    let current = store::chain::investment::find(&tx, &scope, c.id, target_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let comment = text(&mut errors, "comment", &form.comment, false, 1000);
    let in_place = wan_yuan(
        &mut errors,
        "in_place_wan_yuan",
        form.in_place_wan_yuan.as_deref(),
    );
    let from = InvestmentStage::parse(&current.stage)
        .map_err(|e| AppError::Internal(format!("investment target {target_id}: {}", e.key())))?;
    let action = match form.action.trim() {
        "" => None,
        a => InvestmentAction::parse(a)
            .map_err(|e| errors.push(field("action", e)))
            .ok(),
    };
    let to = match action {
        Some(a) => a
            .apply(from)
            .map_err(|e| errors.push(field("action", e)))
            .ok(),
        None => Some(from),
    };
    if action.is_none()
        && form.action.trim().is_empty()
        && in_place.is_none()
        && form.investment_project_id.is_none()
    {
        errors.push(FieldError::new("action", "common.required"));
    }
    let (Some(to), true) = (to, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let before = target_json(&current);
    let mut am = current.into_active_model();
    am.stage = Set(to.as_str().into());
    if let Some(v) = in_place {
        am.in_place_fen = Set(Some(v));
    }
    if let Some(p) = form.investment_project_id {
        am.investment_project_id = Set(Some(p));
    }
    am.updated_at = Set(Utc::now());
    let t = store::chain::investment::update(&tx, am).await?;
    store::chain::investment::append(
        &tx,
        event(
            t.id,
            action.map_or("update", InvestmentAction::as_str),
            Some(from),
            to,
            actor,
            comment,
            form.on.unwrap_or_else(super::today),
        ),
    )
    .await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "chain.investment.update",
            entity_type: "chain",
            entity_id: c.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before,
            after: target_json(&t),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(t)
}
