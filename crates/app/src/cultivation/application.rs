//! Applications (申报): the draft an enterprise files (with the self-assessment shown beside
//! its evidence), the record with its timeline and the actions the reader may take, and the
//! list. The workflow's actions are in `act`.

pub(crate) use super::act::act_on;
pub use super::act::{ActRequest, act, conclude_notices};
use super::assessment::{AssessmentView, stored_view};
use super::{check_year, enterprise_in, parse_region, parse_track};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, Page, PageRequest, RequestMeta};
use chrono::{DateTime, NaiveDate, Utc};
use policy::cultivation::pool::Track;
use policy::cultivation::workflow::{self, AppState, Role};
use policy::org::{Permission, RegionCode, Scope};
use sea_orm::ActiveValue::Set;
use serde::{Deserialize, Serialize};
use store::ConnectionTrait;
use store::cultivation::application::ApplicationFilter;
use store::entity::{cultivation_application as application, cultivation_event as event};

/// The notice subject kind of applications.
pub const NOTICE_KIND: &str = "cultivation_application";

/// One event of an application's timeline.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EventView {
    /// Action code.
    pub action: String,
    /// Workflow role that took it.
    pub role: String,
    /// State before.
    pub from_state: String,
    /// State after.
    pub to_state: String,
    /// Who.
    pub actor_name: String,
    /// Comment or reason.
    pub comment: String,
    /// The day it counts for.
    pub on_date: NaiveDate,
    /// When it was recorded.
    pub at: DateTime<Utc>,
}

/// An application as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApplicationView {
    /// Id.
    pub id: i64,
    /// Enterprise.
    pub uscc: String,
    /// Enterprise name.
    pub enterprise_name: String,
    /// The enterprise's region.
    pub region_code: String,
    /// Track (`specialized`, …).
    pub track: String,
    /// Year of the round.
    pub year: i32,
    /// `new` or `re_review`.
    pub kind: String,
    /// Workflow state.
    pub state: String,
    /// Campaign.
    pub campaign_id: Option<i64>,
    /// The self-assessment shown beside the evidence.
    pub assessment_id: Option<i64>,
    /// That assessment in full, reproduced from its snapshot (the record only, not lists):
    /// reviewers read it beside the evidence.
    pub assessment: Option<AssessmentView>,
    /// The honor a re-review renews.
    pub renews_honor_id: Option<i64>,
    /// The honor the recognition created.
    pub honor_id: Option<i64>,
    /// Evidence and statements.
    pub evidence: String,
    /// 真实性声明 signed.
    pub pledge_truthful: bool,
    /// 合规经营承诺 signed.
    pub pledge_compliant: bool,
    /// The public notice, once opened.
    pub notice_id: Option<i64>,
    /// Timeline.
    pub events: Vec<EventView>,
    /// Actions the caller may take now.
    pub actions: Vec<String>,
}

fn event_view(e: &event::Model) -> EventView {
    EventView {
        action: e.action.clone(),
        role: e.role.clone(),
        from_state: e.from_state.clone(),
        to_state: e.to_state.clone(),
        actor_name: e.actor_name.clone(),
        comment: e.comment.clone(),
        on_date: e.on_date,
        at: e.at,
    }
}

/// The permission behind a workflow role.
pub(crate) fn permission_of(role: Role) -> Option<Permission> {
    match role {
        Role::Enterprise => Some(Permission::CULTIVATION_APPLY),
        Role::County => Some(Permission::CULTIVATION_REVIEW_COUNTY),
        Role::City => Some(Permission::CULTIVATION_REVIEW_CITY),
        Role::Province => Some(Permission::CULTIVATION_REVIEW_PROVINCE),
        Role::System => None,
    }
}

/// The workflow roles the actor holds over an application (by permission and scope).
fn roles_over(actor: &Actor, m: &application::Model) -> Vec<Role> {
    let region = RegionCode::parse(&m.region_code).ok();
    let uscc = policy::enterprise::Uscc::parse(&m.uscc).ok();
    let mut out = Vec::new();
    for role in [Role::Enterprise, Role::County, Role::City, Role::Province] {
        let Some(p) = permission_of(role) else {
            continue;
        };
        if actor.is_system() && role == Role::Enterprise {
            out.push(role);
            continue;
        }
        if let Ok(s) = actor.scope(p)
            && s.admits(region.as_ref(), uscc.as_ref(), None)
        {
            out.push(role);
        }
    }
    if actor.is_system() {
        out.push(Role::System);
    }
    out
}

pub(crate) async fn full_view<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    m: &application::Model,
) -> Result<ApplicationView, AppError> {
    let name = store::enterprise::profile::find(conn, &Scope::all(), &m.uscc)
        .await?
        .map(|e| e.name)
        .unwrap_or_default();
    let events = store::cultivation::application::events_of(conn, m.id).await?;
    let notice = store::notice::find_by_subject(conn, NOTICE_KIND, m.id).await?;
    let state = AppState::parse(&m.state).unwrap_or(AppState::Draft);
    // Only an assessment of the same enterprise and tier is shown (filing checks it too).
    let assessment = match m.assessment_id {
        Some(id) => match store::cultivation::assessment::find(conn, &Scope::all(), id).await? {
            Some(row) if row.uscc == m.uscc && row.tier == m.track => {
                Some(stored_view(conn, row).await?)
            }
            _ => None,
        },
        None => None,
    };
    let mut actions: Vec<String> = Vec::new();
    for role in roles_over(actor, m) {
        for a in workflow::available(state, role) {
            if !actions.iter().any(|x| x == a.as_str()) {
                actions.push(a.as_str().to_string());
            }
        }
    }
    Ok(ApplicationView {
        id: m.id,
        uscc: m.uscc.clone(),
        enterprise_name: name,
        region_code: m.region_code.clone(),
        track: m.track.clone(),
        year: m.year,
        kind: m.kind.clone(),
        state: m.state.clone(),
        campaign_id: m.campaign_id,
        assessment_id: m.assessment_id,
        assessment,
        renews_honor_id: m.renews_honor_id,
        honor_id: m.honor_id,
        evidence: m.evidence.clone(),
        pledge_truthful: m.pledge_truthful,
        pledge_compliant: m.pledge_compliant,
        notice_id: notice.map(|n| n.id),
        events: events.iter().map(event_view).collect(),
        actions,
    })
}

pub(crate) fn audit_json(m: &application::Model) -> serde_json::Value {
    serde_json::json!({
        "uscc": m.uscc, "track": m.track, "year": m.year, "kind": m.kind, "state": m.state,
        "campaign_id": m.campaign_id, "assessment_id": m.assessment_id, "honor_id": m.honor_id,
        "evidence": m.evidence, "pledge_truthful": m.pledge_truthful,
        "pledge_compliant": m.pledge_compliant,
    })
}

/// A new application (a draft).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct NewApplication {
    /// Enterprise (an enterprise user's own).
    pub uscc: String,
    /// Track code.
    pub track: String,
    /// Year of the round.
    pub year: i32,
    /// Campaign, if the round has one.
    #[serde(default)]
    pub campaign_id: Option<i64>,
    /// The self-assessment to show beside the evidence.
    #[serde(default)]
    pub assessment_id: Option<i64>,
    /// For a re-review: the honor it renews.
    #[serde(default)]
    pub renews_honor_id: Option<i64>,
    /// Evidence and statements.
    #[serde(default)]
    pub evidence: String,
}

/// Checks that the assessment an application shows is one of the enterprise's own (an
/// enterprise user's scope reaches no other), of the track's tier.
pub(crate) async fn check_assessment<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    uscc: &str,
    track: Track,
    id: i64,
) -> Result<(), AppError> {
    let own = store::cultivation::assessment::find(conn, scope, id)
        .await?
        .filter(|a| a.uscc == uscc);
    match own {
        None => Err(AppError::invalid(
            "assessment_id",
            "cultivation.assessment_not_own",
        )),
        Some(a) if a.tier != track.as_str() => Err(AppError::Invalid(vec![
            FieldError::new("assessment_id", "cultivation.assessment_other_tier")
                .with("tier", &a.tier),
        ])),
        Some(_) => Ok(()),
    }
}

/// The enterprise drafts an application for a track and year.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn create_application(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    n: &NewApplication,
) -> Result<ApplicationView, AppError> {
    let scope = actor.scope(Permission::CULTIVATION_APPLY)?;
    let mut errors = Vec::new();
    let track = parse_track(&n.track).and_then(|t| {
        t.title()
            .map(|_| t)
            .ok_or_else(|| AppError::invalid("track", "cultivation.track_not_applied"))
    });
    if let Err(AppError::Invalid(e)) = &track {
        errors.extend(e.clone());
    }
    if let Err(AppError::Invalid(e)) = check_year(n.year) {
        errors.extend(e);
    }
    if n.evidence.chars().count() > 20_000 {
        errors.push(FieldError::new("evidence", "notice.too_long"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let track = track?;
    let tx = app.db().begin_write().await?;
    let e = enterprise_in(&tx, &scope, &n.uscc).await?;
    let saved = create_in(&tx, actor, meta, &scope, &e, track, n).await?;
    let v = full_view(&tx, actor, &saved).await?;
    tx.commit().await?;
    Ok(v)
}

/// Files the draft inside the caller's transaction (the caller checked the permission and
/// that `e` lies in `scope`, the actor's `cultivation:apply` scope).
pub(crate) async fn create_in<C: ConnectionTrait>(
    tx: &C,
    actor: &Actor,
    meta: &RequestMeta,
    scope: &Scope,
    e: &store::entity::enterprise::Model,
    track: Track,
    n: &NewApplication,
) -> Result<application::Model, AppError> {
    if let Some(c) = n.campaign_id {
        let campaign = store::cultivation::campaign::find(tx, c)
            .await?
            .ok_or_else(|| AppError::invalid("campaign_id", "cultivation.campaign_unknown"))?;
        if campaign.track != track.as_str() || campaign.year != n.year {
            return Err(AppError::invalid(
                "campaign_id",
                "cultivation.campaign_mismatch",
            ));
        }
    }
    if let Some(id) = n.assessment_id {
        check_assessment(tx, scope, &e.uscc, track, id).await?;
    }
    let kind = if let Some(h) = n.renews_honor_id {
        let held = store::enterprise::honor::find(tx, &e.uscc, h)
            .await?
            .ok_or_else(|| AppError::invalid("renews_honor_id", "cultivation.honor_unknown"))?;
        if held.title != track.as_str() {
            return Err(AppError::invalid(
                "renews_honor_id",
                "cultivation.honor_unknown",
            ));
        }
        "re_review"
    } else {
        "new"
    };
    let now = Utc::now();
    let saved = store::cultivation::application::insert(
        tx,
        application::ActiveModel {
            campaign_id: Set(n.campaign_id),
            uscc: Set(e.uscc.clone()),
            region_code: Set(e.region_code.clone()),
            track: Set(track.as_str().into()),
            year: Set(n.year),
            kind: Set(kind.into()),
            state: Set(AppState::Draft.as_str().into()),
            assessment_id: Set(n.assessment_id),
            renews_honor_id: Set(n.renews_honor_id),
            honor_id: Set(None),
            evidence: Set(n.evidence.trim().into()),
            pledge_truthful: Set(false),
            pledge_compliant: Set(false),
            created_by: Set(actor.stored_id()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    record(
        tx,
        actor,
        meta,
        AuditRecord {
            action: "cultivation.application.create",
            entity_type: "cultivation_application",
            entity_id: saved.id.to_string(),
            region_code: Some(saved.region_code.clone()),
            before: serde_json::Value::Null,
            after: audit_json(&saved),
        },
    )
    .await?;
    Ok(saved)
}

/// One application in scope.
pub async fn get_application(
    app: &App,
    actor: &Actor,
    id: i64,
) -> Result<ApplicationView, AppError> {
    let scope = actor.scope(Permission::CULTIVATION_READ)?;
    let conn = app.db().conn();
    let m = store::cultivation::application::find(conn, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    full_view(conn, actor, &m).await
}

/// Filters of the application list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationFilterForm {
    /// Region code (its subtree).
    pub region: Option<String>,
    /// Track code.
    pub track: Option<String>,
    /// Year.
    pub year: Option<i32>,
    /// State code.
    pub state: Option<String>,
    /// Only applications that were submitted (what the statistics count as applied).
    pub applied: Option<bool>,
}

/// Applications in scope, newest first (without their timelines).
pub async fn list_applications(
    app: &App,
    actor: &Actor,
    f: &ApplicationFilterForm,
    page: PageRequest,
) -> Result<Page<ApplicationView>, AppError> {
    let scope = actor.scope(Permission::CULTIVATION_READ)?;
    let nonempty = |s: &Option<String>| s.clone().filter(|v| !v.trim().is_empty());
    let filter = ApplicationFilter {
        region: parse_region(f.region.as_deref())?,
        track: match nonempty(&f.track) {
            Some(t) => Some(parse_track(&t)?.as_str().to_string()),
            None => None,
        },
        year: f.year,
        states: match nonempty(&f.state) {
            Some(s) => vec![
                AppState::parse(&s)
                    .ok_or_else(|| AppError::invalid("state", "cultivation.state_unknown"))?
                    .as_str()
                    .to_string(),
            ],
            None if f.applied == Some(true) => AppState::ALL
                .iter()
                .filter(|s| s.was_submitted())
                .map(|s| s.as_str().to_string())
                .collect(),
            None => Vec::new(),
        },
        ..Default::default()
    };
    let conn = app.db().conn();
    let rows = store::cultivation::application::list(conn, &scope, &filter, page).await?;
    let mut items = Vec::with_capacity(rows.items.len());
    for m in &rows.items {
        let name = store::enterprise::profile::find(conn, &Scope::all(), &m.uscc)
            .await?
            .map(|e| e.name)
            .unwrap_or_default();
        items.push(ApplicationView {
            id: m.id,
            uscc: m.uscc.clone(),
            enterprise_name: name,
            region_code: m.region_code.clone(),
            track: m.track.clone(),
            year: m.year,
            kind: m.kind.clone(),
            state: m.state.clone(),
            campaign_id: m.campaign_id,
            assessment_id: m.assessment_id,
            assessment: None,
            renews_honor_id: m.renews_honor_id,
            honor_id: m.honor_id,
            evidence: String::new(),
            pledge_truthful: m.pledge_truthful,
            pledge_compliant: m.pledge_compliant,
            notice_id: None,
            events: Vec::new(),
            actions: Vec::new(),
        });
    }
    Ok(Page {
        items,
        next_cursor: rows.next_cursor,
    })
}
