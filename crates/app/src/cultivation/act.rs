//! The workflow's actions on an application: every transition checked by
//! `policy::cultivation::workflow`, appended to the event log with actor and comment, audited;
//! the province's recognition opens a public notice, and the grant after a cleared notice
//! creates the honor.

use super::application::{
    ApplicationView, NOTICE_KIND, audit_json, check_assessment, full_view, permission_of,
};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, PageRequest, RequestMeta};
use chrono::{Datelike, NaiveDate, Utc};
use policy::cultivation::pool::{Track, level_of};
use policy::cultivation::workflow::{self, Action, AppState, Pledges, Role};
use policy::notice::NoticeOutcome;
use policy::org::{Permission, RegionCode, Scope};
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::Deserialize;
use store::ConnectionTrait;
use store::cultivation::application::ApplicationFilter;
use store::entity::{cultivation_application as application, cultivation_event as event, honor};
use store::notify::NewNotification;

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
    /// Another self-assessment of its own (same tier) to show, when the enterprise resubmits.
    #[serde(default)]
    pub assessment_id: Option<i64>,
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
        if let Some(a) = req.assessment_id {
            check_assessment(&tx, &scope, &current.uscc, track, a).await?;
            am.assessment_id = Set(Some(a));
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
