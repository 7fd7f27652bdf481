//! Assessments: an enterprise-year against a tier's rule set, stored with the rule-set
//! revision and a snapshot of the inputs so it can be reproduced after the data or rules change.

use super::inputs::inputs_of;
use super::rules::{choose, published};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use policy::cultivation::{
    Assessment, CategoryResult, ConditionResult, IndicatorResult, Inputs, Metric, RuleSet, Tier,
};
use policy::enterprise::Uscc;
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use store::ConnectionTrait;
use store::entity::cultivation_assessment as ca;

/// What to assess.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct AssessRequest {
    /// The enterprise.
    pub uscc: String,
    /// `tech_sme`, `innovative`, `specialized`, `little_giant`, `single_champion`, `gazelle`.
    pub tier: String,
    /// The financial year whose figures are assessed.
    pub year: i32,
    /// A rule set to use instead of the one in force (`code` or `code@revision`).
    #[serde(default)]
    pub rule_set: Option<String>,
    /// Declared values by metric code (awards, market share, local indicators): they fill
    /// what the registry lacks and never override its figures.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub declared: BTreeMap<String, f64>,
}

/// The rule set an assessment used.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RuleSetRef {
    /// Id of the revision.
    pub id: i64,
    /// Code.
    pub code: String,
    /// Revision.
    pub revision: i32,
    /// Policy version (`2022-63`, `2026-2`).
    pub version: String,
    /// Name.
    pub name: String,
}

/// An assessment as the API and the page show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AssessmentView {
    /// Id.
    pub id: i64,
    /// The enterprise.
    pub uscc: String,
    /// Its name.
    pub enterprise_name: String,
    /// Its region.
    pub region_code: String,
    /// Tier.
    pub tier: String,
    /// Financial year assessed.
    pub year: i32,
    /// The day it was assessed (decides the rule set in force).
    pub assessed_on: NaiveDate,
    /// The rule set used.
    pub rule_set: RuleSetRef,
    /// Qualified on the data given.
    pub qualified: bool,
    /// `qualified`, `not_qualified` or `undetermined` (a missing input decides).
    pub verdict: String,
    /// Total points.
    pub total: u32,
    /// Highest possible total.
    pub max_total: u32,
    /// Pass mark (none for sets without a score).
    pub pass_mark: Option<u32>,
    /// Whether the score requirement is met (null: a missing input decides).
    pub score_met: Option<bool>,
    /// Categories: `code`, `name`, `points`, `max`, `min_required`, `met`.
    #[schema(value_type = Vec<Object>)]
    pub categories: Vec<CategoryResult>,
    /// Indicators: `code`, `name`, `metric`, `value`, `band`, `points`, `max`, `gap`, `missing`.
    #[schema(value_type = Vec<Object>)]
    pub indicators: Vec<IndicatorResult>,
    /// Hard conditions: `code`, `name`, `met`, `value`, `op`, `threshold`, `gap`, `parts`.
    #[schema(value_type = Vec<Object>)]
    pub conditions: Vec<ConditionResult>,
    /// Direct routes, shaped like conditions.
    #[schema(value_type = Vec<Object>)]
    pub direct_routes: Vec<ConditionResult>,
    /// Missing inputs by metric code.
    #[schema(value_type = Vec<String>)]
    pub missing: Vec<Metric>,
    /// The inputs snapshot.
    #[schema(value_type = Object)]
    pub inputs: serde_json::Value,
    /// Who ran it (user id).
    pub created_by: i64,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// What is stored as the result: the assessment and the rule-set reference.
#[derive(Serialize, Deserialize)]
struct Stored {
    rule_set: RuleSetRef,
    assessment: serde_json::Value,
}

fn view_of(row: &ca::Model, name: &str, a: Assessment, rule_set: RuleSetRef) -> AssessmentView {
    AssessmentView {
        id: row.id,
        uscc: row.uscc.clone(),
        enterprise_name: name.to_string(),
        region_code: row.region_code.clone(),
        tier: row.tier.clone(),
        year: row.year,
        assessed_on: row.assessed_on,
        rule_set,
        qualified: a.qualified,
        verdict: a.verdict.as_str().to_string(),
        total: a.total,
        max_total: a.max_total,
        pass_mark: a.pass_mark,
        score_met: a.score_met,
        categories: a.categories,
        indicators: a.indicators,
        conditions: a.conditions,
        direct_routes: a.direct_routes,
        missing: a.missing,
        inputs: serde_json::from_str(&row.inputs).unwrap_or_default(),
        created_by: row.created_by,
        created_at: row.created_at,
    }
}

/// Checks the request; every problem at once.
fn check(req: &AssessRequest, today: NaiveDate) -> Result<(Uscc, Tier), AppError> {
    let mut errors = Vec::new();
    let uscc = Uscc::parse(&req.uscc).map_err(|e| errors.push(crate::FieldError::uscc("uscc", &e)));
    let tier = Tier::parse(&req.tier)
        .ok_or_else(|| errors.push(crate::FieldError::new("tier", "cultivation.tier_unknown")));
    if !(2000..=today.year()).contains(&req.year) {
        errors.push(
            crate::FieldError::new("year", "cultivation.year_range").with("max", today.year()),
        );
    }
    for (code, value) in &req.declared {
        if Metric::parse(code).is_none() {
            errors.push(
                crate::FieldError::new("declared", "cultivation.metric_unknown").with("code", code),
            );
        } else if !value.is_finite() {
            errors.push(
                crate::FieldError::new("declared", "cultivation.declared_number")
                    .with("code", code),
            );
        }
    }
    match (uscc, tier) {
        (Ok(u), Ok(t)) if errors.is_empty() => Ok((u, t)),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// Evaluates a snapshot with a rule set (the same call reproduces a stored assessment).
pub fn evaluate(set: &RuleSet, inputs: &Inputs) -> Assessment {
    set.evaluate(&inputs.metrics())
}

/// Runs and stores an assessment of an enterprise in scope (an enterprise user: their own).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn assess(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    req: &AssessRequest,
) -> Result<AssessmentView, AppError> {
    let scope = actor.scope(Permission::CULTIVATION_ASSESS)?;
    let today = Utc::now().date_naive();
    let (uscc, tier) = check(req, today)?;
    let tx = app.db().begin_write().await?;
    let e = store::enterprise::profile::find(&tx, &scope, uscc.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let sets = published(&tx).await?;
    let chosen = choose(&sets, tier, today, req.rule_set.as_deref())?;
    let v = assess_in(
        &tx,
        actor,
        meta,
        &e,
        chosen,
        req.year,
        today,
        req.declared.clone(),
    )
    .await?;
    tx.commit().await?;
    Ok(v)
}

/// Assesses `e` for `year` with the chosen rule-set revision inside the caller's transaction,
/// stores the assessment with its snapshot and audits it (the caller checked permission and
/// scope).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn assess_in<C: ConnectionTrait>(
    tx: &C,
    actor: &Actor,
    meta: &RequestMeta,
    e: &store::entity::enterprise::Model,
    (row, set): &(store::entity::cultivation_rule_set::Model, RuleSet),
    year: i32,
    today: NaiveDate,
    declared: BTreeMap<String, f64>,
) -> Result<AssessmentView, AppError> {
    let financials = store::cultivation::assessment::financials_of(
        tx,
        std::slice::from_ref(&e.uscc),
        year - 2,
        year,
    )
    .await?;
    let honors = store::enterprise::honor::of_enterprise(tx, &e.uscc).await?;
    let inputs = inputs_of(e, &financials, &honors, year, today, declared);
    let a = evaluate(set, &inputs);
    let rule_set = RuleSetRef {
        id: row.id,
        code: row.code.clone(),
        revision: row.revision,
        version: row.version.clone(),
        name: row.name.clone(),
    };
    let stored = Stored {
        rule_set: rule_set.clone(),
        assessment: serde_json::to_value(&a)
            .map_err(|err| AppError::Internal(format!("assessment json: {err}")))?,
    };
    let inputs_json = serde_json::to_string(&inputs)
        .map_err(|err| AppError::Internal(format!("inputs json: {err}")))?;
    let saved = store::cultivation::assessment::insert(
        tx,
        ca::ActiveModel {
            uscc: Set(e.uscc.clone()),
            region_code: Set(e.region_code.clone()),
            tier: Set(set.file.tier.as_str().to_string()),
            year: Set(year),
            rule_set_id: Set(row.id),
            rule_set_code: Set(row.code.clone()),
            rule_set_revision: Set(row.revision),
            rule_version: Set(row.version.clone()),
            assessed_on: Set(today),
            inputs: Set(inputs_json),
            result: Set(serde_json::to_string(&stored).unwrap_or_default()),
            verdict: Set(a.verdict.as_str().to_string()),
            qualified: Set(a.qualified),
            total: Set(i32::try_from(a.total).unwrap_or(i32::MAX)),
            created_by: Set(actor.stored_id().unwrap_or(0)),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    record(
        tx,
        actor,
        meta,
        AuditRecord {
            action: "cultivation_assessment.create",
            entity_type: "cultivation_assessment",
            entity_id: saved.id.to_string(),
            region_code: Some(e.region_code.clone()),
            before: serde_json::Value::Null,
            after: serde_json::json!({
                "uscc": saved.uscc, "tier": saved.tier, "year": saved.year,
                "rule_set": format!("{}@{}", saved.rule_set_code, saved.rule_set_revision),
                "verdict": saved.verdict, "total": saved.total,
            }),
        },
    )
    .await?;
    Ok(view_of(&saved, &e.name, a, rule_set))
}

/// A stored assessment as shown, reproduced from its snapshot and rule-set revision.
pub(crate) async fn stored_view<C: ConnectionTrait>(
    conn: &C,
    row: ca::Model,
) -> Result<AssessmentView, AppError> {
    let stored: Stored = serde_json::from_str(&row.result)
        .map_err(|e| AppError::Internal(format!("assessment {}: {e}", row.id)))?;
    let a = reproduce_stored(conn, &row, &stored).await?;
    let name = store::enterprise::profile::find(conn, &policy::org::Scope::all(), &row.uscc)
        .await?
        .map(|e| e.name)
        .unwrap_or_default();
    Ok(view_of(&row, &name, a, stored.rule_set))
}

/// Rebuilds the assessment from its snapshot and its rule-set revision; it must equal what
/// was stored (anything else is a bug in the evaluator's determinism).
async fn reproduce_stored<C: ConnectionTrait>(
    conn: &C,
    row: &ca::Model,
    stored: &Stored,
) -> Result<Assessment, AppError> {
    let rules = store::cultivation::rule_set::find(conn, row.rule_set_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("rule set {} is gone", row.rule_set_id)))?;
    let set = RuleSet::parse(&rules.body)
        .map_err(|e| AppError::Internal(format!("rule set {}: {e}", rules.id)))?;
    let inputs: Inputs = serde_json::from_str(&row.inputs)
        .map_err(|e| AppError::Internal(format!("assessment {} inputs: {e}", row.id)))?;
    let a = evaluate(&set, &inputs);
    if serde_json::to_value(&a).ok().as_ref() != Some(&stored.assessment) {
        return Err(AppError::Internal(format!(
            "assessment {} does not reproduce from its snapshot",
            row.id
        )));
    }
    Ok(a)
}

/// One stored assessment, if its enterprise is in scope.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn get_assessment(app: &App, actor: &Actor, id: i64) -> Result<AssessmentView, AppError> {
    let scope = actor.scope(Permission::CULTIVATION_ASSESS)?;
    let row = store::cultivation::assessment::find(app.db().conn(), &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    stored_view(app.db().conn(), row).await
}

/// A short line of an earlier assessment.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AssessmentLine {
    /// Id.
    pub id: i64,
    /// Tier.
    pub tier: String,
    /// Year assessed.
    pub year: i32,
    /// Rule set `code@revision`.
    pub rule_set: String,
    /// Verdict.
    pub verdict: String,
    /// Total.
    pub total: i32,
    /// When.
    pub assessed_on: NaiveDate,
}

/// The latest assessments of an enterprise in scope.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn assessments_of(
    app: &App,
    actor: &Actor,
    uscc: &str,
) -> Result<Vec<AssessmentLine>, AppError> {
    let scope = actor.scope(Permission::CULTIVATION_ASSESS)?;
    let rows =
        store::cultivation::assessment::of_enterprise(app.db().conn(), &scope, uscc, 50).await?;
    Ok(rows
        .into_iter()
        .map(|r| AssessmentLine {
            id: r.id,
            tier: r.tier,
            year: r.year,
            rule_set: format!("{}@{}", r.rule_set_code, r.rule_set_revision),
            verdict: r.verdict,
            total: r.total,
            assessed_on: r.assessed_on,
        })
        .collect())
}
