//! Public notices (公示): opened by another context's workflow for one of its subjects, read by
//! anyone without signing in, objected to through a public form, the objections handled by
//! reviewers. The subject goes ahead only when [`has_cleared`] says its notice ended with no
//! sustained objection.
//!
//! Other contexts call [`open_notice`] and [`notice_outcome`] / [`has_cleared`] inside their
//! own transaction; the notice pages and the objection use cases are in [`objection`].

pub mod objection;

use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, Page, PageRequest, RequestMeta};
use chrono::{DateTime, NaiveDate, Utc};
use policy::notice::{NoticeOutcome, NoticePeriod, ObjectionStatus};
use sea_orm::ActiveValue::Set;
use serde::Serialize;
use store::ConnectionTrait;
use store::entity::public_notice;

pub use objection::{ObjectionView, decide_objection, list_objections, lodge_objection};

/// Today in China Standard Time: the day notices are counted in.
pub fn today() -> NaiveDate {
    (Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// A notice as anyone may read it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NoticeView {
    /// Id.
    pub id: i64,
    /// What it is about: `cultivation_application`, `title_application`, ….
    pub subject_kind: String,
    /// The subject's id in its own context.
    pub subject_id: i64,
    /// The region whose reviewers handle objections.
    pub region_code: String,
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
    /// The listed items (one enterprise or person a line).
    pub items: Vec<String>,
    /// Length in working days.
    pub working_days: i32,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day.
    pub end_date: NaiveDate,
    /// `upcoming`, `open`, `ended`.
    pub phase: String,
    /// `running`, `awaiting_decisions`, `cleared`, `objected`.
    pub outcome: String,
    /// Objections lodged.
    pub objections: usize,
    /// Opened.
    pub created_at: DateTime<Utc>,
}

fn code<T: Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub(crate) fn period_of(m: &public_notice::Model) -> NoticePeriod {
    NoticePeriod {
        start: m.start_date,
        end: m.end_date,
    }
}

async fn view<C: ConnectionTrait>(
    conn: &C,
    m: &public_notice::Model,
    today: NaiveDate,
) -> Result<NoticeView, AppError> {
    let objections = store::notice::objections_of(conn, m.id).await?;
    let statuses: Vec<ObjectionStatus> = objections
        .iter()
        .filter_map(|o| ObjectionStatus::parse(&o.status))
        .collect();
    let period = period_of(m);
    Ok(NoticeView {
        id: m.id,
        subject_kind: m.subject_kind.clone(),
        subject_id: m.subject_id,
        region_code: m.region_code.clone(),
        title: m.title.clone(),
        body: m.body.clone(),
        items: serde_json::from_str(&m.items).unwrap_or_default(),
        working_days: m.working_days,
        start_date: m.start_date,
        end_date: m.end_date,
        phase: code(period.phase(today)),
        outcome: code(policy::notice::outcome(&period, &statuses, today)),
        objections: objections.len(),
        created_at: m.created_at,
    })
}

/// What a context asks for when it opens a notice.
#[derive(Debug, Clone)]
pub struct NewNotice {
    /// `cultivation_application`, `title_application`, ….
    pub subject_kind: &'static str,
    /// The subject's id.
    pub subject_id: i64,
    /// The region whose reviewers handle objections (the county of an enterprise).
    pub region_code: String,
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
    /// Listed items.
    pub items: Vec<String>,
    /// Length in working days.
    pub working_days: u32,
    /// The day it is opened (its first working day from then on starts it).
    pub opened: NaiveDate,
}

/// Opens a notice for a subject with N working days counted on the calendar in force, in the
/// caller's transaction, and audits it. The caller has checked its own permission.
pub async fn open_notice<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    meta: &RequestMeta,
    n: NewNotice,
) -> Result<NoticeView, AppError> {
    let cal = store::calendar::load(conn).await?;
    let period = policy::notice::period(&cal, n.opened, n.working_days)
        .map_err(|e| AppError::invalid("working_days", e.key()))?;
    let saved = store::notice::insert(
        conn,
        public_notice::ActiveModel {
            subject_kind: Set(n.subject_kind.into()),
            subject_id: Set(n.subject_id),
            region_code: Set(n.region_code.clone()),
            title: Set(n.title),
            body: Set(n.body),
            items: Set(serde_json::to_string(&n.items).unwrap_or_else(|_| "[]".into())),
            working_days: Set(n.working_days as i32),
            start_date: Set(period.start),
            end_date: Set(period.end),
            status: Set("open".into()),
            opened_by: Set(actor.stored_id()),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let v = view(conn, &saved, n.opened).await?;
    record(
        conn,
        actor,
        meta,
        AuditRecord {
            action: "notice.open",
            entity_type: "public_notice",
            entity_id: saved.id.to_string(),
            region_code: Some(n.region_code),
            before: serde_json::Value::Null,
            after: serde_json::json!({
                "subject_kind": v.subject_kind, "subject_id": v.subject_id, "title": v.title,
                "start_date": v.start_date, "end_date": v.end_date, "working_days": v.working_days,
            }),
        },
    )
    .await?;
    Ok(v)
}

/// The outcome on `today` of the latest notice of a subject; `None` if it never had one.
pub async fn notice_outcome<C: ConnectionTrait>(
    conn: &C,
    subject_kind: &str,
    subject_id: i64,
    today: NaiveDate,
) -> Result<Option<(public_notice::Model, NoticeOutcome)>, AppError> {
    let Some(n) = store::notice::find_by_subject(conn, subject_kind, subject_id).await? else {
        return Ok(None);
    };
    let statuses: Vec<ObjectionStatus> = store::notice::objections_of(conn, n.id)
        .await?
        .iter()
        .filter_map(|o| ObjectionStatus::parse(&o.status))
        .collect();
    let outcome = policy::notice::outcome(&period_of(&n), &statuses, today);
    Ok(Some((n, outcome)))
}

/// Whether the subject's latest notice has ended on `today` without a sustained objection
/// (and with every objection handled).
pub async fn has_cleared<C: ConnectionTrait>(
    conn: &C,
    subject_kind: &str,
    subject_id: i64,
    today: NaiveDate,
) -> Result<bool, AppError> {
    Ok(matches!(
        notice_outcome(conn, subject_kind, subject_id, today).await?,
        Some((_, NoticeOutcome::Cleared))
    ))
}

/// Notices, newest first: public, no sign-in needed.
pub async fn list_notices(
    app: &App,
    kind: Option<&str>,
    page: PageRequest,
) -> Result<Page<NoticeView>, AppError> {
    let conn = app.db().conn();
    let rows = store::notice::list(conn, kind, page).await?;
    let today = today();
    let mut items = Vec::with_capacity(rows.items.len());
    for m in &rows.items {
        items.push(view(conn, m, today).await?);
    }
    Ok(Page {
        items,
        next_cursor: rows.next_cursor,
    })
}

/// One notice: public, no sign-in needed.
pub async fn get_notice(app: &App, id: i64) -> Result<NoticeView, AppError> {
    let conn = app.db().conn();
    let m = store::notice::find(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    view(conn, &m, today()).await
}

#[cfg(test)]
mod tests;
