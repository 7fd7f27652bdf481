//! Objections (异议) to a public notice: lodged by anyone without signing in, handled by the
//! reviewers of the notice's region (sustained or dismissed, with a reason).

use super::today;
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::{DateTime, Duration, Utc};
use policy::notice::{NoticePhase, ObjectionStatus};
use policy::org::{Permission, RegionCode};
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::Serialize;
use store::entity::{notice_objection, public_notice};
use store::notify::NewNotification;

/// An objection as a reviewer sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ObjectionView {
    /// Id.
    pub id: i64,
    /// The notice.
    pub notice_id: i64,
    /// The objector's name.
    pub name: String,
    /// The objector's contact: masked unless the reviewer may see personal data.
    pub contact: String,
    /// What they object to.
    pub content: String,
    /// `pending`, `sustained`, `dismissed`.
    pub status: String,
    /// Why it was sustained or dismissed.
    pub decision_reason: String,
    /// Lodged.
    pub created_at: DateTime<Utc>,
    /// Decided.
    pub decided_at: Option<DateTime<Utc>>,
}

fn view(m: &notice_objection::Model, unmasked: bool) -> ObjectionView {
    ObjectionView {
        id: m.id,
        notice_id: m.notice_id,
        name: m.name.clone(),
        contact: if unmasked {
            m.contact.clone()
        } else {
            policy::notice::mask_contact(&m.contact)
        },
        content: m.content.clone(),
        status: m.status.clone(),
        decision_reason: m.decision_reason.clone(),
        created_at: m.created_at,
        decided_at: m.decided_at,
    }
}

/// What the objection form sends.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct ObjectionForm {
    /// The objector's name.
    #[serde(default)]
    pub name: String,
    /// A phone number or address to reach them (personal data).
    #[serde(default)]
    pub contact: String,
    /// What they object to, and why.
    #[serde(default)]
    pub content: String,
}

/// The reviewers of a notice: holders of `notice:manage` whose unit is its region or above.
async fn reviewers<C: store::ConnectionTrait>(
    conn: &C,
    region: &str,
) -> Result<Vec<i64>, AppError> {
    let mut regions = vec![region.to_string()];
    if let Ok(r) = RegionCode::parse(region) {
        regions.extend(r.ancestors().iter().map(|a| a.to_string()));
    }
    Ok(
        store::org::user::holders_in_regions(conn, Permission::NOTICE_MANAGE.as_str(), &regions)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect(),
    )
}

/// Anyone lodges an objection to a running notice. The fields are checked at their limits,
/// one address may lodge only a few a day against one notice, and the reviewers of the
/// notice's region are notified. The contact is stored for the reviewers and never written
/// to the audit or server log.
#[tracing::instrument(skip_all, fields(notice = notice_id))]
pub async fn lodge_objection(
    app: &App,
    meta: &RequestMeta,
    notice_id: i64,
    form: &ObjectionForm,
) -> Result<ObjectionView, AppError> {
    let problems = policy::notice::check_objection(&form.name, &form.contact, &form.content);
    if !problems.is_empty() {
        return Err(AppError::Invalid(
            problems
                .into_iter()
                .map(|(field, key)| FieldError::new(field, key))
                .collect(),
        ));
    }
    let actor = Actor::anonymous();
    let tx = app.db().begin_write().await?;
    let notice = store::notice::find(&tx, notice_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Objections are taken from the day the notice is published through its last day.
    if super::period_of(&notice).phase(today()) == NoticePhase::Ended {
        return Err(AppError::invalid("content", "notice.not_open"));
    }
    let since = Utc::now() - Duration::days(1);
    let recent =
        store::notice::count_from_address(&tx, notice_id, &meta.client_addr, since).await?;
    if recent >= policy::notice::MAX_OBJECTIONS_PER_ADDRESS_PER_DAY {
        return Err(AppError::invalid("content", "notice.too_many"));
    }
    let now = Utc::now();
    let saved = store::notice::insert_objection(
        &tx,
        notice_objection::ActiveModel {
            notice_id: Set(notice_id),
            name: Set(form.name.trim().into()),
            contact: Set(form.contact.trim().into()),
            content: Set(form.content.trim().into()),
            client_addr: Set(meta.client_addr.chars().take(64).collect()),
            status: Set(ObjectionStatus::Pending.as_str().into()),
            decided_by: Set(None),
            decided_at: Set(None),
            decision_reason: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    record(
        &tx,
        &actor,
        meta,
        AuditRecord {
            action: "notice.objection.lodge",
            entity_type: "notice_objection",
            entity_id: saved.id.to_string(),
            region_code: Some(notice.region_code.clone()),
            before: serde_json::Value::Null,
            after: serde_json::json!({
                "notice_id": notice_id, "name": saved.name, "contact": saved.contact,
                "content": saved.content, "status": saved.status,
            }),
        },
    )
    .await?;
    for user_id in reviewers(&tx, &notice.region_code).await? {
        store::notify::raise(
            &tx,
            NewNotification {
                user_id,
                kind: "notice.objection".into(),
                title: format!("公示异议：{}", notice.title),
                body: saved.content.chars().take(200).collect(),
                link: Some(format!("/notices/{notice_id}")),
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(view(&saved, false))
}

/// The notice, if it lies in the actor's `notice:manage` scope (`NotFound` otherwise).
async fn notice_in_scope<C: store::ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    notice_id: i64,
) -> Result<public_notice::Model, AppError> {
    let scope = actor.scope(Permission::NOTICE_MANAGE)?;
    let notice = store::notice::find(conn, notice_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let region = RegionCode::parse(&notice.region_code).ok();
    if !scope.admits(region.as_ref(), None, None) {
        return Err(AppError::NotFound);
    }
    Ok(notice)
}

/// The objections to a notice, for the reviewers of its region.
pub async fn list_objections(
    app: &App,
    actor: &Actor,
    notice_id: i64,
) -> Result<Vec<ObjectionView>, AppError> {
    let conn = app.db().conn();
    notice_in_scope(conn, actor, notice_id).await?;
    let unmasked = actor.can(Permission::PERSONAL_DATA);
    Ok(store::notice::objections_of(conn, notice_id)
        .await?
        .iter()
        .map(|o| view(o, unmasked))
        .collect())
}

/// A reviewer sustains or dismisses a pending objection, with a reason. A sustained objection
/// marks the notice `objected`: its subject does not go ahead.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn decide_objection(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    objection_id: i64,
    sustain: bool,
    reason: &str,
) -> Result<ObjectionView, AppError> {
    actor.require(Permission::NOTICE_MANAGE)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid("reason", "common.reason_required"));
    }
    if reason.chars().count() > policy::notice::MAX_CONTENT_CHARS {
        return Err(AppError::invalid("reason", "notice.too_long"));
    }
    let tx = app.db().begin_write().await?;
    let current = store::notice::find_objection(&tx, objection_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let notice = notice_in_scope(&tx, actor, current.notice_id).await?;
    if current.status != ObjectionStatus::Pending.as_str() {
        return Err(AppError::Conflict("objection already decided".into()));
    }
    let status = if sustain {
        ObjectionStatus::Sustained
    } else {
        ObjectionStatus::Dismissed
    };
    let before = serde_json::json!({"status": current.status, "decision_reason": ""});
    let mut am = current.into_active_model();
    am.status = Set(status.as_str().into());
    am.decision_reason = Set(reason.into());
    am.decided_by = Set(actor.stored_id());
    am.decided_at = Set(Some(Utc::now()));
    let saved = store::notice::update_objection(&tx, am).await?;
    if sustain {
        let mut n = notice.clone().into_active_model();
        n.status = Set("objected".into());
        store::notice::update(&tx, n).await?;
    }
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "notice.objection.decide",
            entity_type: "notice_objection",
            entity_id: objection_id.to_string(),
            region_code: Some(notice.region_code.clone()),
            before,
            after: serde_json::json!({"status": saved.status, "decision_reason": saved.decision_reason}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view(&saved, actor.can(Permission::PERSONAL_DATA)))
}
