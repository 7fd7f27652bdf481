//! What the API and pages show of applications: the ID number masked unless the reader may
//! see personal data.

use crate::Actor;
use chrono::{DateTime, NaiveDate, Utc};
use policy::org::Permission;
use serde::{Deserialize, Serialize};
use store::entity::{talent_application, talent_event, talent_recommendation};

/// A patent cited as evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Patent {
    /// `invention` or `utility_model`.
    pub kind: String,
    /// Patent number, e.g. `ZL202110123456.7`.
    pub number: String,
    /// Title.
    #[serde(default)]
    pub title: String,
}

/// The evidence the reform weighs (market recognition and real contribution).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Evidence {
    /// 创新创业.
    pub innovation: String,
    /// 技术研发.
    pub technology_development: String,
    /// 发明专利 and 实用新型, with numbers.
    pub patents: Vec<Patent>,
    /// 成果转化 (results put into production).
    pub production_results: String,
    /// 技术推广.
    pub promotion: String,
    /// 公共服务.
    pub public_service: String,
    /// 市场认可.
    pub market_recognition: String,
}

/// An attachment named in the application (the file itself is kept by the employer).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Attachment {
    /// File name.
    pub name: String,
    /// What it shows.
    #[serde(default)]
    pub note: String,
}

/// The recommendation behind an application of the recommendation route.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RecommendationView {
    /// The place taken (1-based).
    pub slot: i32,
    /// Who signed.
    pub recommender_name: String,
    /// `chairman` or `rd_leader`.
    pub recommender_role: String,
    /// The honor the quota came from, e.g. `little_giant/national`.
    pub basis: String,
    /// When.
    pub signed_at: DateTime<Utc>,
}

/// An application as the reader may see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApplicationView {
    /// Id.
    pub id: i64,
    /// Review year.
    pub year: i32,
    /// Employer's credit code.
    pub uscc: String,
    /// Employer's name.
    pub enterprise_name: String,
    /// Employer's region.
    pub region_code: String,
    /// The applicant.
    pub person_name: String,
    /// Resident ID number, masked unless the reader may see personal data.
    pub id_number: String,
    /// Series code.
    pub series: String,
    /// Specialty code.
    pub specialty: String,
    /// Level applied for.
    pub level: String,
    /// `ordinary` or `recommendation`.
    pub route: String,
    /// Highest education.
    pub education: String,
    /// Title held now.
    pub current_title: Option<String>,
    /// Years in that title.
    pub years_in_title: i32,
    /// Years of professional work.
    pub years_of_work: i32,
    /// The evidence.
    pub evidence: Evidence,
    /// Attachments named.
    pub attachments: Vec<Attachment>,
    /// The ordinary-route conditions, met or not (none for recommendations: exempt).
    #[schema(value_type = Object)]
    pub conditions: serde_json::Value,
    /// Rule-set version used.
    pub rules_version: String,
    /// Workflow state.
    pub state: String,
    /// Internal notice, first day.
    pub internal_notice_from: Option<NaiveDate>,
    /// Internal notice, last day.
    pub internal_notice_to: Option<NaiveDate>,
    /// The meeting it is on.
    pub meeting_id: Option<i64>,
    /// The day the title was granted.
    pub granted_on: Option<NaiveDate>,
    /// The recommendation, when by that route.
    pub recommendation: Option<RecommendationView>,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// One event of the workflow's log.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EventView {
    /// The action.
    pub action: String,
    /// State before.
    pub from_state: String,
    /// State after.
    pub to_state: String,
    /// Who.
    pub actor_name: String,
    /// Comment or reason.
    pub comment: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Whether the actor sees ID numbers in clear: the title administrator's personal-data
/// permission together with the review permission.
pub(crate) fn sees_personal_data(actor: &Actor) -> bool {
    actor.can(Permission::PERSONAL_DATA) && actor.can(Permission::TALENT_REVIEW)
}

pub(crate) fn recommendation_view(r: &talent_recommendation::Model) -> RecommendationView {
    RecommendationView {
        slot: r.slot,
        recommender_name: r.recommender_name.clone(),
        recommender_role: r.recommender_role.clone(),
        basis: r.basis.clone(),
        signed_at: r.signed_at,
    }
}

/// The view of a row; `clear` shows the ID number unmasked.
pub(crate) fn view(
    m: &talent_application::Model,
    rec: Option<&talent_recommendation::Model>,
    clear: bool,
) -> ApplicationView {
    ApplicationView {
        id: m.id,
        year: m.year,
        uscc: m.uscc.clone(),
        enterprise_name: m.enterprise_name.clone(),
        region_code: m.region_code.clone(),
        person_name: m.person_name.clone(),
        id_number: if clear {
            m.id_number.clone()
        } else {
            policy::talent::mask_id_number(&m.id_number)
        },
        series: m.series.clone(),
        specialty: m.specialty.clone(),
        level: m.level.clone(),
        route: m.route.clone(),
        education: m.education.clone(),
        current_title: m.current_title.clone(),
        years_in_title: m.years_in_title,
        years_of_work: m.years_of_work,
        evidence: serde_json::from_str(&m.evidence).unwrap_or_default(),
        attachments: serde_json::from_str(&m.attachments).unwrap_or_default(),
        conditions: serde_json::from_str(&m.conditions).unwrap_or(serde_json::Value::Null),
        rules_version: m.rules_version.clone(),
        state: m.state.clone(),
        internal_notice_from: m.internal_notice_from,
        internal_notice_to: m.internal_notice_to,
        meeting_id: m.meeting_id,
        granted_on: m.granted_on,
        recommendation: rec.map(recommendation_view),
        created_at: m.created_at,
    }
}

/// The view for the audit log: never the ID number (the diff masks it as well).
pub(crate) fn audit_value(m: &talent_application::Model) -> serde_json::Value {
    serde_json::to_value(view(m, None, false)).unwrap_or_default()
}

pub(crate) fn event_view(e: &talent_event::Model) -> EventView {
    EventView {
        action: e.action.clone(),
        from_state: e.from_state.clone(),
        to_state: e.to_state.clone(),
        actor_name: e.actor_name.clone(),
        comment: e.comment.clone(),
        at: e.at,
    }
}
