//! Evaluation meetings (述职评议): people report, attendees rate each of them on their phones
//! through a one-time code (or the link that carries it), anonymously; the tally is shown once
//! the meeting is closed.
//!
//! **Anonymity:** a code is printed for each seat and handed out at random; only its SHA-256
//! is stored, with a used flag and no time. A rating marks the code used and adds one to the
//! counters of the subjects (`good = good + 1`, in place); nothing links the two, and the audit
//! entry of a rating says only `{"rated": true}` under the actor `anonymous`. Counters are
//! shown only after the close, so watching them move cannot pair a rating with a phone either.
//! **Once only:** marking the code used is one conditional update (`used = false` → `true`);
//! a second rating with the same code, even at the same moment, finds it used.

use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::innovation::{Grade, MeetingScale, SubjectTally};
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use store::entity::{evaluation_code, evaluation_meeting, evaluation_subject};

/// Letters of a code: no 0/O, 1/I/L, easy to read aloud and type on a phone.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Characters in a code.
const CODE_LEN: usize = 8;
/// Most codes a meeting may issue.
pub const MAX_CODES: u32 = 2000;

/// A person who reports.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct SubjectForm {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Position (e.g. 党委书记).
    #[serde(default)]
    pub position: String,
    /// Organisation.
    #[serde(default)]
    pub organisation: String,
}

/// A new meeting (`POST /api/v1/meetings`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct MeetingForm {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Day held.
    #[serde(default)]
    pub held_on: Option<NaiveDate>,
    /// `grade` (好/较好/一般/差) or `score` (0-100).
    #[serde(default)]
    pub scale: String,
    /// The people who report, in order.
    #[serde(default)]
    pub subjects: Vec<SubjectForm>,
    /// Codes to issue (one per attendee).
    #[serde(default)]
    pub attendees: u32,
}

/// One person's result.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SubjectView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Position.
    pub position: String,
    /// Organisation.
    pub organisation: String,
    /// The tally (after the close): good, fairly_good, fair, poor, score_sum, score_count.
    #[schema(value_type = Option<Object>)]
    pub tally: Option<SubjectTally>,
    /// 好 + 较好 share, one decimal (grade scale, after the close).
    pub approval_pct: Option<String>,
    /// Average score, two decimals (score scale, after the close).
    pub average: Option<String>,
    /// Rank by approval or average (after the close).
    pub rank: Option<usize>,
}

/// A meeting.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeetingView {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Held on.
    pub held_on: NaiveDate,
    /// Scale.
    pub scale: String,
    /// `open` or `closed`.
    pub status: String,
    /// Codes issued.
    pub codes_issued: u64,
    /// Codes used (attendees who rated).
    pub rated: u64,
    /// Subjects, with their tallies once closed.
    pub subjects: Vec<SubjectView>,
}

/// A meeting just created, with its codes (shown once; only their hashes are kept).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeetingCreated {
    /// The meeting.
    pub meeting: MeetingView,
    /// The one-time codes, one per attendee.
    pub codes: Vec<String>,
}

/// What an attendee sees with a valid code.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RatingSheet {
    /// Meeting title.
    pub title: String,
    /// Scale.
    pub scale: String,
    /// The people to rate (no tallies).
    pub subjects: Vec<SubjectView>,
}

/// An attendee's ratings: subject id → grade code or score.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct RatingForm {
    /// The one-time code.
    #[serde(default)]
    pub code: String,
    /// Subject id (as text) → `good` / `fairly_good` / `fair` / `poor`, or a score `0`-`100`.
    #[serde(default)]
    pub ratings: BTreeMap<String, String>,
}

/// The hash under which a code is kept.
pub(crate) fn code_hash(code: &str) -> String {
    let normalized: String = code
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect();
    hex::encode(Sha256::digest(normalized.as_bytes()))
}

fn new_code() -> Result<String, AppError> {
    let mut bytes = [0u8; CODE_LEN];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("random: {e}")))?;
    Ok(bytes
        .iter()
        .map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char)
        .collect())
}

fn tally_of(s: &evaluation_subject::Model) -> SubjectTally {
    SubjectTally {
        good: s.good.max(0) as u32,
        fairly_good: s.fairly_good.max(0) as u32,
        fair: s.fair.max(0) as u32,
        poor: s.poor.max(0) as u32,
        score_sum: s.score_sum.max(0) as u64,
        score_count: s.score_count.max(0) as u32,
    }
}

async fn view<C: store::ConnectionTrait>(
    conn: &C,
    m: &evaluation_meeting::Model,
) -> Result<MeetingView, AppError> {
    let subjects = store::innovation::meeting::subjects_of(conn, m.id).await?;
    let (issued, used) = store::innovation::meeting::turnout(conn, m.id).await?;
    let closed = m.status == "closed";
    let grade = m.scale == MeetingScale::Grade.as_str();
    // Rank by the figure of the scale, best first (ties share the better rank's order by seq).
    let key = |s: &evaluation_subject::Model| {
        let t = tally_of(s);
        if grade {
            u64::from(t.approval_permille().unwrap_or(0))
        } else {
            t.average_centi().unwrap_or(0)
        }
    };
    let mut order: Vec<i64> = subjects.iter().map(|s| s.id).collect();
    order.sort_by_key(|id| {
        subjects
            .iter()
            .find(|s| s.id == *id)
            .map(|s| std::cmp::Reverse(key(s)))
    });
    Ok(MeetingView {
        id: m.id,
        title: m.title.clone(),
        held_on: m.held_on,
        scale: m.scale.clone(),
        status: m.status.clone(),
        codes_issued: issued,
        rated: used,
        subjects: subjects
            .iter()
            .map(|s| {
                let t = tally_of(s);
                SubjectView {
                    id: s.id,
                    name: s.name.clone(),
                    position: s.position.clone(),
                    organisation: s.organisation.clone(),
                    tally: closed.then_some(t),
                    approval_pct: (closed && grade).then(|| {
                        t.approval_permille()
                            .map(|p| format!("{}.{}%", p / 10, p % 10))
                            .unwrap_or_else(|| "—".into())
                    }),
                    average: (closed && !grade).then(|| {
                        t.average_centi()
                            .map(|c| format!("{}.{:02}", c / 100, c % 100))
                            .unwrap_or_else(|| "—".into())
                    }),
                    rank: closed.then(|| {
                        order
                            .iter()
                            .position(|id| *id == s.id)
                            .map(|p| p + 1)
                            .unwrap_or(0)
                    }),
                }
            })
            .collect(),
    })
}

/// Creates a meeting with its subjects and issues one code per attendee.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn create_meeting(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: MeetingForm,
) -> Result<MeetingCreated, AppError> {
    actor.require(Permission::MEETING_MANAGE)?;
    let mut e = super::Errors::default();
    let title = e.text("title", &form.title, 200);
    let scale = MeetingScale::parse(&form.scale);
    if scale.is_none() {
        e.push("scale", "meeting.scale_unknown");
    }
    if form.held_on.is_none() {
        e.push("held_on", "common.required");
    }
    let subjects: Vec<&SubjectForm> = form
        .subjects
        .iter()
        .filter(|s| !s.name.trim().is_empty())
        .collect();
    if subjects.is_empty() {
        e.push("subjects", "common.required");
    }
    if subjects.len() > 200 {
        e.push("subjects", "common.too_long");
    }
    for (i, s) in subjects.iter().enumerate() {
        e.text(&format!("subjects[{i}].name"), &s.name, 50);
        e.optional(&format!("subjects[{i}].position"), &s.position, 100);
        e.optional(&format!("subjects[{i}].organisation"), &s.organisation, 100);
    }
    if !(1..=MAX_CODES).contains(&form.attendees) {
        e.push("attendees", "innovation.out_of_range");
    }
    e.finish()?;
    let (Some(scale), Some(held_on)) = (scale, form.held_on) else {
        return Err(AppError::invalid("scale", "meeting.scale_unknown"));
    };
    let region = actor
        .region
        .as_ref()
        .map(|r| r.to_string())
        .unwrap_or_else(|| "371500".into());
    let mut codes = Vec::with_capacity(form.attendees as usize);
    while codes.len() < form.attendees as usize {
        let c = new_code()?;
        if !codes.contains(&c) {
            codes.push(c);
        }
    }
    let tx = app.db().begin_write().await?;
    let m = store::innovation::insert(
        &tx,
        evaluation_meeting::ActiveModel {
            title: Set(title),
            held_on: Set(held_on),
            scale: Set(scale.as_str().into()),
            status: Set("open".into()),
            region_code: Set(region.clone()),
            codes_issued: Set(form.attendees as i32),
            created_by: Set(actor.stored_id()),
            created_at: Set(Utc::now()),
            closed_at: Set(None),
            ..Default::default()
        },
    )
    .await?;
    let rows: Vec<evaluation_subject::ActiveModel> = subjects
        .iter()
        .enumerate()
        .map(|(i, s)| evaluation_subject::ActiveModel {
            meeting_id: Set(m.id),
            seq: Set(i as i32 + 1),
            name: Set(s.name.trim().into()),
            position: Set(s.position.trim().into()),
            organisation: Set(s.organisation.trim().into()),
            good: Set(0),
            fairly_good: Set(0),
            fair: Set(0),
            poor: Set(0),
            score_sum: Set(0),
            score_count: Set(0),
            ..Default::default()
        })
        .collect();
    store::innovation::insert_many(&tx, rows).await?;
    let code_rows: Vec<evaluation_code::ActiveModel> = codes
        .iter()
        .map(|c| evaluation_code::ActiveModel {
            meeting_id: Set(m.id),
            code_hash: Set(code_hash(c)),
            used: Set(false),
            ..Default::default()
        })
        .collect();
    store::innovation::insert_many(&tx, code_rows).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "evaluation_meeting.create",
            entity_type: "evaluation_meeting",
            entity_id: m.id.to_string(),
            region_code: Some(region),
            before: serde_json::Value::Null,
            after: json!({"title": m.title, "held_on": m.held_on, "scale": m.scale,
                "subjects": subjects.len(), "codes_issued": form.attendees}),
        },
    )
    .await?;
    let v = view(&tx, &m).await?;
    tx.commit().await?;
    Ok(MeetingCreated { meeting: v, codes })
}

/// Every meeting, newest first.
pub async fn list_meetings(app: &App, actor: &Actor) -> Result<Vec<MeetingView>, AppError> {
    actor.require(Permission::MEETING_MANAGE)?;
    let conn = app.db().conn();
    let mut out = Vec::new();
    for m in store::innovation::meeting::all(conn).await? {
        out.push(view(conn, &m).await?);
    }
    Ok(out)
}

/// One meeting (tallies once closed).
pub async fn get_meeting(app: &App, actor: &Actor, id: i64) -> Result<MeetingView, AppError> {
    actor.require(Permission::MEETING_MANAGE)?;
    let conn = app.db().conn();
    let m = store::innovation::meeting::find(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    view(conn, &m).await
}

async fn sheet_for<C: store::ConnectionTrait>(
    conn: &C,
    code: &str,
) -> Result<(evaluation_meeting::Model, Vec<evaluation_subject::Model>), AppError> {
    let c = store::innovation::meeting::code_by_hash(conn, &code_hash(code))
        .await?
        .ok_or_else(|| AppError::invalid("code", "meeting.code_invalid"))?;
    if c.used {
        return Err(AppError::invalid("code", "meeting.code_used"));
    }
    let m = store::innovation::meeting::find(conn, c.meeting_id)
        .await?
        .ok_or_else(|| AppError::invalid("code", "meeting.code_invalid"))?;
    if m.status != "open" {
        return Err(AppError::invalid("code", "meeting.closed"));
    }
    let subjects = store::innovation::meeting::subjects_of(conn, m.id).await?;
    Ok((m, subjects))
}

/// The rating sheet behind a code: public (no sign-in), refused for an unknown or used code
/// or a closed meeting.
pub async fn rating_sheet(app: &App, code: &str) -> Result<RatingSheet, AppError> {
    let (m, subjects) = sheet_for(app.db().conn(), code).await?;
    Ok(RatingSheet {
        title: m.title,
        scale: m.scale,
        subjects: subjects
            .into_iter()
            .map(|s| SubjectView {
                id: s.id,
                name: s.name,
                position: s.position,
                organisation: s.organisation,
                tally: None,
                approval_pct: None,
                average: None,
                rank: None,
            })
            .collect(),
    })
}

/// An attendee rates every subject with a one-time code; anonymous (see the module doc).
#[tracing::instrument(skip_all)]
pub async fn rate(app: &App, meta: &RequestMeta, form: RatingForm) -> Result<(), AppError> {
    let actor = Actor::anonymous();
    let tx = app.db().begin_write().await?;
    let (m, subjects) = sheet_for(&tx, &form.code).await?;
    let scale = MeetingScale::parse(&m.scale)
        .ok_or_else(|| AppError::Internal(format!("meeting {} scale", m.id)))?;
    let mut e = super::Errors::default();
    let mut grades: Vec<(i64, Grade)> = Vec::new();
    let mut scores: Vec<(i64, i64)> = Vec::new();
    for s in &subjects {
        let field = format!("ratings.{}", s.id);
        match form.ratings.get(&s.id.to_string()).map(|v| v.trim()) {
            None | Some("") => e.push(&field, "meeting.rating_required"),
            Some(v) => match scale {
                MeetingScale::Grade => match Grade::parse(v) {
                    Some(g) => grades.push((s.id, g)),
                    None => e.push(&field, "meeting.grade_unknown"),
                },
                MeetingScale::Score => match v.parse::<i64>() {
                    Ok(n) if (0..=100).contains(&n) => scores.push((s.id, n)),
                    _ => e.push(&field, "innovation.out_of_range"),
                },
            },
        }
    }
    if form
        .ratings
        .keys()
        .any(|k| !subjects.iter().any(|s| s.id.to_string() == *k))
    {
        e.push("ratings", "meeting.subject_unknown");
    }
    e.finish()?;
    if !store::innovation::meeting::use_code(&tx, m.id, &code_hash(&form.code)).await? {
        return Err(AppError::invalid("code", "meeting.code_used"));
    }
    for (id, g) in grades {
        store::innovation::meeting::count_grade(&tx, id, g).await?;
    }
    for (id, n) in scores {
        store::innovation::meeting::count_score(&tx, id, n).await?;
    }
    record(
        &tx,
        &actor,
        meta,
        AuditRecord {
            action: "evaluation_meeting.rate",
            entity_type: "evaluation_meeting",
            entity_id: m.id.to_string(),
            region_code: Some(m.region_code.clone()),
            before: serde_json::Value::Null,
            after: json!({"rated": true}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Closes a meeting: no more ratings; the tally and each person's rating are shown.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn close_meeting(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
) -> Result<MeetingView, AppError> {
    actor.require(Permission::MEETING_MANAGE)?;
    let tx = app.db().begin_write().await?;
    let m = store::innovation::meeting::find(&tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if m.status != "open" {
        return Err(AppError::invalid("status", "meeting.closed"));
    }
    let mut am = m.clone().into_active_model();
    am.status = Set("closed".into());
    am.closed_at = Set(Some(Utc::now()));
    let saved = store::innovation::update(&tx, am).await?;
    let v = view(&tx, &saved).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "evaluation_meeting.close",
            entity_type: "evaluation_meeting",
            entity_id: m.id.to_string(),
            region_code: Some(m.region_code.clone()),
            before: json!({"status": m.status}),
            after: json!({"status": "closed", "rated": v.rated, "tallies": v.subjects.iter().map(|s| json!({"name": s.name, "tally": s.tally})).collect::<Vec<_>>()}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(v)
}
