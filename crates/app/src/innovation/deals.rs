//! After the award: negotiations and signings with the development zone (investment
//! agreements, letters of intent) with their amounts, and the competition's figures computed
//! from the records.

use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::innovation::ChallengeState;
use policy::money::Fen;
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use store::entity::competition_deal;

/// Kinds of deal.
pub const DEAL_KINDS: &[&str] = &["investment_agreement", "letter_of_intent"];

/// A deal (`POST /api/v1/innovation/competitions/{id}/deals`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct DealForm {
    /// The project.
    #[serde(default)]
    pub project_id: i64,
    /// `investment_agreement` (投资协议) or `letter_of_intent` (意向书).
    #[serde(default)]
    pub kind: String,
    /// The amount in 万元.
    #[serde(default)]
    pub amount_wan_yuan: String,
    /// The other party (the development zone).
    #[serde(default)]
    pub counterpart: String,
    /// Signed on (none while negotiating).
    #[serde(default)]
    pub signed_on: Option<NaiveDate>,
}

/// A deal.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DealView {
    /// Id.
    pub id: i64,
    /// Project.
    pub project_id: i64,
    /// Kind.
    pub kind: String,
    /// Amount in fen.
    pub amount_fen: i64,
    /// Amount in 万元.
    pub amount_wan_yuan: String,
    /// Other party.
    pub counterpart: String,
    /// `negotiating` or `signed`.
    pub status: String,
    /// Signed on.
    pub signed_on: Option<NaiveDate>,
}

fn deal_view(d: &competition_deal::Model) -> DealView {
    DealView {
        id: d.id,
        project_id: d.project_id,
        kind: d.kind.clone(),
        amount_fen: d.amount_fen,
        amount_wan_yuan: Fen::new(d.amount_fen).wan_yuan_display(),
        counterpart: d.counterpart.clone(),
        status: d.status.clone(),
        signed_on: d.signed_on,
    }
}

pub(crate) fn deal_row(
    competition_id: i64,
    form: &DealForm,
) -> Result<competition_deal::ActiveModel, AppError> {
    let mut e = super::Errors::default();
    if !DEAL_KINDS.contains(&form.kind.trim()) {
        e.push("kind", "competition.deal_kind_unknown");
    }
    let counterpart = e.text("counterpart", &form.counterpart, 100);
    let amount = match Fen::parse_wan_yuan(&form.amount_wan_yuan) {
        Ok(a) if a.get() > 0 => a,
        Ok(_) => {
            e.push("amount_wan_yuan", "challenge.budget_positive");
            Fen::new(0)
        }
        Err(err) => {
            e.push("amount_wan_yuan", err.key());
            Fen::new(0)
        }
    };
    e.finish()?;
    Ok(competition_deal::ActiveModel {
        competition_id: Set(competition_id),
        project_id: Set(form.project_id),
        kind: Set(form.kind.trim().into()),
        amount_fen: Set(amount.get()),
        counterpart: Set(counterpart),
        status: Set(if form.signed_on.is_some() {
            "signed"
        } else {
            "negotiating"
        }
        .into()),
        signed_on: Set(form.signed_on),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
}

/// Records a negotiation or a signing of an awarded competition's project.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn record_deal(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    competition_id: i64,
    form: DealForm,
) -> Result<DealView, AppError> {
    actor.require(Permission::COMPETITION_MANAGE)?;
    let row = deal_row(competition_id, &form)?;
    let tx = app.db().begin_write().await?;
    let c = store::innovation::competition::find(&tx, competition_id)
        .await?
        .ok_or(AppError::NotFound)?;
    store::innovation::competition::project(&tx, form.project_id)
        .await?
        .filter(|p| p.competition_id == c.id)
        .ok_or_else(|| AppError::invalid("project_id", "competition.project_unknown"))?;
    let d = store::innovation::insert(&tx, row).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "competition.deal",
            entity_type: "competition_deal",
            entity_id: d.id.to_string(),
            region_code: Some(c.region_code.clone()),
            before: serde_json::Value::Null,
            after: json!({"project_id": d.project_id, "kind": d.kind, "amount_fen": d.amount_fen, "status": d.status, "signed_on": d.signed_on}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(deal_view(&d))
}

/// The deals of a competition.
pub async fn list_deals(
    app: &App,
    actor: &Actor,
    competition_id: i64,
) -> Result<Vec<DealView>, AppError> {
    actor.require(Permission::INNOVATION_READ)?;
    Ok(
        store::innovation::competition::deals_of(app.db().conn(), competition_id)
            .await?
            .iter()
            .map(deal_view)
            .collect(),
    )
}

/// A competition's figures, computed from its records.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CompetitionStats {
    /// Projects registered.
    pub projects: usize,
    /// Projects per track code.
    pub by_track: BTreeMap<String, usize>,
    /// Enterprises whose challenges of the competition were matched with a team (a winner
    /// chosen).
    pub matched_enterprises: usize,
    /// Of those challenges, the ones that reached a cooperation agreement (signed).
    pub agreements: usize,
    /// Projects negotiated with the development zone.
    pub negotiated: usize,
    /// Investment agreements among the deals.
    pub investment_agreements: usize,
    /// Letters of intent among the deals.
    pub letters_of_intent: usize,
    /// Deals signed.
    pub signed: usize,
    /// Their amount in 万元 (exact, two decimals at most).
    pub signed_wan_yuan: String,
}

/// `GET /api/v1/innovation/competitions/{id}/stats`.
pub async fn competition_stats(
    app: &App,
    actor: &Actor,
    competition_id: i64,
) -> Result<CompetitionStats, AppError> {
    actor.require(Permission::INNOVATION_READ)?;
    let conn = app.db().conn();
    store::innovation::competition::find(conn, competition_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let projects = store::innovation::competition::projects_of(conn, competition_id).await?;
    let mut by_track: BTreeMap<String, usize> = BTreeMap::new();
    for p in &projects {
        *by_track.entry(p.track.clone()).or_default() += 1;
    }
    let challenges = store::innovation::challenge::of_competition(conn, competition_id).await?;
    let states: Vec<(String, ChallengeState)> = challenges
        .iter()
        .filter_map(|c| Some((c.enterprise_uscc.clone(), ChallengeState::parse(&c.status)?)))
        .collect();
    let matched: BTreeSet<&String> = states
        .iter()
        .filter(|(_, s)| s.has_winner())
        .map(|(u, _)| u)
        .collect();
    let agreements = states.iter().filter(|(_, s)| s.is_signed()).count();
    let deals = store::innovation::competition::deals_of(conn, competition_id).await?;
    let negotiated: BTreeSet<i64> = deals.iter().map(|d| d.project_id).collect();
    let signed: Vec<&competition_deal::Model> =
        deals.iter().filter(|d| d.status == "signed").collect();
    let signed_fen: i64 = signed.iter().map(|d| d.amount_fen).sum();
    Ok(CompetitionStats {
        projects: projects.len(),
        by_track,
        matched_enterprises: matched.len(),
        agreements,
        negotiated: negotiated.len(),
        investment_agreements: deals
            .iter()
            .filter(|d| d.kind == "investment_agreement")
            .count(),
        letters_of_intent: deals
            .iter()
            .filter(|d| d.kind == "letter_of_intent")
            .count(),
        signed: signed.len(),
        signed_wan_yuan: Fen::new(signed_fen).wan_yuan(2),
    })
}
