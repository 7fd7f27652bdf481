//! Editing a key project: every field of the creation form at once (name, level, region,
//! enterprise, industry, total investment, what is built, stage and its dates, and optionally
//! one year's plan), checked by the same rules as creation.

use super::key_project::{audit_json, place, validate, write_plan};
use super::{Check, KeyProjectForm, KeyProjectView, get_key_project};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::Utc;
use policy::money::Fen;
use policy::org::Permission;
use sea_orm::{ActiveModelTrait, IntoActiveModel};

/// Replaces the fields of a key project in the actor's write scope (`POST
/// /api/v1/projects/{id}`): the form is the creation form, and an empty `stage` keeps the
/// current one. The project may be moved only within the writer's regions. One audit entry
/// holds the fields before and after (none when nothing changed); a plan given with it is
/// written (and audited) as `set_plan` does. Every problem is named at once.
#[tracing::instrument(skip_all, fields(actor = %actor.username, id))]
pub async fn update_key_project(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    form: KeyProjectForm,
) -> Result<KeyProjectView, AppError> {
    let scope = actor.scope(Permission::PROJECT_WRITE)?;
    let ctx = crate::enterprise::parse_context(app).await?;
    let tx = app.db().begin_write().await?;
    let p = store::project::key_project::find(&tx, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut form = form;
    if form.stage.trim().is_empty() {
        form.stage = p.stage.clone();
    }
    let v = validate(&form, &ctx, String::new()).map_err(AppError::Invalid)?;
    let mut c = Check::default();
    let Some((region, industry)) = place(&tx, &scope, &v, &mut c).await? else {
        c.finish()?;
        return Err(AppError::invalid("region_code", "common.required"));
    };
    let before = audit_json(&p);
    let mut next = p.clone();
    next.name = v.name.clone();
    next.level = v.level.as_str().into();
    next.region_code = region.to_string();
    next.enterprise_uscc = v.enterprise.as_ref().map(|u| u.to_string());
    next.industry_code = industry;
    next.total_investment_fen = v.total.map(Fen::get);
    next.construction = v.construction.clone();
    next.stage = v.stage.as_str().into();
    next.started_on = v.dates.started_on;
    next.completed_on = v.dates.completed_on;
    next.in_production_on = v.dates.in_production_on;
    let after = audit_json(&next);
    // Saving the form unchanged writes nothing and leaves no audit entry.
    let p = if after == before {
        p
    } else {
        next.updated_at = Utc::now();
        let p =
            store::project::key_project::update(&tx, next.into_active_model().reset_all()).await?;
        record(
            &tx,
            actor,
            meta,
            AuditRecord {
                action: "key_project.update",
                entity_type: "key_project",
                entity_id: p.id.to_string(),
                region_code: Some(p.region_code.clone()),
                before,
                after,
            },
        )
        .await?;
        p
    };
    if let Some((year, planned)) = v.plan {
        write_plan(&tx, actor, meta, &p, year, planned).await?;
    }
    tx.commit().await?;
    get_key_project(app, actor, id).await
}
