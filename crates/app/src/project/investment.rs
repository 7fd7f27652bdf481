//! Investment attraction (招商引资): projects (`investment_target`) registered and reported by
//! the county (填报), approved or returned by a reviewer (审核), with an append-only log. Only
//! approved reports move the stage and figures that statistics read.

use super::{Check, check_year, exact_wan_yuan, region_names, text_or_number, writable};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, Page, PageRequest, RequestMeta};
use chrono::{DateTime, NaiveDate, Utc};
use policy::money::Fen;
use policy::org::Permission;
use policy::project::attraction::{
    AttractionStage, TargetAction, TargetRole, TargetState, available, transition,
};
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::ConnectionTrait;
use store::entity::{investment_target, investment_target_event};

/// A new attraction project, reported by the county (`POST /api/v1/investment/targets`): its
/// first report, which a reviewer approves or returns.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct TargetForm {
    /// Project name.
    #[serde(default)]
    pub name: String,
    /// The investor (投资方).
    #[serde(default)]
    pub investor: String,
    /// Region (county or town) that attracts it.
    #[serde(default)]
    pub region_code: String,
    /// The enterprise it set up, once registered (optional).
    #[serde(default)]
    pub enterprise_uscc: String,
    /// GB/T 4754 code (optional).
    #[serde(default)]
    pub industry_code: String,
    /// The chain node it targets (靶向招商), free text until chains link by id (optional).
    #[serde(default)]
    pub chain_node: String,
    /// `negotiating`, `signed`, `started` or `in_production`.
    #[serde(default)]
    pub stage: String,
    /// The day the stage was reached (required from `signed` on).
    #[serde(default)]
    pub stage_on: String,
    /// Planned (agreed) investment, 万元.
    #[serde(default, deserialize_with = "text_or_number")]
    pub planned_wan_yuan: String,
    /// Funds actually in place so far, 万元 (default 0).
    #[serde(default, deserialize_with = "text_or_number")]
    pub in_place_wan_yuan: String,
    /// Note to the reviewer.
    #[serde(default)]
    pub comment: String,
}

/// A report on a project (`POST /api/v1/investment/targets/{id}/reports`): a later stage, or
/// new figures at the same stage.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ReportForm {
    /// The stage asked for (empty: the approved one, to report figures).
    #[serde(default)]
    pub stage: String,
    /// The day a new stage was reached.
    #[serde(default)]
    pub stage_on: String,
    /// Planned investment, 万元 (empty: unchanged).
    #[serde(default, deserialize_with = "text_or_number")]
    pub planned_wan_yuan: String,
    /// Funds in place so far, 万元 (empty: unchanged).
    #[serde(default, deserialize_with = "text_or_number")]
    pub in_place_wan_yuan: String,
    /// Note to the reviewer.
    #[serde(default)]
    pub comment: String,
}

/// A review of pending reports (`POST /api/v1/investment/reviews`): approve or return them.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ReviewForm {
    /// The projects whose pending reports are reviewed.
    #[serde(default)]
    pub ids: Vec<i64>,
    /// `approve` or `return`.
    #[serde(default)]
    pub decision: String,
    /// The reason (required to return).
    #[serde(default)]
    pub comment: String,
}

/// One entry of a project's log.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TargetEventView {
    /// `report`, `approve` or `return`.
    pub action: String,
    /// The stage a report asked for.
    pub to_stage: Option<String>,
    /// The day that stage was reached.
    pub stage_on: Option<NaiveDate>,
    /// Planned investment reported, 万元.
    pub planned_wan_yuan: Option<String>,
    /// Funds in place reported, 万元.
    pub in_place_wan_yuan: Option<String>,
    /// Who.
    pub actor_name: String,
    /// Comment or reason.
    pub comment: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// An attraction project with its log.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TargetView {
    /// Id (what the chains capability links a gap to).
    pub id: i64,
    /// Name.
    pub name: String,
    /// Investor.
    pub investor: String,
    /// Region.
    pub region_code: String,
    /// Its name.
    pub region_name: String,
    /// Enterprise.
    pub enterprise_uscc: Option<String>,
    /// Industry.
    pub industry_code: Option<String>,
    /// The chain node it targets.
    pub chain_node: Option<String>,
    /// Approved stage (none before the first approval).
    pub stage: Option<String>,
    /// The stage a pending report asks for.
    pub pending_stage: Option<String>,
    /// Approved planned investment, 万元.
    pub planned_wan_yuan: String,
    /// Approved funds in place, 万元.
    pub in_place_wan_yuan: String,
    /// 签约.
    pub signed_on: Option<NaiveDate>,
    /// 开工.
    pub started_on: Option<NaiveDate>,
    /// 投产.
    pub in_production_on: Option<NaiveDate>,
    /// The log, oldest first.
    pub events: Vec<TargetEventView>,
    /// What the reader may do now: `report`, `approve`, `return`.
    pub allowed_actions: Vec<String>,
}

/// A row of the attraction list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TargetRow {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Investor.
    pub investor: String,
    /// Region.
    pub region_code: String,
    /// Its name.
    pub region_name: String,
    /// Approved stage.
    pub stage: Option<String>,
    /// Pending report's stage.
    pub pending_stage: Option<String>,
    /// Planned investment, 万元.
    pub planned_wan_yuan: String,
    /// Funds in place, 万元.
    pub in_place_wan_yuan: String,
    /// 签约.
    pub signed_on: Option<NaiveDate>,
    /// The chain node it targets.
    pub chain_node: Option<String>,
}

/// Filters of the attraction list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct TargetListQuery {
    /// Region code (subtree).
    pub region: Option<String>,
    /// Approved stage.
    pub stage: Option<String>,
    /// Only those waiting for review.
    pub pending: Option<bool>,
    /// Signed in this year.
    pub year: Option<i32>,
    /// Planned investment at least this, 万元.
    pub min_wan_yuan: Option<String>,
    /// Part of the name or investor.
    pub q: Option<String>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
    /// Page size.
    pub limit: Option<u64>,
}

const STAGES: &[&str] = &["negotiating", "signed", "started", "in_production"];

fn state_of(t: &investment_target::Model) -> TargetState {
    TargetState {
        stage: t.stage.as_deref().and_then(AttractionStage::parse),
        pending: t.pending_stage.as_deref().and_then(AttractionStage::parse),
    }
}

fn audit_json(t: &investment_target::Model) -> serde_json::Value {
    json!({
        "name": t.name, "investor": t.investor, "region_code": t.region_code,
        "enterprise_uscc": t.enterprise_uscc, "industry_code": t.industry_code,
        "chain_node": t.chain_node, "stage": t.stage, "pending_stage": t.pending_stage,
        "planned_wan_yuan": exact_wan_yuan(t.planned_fen),
        "in_place_wan_yuan": exact_wan_yuan(t.in_place_fen),
        "signed_on": t.signed_on, "started_on": t.started_on,
        "in_production_on": t.in_production_on,
    })
}

/// What a report asks for.
struct Reported {
    stage: AttractionStage,
    stage_on: Option<NaiveDate>,
    planned: Option<Fen>,
    in_place: Option<Fen>,
    comment: String,
}

impl Reported {
    fn event(
        &self,
        target_id: i64,
        actor: &Actor,
        at: DateTime<Utc>,
    ) -> investment_target_event::ActiveModel {
        investment_target_event::ActiveModel {
            target_id: Set(target_id),
            action: Set(TargetAction::Report.as_str().into()),
            to_stage: Set(Some(self.stage.as_str().into())),
            stage_on: Set(self.stage_on),
            planned_fen: Set(self.planned.map(Fen::get)),
            in_place_fen: Set(self.in_place.map(Fen::get)),
            actor_id: Set(actor.stored_id()),
            actor_name: Set(actor.display_name.clone()),
            comment: Set(self.comment.clone()),
            at: Set(at),
            ..Default::default()
        }
    }

    fn json(&self) -> serde_json::Value {
        json!({"stage": self.stage.as_str(), "stage_on": self.stage_on,
            "planned_wan_yuan": self.planned.map(|f| exact_wan_yuan(f.get())),
            "in_place_wan_yuan": self.in_place.map(|f| exact_wan_yuan(f.get())),
            "comment": self.comment})
    }
}

/// A checked new project.
struct ValidTarget {
    name: String,
    investor: String,
    region: policy::org::RegionCode,
    enterprise: Option<policy::enterprise::Uscc>,
    industry: Option<String>,
    chain_node: Option<String>,
    report: Reported,
}

/// Registers attraction projects in the actor's scope, each with its first report waiting
/// for review; all or none, in one transaction. Problems of a batch are named
/// `targets[i].field`. Returns the new ids in order.
#[tracing::instrument(skip_all, fields(actor = %actor.username, n = forms.len()))]
pub async fn register_targets(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    forms: Vec<TargetForm>,
) -> Result<Vec<i64>, AppError> {
    let scope = actor.scope(Permission::INVESTMENT_REPORT)?;
    let ctx = crate::enterprise::parse_context(app).await?;
    let batch = forms.len() > 1;
    let mut all = Check::default();
    let mut valid = Vec::with_capacity(forms.len());
    for (i, f) in forms.iter().enumerate() {
        let mut c = Check::new(if batch {
            format!("targets[{i}]")
        } else {
            String::new()
        });
        let name = c.text("name", &f.name, 200, true);
        let investor = c.text("investor", &f.investor, 200, true);
        let region = c.region("region_code", &f.region_code, &ctx, true);
        if let Some(r) = &region
            && !writable(&scope, r)
        {
            c.bad("region_code", "region.out_of_scope");
        }
        let enterprise = c.uscc("enterprise_uscc", &f.enterprise_uscc, false);
        let industry = c.industry("industry_code", &f.industry_code, &ctx, false);
        let chain_node = c.text("chain_node", &f.chain_node, 200, false);
        let stage = c.choice("stage", &f.stage, AttractionStage::parse, STAGES);
        let stage_on = c.date(
            "stage_on",
            &f.stage_on,
            stage.is_some_and(AttractionStage::is_signed),
        );
        let planned = c.money("planned_wan_yuan", &f.planned_wan_yuan, true);
        let in_place = c.money("in_place_wan_yuan", &f.in_place_wan_yuan, false);
        let comment = c.text("comment", &f.comment, 2000, false);
        match (region, stage, planned, c.is_ok()) {
            (Some(region), Some(stage), Some(planned), true) => valid.push(ValidTarget {
                name,
                investor,
                region,
                enterprise,
                industry,
                chain_node: Some(chain_node).filter(|s| !s.is_empty()),
                report: Reported {
                    stage,
                    stage_on,
                    planned: Some(planned),
                    in_place: Some(in_place.unwrap_or_default()),
                    comment,
                },
            }),
            _ => all.absorb(c),
        }
    }
    all.finish()?;
    let tx = app.db().begin_write().await?;
    let now = Utc::now();
    let mut ids = Vec::with_capacity(valid.len());
    for v in valid {
        let stage = v.report.stage;
        let state = transition(
            TargetState::default(),
            TargetAction::Report,
            TargetRole::County,
            Some(stage),
            &v.report.comment,
        )
        .map_err(|e| AppError::invalid("stage", e.key()))?;
        let t = store::project::attraction::insert(
            &tx,
            investment_target::ActiveModel {
                name: Set(v.name),
                investor: Set(v.investor),
                region_code: Set(v.region.to_string()),
                enterprise_uscc: Set(v.enterprise.map(|u| u.to_string())),
                industry_code: Set(v.industry),
                chain_node: Set(v.chain_node),
                stage: Set(None),
                pending_stage: Set(state.pending.map(|s| s.as_str().to_string())),
                planned_fen: Set(0),
                in_place_fen: Set(0),
                signed_on: Set(None),
                started_on: Set(None),
                in_production_on: Set(None),
                created_by: Set(actor.stored_id()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            },
        )
        .await?;
        store::project::attraction::append(&tx, v.report.event(t.id, actor, now)).await?;
        let mut after = audit_json(&t);
        after["reported"] = v.report.json();
        record(
            &tx,
            actor,
            meta,
            AuditRecord {
                action: "investment_target.register",
                entity_type: "investment_target",
                entity_id: t.id.to_string(),
                region_code: Some(t.region_code.clone()),
                before: serde_json::Value::Null,
                after,
            },
        )
        .await?;
        ids.push(t.id);
    }
    tx.commit().await?;
    Ok(ids)
}

/// Reports a later stage or new figures of a project in the actor's scope; it waits for
/// review.
#[tracing::instrument(skip_all, fields(actor = %actor.username, id))]
pub async fn report_target(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    form: ReportForm,
) -> Result<TargetView, AppError> {
    let scope = actor.scope(Permission::INVESTMENT_REPORT)?;
    let mut c = Check::default();
    let to = if form.stage.trim().is_empty() {
        None
    } else {
        c.choice("stage", &form.stage, AttractionStage::parse, STAGES)
    };
    let stage_on = c.date("stage_on", &form.stage_on, false);
    let planned = c.money("planned_wan_yuan", &form.planned_wan_yuan, false);
    let in_place = c.money("in_place_wan_yuan", &form.in_place_wan_yuan, false);
    let comment = c.text("comment", &form.comment, 2000, false);
    c.finish()?;
    let tx = app.db().begin_write().await?;
    let t = store::project::attraction::find(&tx, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let state = state_of(&t);
    let next = transition(
        state,
        TargetAction::Report,
        TargetRole::County,
        to,
        &comment,
    )
    .map_err(|e| AppError::invalid("stage", e.key()))?;
    let asked = next
        .pending
        .ok_or_else(|| AppError::Internal("report without a stage".into()))?;
    let new_stage = state.stage != Some(asked);
    if new_stage && asked.is_signed() && stage_on.is_none() {
        return Err(AppError::invalid("stage_on", "common.required"));
    }
    if !new_stage && planned.is_none() && in_place.is_none() {
        return Err(AppError::invalid(
            "in_place_wan_yuan",
            "investment.report_empty",
        ));
    }
    let now = Utc::now();
    let reported = Reported {
        stage: asked,
        stage_on: stage_on.filter(|_| new_stage),
        planned,
        in_place,
        comment,
    };
    store::project::attraction::append(&tx, reported.event(t.id, actor, now)).await?;
    let before = audit_json(&t);
    let mut am = t.into_active_model();
    am.pending_stage = Set(Some(asked.as_str().into()));
    am.updated_at = Set(now);
    let t = store::project::attraction::update(&tx, am).await?;
    let mut after = audit_json(&t);
    after["reported"] = reported.json();
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "investment_target.report",
            entity_type: "investment_target",
            entity_id: t.id.to_string(),
            region_code: Some(t.region_code.clone()),
            before,
            after,
        },
    )
    .await?;
    tx.commit().await?;
    get_target(app, actor, id).await
}

/// Approves or returns the pending reports of projects in the actor's scope (批量审核), all
/// or none, in one transaction. An approval applies the report's stage (with its date; a
/// skipped 签约 or 开工 takes the same date) and figures. A reviewer does not review a report
/// they filed. Returns how many were reviewed.
#[tracing::instrument(skip_all, fields(actor = %actor.username, n = form.ids.len()))]
pub async fn review_reports(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: ReviewForm,
) -> Result<usize, AppError> {
    let scope = actor.scope(Permission::INVESTMENT_REVIEW)?;
    let action = match form.decision.trim() {
        "approve" => TargetAction::Approve,
        "return" => TargetAction::Return,
        _ => {
            return Err(AppError::Invalid(vec![
                FieldError::new("decision", "common.choice").with("allowed", "approve / return"),
            ]));
        }
    };
    if form.ids.is_empty() {
        return Err(AppError::invalid("ids", "common.required"));
    }
    let mut ids = form.ids.clone();
    ids.sort_unstable();
    ids.dedup();
    let tx = app.db().begin_write().await?;
    let targets = store::project::attraction::find_many(&tx, &scope, &ids).await?;
    if targets.len() != ids.len() {
        return Err(AppError::NotFound);
    }
    let reports: std::collections::HashMap<i64, investment_target_event::Model> =
        store::project::attraction::latest_reports(&tx, &ids)
            .await?
            .into_iter()
            .map(|e| (e.target_id, e))
            .collect();
    let mut errors = Vec::new();
    for t in &targets {
        let field = format!("ids[{}]", t.id);
        if let Err(e) = transition(
            state_of(t),
            action,
            TargetRole::Reviewer,
            None,
            &form.comment,
        ) {
            errors.push(FieldError::new(field, e.key()).with("id", t.id));
        } else if !actor.is_system()
            && reports.get(&t.id).and_then(|r| r.actor_id) == actor.stored_id()
        {
            errors.push(FieldError::new(field, "investment.review_own").with("id", t.id));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let now = Utc::now();
    let n = targets.len();
    for t in targets {
        let next = transition(
            state_of(&t),
            action,
            TargetRole::Reviewer,
            None,
            &form.comment,
        )
        .map_err(|e| AppError::invalid("decision", e.key()))?;
        let report = reports.get(&t.id);
        store::project::attraction::append(
            &tx,
            investment_target_event::ActiveModel {
                target_id: Set(t.id),
                action: Set(action.as_str().into()),
                to_stage: Set(None),
                stage_on: Set(None),
                planned_fen: Set(None),
                in_place_fen: Set(None),
                actor_id: Set(actor.stored_id()),
                actor_name: Set(actor.display_name.clone()),
                comment: Set(form.comment.trim().to_string()),
                at: Set(now),
                ..Default::default()
            },
        )
        .await?;
        let before = audit_json(&t);
        let mut m = t.clone();
        m.pending_stage = None;
        m.updated_at = now;
        if action == TargetAction::Approve {
            let stage = next.stage;
            m.stage = stage.map(|s| s.as_str().to_string());
            if let Some(r) = report {
                if let Some(p) = r.planned_fen {
                    m.planned_fen = p;
                }
                if let Some(i) = r.in_place_fen {
                    m.in_place_fen = i;
                }
                if let (Some(s), Some(on)) = (stage, r.stage_on) {
                    apply_stage_date(&mut m, s, on);
                }
            }
        }
        let mut am = t.into_active_model();
        am.stage = Set(m.stage.clone());
        am.pending_stage = Set(None);
        am.planned_fen = Set(m.planned_fen);
        am.in_place_fen = Set(m.in_place_fen);
        am.signed_on = Set(m.signed_on);
        am.started_on = Set(m.started_on);
        am.in_production_on = Set(m.in_production_on);
        am.updated_at = Set(now);
        let t = store::project::attraction::update(&tx, am).await?;
        record(
            &tx,
            actor,
            meta,
            AuditRecord {
                action: if action == TargetAction::Approve {
                    "investment_target.approve"
                } else {
                    "investment_target.return"
                },
                entity_type: "investment_target",
                entity_id: t.id.to_string(),
                region_code: Some(t.region_code.clone()),
                before,
                after: audit_json(&t),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(n)
}

/// Sets the date of the stage reached, and of the stages it skipped that have none (a
/// project that started was signed no later than it started).
fn apply_stage_date(m: &mut investment_target::Model, stage: AttractionStage, on: NaiveDate) {
    if stage >= AttractionStage::Signed && m.signed_on.is_none() {
        m.signed_on = Some(on);
    }
    if stage >= AttractionStage::Started && m.started_on.is_none() {
        m.started_on = Some(on);
    }
    if stage >= AttractionStage::InProduction && m.in_production_on.is_none() {
        m.in_production_on = Some(on);
    }
    match stage {
        AttractionStage::Signed => m.signed_on = Some(on),
        AttractionStage::Started => m.started_on = Some(on),
        AttractionStage::InProduction => m.in_production_on = Some(on),
        AttractionStage::Negotiating => {}
    }
}

async fn view<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    t: investment_target::Model,
) -> Result<TargetView, AppError> {
    let events = store::project::attraction::events_of(conn, t.id).await?;
    let state = state_of(&t);
    let mut allowed = Vec::new();
    if let Ok(s) = actor.scope(Permission::INVESTMENT_REPORT)
        && store::project::attraction::find(conn, &s, t.id)
            .await?
            .is_some()
    {
        allowed.extend(available(state, TargetRole::County));
    }
    if let Ok(s) = actor.scope(Permission::INVESTMENT_REVIEW)
        && store::project::attraction::find(conn, &s, t.id)
            .await?
            .is_some()
    {
        allowed.extend(available(state, TargetRole::Reviewer));
    }
    let region_name = store::org::region::find(conn, &t.region_code)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    Ok(TargetView {
        events: events
            .into_iter()
            .map(|e| TargetEventView {
                action: e.action,
                to_stage: e.to_stage,
                stage_on: e.stage_on,
                planned_wan_yuan: e.planned_fen.map(exact_wan_yuan),
                in_place_wan_yuan: e.in_place_fen.map(exact_wan_yuan),
                actor_name: e.actor_name,
                comment: e.comment,
                at: e.at,
            })
            .collect(),
        allowed_actions: allowed.iter().map(|a| a.as_str().to_string()).collect(),
        id: t.id,
        name: t.name,
        investor: t.investor,
        region_code: t.region_code,
        region_name,
        enterprise_uscc: t.enterprise_uscc,
        industry_code: t.industry_code,
        chain_node: t.chain_node,
        stage: t.stage,
        pending_stage: t.pending_stage,
        planned_wan_yuan: exact_wan_yuan(t.planned_fen),
        in_place_wan_yuan: exact_wan_yuan(t.in_place_fen),
        signed_on: t.signed_on,
        started_on: t.started_on,
        in_production_on: t.in_production_on,
    })
}

/// One attraction project in the actor's scope, with its log and what the actor may do.
pub async fn get_target(app: &App, actor: &Actor, id: i64) -> Result<TargetView, AppError> {
    let scope = actor.scope(Permission::INVESTMENT_READ)?;
    let conn = app.db().conn();
    let t = store::project::attraction::find(conn, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    view(conn, actor, t).await
}

/// The list filter of a query.
pub(crate) fn target_filter(
    q: &TargetListQuery,
) -> Result<store::project::attraction::TargetFilter, AppError> {
    let nonempty = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    let min = match nonempty(&q.min_wan_yuan) {
        Some(m) => Some(
            Fen::parse_wan_yuan(&m)
                .map_err(|e| AppError::invalid("min_wan_yuan", e.key()))?
                .get(),
        ),
        None => None,
    };
    let stage = nonempty(&q.stage);
    if let Some(s) = &stage
        && AttractionStage::parse(s).is_none()
    {
        return Err(AppError::Invalid(vec![
            FieldError::new("stage", "common.choice").with("allowed", STAGES.join(" / ")),
        ]));
    }
    Ok(store::project::attraction::TargetFilter {
        region: super::parse_region(q.region.as_deref())?,
        stage,
        pending: q.pending.unwrap_or(false),
        signed_year: q.year.map(check_year).transpose()?,
        min_planned_fen: min,
        name: nonempty(&q.q),
    })
}

/// A page of attraction projects in the actor's scope, newest first.
pub async fn list_targets(
    app: &App,
    actor: &Actor,
    q: &TargetListQuery,
) -> Result<Page<TargetRow>, AppError> {
    let scope = actor.scope(Permission::INVESTMENT_READ)?;
    let filter = target_filter(q)?;
    let after = match q.cursor.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => Some(
            c.parse::<i64>()
                .map_err(|_| AppError::invalid("cursor", "error.bad_request"))?,
        ),
        None => None,
    };
    let conn = app.db().conn();
    let page = store::project::attraction::list(
        conn,
        &scope,
        &filter,
        PageRequest::new(q.limit.unwrap_or(50), after),
    )
    .await?;
    let names = region_names(conn).await?;
    Ok(page.map(|t| TargetRow {
        region_name: names.get(&t.region_code).cloned().unwrap_or_default(),
        id: t.id,
        name: t.name,
        investor: t.investor,
        region_code: t.region_code,
        stage: t.stage,
        pending_stage: t.pending_stage,
        planned_wan_yuan: exact_wan_yuan(t.planned_fen),
        in_place_wan_yuan: exact_wan_yuan(t.in_place_fen),
        signed_on: t.signed_on,
        chain_node: t.chain_node,
    }))
}
