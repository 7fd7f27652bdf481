//! Key projects (重点项目): create (one or a batch), change the stage, set a year's plan, record
//! a month's investment. Reading is in `key_project_read`, editing in `key_project_edit`.

use super::{
    Check, KeyProjectView, enterprise_in, exact_wan_yuan, get_key_project, text_or_number, writable,
};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::money::Fen;
use policy::org::Permission;
use policy::project::key_project::{
    ProjectLevel, ProjectStage, StageDates, change_stage as next_dates,
};
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::Deserialize;
use serde_json::json;
use store::ConnectionTrait;
use store::entity::{key_project, key_project_plan};

/// A new key project (`POST /api/v1/projects`). Amounts are in 万元 as text (or JSON numbers),
/// dates as `2022-03-01`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct KeyProjectForm {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// `province`, `city` or `county`: the list it is on.
    #[serde(default)]
    pub level: String,
    /// Region (county or town); the enterprise's when left empty.
    #[serde(default)]
    pub region_code: String,
    /// The enterprise that builds it (optional).
    #[serde(default)]
    pub enterprise_uscc: String,
    /// GB/T 4754 code; the enterprise's when left empty.
    #[serde(default)]
    pub industry_code: String,
    /// Total investment, 万元 (optional).
    #[serde(default, deserialize_with = "text_or_number")]
    pub total_investment_wan_yuan: String,
    /// What is built.
    #[serde(default)]
    pub construction: String,
    /// `planned` (default), `under_construction`, `completed`, `in_production`.
    #[serde(default)]
    pub stage: String,
    /// 开工 date.
    #[serde(default)]
    pub started_on: String,
    /// 竣工 date.
    #[serde(default)]
    pub completed_on: String,
    /// 投产 date.
    #[serde(default)]
    pub in_production_on: String,
    /// The year of the plan given with it.
    #[serde(default)]
    pub plan_year: Option<i32>,
    /// That year's investment plan, 万元.
    #[serde(default, deserialize_with = "text_or_number")]
    pub planned_wan_yuan: String,
}

/// A year's plan (`POST /api/v1/projects/{id}/plans`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct PlanForm {
    /// Year.
    #[serde(default)]
    pub year: Option<i32>,
    /// Planned investment, 万元.
    #[serde(default, deserialize_with = "text_or_number")]
    pub planned_wan_yuan: String,
}

/// A month's investment (`POST /api/v1/projects/{id}/progress`); replaces that month's figure.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ProgressForm {
    /// Year.
    #[serde(default)]
    pub year: Option<i32>,
    /// Month, 1-12.
    #[serde(default)]
    pub month: Option<u32>,
    /// Investment completed in the month, 万元.
    #[serde(default, deserialize_with = "text_or_number")]
    pub invested_wan_yuan: String,
}

/// A stage change (`POST /api/v1/projects/{id}/stage`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct StageForm {
    /// The new stage.
    #[serde(default)]
    pub stage: String,
    /// The day it was reached.
    #[serde(default)]
    pub on: String,
}

const LEVELS: &[&str] = &["province", "city", "county"];
const STAGES: &[&str] = &[
    "planned",
    "under_construction",
    "completed",
    "in_production",
];

/// A checked new project (its enterprise not yet looked up).
pub(super) struct Valid {
    pub(super) name: String,
    pub(super) level: ProjectLevel,
    pub(super) region: Option<policy::org::RegionCode>,
    pub(super) enterprise: Option<policy::enterprise::Uscc>,
    pub(super) industry: Option<String>,
    pub(super) total: Option<Fen>,
    pub(super) construction: String,
    pub(super) stage: ProjectStage,
    pub(super) dates: StageDates,
    pub(super) plan: Option<(i32, Fen)>,
}

fn check_dates(c: &mut Check, stage: ProjectStage, dates: StageDates) {
    let reached = |s: ProjectStage| stage >= s;
    for (field, date, s) in [
        (
            "started_on",
            dates.started_on,
            ProjectStage::UnderConstruction,
        ),
        ("completed_on", dates.completed_on, ProjectStage::Completed),
        (
            "in_production_on",
            dates.in_production_on,
            ProjectStage::InProduction,
        ),
    ] {
        if date.is_some() && !reached(s) {
            c.bad(field, "project.stage_date_unreached");
        }
    }
    let seq: Vec<NaiveDate> = [dates.started_on, dates.completed_on, dates.in_production_on]
        .into_iter()
        .flatten()
        .collect();
    if seq.windows(2).any(|w| w[1] < w[0]) {
        c.bad("in_production_on", "project.stage_date_order");
    }
}

pub(super) fn validate(
    f: &KeyProjectForm,
    ctx: &crate::enterprise::parse::ParseContext,
    prefix: String,
) -> Result<Valid, Vec<FieldError>> {
    let mut c = Check::new(prefix);
    let name = c.text("name", &f.name, 200, true);
    let level = c.choice("level", &f.level, ProjectLevel::parse, LEVELS);
    let enterprise = c.uscc("enterprise_uscc", &f.enterprise_uscc, false);
    let region = c.region("region_code", &f.region_code, ctx, enterprise.is_none());
    let industry = c.industry("industry_code", &f.industry_code, ctx, enterprise.is_none());
    let total = c.money(
        "total_investment_wan_yuan",
        &f.total_investment_wan_yuan,
        false,
    );
    let construction = c.text("construction", &f.construction, 2000, false);
    let stage = if f.stage.trim().is_empty() {
        Some(ProjectStage::Planned)
    } else {
        c.choice("stage", &f.stage, ProjectStage::parse, STAGES)
    };
    let dates = StageDates {
        started_on: c.date("started_on", &f.started_on, false),
        completed_on: c.date("completed_on", &f.completed_on, false),
        in_production_on: c.date("in_production_on", &f.in_production_on, false),
    };
    if let Some(s) = stage {
        check_dates(&mut c, s, dates);
    }
    let planned = c.money(
        "planned_wan_yuan",
        &f.planned_wan_yuan,
        f.plan_year.is_some(),
    );
    let plan = match (f.plan_year, planned) {
        (Some(_), _) => {
            let y = c.year("plan_year", f.plan_year);
            planned.map(|p| (y, p))
        }
        (None, Some(_)) => {
            c.bad("plan_year", "common.required");
            None
        }
        (None, None) => None,
    };
    match (level, stage, c.is_ok()) {
        (Some(level), Some(stage), true) => Ok(Valid {
            name,
            level,
            region,
            enterprise,
            industry,
            total,
            construction,
            stage,
            dates,
            plan,
        }),
        _ => Err(c.into_errors()),
    }
}

pub(super) fn audit_json(p: &key_project::Model) -> serde_json::Value {
    json!({
        "name": p.name, "level": p.level, "region_code": p.region_code,
        "enterprise_uscc": p.enterprise_uscc, "industry_code": p.industry_code,
        "total_investment_wan_yuan": p.total_investment_fen.map(exact_wan_yuan),
        "construction": p.construction, "stage": p.stage, "started_on": p.started_on,
        "completed_on": p.completed_on, "in_production_on": p.in_production_on,
    })
}

/// Where a checked project lies: its enterprise (which must exist in the writer's scope), its
/// region and industry (the enterprise's when the form left them empty), the region within
/// the writer's scope. `None` once a problem is in `c`.
pub(super) async fn place<C: ConnectionTrait>(
    conn: &C,
    scope: &policy::org::Scope,
    v: &Valid,
    c: &mut Check,
) -> Result<Option<(policy::org::RegionCode, String)>, AppError> {
    let ent = match &v.enterprise {
        Some(u) => {
            let e = enterprise_in(conn, scope, u).await?;
            if e.is_none() {
                c.bad("enterprise_uscc", "project.enterprise_not_found");
            }
            e
        }
        None => None,
    };
    let region = v.region.clone().or_else(|| {
        ent.as_ref()
            .and_then(|e| policy::org::RegionCode::parse(&e.region_code).ok())
    });
    let industry = v.industry.clone().or_else(|| {
        ent.as_ref()
            .map(|e| e.industry_code.clone())
            .filter(|s| !s.is_empty())
    });
    match &region {
        Some(r) if !writable(scope, r) => c.bad("region_code", "region.out_of_scope"),
        None if ent.is_some() => c.bad("region_code", "common.required"),
        _ => {}
    }
    if industry.is_none() && ent.is_some() {
        c.bad("industry_code", "common.required");
    }
    Ok(match (region, industry, c.is_ok()) {
        (Some(region), Some(industry), true) => Some((region, industry)),
        _ => None,
    })
}

/// Creates key projects in the actor's scope, all or none, in one transaction with one audit
/// entry per project (and per plan). Problems are named `projects[i].field` for a batch of
/// more than one. Returns the new ids in order.
#[tracing::instrument(skip_all, fields(actor = %actor.username, n = forms.len()))]
pub async fn create_key_projects(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    forms: Vec<KeyProjectForm>,
) -> Result<Vec<i64>, AppError> {
    let scope = actor.scope(Permission::PROJECT_WRITE)?;
    let ctx = crate::enterprise::parse_context(app).await?;
    let batch = forms.len() > 1;
    let prefix = |i: usize| {
        if batch {
            format!("projects[{i}]")
        } else {
            String::new()
        }
    };
    let mut errors = Vec::new();
    let mut valid = Vec::with_capacity(forms.len());
    for (i, f) in forms.iter().enumerate() {
        match validate(f, &ctx, prefix(i)) {
            Ok(v) => valid.push(v),
            Err(es) => errors.extend(es),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let tx = app.db().begin_write().await?;
    let now = Utc::now();
    let mut ids = Vec::with_capacity(valid.len());
    let mut c = Check::default();
    for (i, v) in valid.into_iter().enumerate() {
        let mut c_i = Check::new(prefix(i));
        let Some((region, industry)) = place(&tx, &scope, &v, &mut c_i).await? else {
            c.absorb(c_i);
            continue;
        };
        let p = store::project::key_project::insert(
            &tx,
            key_project::ActiveModel {
                name: Set(v.name),
                level: Set(v.level.as_str().into()),
                region_code: Set(region.to_string()),
                enterprise_uscc: Set(v.enterprise.map(|u| u.to_string())),
                industry_code: Set(industry),
                total_investment_fen: Set(v.total.map(Fen::get)),
                construction: Set(v.construction),
                stage: Set(v.stage.as_str().into()),
                started_on: Set(v.dates.started_on),
                completed_on: Set(v.dates.completed_on),
                in_production_on: Set(v.dates.in_production_on),
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
                action: "key_project.create",
                entity_type: "key_project",
                entity_id: p.id.to_string(),
                region_code: Some(p.region_code.clone()),
                before: serde_json::Value::Null,
                after: audit_json(&p),
            },
        )
        .await?;
        if let Some((year, planned)) = v.plan {
            write_plan(&tx, actor, meta, &p, year, planned).await?;
        }
        ids.push(p.id);
    }
    c.finish()?;
    tx.commit().await?;
    Ok(ids)
}

/// Creates one key project; answers it as read back.
pub async fn create_key_project(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: KeyProjectForm,
) -> Result<KeyProjectView, AppError> {
    let ids = create_key_projects(app, actor, meta, vec![form]).await?;
    let id = ids.first().copied().ok_or(AppError::NotFound)?;
    get_key_project(app, actor, id).await
}

pub(super) async fn write_plan<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    meta: &RequestMeta,
    p: &key_project::Model,
    year: i32,
    planned: Fen,
) -> Result<(), AppError> {
    let before = store::project::key_project::plan(conn, p.id, year).await?;
    let before_json = before
        .as_ref()
        .map(|b| json!({"year": year, "planned_wan_yuan": exact_wan_yuan(b.planned_fen)}))
        .unwrap_or(serde_json::Value::Null);
    match before {
        Some(b) if b.planned_fen == planned.get() => return Ok(()),
        Some(b) => {
            let mut am = b.into_active_model();
            am.planned_fen = Set(planned.get());
            store::project::key_project::update_plan(conn, am).await?;
        }
        None => {
            store::project::key_project::insert_plan(
                conn,
                key_project_plan::ActiveModel {
                    project_id: Set(p.id),
                    year: Set(year),
                    planned_fen: Set(planned.get()),
                    ..Default::default()
                },
            )
            .await?;
        }
    }
    record(
        conn,
        actor,
        meta,
        AuditRecord {
            action: "key_project.plan",
            entity_type: "key_project",
            entity_id: p.id.to_string(),
            region_code: Some(p.region_code.clone()),
            before: before_json,
            after: json!({"year": year, "planned_wan_yuan": exact_wan_yuan(planned.get())}),
        },
    )
    .await?;
    Ok(())
}

/// Sets a project's plan for a year (replacing the one there).
#[tracing::instrument(skip_all, fields(actor = %actor.username, id))]
pub async fn set_plan(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    form: PlanForm,
) -> Result<KeyProjectView, AppError> {
    let scope = actor.scope(Permission::PROJECT_WRITE)?;
    let mut c = Check::default();
    let year = c.year("year", form.year);
    let planned = c.money("planned_wan_yuan", &form.planned_wan_yuan, true);
    c.finish()?;
    let tx = app.db().begin_write().await?;
    let p = store::project::key_project::find(&tx, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(planned) = planned {
        write_plan(&tx, actor, meta, &p, year, planned).await?;
    }
    tx.commit().await?;
    get_key_project(app, actor, id).await
}

/// Records the investment a project completed in a month (replacing that month's figure).
#[tracing::instrument(skip_all, fields(actor = %actor.username, id))]
pub async fn record_progress(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    form: ProgressForm,
) -> Result<KeyProjectView, AppError> {
    let scope = actor.scope(Permission::PROJECT_WRITE)?;
    let mut c = Check::default();
    let year = c.year("year", form.year);
    if !form
        .month
        .is_some_and(policy::project::key_project::valid_month)
    {
        c.bad("month", "project.month_range");
    }
    let invested = c.money("invested_wan_yuan", &form.invested_wan_yuan, true);
    c.finish()?;
    let (Some(month), Some(invested)) = (form.month, invested) else {
        return Err(AppError::invalid("month", "project.month_range"));
    };
    let tx = app.db().begin_write().await?;
    let p = store::project::key_project::find(&tx, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = vec![super::progress_import::MonthRow {
        project: p,
        year,
        month: month as i32,
        invested_fen: invested.get(),
    }];
    super::progress_import::write_months(&tx, actor, meta, rows).await?;
    tx.commit().await?;
    get_key_project(app, actor, id).await
}

/// Moves a project to a later stage on a date.
#[tracing::instrument(skip_all, fields(actor = %actor.username, id))]
pub async fn change_stage(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    form: StageForm,
) -> Result<KeyProjectView, AppError> {
    let scope = actor.scope(Permission::PROJECT_WRITE)?;
    let mut c = Check::default();
    let to = c.choice("stage", &form.stage, ProjectStage::parse, STAGES);
    let on = c.date("on", &form.on, true);
    c.finish()?;
    let (Some(to), Some(on)) = (to, on) else {
        return Err(AppError::invalid("on", "common.date_format"));
    };
    let tx = app.db().begin_write().await?;
    let p = store::project::key_project::find(&tx, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = ProjectStage::parse(&p.stage)
        .ok_or_else(|| AppError::Internal(format!("key project {id}: stage {}", p.stage)))?;
    let dates = StageDates {
        started_on: p.started_on,
        completed_on: p.completed_on,
        in_production_on: p.in_production_on,
    };
    let next = next_dates(current, dates, to, on).map_err(|e| {
        AppError::invalid(
            if e == policy::project::key_project::StageError::Backward {
                "stage"
            } else {
                "on"
            },
            e.key(),
        )
    })?;
    let before = audit_json(&p);
    let mut am = p.into_active_model();
    am.stage = Set(to.as_str().into());
    am.started_on = Set(next.started_on);
    am.completed_on = Set(next.completed_on);
    am.in_production_on = Set(next.in_production_on);
    am.updated_at = Set(Utc::now());
    let p = store::project::key_project::update(&tx, am).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "key_project.stage",
            entity_type: "key_project",
            entity_id: p.id.to_string(),
            region_code: Some(p.region_code.clone()),
            before,
            after: audit_json(&p),
        },
    )
    .await?;
    tx.commit().await?;
    get_key_project(app, actor, id).await
}
