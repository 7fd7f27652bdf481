//! Applications (申报) and the workflow: every transition checked by
//! `policy::cultivation::workflow`, appended to the event log with actor and comment,
//! audited; the province's recognition opens a public notice, and the grant after a cleared
//! notice creates the honor.

use super::{check_year, enterprise_in, parse_region, parse_track};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, Page, PageRequest, RequestMeta};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use policy::cultivation::pool::{Track, level_of};
use policy::cultivation::workflow::{self, Action, AppState, Pledges, Role};
use policy::notice::NoticeOutcome;
use policy::org::{Permission, RegionCode, Scope};
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::{Deserialize, Serialize};
use store::ConnectionTrait;
use store::cultivation::application::ApplicationFilter;
use store::entity::{cultivation_application as application, cultivation_event as event, honor};
use store::notify::NewNotification;

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
fn permission_of(role: Role) -> Option<Permission> {
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

async fn full_view<C: ConnectionTrait>(
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

fn audit_json(m: &application::Model) -> serde_json::Value {
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
    if let Some(c) = n.campaign_id {
        let campaign = store::cultivation::campaign::find(&tx, c)
            .await?
            .ok_or_else(|| AppError::invalid("campaign_id", "cultivation.campaign_unknown"))?;
        if campaign.track != track.as_str() || campaign.year != n.year {
            return Err(AppError::invalid(
                "campaign_id",
                "cultivation.campaign_mismatch",
            ));
        }
    }
    let kind = if let Some(h) = n.renews_honor_id {
        let held = store::enterprise::honor::find(&tx, &e.uscc, h)
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
        &tx,
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
        &tx,
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
    let v = full_view(&tx, actor, &saved).await?;
    tx.commit().await?;
    Ok(v)
}

/// What an action sends.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ActRequest {
    /// Action code (`submit`, `county_pass`, `county_return`, …).
    pub action: String,
    /// Comment; the reason of a return, rejection or decline.
    #[serde(default)]
    pub comment: String,
    /// 真实性声明 (to submit).
    #[serde(default)]
    pub pledge_truthful: bool,
    /// 合规经营承诺 (to submit).
    #[serde(default)]
    pub pledge_compliant: bool,
    /// New evidence text, when the enterprise fixes and resubmits.
    #[serde(default)]
    pub evidence: Option<String>,
}

/// Takes a workflow action on an application today.
pub async fn act(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    req: &ActRequest,
) -> Result<ApplicationView, AppError> {
    act_on(app, actor, meta, id, req, crate::notice::today()).await
}

/// The workflow role `actor` takes `action` in, with its scope.
fn role_for(actor: &Actor, action: Action) -> Result<(Role, Scope), AppError> {
    let mut first_missing = None;
    for role in action.roles() {
        match permission_of(*role) {
            Some(p) => match actor.scope(p) {
                Ok(s) => return Ok((*role, s)),
                Err(e) => {
                    first_missing.get_or_insert(e);
                }
            },
            None if actor.is_system() => return Ok((*role, Scope::all())),
            None => {}
        }
    }
    Err(first_missing.unwrap_or(AppError::Forbidden(Permission::CULTIVATION_APPLY)))
}

/// Takes a workflow action on an application as of `on` (the demo replays past rounds).
#[tracing::instrument(skip_all, fields(actor = %actor.username, application = id))]
pub(crate) async fn act_on(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    req: &ActRequest,
    on: NaiveDate,
) -> Result<ApplicationView, AppError> {
    let action = Action::parse(&req.action)
        .ok_or_else(|| AppError::invalid("action", "cultivation.action_unknown"))?;
    let (role, scope) = role_for(actor, action)?;
    if req.comment.chars().count() > 2000 {
        return Err(AppError::invalid("comment", "notice.too_long"));
    }
    let tx = app.db().begin_write().await?;
    let current = store::cultivation::application::find(&tx, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let from = AppState::parse(&current.state)
        .ok_or_else(|| AppError::Internal(format!("stored state {}", current.state)))?;
    let pledges = Pledges {
        truthful: req.pledge_truthful,
        compliant: req.pledge_compliant,
    };
    let to = workflow::transition(from, action, role, &req.comment, pledges).map_err(|r| {
        let field = match r {
            workflow::Refusal::ReasonRequired => "comment",
            workflow::Refusal::PledgesRequired => "pledges",
            _ => "action",
        };
        AppError::invalid(field, r.key())
    })?;
    let track = Track::parse(&current.track)
        .ok_or_else(|| AppError::Internal(format!("stored track {}", current.track)))?;
    let enterprise = store::enterprise::profile::find(&tx, &Scope::all(), &current.uscc)
        .await?
        .ok_or(AppError::NotFound)?;
    // What else the action needs to hold, by its meaning.
    match action {
        Action::Submit if !actor.is_system() => {
            if let Some(c) = current.campaign_id
                && let Some(campaign) = store::cultivation::campaign::find(&tx, c).await?
                && !(campaign.opens_on..=campaign.closes_on).contains(&on)
            {
                return Err(AppError::invalid(
                    "campaign_id",
                    "cultivation.campaign_closed",
                ));
            }
        }
        Action::Grant | Action::NoticeObjected => {
            let outcome = crate::notice::notice_outcome(&tx, NOTICE_KIND, id, on)
                .await?
                .map(|(_, o)| o);
            let wanted = if action == Action::Grant {
                NoticeOutcome::Cleared
            } else {
                NoticeOutcome::Objected
            };
            if outcome != Some(wanted) {
                return Err(AppError::invalid(
                    "action",
                    "cultivation.notice_not_concluded",
                ));
            }
        }
        _ => {}
    }
    let before = audit_json(&current);
    let mut am = current.clone().into_active_model();
    am.state = Set(to.as_str().into());
    am.updated_at = Set(Utc::now());
    if action == Action::Submit {
        am.pledge_truthful = Set(true);
        am.pledge_compliant = Set(true);
        if let Some(ev) = &req.evidence {
            am.evidence = Set(ev.trim().into());
        }
    }
    let title = track
        .title()
        .ok_or_else(|| AppError::Internal("a pool-only track was applied for".into()))?;
    if action == Action::ProvinceRecognise {
        let rules = rule_facts(track, on);
        crate::notice::open_notice(
            &tx,
            actor,
            meta,
            crate::notice::NewNotice {
                subject_kind: NOTICE_KIND,
                subject_id: id,
                region_code: current.region_code.clone(),
                title: format!("{}年拟认定{}名单公示", current.year, title.name_zh()),
                body: format!(
                    "经企业申报、区县审核、市级复核、省级评审，{}拟认定为{}，现予以公示。公示期内如有异议，请实名提出。",
                    enterprise.name,
                    title.name_zh()
                ),
                items: vec![format!("{}（{}）", enterprise.name, enterprise.uscc)],
                working_days: rules.notice_days,
                opened: on,
            },
        )
        .await?;
    }
    if action == Action::Grant {
        let rules = rule_facts(track, on);
        let valid_to = on
            .with_year(on.year() + rules.validity_years as i32)
            .and_then(|d| d.pred_opt());
        let h = store::enterprise::honor::insert(
            &tx,
            honor::ActiveModel {
                uscc: Set(current.uscc.clone()),
                title: Set(title.as_str().into()),
                level: Set(level_of(title).as_str().into()),
                batch: Set(format!("{}年", current.year)),
                year: Set(current.year),
                certificate_no: Set(String::new()),
                valid_from: Set(Some(on)),
                valid_to: Set(valid_to),
                status: Set("valid".into()),
                status_reason: Set(String::new()),
                source_document: Set(format!("申报 #{id}（{}）", current.kind)),
                created_at: Set(Utc::now()),
                ..Default::default()
            },
        )
        .await?;
        record(
            &tx,
            actor,
            meta,
            AuditRecord {
                action: "honor.create",
                entity_type: "honor",
                entity_id: h.id.to_string(),
                region_code: Some(current.region_code.clone()),
                before: serde_json::Value::Null,
                after: serde_json::json!({"uscc": h.uscc, "title": h.title, "level": h.level,
                    "year": h.year, "valid_from": h.valid_from, "valid_to": h.valid_to,
                    "source_document": h.source_document}),
            },
        )
        .await?;
        am.honor_id = Set(Some(h.id));
    }
    let saved = store::cultivation::application::update(&tx, am).await?;
    store::cultivation::application::append_event(
        &tx,
        event::ActiveModel {
            application_id: Set(id),
            action: Set(action.as_str().into()),
            role: Set(role.as_str().into()),
            from_state: Set(from.as_str().into()),
            to_state: Set(to.as_str().into()),
            actor_id: Set(actor.stored_id()),
            actor_name: Set(actor.display_name.clone()),
            comment: Set(req.comment.trim().into()),
            on_date: Set(on),
            at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "cultivation.application.transition",
            entity_type: "cultivation_application",
            entity_id: id.to_string(),
            region_code: Some(saved.region_code.clone()),
            before,
            after: audit_json(&saved),
        },
    )
    .await?;
    if !actor.is_system() {
        notify_next(&tx, &saved, &enterprise.name, action).await?;
    }
    let v = full_view(&tx, actor, &saved).await?;
    tx.commit().await?;
    Ok(v)
}

/// Tells the next reviewers that an application waits for them.
async fn notify_next<C: ConnectionTrait>(
    conn: &C,
    m: &application::Model,
    name: &str,
    action: Action,
) -> Result<(), AppError> {
    let permission = match action {
        Action::Submit | Action::CityReturn => Permission::CULTIVATION_REVIEW_COUNTY,
        Action::CountyPass => Permission::CULTIVATION_REVIEW_CITY,
        _ => return Ok(()),
    };
    let mut regions = vec![m.region_code.clone()];
    if let Ok(r) = RegionCode::parse(&m.region_code) {
        regions.extend(r.ancestors().iter().map(|a| a.to_string()));
    }
    let users = store::org::user::holders_in_regions(conn, permission.as_str(), &regions).await?;
    for u in users {
        store::notify::raise(
            conn,
            NewNotification {
                user_id: u.id,
                kind: "cultivation.review".into(),
                title: format!("待审核申报：{name}"),
                body: format!("{} {} 年申报 #{}", m.track, m.year, m.id),
                link: Some(format!("/cultivation/applications/{}", m.id)),
            },
            Utc::now(),
        )
        .await?;
    }
    Ok(())
}

/// Validity and notice length of a track on a date, from the shipped rule sets; tracks
/// without a rule set (high-tech, technology centres, …) keep the three years and seven
/// working days the tiers share.
pub(crate) struct RuleFacts {
    pub(crate) validity_years: u32,
    pub(crate) notice_days: u32,
}

pub(crate) fn rule_facts(track: Track, on: NaiveDate) -> RuleFacts {
    let default = RuleFacts {
        validity_years: 3,
        notice_days: 7,
    };
    let Some(tier) = policy::cultivation::Tier::parse(track.as_str()) else {
        return default;
    };
    static SHIPPED: std::sync::OnceLock<Vec<policy::cultivation::RuleSet>> =
        std::sync::OnceLock::new();
    let sets = SHIPPED.get_or_init(|| policy::cultivation::shipped::all().unwrap_or_default());
    let set = policy::cultivation::shipped::applicable(sets, tier, on).or_else(|| {
        sets.iter()
            .filter(|s| s.file.tier == tier)
            .min_by_key(|s| s.file.effective_from)
    });
    match set {
        Some(s) => RuleFacts {
            validity_years: s.file.validity_years,
            notice_days: s
                .file
                .public_notice_days
                .clamp(1, policy::notice::MAX_WORKING_DAYS),
        },
        None => default,
    }
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

/// The background job's step: every application whose notice has concluded on `today` is
/// granted (cleared) or closed (objection sustained). Returns (granted, closed).
pub async fn conclude_notices(app: &App, today: NaiveDate) -> Result<(usize, usize), AppError> {
    let actor = Actor::system("cultivation_notices");
    let meta = RequestMeta::cli("jobs");
    let waiting = store::cultivation::application::list(
        app.db().conn(),
        &Scope::all(),
        &ApplicationFilter {
            states: vec![AppState::InNotice.as_str().into()],
            ..Default::default()
        },
        PageRequest::new(store::page::MAX_LIMIT, None),
    )
    .await?;
    let (mut granted, mut closed) = (0, 0);
    for m in waiting.items {
        let outcome = crate::notice::notice_outcome(app.db().conn(), NOTICE_KIND, m.id, today)
            .await?
            .map(|(_, o)| o);
        let action = match outcome {
            Some(NoticeOutcome::Cleared) => Action::Grant,
            Some(NoticeOutcome::Objected) => Action::NoticeObjected,
            _ => continue,
        };
        let req = ActRequest {
            action: action.as_str().into(),
            comment: if action == Action::Grant {
                "公示期满无异议".into()
            } else {
                "公示异议成立".into()
            },
            ..Default::default()
        };
        act_on(app, &actor, &meta, m.id, &req, today).await?;
        if action == Action::Grant {
            granted += 1;
        } else {
            closed += 1;
        }
    }
    Ok((granted, closed))
}
