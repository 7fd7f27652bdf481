//! Expiry and re-review (复核): titles near the end of their validity appear on the re-review
//! list months ahead; a job marks lapsed titles expired with the reason. A re-review is an
//! application with `renews_honor_id` and follows the same workflow.

use super::application::{ApplicationView, NewApplication, create_in, full_view};
use super::assessment::assess_in;
use super::rules::{choose_for_re_review, published};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{Datelike, Months, NaiveDate};
use policy::cultivation::Tier;
use policy::cultivation::pool::Track;
use policy::cultivation::workflow::AppState;
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::Serialize;
use store::cultivation::application::ApplicationFilter;

/// How many months ahead the re-review list looks by default.
pub const DEFAULT_MONTHS_AHEAD: u32 = 6;

/// A title due for re-review.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReReviewItem {
    /// The honor.
    pub honor_id: i64,
    /// Enterprise.
    pub uscc: String,
    /// Enterprise name.
    pub enterprise_name: String,
    /// Region.
    pub region_code: String,
    /// Title code.
    pub title: String,
    /// Level.
    pub level: String,
    /// End of validity.
    pub valid_to: Option<NaiveDate>,
    /// A re-review application already opened for it.
    pub application_id: Option<i64>,
}

/// Titles of the cultivation tracks, in scope, whose validity ends within `months` of `today`.
pub async fn re_review_list(
    app: &App,
    actor: &Actor,
    today: NaiveDate,
    months: u32,
) -> Result<Vec<ReReviewItem>, AppError> {
    let scope = actor.scope(Permission::CULTIVATION_READ)?;
    let months = months.clamp(1, 36);
    let until = today
        .checked_add_months(Months::new(months))
        .unwrap_or(today);
    let titles: Vec<&str> = Track::all()
        .into_iter()
        .filter(|t| t.title().is_some())
        .map(|t| t.as_str())
        .collect();
    let conn = app.db().conn();
    let honors = store::cultivation::expiry::due(conn, &scope, &titles, today, until).await?;
    let mut out = Vec::with_capacity(honors.len());
    for h in honors {
        let e = store::enterprise::profile::find(conn, &scope, &h.uscc).await?;
        let open = store::cultivation::application::list(
            conn,
            &scope,
            &ApplicationFilter {
                uscc: Some(h.uscc.clone()),
                kind: Some("re_review".into()),
                ..Default::default()
            },
            crate::PageRequest::new(50, None),
        )
        .await?
        .items
        .into_iter()
        .find(|a| a.renews_honor_id == Some(h.id));
        out.push(ReReviewItem {
            honor_id: h.id,
            enterprise_name: e.as_ref().map(|e| e.name.clone()).unwrap_or_default(),
            region_code: e.map(|e| e.region_code).unwrap_or_default(),
            uscc: h.uscc,
            title: h.title,
            level: h.level,
            valid_to: h.valid_to,
            application_id: open.map(|a| a.id),
        });
    }
    Ok(out)
}

/// The enterprise starts the re-review (发起复核) of one of its valid titles: a draft re-review
/// application of the title's track for this year, showing a self-assessment of last year's
/// figures by the rule set the measures name for re-reviews (`re_review_by_award_set`: a
/// title won under the 2022 measures keeps the 2022 set where its tier's 2026 set says so),
/// all in one transaction. The draft then follows the same workflow as a new application.
pub async fn start_re_review(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    honor_id: i64,
) -> Result<ApplicationView, AppError> {
    start_re_review_on(app, actor, meta, honor_id, crate::notice::today()).await
}

/// [`start_re_review`] as of `today`.
#[tracing::instrument(skip_all, fields(actor = %actor.username, honor = honor_id))]
pub(crate) async fn start_re_review_on(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    honor_id: i64,
    today: NaiveDate,
) -> Result<ApplicationView, AppError> {
    let scope = actor.scope(Permission::CULTIVATION_APPLY)?;
    actor.require(Permission::CULTIVATION_ASSESS)?;
    let tx = app.db().begin_write().await?;
    let h = store::cultivation::expiry::honor_in(&tx, &scope, honor_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if h.status != "valid" {
        return Err(AppError::invalid("honor_id", "cultivation.honor_not_valid"));
    }
    let track = Track::parse(&h.title)
        .filter(|t| t.title().is_some())
        .ok_or_else(|| AppError::invalid("honor_id", "cultivation.track_not_applied"))?;
    let earlier = store::cultivation::application::list(
        &tx,
        &scope,
        &ApplicationFilter {
            uscc: Some(h.uscc.clone()),
            kind: Some("re_review".into()),
            ..Default::default()
        },
        crate::PageRequest::new(store::page::MAX_LIMIT, None),
    )
    .await?;
    let open = earlier.items.iter().any(|a| {
        a.renews_honor_id == Some(h.id)
            && AppState::parse(&a.state).is_none_or(|s| !s.is_final() || s == AppState::Recognised)
    });
    if open {
        return Err(AppError::invalid("honor_id", "cultivation.re_review_open"));
    }
    let e = super::enterprise_in(&tx, &scope, &h.uscc).await?;
    let assessment_id = match Tier::parse(track.as_str()) {
        Some(tier) => {
            let sets = published(&tx).await?;
            let won_on = h
                .valid_from
                .or_else(|| NaiveDate::from_ymd_opt(h.year, 1, 1))
                .unwrap_or(today);
            let chosen = choose_for_re_review(&sets, tier, today, won_on)?;
            let year = today.year() - 1;
            let a = assess_in(
                &tx,
                actor,
                meta,
                &e,
                chosen,
                year,
                today,
                Default::default(),
            )
            .await?;
            Some(a.id)
        }
        None => None,
    };
    let n = NewApplication {
        uscc: e.uscc.clone(),
        track: track.as_str().into(),
        year: today.year(),
        campaign_id: None,
        assessment_id,
        renews_honor_id: Some(h.id),
        evidence: String::new(),
    };
    let saved = create_in(&tx, actor, meta, &scope, &e, track, &n).await?;
    let v = full_view(&tx, actor, &saved).await?;
    tx.commit().await?;
    Ok(v)
}

/// The background job's step: every title still valid after its last day becomes expired,
/// with the reason. Returns how many.
pub async fn expire_honors(app: &App, today: NaiveDate) -> Result<usize, AppError> {
    let actor = Actor::system("honor_expiry");
    let meta = RequestMeta::cli("jobs");
    let tx = app.db().begin_write().await?;
    let lapsed = store::cultivation::expiry::lapsed(&tx, today).await?;
    let n = lapsed.len();
    for h in lapsed {
        let valid_to = h.valid_to.map(|d| d.to_string()).unwrap_or_default();
        let reason = format!("有效期至 {valid_to} 届满，未通过复核");
        let id = h.id;
        let region = store::enterprise::profile::find(&tx, &policy::org::Scope::all(), &h.uscc)
            .await?
            .map(|e| e.region_code);
        let mut am = h.into_active_model();
        am.status = Set("expired".into());
        am.status_reason = Set(reason.clone());
        store::enterprise::honor::update(&tx, am).await?;
        record(
            &tx,
            &actor,
            &meta,
            AuditRecord {
                action: "honor.set_status",
                entity_type: "honor",
                entity_id: id.to_string(),
                region_code: region,
                before: serde_json::json!({"status": "valid", "status_reason": ""}),
                after: serde_json::json!({"status": "expired", "status_reason": reason}),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(n)
}
