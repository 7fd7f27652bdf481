//! Creating and reading applications.

use super::recommend::{PlaceError, RecommendationForm, refusal, take_place};
use super::rules::talent_rules;
use super::view::{
    ApplicationView, Attachment, EventView, Evidence, audit_value, event_view, sees_personal_data,
    view,
};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::{Datelike, Utc};
use policy::org::Permission;
use policy::talent::{Candidate, Education, Route, TitleLevel, id_number_valid};
use sea_orm::ActiveValue::Set;
use serde::Deserialize;
use store::entity::{talent_application, talent_event};

/// What an enterprise sends to apply (or to recommend, with `route` = `recommendation`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ApplicationForm {
    /// Review year (default: this year).
    pub year: Option<i32>,
    /// Employer's credit code (default: the enterprise user's own).
    pub uscc: Option<String>,
    /// The applicant's name.
    pub person_name: String,
    /// Resident ID number (18 characters).
    pub id_number: String,
    /// Series code (`engineering`).
    pub series: String,
    /// Specialty code (`foundry`).
    pub specialty: String,
    /// Level code (`full_senior`, `associate_senior`, `intermediate`, `assistant`, `member`).
    pub level: String,
    /// `ordinary` (default) or `recommendation`.
    pub route: String,
    /// Highest education (`secondary`, `associate`, `bachelor`, `master`, `doctorate`).
    pub education: String,
    /// Title held now (a level code), if any.
    pub current_title: Option<String>,
    /// Years in that title.
    pub years_in_title: i32,
    /// Years of professional work.
    pub years_of_work: i32,
    /// The evidence.
    pub evidence: Evidence,
    /// Attachments named.
    pub attachments: Vec<Attachment>,
    /// Who recommends and signs (recommendation route only).
    pub recommendation: Option<RecommendationForm>,
}

/// The form checked: every problem named at once.
pub(crate) struct Checked {
    pub level: TitleLevel,
    pub route: Route,
    pub education: Education,
    pub current: Option<TitleLevel>,
}

fn check(f: &ApplicationForm) -> Result<Checked, AppError> {
    let rules = talent_rules()?;
    let mut errs = Vec::new();
    if f.person_name.trim().is_empty() {
        errs.push(FieldError::new("person_name", "common.required"));
    }
    if !id_number_valid(&f.id_number) {
        errs.push(FieldError::new("id_number", "talent.id_number"));
    }
    if rules.series(&f.series).is_none() {
        errs.push(FieldError::new("series", "talent.choice"));
    } else if rules.specialty(&f.series, &f.specialty).is_none() {
        errs.push(FieldError::new("specialty", "talent.choice"));
    }
    let level = TitleLevel::parse(&f.level);
    if level.is_none() {
        errs.push(FieldError::new("level", "talent.choice"));
    }
    let route = if f.route.trim().is_empty() {
        Some(Route::Ordinary)
    } else {
        Route::parse(&f.route)
    };
    if route.is_none() {
        errs.push(FieldError::new("route", "talent.choice"));
    }
    let education = Education::parse(&f.education);
    if education.is_none() {
        errs.push(FieldError::new("education", "talent.choice"));
    }
    let current = match f.current_title.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => {
            let p = TitleLevel::parse(t);
            if p.is_none() {
                errs.push(FieldError::new("current_title", "talent.choice"));
            }
            p
        }
    };
    for (field, v) in [
        ("years_in_title", f.years_in_title),
        ("years_of_work", f.years_of_work),
    ] {
        if !(0..=60).contains(&v) {
            errs.push(FieldError::new(field, "talent.years").with("max", 60));
        }
    }
    for (i, p) in f.evidence.patents.iter().enumerate() {
        if !matches!(p.kind.as_str(), "invention" | "utility_model") {
            errs.push(FieldError::new(
                format!("evidence.patents[{i}].kind"),
                "talent.choice",
            ));
        }
        if p.number.trim().is_empty() {
            errs.push(FieldError::new(
                format!("evidence.patents[{i}].number"),
                "common.required",
            ));
        }
    }
    if let (Some(l), Some(r)) = (level, route)
        && !rules.route_admits(r, &f.series, l)
    {
        errs.push(FieldError::new("level", "talent.route_level"));
    }
    if route == Some(Route::Recommendation) {
        match &f.recommendation {
            None => errs.push(FieldError::new("recommendation", "common.required")),
            Some(r) => {
                if r.recommender_name.trim().is_empty() {
                    errs.push(FieldError::new(
                        "recommendation.recommender_name",
                        "common.required",
                    ));
                }
                if !matches!(r.recommender_role.as_str(), "chairman" | "rd_leader") {
                    errs.push(FieldError::new(
                        "recommendation.recommender_role",
                        "talent.choice",
                    ));
                }
            }
        }
    }
    match (level, route, education) {
        (Some(level), Some(route), Some(education)) if errs.is_empty() => Ok(Checked {
            level,
            route,
            education,
            current,
        }),
        _ => Err(AppError::Invalid(errs)),
    }
}

/// Creates an application in `draft`. By the recommendation route it needs
/// `talent:recommend` and takes one of the enterprise's places for the year in the same
/// transaction; by the ordinary route `talent:apply`, and the conditions are evaluated and
/// stored with the rule-set version.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn create_application(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: &ApplicationForm,
) -> Result<ApplicationView, AppError> {
    let route = Route::parse(&form.route).unwrap_or(Route::Ordinary);
    let permission = match route {
        Route::Recommendation => Permission::TALENT_RECOMMEND,
        Route::Ordinary => Permission::TALENT_APPLY,
    };
    let scope = actor.scope(permission)?;
    let c = check(form)?;
    let rules = talent_rules()?;
    let uscc = form
        .uscc
        .clone()
        .filter(|u| !u.trim().is_empty())
        .or_else(|| actor.enterprise.as_ref().map(|u| u.to_string()))
        .ok_or_else(|| AppError::invalid("uscc", "common.required"))?;
    let year = form.year.unwrap_or_else(|| super::today().year());
    if !(2000..=2100).contains(&year) {
        return Err(AppError::invalid("year", "talent.choice"));
    }
    let conditions = match c.route {
        Route::Recommendation => serde_json::Value::Null,
        Route::Ordinary => {
            let candidate = Candidate {
                education: c.education,
                current_title: c.current,
                years_in_title: u32::try_from(form.years_in_title).unwrap_or(0),
                years_of_work: u32::try_from(form.years_of_work).unwrap_or(0),
            };
            rules
                .conditions_for(c.level)
                .map(|lc| serde_json::to_value(lc.evaluate(&rules.version, &candidate)))
                .transpose()
                .map_err(|e| AppError::Internal(e.to_string()))?
                .unwrap_or_default()
        }
    };
    let now = Utc::now();
    let tx = app.db().begin_write().await?;
    let enterprise = store::enterprise::profile::find(&tx, &scope, &uscc)
        .await?
        .ok_or(AppError::NotFound)?;
    let saved = store::talent::application::insert(
        &tx,
        talent_application::ActiveModel {
            year: Set(year),
            uscc: Set(uscc.clone()),
            enterprise_name: Set(enterprise.name.clone()),
            region_code: Set(enterprise.region_code.clone()),
            person_name: Set(form.person_name.trim().into()),
            id_number: Set(form.id_number.trim().to_uppercase()),
            series: Set(form.series.clone()),
            specialty: Set(form.specialty.clone()),
            level: Set(c.level.as_str().into()),
            route: Set(c.route.as_str().into()),
            education: Set(c.education.as_str().into()),
            current_title: Set(c.current.map(|t| t.as_str().to_string())),
            years_in_title: Set(form.years_in_title),
            years_of_work: Set(form.years_of_work),
            evidence: Set(serde_json::to_string(&form.evidence).unwrap_or_default()),
            attachments: Set(serde_json::to_string(&form.attachments).unwrap_or_default()),
            conditions: Set(conditions.to_string()),
            rules_version: Set(rules.version.clone()),
            state: Set("draft".into()),
            created_by: Set(actor.stored_id()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let place = match (c.route, &form.recommendation) {
        (Route::Recommendation, Some(r)) => match take_place(&tx, actor, &saved, r, rules).await {
            Ok(p) => Some(p),
            Err(PlaceError::Full) => {
                let _ = tx.rollback().await;
                return Err(refusal(app, &uscc, year).await);
            }
            Err(PlaceError::Other(e)) => return Err(e),
        },
        _ => None,
    };
    store::talent::application::append_event(
        &tx,
        talent_event::ActiveModel {
            application_id: Set(saved.id),
            action: Set("create".into()),
            from_state: Set(String::new()),
            to_state: Set("draft".into()),
            actor_id: Set(actor.stored_id()),
            actor_name: Set(actor.username.clone()),
            comment: Set(String::new()),
            at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "talent_application.create",
            entity_type: "talent_application",
            entity_id: saved.id.to_string(),
            region_code: Some(saved.region_code.clone()),
            before: serde_json::Value::Null,
            after: audit_value(&saved),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view(&saved, place.as_ref(), sees_personal_data(actor)))
}

/// One application in scope.
pub async fn get_application(
    app: &App,
    actor: &Actor,
    id: i64,
) -> Result<ApplicationView, AppError> {
    let scope = actor.scope(Permission::TALENT_READ)?;
    let conn = app.db().conn();
    let m = store::talent::application::find(conn, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rec = store::talent::application::recommendation_of(conn, id).await?;
    Ok(view(&m, rec.as_ref(), sees_personal_data(actor)))
}

/// The workflow events of an application in scope, oldest first.
pub async fn application_events(
    app: &App,
    actor: &Actor,
    id: i64,
) -> Result<Vec<EventView>, AppError> {
    let scope = actor.scope(Permission::TALENT_READ)?;
    let conn = app.db().conn();
    store::talent::application::find(conn, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(store::talent::application::events(conn, id)
        .await?
        .iter()
        .map(event_view)
        .collect())
}

/// Applications in scope, newest first (at most 500).
pub async fn list_applications(
    app: &App,
    actor: &Actor,
    filter: &store::talent::application::ApplicationFilter,
) -> Result<Vec<ApplicationView>, AppError> {
    let scope = actor.scope(Permission::TALENT_READ)?;
    let clear = sees_personal_data(actor);
    Ok(
        store::talent::application::list(app.db().conn(), &scope, filter, 500)
            .await?
            .iter()
            .map(|m| view(m, None, clear))
            .collect(),
    )
}
