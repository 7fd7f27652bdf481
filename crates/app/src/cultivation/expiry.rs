//! Expiry and re-review (复核): titles near the end of their validity appear on the re-review
//! list months ahead; a job marks lapsed titles expired with the reason. A re-review is an
//! application with `renews_honor_id` and follows the same workflow.

use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{Months, NaiveDate};
use policy::cultivation::pool::Track;
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
