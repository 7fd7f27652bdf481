//! Rule sets: the shipped files loaded into the database, and an administrator's copies
//! (copy → edit the TOML → publish as a new revision).

use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::{DateTime, NaiveDate, Utc};
use policy::cultivation::{RuleSet, RuleSetError, Tier, shipped};
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, IntoActiveModel};
use serde::Serialize;
use store::cultivation::rule_set::{DRAFT, PUBLISHED};
use store::entity::cultivation_rule_set as rs;

/// A rule-set revision as lists show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RuleSetView {
    /// Id of this revision.
    pub id: i64,
    /// Code, e.g. `innovative-2022-63`.
    pub code: String,
    /// Revision (0 for a draft).
    pub revision: i32,
    /// Tier code.
    pub tier: String,
    /// Policy version, e.g. `2022-63`.
    pub version: String,
    /// Name.
    pub name: String,
    /// First day it applies.
    pub effective_from: NaiveDate,
    /// Last day it applies.
    pub effective_to: Option<NaiveDate>,
    /// `shipped` or `edited`.
    pub origin: String,
    /// `published` or `draft`.
    pub status: String,
    /// When written.
    pub created_at: DateTime<Utc>,
}

/// A revision with its TOML body.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RuleSetDetail {
    /// The revision.
    #[serde(flatten)]
    pub view: RuleSetView,
    /// The TOML text.
    pub body: String,
    /// Facts no official text confirmed (the file's `unconfirmed`): defaults an administrator
    /// may change in a new revision. Empty when the body does not parse (a draft being edited).
    pub unconfirmed: Vec<String>,
    /// Whether re-reviews of titles won before this set keep the set of the award.
    pub re_review_by_award_set: bool,
}

fn detail(m: &rs::Model) -> RuleSetDetail {
    let parsed = RuleSet::parse(&m.body).ok();
    RuleSetDetail {
        view: view(m),
        unconfirmed: parsed
            .as_ref()
            .map(|s| s.file.unconfirmed.clone())
            .unwrap_or_default(),
        re_review_by_award_set: parsed.is_some_and(|s| s.file.re_review_by_award_set),
        body: m.body.clone(),
    }
}

pub(crate) fn view(m: &rs::Model) -> RuleSetView {
    RuleSetView {
        id: m.id,
        code: m.code.clone(),
        revision: m.revision,
        tier: m.tier.clone(),
        version: m.version.clone(),
        name: m.name.clone(),
        effective_from: m.effective_from,
        effective_to: m.effective_to,
        origin: m.origin.clone(),
        status: m.status.clone(),
        created_at: m.created_at,
    }
}

/// A rule-file problem as a field error on `body`, naming where and what.
pub fn body_error(e: &RuleSetError) -> AppError {
    AppError::Invalid(vec![
        FieldError::new("body", e.key)
            .with("path", &e.path)
            .with("detail", &e.detail),
    ])
}

fn parse(body: &str) -> Result<RuleSet, AppError> {
    RuleSet::parse(body).map_err(|e| body_error(&e))
}

fn row_of(set: &RuleSet, body: &str, origin: &str, status: &str, revision: i32) -> rs::ActiveModel {
    rs::ActiveModel {
        code: Set(set.file.code.clone()),
        revision: Set(revision),
        tier: Set(set.file.tier.as_str().to_string()),
        version: Set(set.file.version.clone()),
        name: Set(set.file.name.clone()),
        effective_from: Set(set.file.effective_from),
        effective_to: Set(set.file.effective_to),
        body: Set(body.to_string()),
        origin: Set(origin.to_string()),
        status: Set(status.to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// Loads the shipped rule files: a file whose text is already the newest revision of its code
/// is skipped, a changed one becomes a new revision. Idempotent (`demo`, `migrate --seed-roles`).
pub async fn load_shipped_rule_sets(app: &App) -> Result<usize, AppError> {
    let tx = app.db().begin_write().await?;
    let mut added = 0;
    for (file, body) in shipped::FILES {
        let set = RuleSet::parse(body).map_err(|e| AppError::Internal(format!("{file}: {e}")))?;
        let newest = store::cultivation::rule_set::latest(&tx, &set.file.code).await?;
        if newest.is_some_and(|n| n.body == *body) {
            continue;
        }
        let revision = store::cultivation::rule_set::next_revision(&tx, &set.file.code).await?;
        store::cultivation::rule_set::insert(
            &tx,
            row_of(&set, body, "shipped", PUBLISHED, revision),
        )
        .await?;
        added += 1;
    }
    tx.commit().await?;
    Ok(added)
}

fn require_read(actor: &Actor) -> Result<(), AppError> {
    if actor.can(Permission::CULTIVATION_RULES_MANAGE) {
        actor.require(Permission::CULTIVATION_RULES_MANAGE)
    } else {
        actor.require(Permission::CULTIVATION_ASSESS)
    }
}

/// Every rule-set revision (readers of assessments may see the rules they are assessed by).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn list_rule_sets(app: &App, actor: &Actor) -> Result<Vec<RuleSetView>, AppError> {
    require_read(actor)?;
    let rows = store::cultivation::rule_set::list(app.db().conn()).await?;
    Ok(rows.iter().map(view).collect())
}

/// One revision with its body.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn rule_set(app: &App, actor: &Actor, id: i64) -> Result<RuleSetDetail, AppError> {
    require_read(actor)?;
    let row = store::cultivation::rule_set::find(app.db().conn(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(detail(&row))
}

async fn audit_write<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    meta: &RequestMeta,
    action: &str,
    before: Option<&rs::Model>,
    after: &rs::Model,
) -> Result<(), AppError> {
    record(
        conn,
        actor,
        meta,
        AuditRecord {
            action,
            entity_type: "cultivation_rule_set",
            entity_id: after.id.to_string(),
            region_code: None,
            before: before
                .map(|b| serde_json::to_value(detail(b)))
                .transpose()
                .unwrap_or_default()
                .unwrap_or_default(),
            after: serde_json::to_value(detail(after)).unwrap_or_default(),
        },
    )
    .await?;
    Ok(())
}

/// Copies a revision into a new draft of the same code (one draft per code at a time).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn copy_rule_set(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
) -> Result<RuleSetView, AppError> {
    actor.require(Permission::CULTIVATION_RULES_MANAGE)?;
    let tx = app.db().begin_write().await?;
    let from = store::cultivation::rule_set::find(&tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let set = parse(&from.body)?;
    let mut row = row_of(&set, &from.body, "edited", DRAFT, 0);
    row.created_by = Set(actor.stored_id());
    let saved = match store::cultivation::rule_set::insert(&tx, row).await {
        Err(e) if store::is_unique_violation(&e) => {
            return Err(AppError::Conflict("cultivation.rules.draft_exists".into()));
        }
        other => other?,
    };
    audit_write(&tx, actor, meta, "cultivation_rule_set.copy", None, &saved).await?;
    tx.commit().await?;
    Ok(view(&saved))
}

async fn draft<C: ConnectionTrait>(conn: &C, id: i64) -> Result<rs::Model, AppError> {
    let row = store::cultivation::rule_set::find(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.status != DRAFT {
        return Err(AppError::Conflict("cultivation.rules.not_draft".into()));
    }
    Ok(row)
}

/// Saves an edited TOML body into a draft, checked by the same parser as the shipped files.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn save_rule_set_draft(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    body: &str,
) -> Result<RuleSetView, AppError> {
    actor.require(Permission::CULTIVATION_RULES_MANAGE)?;
    let set = parse(body)?;
    let tx = app.db().begin_write().await?;
    let before = draft(&tx, id).await?;
    let mut row = row_of(&set, body, "edited", DRAFT, 0);
    row.id = Set(before.id);
    row.created_by = Set(before.created_by);
    row.created_at = Set(before.created_at);
    let saved = match store::cultivation::rule_set::update(&tx, row).await {
        Err(e) if store::is_unique_violation(&e) => {
            return Err(AppError::Conflict("cultivation.rules.draft_exists".into()));
        }
        other => other?,
    };
    audit_write(
        &tx,
        actor,
        meta,
        "cultivation_rule_set.edit",
        Some(&before),
        &saved,
    )
    .await?;
    tx.commit().await?;
    Ok(view(&saved))
}

/// Publishes a draft as the next revision of its code.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn publish_rule_set(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
) -> Result<RuleSetView, AppError> {
    actor.require(Permission::CULTIVATION_RULES_MANAGE)?;
    let tx = app.db().begin_write().await?;
    let before = draft(&tx, id).await?;
    parse(&before.body)?;
    let revision = store::cultivation::rule_set::next_revision(&tx, &before.code).await?;
    let mut row = before.clone().into_active_model();
    row.revision = Set(revision);
    row.status = Set(PUBLISHED.to_string());
    let saved = store::cultivation::rule_set::update(&tx, row).await?;
    audit_write(
        &tx,
        actor,
        meta,
        "cultivation_rule_set.publish",
        Some(&before),
        &saved,
    )
    .await?;
    tx.commit().await?;
    Ok(view(&saved))
}

/// The published rule sets, parsed, with their rows.
pub(crate) async fn published<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<(rs::Model, RuleSet)>, AppError> {
    let rows = store::cultivation::rule_set::published(conn).await?;
    rows.into_iter()
        .map(|r| {
            let set = RuleSet::parse(&r.body)
                .map_err(|e| AppError::Internal(format!("rule set {}: {e}", r.id)))?;
            Ok((r, set))
        })
        .collect()
}

/// Of the published sets, the one for `tier`: the one the user names (`code` or
/// `code@revision`, of that tier), or else the one in force on `date` — the latest
/// `effective_from` not after it, the newest revision of that code.
pub(crate) fn choose<'a>(
    sets: &'a [(rs::Model, RuleSet)],
    tier: Tier,
    date: NaiveDate,
    requested: Option<&str>,
) -> Result<&'a (rs::Model, RuleSet), AppError> {
    let of_tier = sets.iter().filter(|(_, s)| s.file.tier == tier);
    let found = match requested.map(str::trim).filter(|r| !r.is_empty()) {
        Some(req) => {
            let (code, rev) = match req.split_once('@') {
                Some((c, r)) => (
                    c,
                    Some(r.parse::<i32>().map_err(|_| {
                        AppError::invalid("rule_set", "cultivation.rule_set_unknown")
                    })?),
                ),
                None => (req, None),
            };
            of_tier
                .filter(|(row, _)| row.code == code && rev.is_none_or(|r| row.revision == r))
                .max_by_key(|(row, _)| row.revision)
                .ok_or_else(|| AppError::invalid("rule_set", "cultivation.rule_set_unknown"))?
        }
        None => of_tier
            .filter(|(_, s)| s.applies_on(date))
            .max_by_key(|(row, s)| (s.file.effective_from, row.revision, row.id))
            .ok_or_else(|| AppError::invalid("tier", "cultivation.no_rule_set"))?,
    };
    Ok(found)
}

/// Of the published sets, the one a re-review (复核) made on `today` of a title won on
/// `won_on` uses: the one in force today, unless it says titles won before it keep the set in
/// force when they were won (`re_review_by_award_set`) and one was (`shipped::for_re_review`
/// over the shipped files).
pub(crate) fn choose_for_re_review(
    sets: &[(rs::Model, RuleSet)],
    tier: Tier,
    today: NaiveDate,
    won_on: NaiveDate,
) -> Result<&(rs::Model, RuleSet), AppError> {
    let now = choose(sets, tier, today, None)?;
    if now.1.re_reviews_with_award_set(won_on)
        && let Ok(then) = choose(sets, tier, won_on, None)
    {
        return Ok(then);
    }
    Ok(now)
}
