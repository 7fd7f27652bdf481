//! The recommendation route (举荐制): the enterprise's quota for a year and the places taken.

use super::view::RecommendationView;
use crate::{Actor, App, AppError, FieldError};
use chrono::Utc;
use policy::enterprise::{HonorLevel, HonorStatus, HonorTitle};
use policy::org::Permission;
use policy::talent::{HonorFact, QuotaDecision, TalentRules, next_slot, quota_on};
use sea_orm::ActiveValue::Set;
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};
use store::entity::{talent_application, talent_recommendation};

/// Who recommends and signs.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RecommendationForm {
    /// The signer's name.
    pub recommender_name: String,
    /// `chairman` (董事长) or `rd_leader` (研发团队负责人).
    pub recommender_role: String,
}

/// One place taken.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlaceView {
    /// The application that took it.
    pub application_id: i64,
    /// The recommended engineer.
    pub person_name: String,
    /// The recommendation.
    #[serde(flatten)]
    pub recommendation: RecommendationView,
}

/// An enterprise's quota for a year and who used it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuotaView {
    /// The enterprise.
    pub uscc: String,
    /// The year.
    pub year: i32,
    /// Places this year, from the highest honor valid today.
    pub quota: u32,
    /// The honor the quota comes from (`little_giant/national`), empty when none.
    pub basis: String,
    /// Places used so far.
    pub used: u32,
    /// The places, by slot.
    pub places: Vec<PlaceView>,
}

/// The quota decision of an enterprise today, from its honors.
pub(crate) async fn decide<C: ConnectionTrait>(
    conn: &C,
    rules: &TalentRules,
    uscc: &str,
) -> Result<QuotaDecision, AppError> {
    let honors: Vec<HonorFact> = store::enterprise::honor::of_enterprise(conn, uscc)
        .await?
        .iter()
        .filter_map(|h| {
            Some(HonorFact {
                title: HonorTitle::parse(&h.title)?,
                level: HonorLevel::parse(&h.level)?,
                status: HonorStatus::parse(&h.status)?,
                valid_from: h.valid_from,
                valid_to: h.valid_to,
            })
        })
        .collect();
    Ok(quota_on(&rules.quota, &honors, super::today()))
}

fn basis_text(d: &QuotaDecision) -> String {
    match (d.basis_title, d.basis_level) {
        (Some(t), Some(l)) => format!("{}/{}", t.as_str(), l.as_str()),
        _ => String::new(),
    }
}

async fn places<C: ConnectionTrait>(
    conn: &C,
    uscc: &str,
    year: i32,
) -> Result<Vec<PlaceView>, AppError> {
    let mut out = Vec::new();
    for r in store::talent::application::recommendations(conn, uscc, year).await? {
        let person =
            store::talent::application::find(conn, &policy::org::Scope::all(), r.application_id)
                .await?
                .map(|a| a.person_name)
                .unwrap_or_default();
        out.push(PlaceView {
            application_id: r.application_id,
            person_name: person,
            recommendation: super::view::recommendation_view(&r),
        });
    }
    Ok(out)
}

async fn quota_view<C: ConnectionTrait>(
    conn: &C,
    rules: &TalentRules,
    uscc: &str,
    year: i32,
) -> Result<QuotaView, AppError> {
    let d = decide(conn, rules, uscc).await?;
    let places = places(conn, uscc, year).await?;
    Ok(QuotaView {
        uscc: uscc.into(),
        year,
        quota: d.quota,
        basis: basis_text(&d),
        used: u32::try_from(places.len()).unwrap_or(u32::MAX),
        places,
    })
}

/// An enterprise's quota for `year` and who used it.
pub async fn quota_of(
    app: &App,
    actor: &Actor,
    uscc: &str,
    year: i32,
) -> Result<QuotaView, AppError> {
    let scope = actor.scope(Permission::TALENT_READ)?;
    let conn = app.db().conn();
    store::enterprise::profile::find(conn, &scope, uscc)
        .await?
        .ok_or(AppError::NotFound)?;
    quota_view(conn, super::talent_rules()?, uscc, year).await
}

/// The refusal of a recommendation beyond the quota: the quota, the places used and who used
/// them, read after the refused transaction ended.
pub(crate) async fn refusal(app: &App, uscc: &str, year: i32) -> AppError {
    let view = match super::talent_rules() {
        Ok(rules) => quota_view(app.db().conn(), rules, uscc, year).await,
        Err(e) => Err(e),
    };
    match view {
        Ok(v) => {
            let holders: Vec<String> = v
                .places
                .iter()
                .map(|p| format!("{} ({})", p.person_name, p.recommendation.recommender_name))
                .collect();
            AppError::Invalid(vec![
                FieldError::new("route", "talent.quota_exceeded")
                    .with("quota", v.quota)
                    .with("used", v.used)
                    .with("holders", holders.join(", ")),
            ])
        }
        Err(e) => e,
    }
}

/// Why a place could not be taken.
pub(crate) enum PlaceError {
    /// The quota is used up (or another recommendation took the last place at the same moment).
    Full,
    /// Anything else.
    Other(AppError),
}

/// Takes the next place of the application's enterprise and year, inside the caller's write
/// transaction. The unique key on (enterprise, year, slot) decides a race: of two
/// transactions that read the same count, the second insert fails and is refused as full.
pub(crate) async fn take_place<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    application: &talent_application::Model,
    form: &RecommendationForm,
    rules: &TalentRules,
) -> Result<talent_recommendation::Model, PlaceError> {
    let d = decide(conn, rules, &application.uscc)
        .await
        .map_err(PlaceError::Other)?;
    let used =
        store::talent::application::recommendations(conn, &application.uscc, application.year)
            .await
            .map_err(|e| PlaceError::Other(e.into()))?
            .len();
    let slot = next_slot(d.quota, u32::try_from(used).unwrap_or(u32::MAX))
        .map_err(|_| PlaceError::Full)?;
    let row = talent_recommendation::ActiveModel {
        uscc: Set(application.uscc.clone()),
        year: Set(application.year),
        slot: Set(i32::try_from(slot).unwrap_or(i32::MAX)),
        application_id: Set(application.id),
        recommender_name: Set(form.recommender_name.trim().into()),
        recommender_role: Set(form.recommender_role.clone()),
        basis: Set(basis_text(&d)),
        created_by: Set(actor.stored_id()),
        signed_at: Set(Utc::now()),
        ..Default::default()
    };
    store::talent::application::take_place(conn, row)
        .await
        .map_err(|e| {
            if store::is_unique_violation(&e) {
                PlaceError::Full
            } else {
                PlaceError::Other(e.into())
            }
        })
}
