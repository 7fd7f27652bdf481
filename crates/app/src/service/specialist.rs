//! Specialists (助企专员) and their assignments to enterprises (many to many, with dates).

use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::enterprise::Uscc;
use policy::org::{Permission, RegionCode};
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::entity::{specialist, specialist_assignment};

/// A new specialist.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct NewSpecialistForm {
    /// Name.
    pub name: String,
    /// Region (county) the specialist works in.
    pub region_code: String,
    /// Department.
    #[serde(default)]
    pub department_id: Option<i64>,
    /// Phone (personal data, masked in the audit log).
    #[serde(default)]
    pub phone: String,
    /// The user account, if the specialist signs in.
    #[serde(default)]
    pub user_id: Option<i64>,
}

/// An assignment to make.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct AssignmentForm {
    /// The specialist.
    pub specialist_id: i64,
    /// The enterprise.
    pub enterprise_uscc: String,
    /// From (default today).
    #[serde(default)]
    pub started_on: Option<NaiveDate>,
    /// Note.
    #[serde(default)]
    pub note: String,
}

/// An assignment as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AssignmentView {
    /// Id.
    pub id: i64,
    /// The specialist.
    pub specialist_id: i64,
    /// The enterprise.
    pub enterprise_uscc: String,
    /// Its name (empty when outside the reader's scope).
    pub enterprise_name: String,
    /// From.
    pub started_on: NaiveDate,
    /// To.
    pub ended_on: Option<NaiveDate>,
    /// Note.
    pub note: String,
}

/// A specialist with the assignments.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SpecialistView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Region.
    pub region_code: String,
    /// Department.
    pub department_id: Option<i64>,
    /// Account.
    pub user_id: Option<i64>,
    /// Assignments, current and past.
    pub assignments: Vec<AssignmentView>,
}

fn assignment_view(a: &specialist_assignment::Model) -> AssignmentView {
    AssignmentView {
        id: a.id,
        specialist_id: a.specialist_id,
        enterprise_uscc: a.enterprise_uscc.clone(),
        enterprise_name: String::new(),
        started_on: a.started_on,
        ended_on: a.ended_on,
        note: a.note.clone(),
    }
}

/// Adds a specialist in the actor's scope.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn add_specialist(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: NewSpecialistForm,
) -> Result<i64, AppError> {
    let scope = actor.scope(Permission::SERVICE_MANAGE)?;
    let name = form.name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("name", "common.required"));
    }
    let region = RegionCode::parse(&form.region_code)
        .map_err(|_| AppError::invalid("region_code", "region_code.format"))?;
    if !scope.is_all() && !scope.admits(Some(&region), None, None) {
        return Err(AppError::NotFound);
    }
    let tx = app.db().begin_write().await?;
    let s = store::service::specialist::insert(
        &tx,
        specialist::ActiveModel {
            name: Set(name.to_string()),
            region_code: Set(region.to_string()),
            department_id: Set(form.department_id),
            phone: Set(form.phone.trim().to_string()),
            user_id: Set(form.user_id),
            retired: Set(false),
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
            action: "specialist.create",
            entity_type: "specialist",
            entity_id: s.id.to_string(),
            region_code: Some(s.region_code.clone()),
            before: serde_json::Value::Null,
            after: json!({"name": s.name, "region_code": s.region_code, "department_id": s.department_id, "phone": s.phone, "user_id": s.user_id}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(s.id)
}

/// Stations a specialist in an enterprise from a date; both must be in the actor's scope.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn assign_specialist(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: AssignmentForm,
) -> Result<AssignmentView, AppError> {
    let scope = actor.scope(Permission::SERVICE_MANAGE)?;
    let uscc = Uscc::parse(&form.enterprise_uscc)
        .map_err(|e| AppError::Invalid(vec![crate::FieldError::uscc("enterprise_uscc", &e)]))?;
    let tx = app.db().begin_write().await?;
    let s = store::service::specialist::find(&tx, &scope, form.specialist_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let e = store::enterprise::profile::find(&tx, &scope, uscc.as_str())
        .await?
        .ok_or_else(|| AppError::invalid("enterprise_uscc", "ticket.enterprise_not_found"))?;
    let started_on = form.started_on.unwrap_or_else(store::service::china_today);
    let a = store::service::specialist::assign(
        &tx,
        specialist_assignment::ActiveModel {
            specialist_id: Set(s.id),
            enterprise_uscc: Set(e.uscc.clone()),
            started_on: Set(started_on),
            ended_on: Set(None),
            note: Set(form.note.trim().to_string()),
            ..Default::default()
        },
    )
    .await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "specialist.assign",
            entity_type: "specialist_assignment",
            entity_id: a.id.to_string(),
            region_code: Some(e.region_code.clone()),
            before: serde_json::Value::Null,
            after: serde_json::to_value(assignment_view(&a)).unwrap_or_default(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(assignment_view(&a))
}

/// Ends an assignment on a date (the specialist leaves the enterprise).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn end_assignment(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    ended_on: NaiveDate,
) -> Result<AssignmentView, AppError> {
    let scope = actor.scope(Permission::SERVICE_MANAGE)?;
    let tx = app.db().begin_write().await?;
    let a = store::service::specialist::find_assignment(&tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    store::service::specialist::find(&tx, &scope, a.specialist_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if ended_on < a.started_on {
        return Err(AppError::invalid("ended_on", "honor.ends_before_start"));
    }
    let before = serde_json::to_value(assignment_view(&a)).unwrap_or_default();
    let mut am = a.into_active_model();
    am.ended_on = Set(Some(ended_on));
    let saved = store::service::specialist::update_assignment(&tx, am).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "specialist.end_assignment",
            entity_type: "specialist_assignment",
            entity_id: saved.id.to_string(),
            region_code: None,
            before,
            after: serde_json::to_value(assignment_view(&saved)).unwrap_or_default(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(assignment_view(&saved))
}

/// The specialists in the actor's scope with their assignments.
pub async fn list_specialists(app: &App, actor: &Actor) -> Result<Vec<SpecialistView>, AppError> {
    let scope = actor.scope(Permission::SERVICE_MANAGE)?;
    let conn = app.db().conn();
    let specialists = store::service::specialist::list(conn, &scope).await?;
    let ids: Vec<i64> = specialists.iter().map(|s| s.id).collect();
    let assignments = store::service::specialist::assignments_of(conn, &ids).await?;
    let codes: Vec<String> = assignments
        .iter()
        .map(|a| a.enterprise_uscc.clone())
        .collect();
    let enterprise_scope = actor.scope(Permission::ENTERPRISE_READ).unwrap_or_default();
    let names = store::enterprise::profile::names_of(conn, &enterprise_scope, &codes).await?;
    let named = |a: &specialist_assignment::Model| AssignmentView {
        enterprise_name: names.get(&a.enterprise_uscc).cloned().unwrap_or_default(),
        ..assignment_view(a)
    };
    Ok(specialists
        .into_iter()
        .map(|s| SpecialistView {
            assignments: assignments
                .iter()
                .filter(|a| a.specialist_id == s.id)
                .map(named)
                .collect(),
            id: s.id,
            name: s.name,
            region_code: s.region_code,
            department_id: s.department_id,
            user_id: s.user_id,
        })
        .collect())
}

/// Places a user in a department (so the user handles the department's tickets).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn set_user_department(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    user_id: i64,
    department_id: Option<i64>,
) -> Result<(), AppError> {
    let scope = actor.scope(Permission::USER_MANAGE)?;
    let tx = app.db().begin_write().await?;
    let u = store::org::user::find_in_scope(&tx, &scope, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(d) = department_id {
        store::service::recipients::department(&tx, d)
            .await?
            .ok_or_else(|| AppError::invalid("department_id", "ticket.department_unknown"))?;
    }
    store::service::recipients::set_user_department(&tx, u.id, department_id).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "user.set_department",
            entity_type: "user",
            entity_id: u.id.to_string(),
            region_code: u.region_code.clone(),
            before: json!({"department_id": u.department_id}),
            after: json!({"department_id": department_id}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
