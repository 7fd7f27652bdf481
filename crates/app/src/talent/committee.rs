//! The expert pool and committees (评审委员会) with their approval.

use super::rules::talent_rules;
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::org::Permission;
use policy::talent::{CommitteeOrg, TitleLevel};
use sea_orm::ActiveValue::Set;
use serde::{Deserialize, Serialize};
use store::entity::{talent_committee, talent_expert};

/// A declared conflict of an expert: close kin (by ID number) or an interest in an enterprise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Conflict {
    /// `kin` or `interest`.
    pub kind: String,
    /// The relative's ID number (kin).
    pub id_number: String,
    /// The enterprise's credit code (interest).
    pub uscc: String,
    /// A note.
    pub note: String,
}

/// An expert to add to the pool.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ExpertForm {
    /// The expert's login (a user with the expert role).
    pub username: String,
    /// Name shown.
    pub name: String,
    /// Employer's credit code (same-employer candidates are excluded).
    pub employer_uscc: String,
    /// Employer's name.
    pub employer_name: String,
    /// Series code.
    pub series: String,
    /// Specialty code.
    pub specialty: String,
    /// Declared conflicts.
    pub conflicts: Vec<Conflict>,
}

/// An expert of the pool as the committee manager sees it (declared kin not shown).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ExpertView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Employer.
    pub employer_name: String,
    /// Series.
    pub series: String,
    /// Specialty.
    pub specialty: String,
    /// Declared conflicts (count).
    pub conflicts: usize,
}

fn expert_view(m: &talent_expert::Model) -> ExpertView {
    ExpertView {
        id: m.id,
        name: m.name.clone(),
        employer_name: m.employer_name.clone(),
        series: m.series.clone(),
        specialty: m.specialty.clone(),
        conflicts: serde_json::from_str::<Vec<Conflict>>(&m.conflicts)
            .map(|c| c.len())
            .unwrap_or(0),
    }
}

/// Adds an expert to the pool.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn add_expert(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: &ExpertForm,
) -> Result<ExpertView, AppError> {
    actor.require(Permission::TALENT_COMMITTEE_MANAGE)?;
    let rules = talent_rules()?;
    let mut errs = Vec::new();
    if form.name.trim().is_empty() {
        errs.push(FieldError::new("name", "common.required"));
    }
    if rules.specialty(&form.series, &form.specialty).is_none() {
        errs.push(FieldError::new("specialty", "talent.choice"));
    }
    for (i, c) in form.conflicts.iter().enumerate() {
        let ok = match c.kind.as_str() {
            "kin" => policy::talent::id_number_valid(&c.id_number),
            "interest" => policy::enterprise::Uscc::parse(&c.uscc).is_ok(),
            _ => false,
        };
        if !ok {
            errs.push(FieldError::new(format!("conflicts[{i}]"), "talent.choice"));
        }
    }
    let tx = app.db().begin_write().await?;
    let user = store::org::user::find_by_username(&tx, form.username.trim()).await?;
    let Some(user) = user else {
        errs.push(FieldError::new("username", "talent.choice"));
        return Err(AppError::Invalid(errs));
    };
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let saved = store::talent::review::insert(
        &tx,
        talent_expert::ActiveModel {
            user_id: Set(user.id),
            name: Set(form.name.trim().into()),
            employer_uscc: Set(form.employer_uscc.trim().into()),
            employer_name: Set(form.employer_name.trim().into()),
            series: Set(form.series.clone()),
            specialty: Set(form.specialty.clone()),
            conflicts: Set(serde_json::to_string(&form.conflicts).unwrap_or_default()),
            active: Set(true),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await
    .map_err(|e| {
        if store::is_unique_violation(&e) {
            AppError::Conflict("talent.expert_exists".into())
        } else {
            e.into()
        }
    })?;
    let v = expert_view(&saved);
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "talent_expert.create",
            entity_type: "talent_expert",
            entity_id: saved.id.to_string(),
            region_code: None,
            before: serde_json::Value::Null,
            after: serde_json::to_value(&v).unwrap_or_default(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(v)
}

/// The expert pool.
pub async fn list_experts(app: &App, actor: &Actor) -> Result<Vec<ExpertView>, AppError> {
    actor.require(Permission::TALENT_COMMITTEE_MANAGE)?;
    Ok(store::talent::review::experts(app.db().conn())
        .await?
        .iter()
        .map(expert_view)
        .collect())
}

/// A committee to record.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct CommitteeForm {
    /// Name, e.g. 聊城市工程技术铸造专业高级职称评审委员会.
    pub name: String,
    /// Series code.
    pub series: String,
    /// Specialty code (required when organised by specialty).
    #[serde(default)]
    pub specialty: String,
    /// `series` or `specialty`.
    pub org: String,
    /// Level code.
    pub level: String,
    /// Members (odd; at least 25 / 11 for senior committees by series / specialty).
    pub size: u32,
    /// Approved (核准备案) on.
    pub approved_on: NaiveDate,
    /// Approval ends (at most three years later).
    pub expires_on: NaiveDate,
    /// The approval document.
    #[serde(default)]
    pub approval_document: String,
}

/// A committee.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommitteeView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Series.
    pub series: String,
    /// Specialty.
    pub specialty: String,
    /// `series` or `specialty`.
    pub org: String,
    /// Level.
    pub level: String,
    /// Members.
    pub size: i32,
    /// Approved on.
    pub approved_on: NaiveDate,
    /// Expires on.
    pub expires_on: NaiveDate,
    /// Approval document.
    pub approval_document: String,
    /// Rule-set version checked against.
    pub rules_version: String,
}

pub(crate) fn committee_view(m: &talent_committee::Model) -> CommitteeView {
    CommitteeView {
        id: m.id,
        name: m.name.clone(),
        series: m.series.clone(),
        specialty: m.specialty.clone(),
        org: m.org.clone(),
        level: m.level.clone(),
        size: m.size,
        approved_on: m.approved_on,
        expires_on: m.expires_on,
        approval_document: m.approval_document.clone(),
        rules_version: m.rules_version.clone(),
    }
}

/// Records a committee, checked against the committee rules (size, oddness, approval length).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn create_committee(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: &CommitteeForm,
) -> Result<CommitteeView, AppError> {
    actor.require(Permission::TALENT_COMMITTEE_MANAGE)?;
    let rules = talent_rules()?;
    let mut errs = Vec::new();
    if form.name.trim().is_empty() {
        errs.push(FieldError::new("name", "common.required"));
    }
    let org = match form.org.as_str() {
        "series" => Some(CommitteeOrg::Series),
        "specialty" => Some(CommitteeOrg::Specialty),
        _ => None,
    };
    if org.is_none() {
        errs.push(FieldError::new("org", "talent.choice"));
    }
    if rules.series(&form.series).is_none() {
        errs.push(FieldError::new("series", "talent.choice"));
    }
    if org == Some(CommitteeOrg::Specialty)
        && rules.specialty(&form.series, &form.specialty).is_none()
    {
        errs.push(FieldError::new("specialty", "talent.choice"));
    }
    let level = TitleLevel::parse(&form.level);
    if level.is_none() {
        errs.push(FieldError::new("level", "talent.choice"));
    }
    if let (Some(org), Some(level)) = (org, level) {
        for p in rules
            .committee
            .check(org, level, form.size, form.approved_on, form.expires_on)
        {
            let mut e = FieldError::new(p.field(), p.key());
            match p {
                policy::talent::CommitteeProblem::TooSmall { min, .. } => e = e.with("min", min),
                policy::talent::CommitteeProblem::ApprovalTooLong { max_years } => {
                    e = e.with("max_years", max_years)
                }
                _ => {}
            }
            errs.push(e);
        }
    }
    let (Some(org), Some(level), true) = (org, level, errs.is_empty()) else {
        return Err(AppError::Invalid(errs));
    };
    let tx = app.db().begin_write().await?;
    let saved = store::talent::review::insert(
        &tx,
        talent_committee::ActiveModel {
            name: Set(form.name.trim().into()),
            series: Set(form.series.clone()),
            specialty: Set(match org {
                CommitteeOrg::Specialty => form.specialty.clone(),
                CommitteeOrg::Series => String::new(),
            }),
            org: Set(form.org.clone()),
            level: Set(level.as_str().into()),
            size: Set(i32::try_from(form.size).unwrap_or(i32::MAX)),
            approved_on: Set(form.approved_on),
            expires_on: Set(form.expires_on),
            approval_document: Set(form.approval_document.trim().into()),
            rules_version: Set(rules.version.clone()),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let v = committee_view(&saved);
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "talent_committee.create",
            entity_type: "talent_committee",
            entity_id: saved.id.to_string(),
            region_code: None,
            before: serde_json::Value::Null,
            after: serde_json::to_value(&v).unwrap_or_default(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(v)
}

/// Every committee.
pub async fn list_committees(app: &App, actor: &Actor) -> Result<Vec<CommitteeView>, AppError> {
    actor.require(Permission::TALENT_COMMITTEE_MANAGE)?;
    Ok(store::talent::review::committees(app.db().conn())
        .await?
        .iter()
        .map(committee_view)
        .collect())
}
