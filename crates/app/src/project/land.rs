//! Land (土地): parcels approved but not supplied (批而未供) and their disposal (处置), and
//! low-efficiency land (低效用地) surveyed and entered into the database. Areas in 亩, kept
//! exactly in hundredths.

use super::{Check, enterprise_in, region_names, writable};
use crate::audit::{AuditRecord, record};
use crate::io::audit::AuditBatch;
use crate::{Actor, App, AppError, FieldError, Page, PageRequest, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::org::{Permission, RegionCode};
use policy::project::Mu;
use policy::project::records::DisposalMethod;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::HashMap;
use store::entity::{inefficient_land, land_disposal, unsupplied_land};

/// A parcel approved but not supplied (`POST /api/v1/land/parcels`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ParcelForm {
    /// The parcel's code (批次/地块编号), unique in its region.
    #[serde(default)]
    pub code: String,
    /// Region (county or town).
    #[serde(default)]
    pub region_code: String,
    /// Where it is.
    #[serde(default)]
    pub location: String,
    /// Approved area, 亩 (two decimals at most).
    #[serde(default, deserialize_with = "super::text_or_number")]
    pub approved_mu: String,
    /// Date of the approval.
    #[serde(default)]
    pub approved_on: String,
    /// The approval document.
    #[serde(default)]
    pub approval_document: String,
}

/// A disposal of (part of) a parcel (`POST /api/v1/land/parcels/{id}/disposals`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct DisposalForm {
    /// The parcel (from the path in the API).
    #[serde(default)]
    pub parcel_id: i64,
    /// Area disposed of, 亩.
    #[serde(default, deserialize_with = "super::text_or_number")]
    pub area_mu: String,
    /// `supplied`, `withdrawn`, `replanned` or `other`.
    #[serde(default)]
    pub method: String,
    /// When.
    #[serde(default)]
    pub disposed_on: String,
    /// Note.
    #[serde(default)]
    pub note: String,
}

/// A low-efficiency parcel surveyed (`POST /api/v1/land/inefficient`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct InefficientForm {
    /// The parcel's code, unique in its region.
    #[serde(default)]
    pub code: String,
    /// Region (county or town).
    #[serde(default)]
    pub region_code: String,
    /// Where it is.
    #[serde(default)]
    pub location: String,
    /// The enterprise that holds it (optional).
    #[serde(default)]
    pub enterprise_uscc: String,
    /// Area, 亩.
    #[serde(default, deserialize_with = "super::text_or_number")]
    pub area_mu: String,
    /// When it was surveyed.
    #[serde(default)]
    pub surveyed_on: String,
    /// When it was entered into the database (optional).
    #[serde(default)]
    pub entered_on: String,
}

/// A disposal as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DisposalView {
    /// Area, 亩.
    pub area_mu: String,
    /// Method.
    pub method: String,
    /// When.
    pub disposed_on: NaiveDate,
    /// Note.
    pub note: String,
}

/// A parcel with its disposals.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ParcelView {
    /// Id.
    pub id: i64,
    /// Code.
    pub code: String,
    /// Region.
    pub region_code: String,
    /// Its name.
    pub region_name: String,
    /// Where.
    pub location: String,
    /// Approved area, 亩.
    pub approved_mu: String,
    /// Approved on.
    pub approved_on: NaiveDate,
    /// Approval document.
    pub approval_document: String,
    /// Disposed of so far, 亩.
    pub disposed_mu: String,
    /// Still to dispose of, 亩.
    pub remaining_mu: String,
    /// Disposals, oldest first.
    pub disposals: Vec<DisposalView>,
}

/// A low-efficiency parcel as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InefficientView {
    /// Id.
    pub id: i64,
    /// Code.
    pub code: String,
    /// Region.
    pub region_code: String,
    /// Its name.
    pub region_name: String,
    /// Where.
    pub location: String,
    /// Enterprise.
    pub enterprise_uscc: Option<String>,
    /// Area, 亩.
    pub area_mu: String,
    /// Surveyed on.
    pub surveyed_on: NaiveDate,
    /// Entered into the database on.
    pub entered_on: Option<NaiveDate>,
}

const METHODS: &[&str] = &["supplied", "withdrawn", "replanned", "other"];

fn parcel_view(
    p: unsupplied_land::Model,
    disposals: Vec<land_disposal::Model>,
    names: &HashMap<String, String>,
) -> ParcelView {
    let done: i64 = disposals.iter().map(|d| d.area_mu).sum();
    ParcelView {
        region_name: names.get(&p.region_code).cloned().unwrap_or_default(),
        disposed_mu: Mu::new(done).text(),
        remaining_mu: Mu::new(p.approved_mu - done).text(),
        disposals: disposals
            .into_iter()
            .map(|d| DisposalView {
                area_mu: Mu::new(d.area_mu).text(),
                method: d.method,
                disposed_on: d.disposed_on,
                note: d.note,
            })
            .collect(),
        approved_mu: Mu::new(p.approved_mu).text(),
        id: p.id,
        code: p.code,
        region_code: p.region_code,
        location: p.location,
        approved_on: p.approved_on,
        approval_document: p.approval_document,
    }
}

/// Adds parcels in the actor's scope, all or none, in one transaction. Returns their ids.
#[tracing::instrument(skip_all, fields(actor = %actor.username, n = forms.len()))]
pub async fn add_parcels(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    forms: Vec<ParcelForm>,
) -> Result<Vec<i64>, AppError> {
    let scope = actor.scope(Permission::PROJECT_WRITE)?;
    let ctx = crate::enterprise::parse_context(app).await?;
    let batch = forms.len() > 1;
    let mut all = Check::default();
    let mut valid = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, f) in forms.iter().enumerate() {
        let mut c = Check::new(if batch {
            format!("parcels[{i}]")
        } else {
            String::new()
        });
        let code = c.text("code", &f.code, 100, true);
        let region = c.region("region_code", &f.region_code, &ctx, true);
        if let Some(r) = &region
            && !writable(&scope, r)
        {
            c.bad("region_code", "region.out_of_scope");
        }
        let location = c.text("location", &f.location, 200, true);
        let area = c.area("approved_mu", &f.approved_mu);
        let on = c.date("approved_on", &f.approved_on, true);
        let doc = c.text("approval_document", &f.approval_document, 200, false);
        if let Some(r) = &region
            && !seen.insert((r.to_string(), code.clone()))
        {
            c.bad("code", "land.code_taken");
        }
        match (region, on, c.is_ok()) {
            (Some(region), Some(on), true) => valid.push((code, region, location, area, on, doc)),
            _ => all.absorb(c),
        }
    }
    all.finish()?;
    let tx = app.db().begin_write().await?;
    let now = Utc::now();
    let mut ids = Vec::new();
    for (i, (code, region, location, area, on, doc)) in valid.into_iter().enumerate() {
        if store::project::land::parcel_code_taken(&tx, region.as_str(), &code).await? {
            let field = if batch {
                format!("parcels[{i}].code")
            } else {
                "code".into()
            };
            return Err(AppError::Invalid(vec![FieldError::new(
                field,
                "land.code_taken",
            )]));
        }
        let p = store::project::land::insert_parcel(
            &tx,
            unsupplied_land::ActiveModel {
                code: Set(code),
                region_code: Set(region.to_string()),
                location: Set(location),
                approved_mu: Set(area.get()),
                approved_on: Set(on),
                approval_document: Set(doc),
                created_by: Set(actor.stored_id()),
                created_at: Set(now),
                ..Default::default()
            },
        )
        .await?;
        record(
            &tx,
            actor,
            meta,
            AuditRecord {
                action: "unsupplied_land.create",
                entity_type: "unsupplied_land",
                entity_id: p.id.to_string(),
                region_code: Some(p.region_code.clone()),
                before: serde_json::Value::Null,
                after: json!({"code": p.code, "location": p.location,
                    "approved_mu": Mu::new(p.approved_mu).text(), "approved_on": p.approved_on,
                    "approval_document": p.approval_document}),
            },
        )
        .await?;
        ids.push(p.id);
    }
    tx.commit().await?;
    Ok(ids)
}

/// Adds one parcel; answers it.
pub async fn add_parcel(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: ParcelForm,
) -> Result<ParcelView, AppError> {
    let ids = add_parcels(app, actor, meta, vec![form]).await?;
    let id = ids.first().copied().ok_or(AppError::NotFound)?;
    get_parcel(app, actor, id).await
}

/// One parcel in the actor's scope with its disposals.
pub async fn get_parcel(app: &App, actor: &Actor, id: i64) -> Result<ParcelView, AppError> {
    let scope = actor.scope(Permission::PROJECT_READ)?;
    let conn = app.db().conn();
    let p = store::project::land::find_parcel(conn, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let d = store::project::land::disposals_of(conn, &[id]).await?;
    Ok(parcel_view(p, d, &region_names(conn).await?))
}

/// Records disposals of parcels in the actor's scope, all or none, in one transaction: an
/// area no larger than what is left of the parcel, on or after its approval.
#[tracing::instrument(skip_all, fields(actor = %actor.username, n = forms.len()))]
pub async fn dispose_land(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    forms: Vec<DisposalForm>,
) -> Result<usize, AppError> {
    let scope = actor.scope(Permission::PROJECT_WRITE)?;
    let batch = forms.len() > 1;
    let mut all = Check::default();
    let mut valid = Vec::new();
    for (i, f) in forms.iter().enumerate() {
        let mut c = Check::new(if batch {
            format!("disposals[{i}]")
        } else {
            String::new()
        });
        let area = c.area("area_mu", &f.area_mu);
        let method = c.choice("method", &f.method, DisposalMethod::parse, METHODS);
        let on = c.date("disposed_on", &f.disposed_on, true);
        let note = c.text("note", &f.note, 500, false);
        match (method, on, c.is_ok()) {
            (Some(method), Some(on), true) => valid.push((i, f.parcel_id, area, method, on, note)),
            _ => all.absorb(c),
        }
    }
    all.finish()?;
    let tx = app.db().begin_write().await?;
    let mut ids: Vec<i64> = valid.iter().map(|v| v.1).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut parcels: HashMap<i64, unsupplied_land::Model> = HashMap::new();
    for id in &ids {
        let p = store::project::land::find_parcel(&tx, &scope, *id)
            .await?
            .ok_or(AppError::NotFound)?;
        parcels.insert(*id, p);
    }
    let mut left: HashMap<i64, i64> = parcels.iter().map(|(id, p)| (*id, p.approved_mu)).collect();
    for d in store::project::land::disposals_of(&tx, &ids).await? {
        *left.entry(d.parcel_id).or_default() -= d.area_mu;
    }
    let now = Utc::now();
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    let mut audit = AuditBatch::with_capacity(valid.len());
    for (i, parcel_id, area, method, on, note) in valid {
        let field = |f: &str| {
            if batch {
                format!("disposals[{i}].{f}")
            } else {
                f.to_string()
            }
        };
        let (Some(p), Some(rest)) = (parcels.get(&parcel_id), left.get_mut(&parcel_id)) else {
            return Err(AppError::NotFound);
        };
        if area.get() > *rest {
            errors.push(
                FieldError::new(field("area_mu"), "land.disposal_exceeds")
                    .with("left", Mu::new(*rest).text()),
            );
            continue;
        }
        if on < p.approved_on {
            errors.push(FieldError::new(
                field("disposed_on"),
                "land.disposal_before_approval",
            ));
            continue;
        }
        *rest -= area.get();
        audit.push(
            actor,
            meta,
            "unsupplied_land.dispose",
            "unsupplied_land",
            p.id.to_string(),
            Some(p.region_code.clone()),
            &serde_json::Value::Null,
            &json!({"area_mu": area.text(), "method": method.as_str(), "disposed_on": on, "note": note}),
        )?;
        rows.push(land_disposal::ActiveModel {
            parcel_id: Set(p.id),
            region_code: Set(p.region_code.clone()),
            area_mu: Set(area.get()),
            method: Set(method.as_str().into()),
            disposed_on: Set(on),
            note: Set(note),
            created_by: Set(actor.stored_id()),
            created_at: Set(now),
            ..Default::default()
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let n = rows.len();
    store::project::land::insert_disposals(&tx, rows).await?;
    audit.write(&tx).await?;
    tx.commit().await?;
    Ok(n)
}

/// A page of parcels in the actor's scope (and region), newest first, with their disposals.
pub async fn list_parcels(
    app: &App,
    actor: &Actor,
    region: Option<&str>,
    page: PageRequest,
) -> Result<Page<ParcelView>, AppError> {
    let scope = actor.scope(Permission::PROJECT_READ)?;
    let region = super::parse_region(region)?;
    let conn = app.db().conn();
    let page = store::project::land::list_parcels(conn, &scope, region.as_ref(), page).await?;
    let ids: Vec<i64> = page.items.iter().map(|p| p.id).collect();
    let mut by_parcel: HashMap<i64, Vec<land_disposal::Model>> = HashMap::new();
    for d in store::project::land::disposals_of(conn, &ids).await? {
        by_parcel.entry(d.parcel_id).or_default().push(d);
    }
    let names = region_names(conn).await?;
    Ok(page.map(|p| {
        let d = by_parcel.remove(&p.id).unwrap_or_default();
        parcel_view(p, d, &names)
    }))
}

/// Records low-efficiency parcels surveyed in the actor's scope (entered into the database
/// already, when a date is given), all or none, in one transaction. Returns how many.
#[tracing::instrument(skip_all, fields(actor = %actor.username, n = forms.len()))]
pub async fn survey_inefficient(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    forms: Vec<InefficientForm>,
) -> Result<usize, AppError> {
    let scope = actor.scope(Permission::PROJECT_WRITE)?;
    let ctx = crate::enterprise::parse_context(app).await?;
    let batch = forms.len() > 1;
    let mut all = Check::default();
    let mut valid = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, f) in forms.iter().enumerate() {
        let mut c = Check::new(if batch {
            format!("parcels[{i}]")
        } else {
            String::new()
        });
        let code = c.text("code", &f.code, 100, true);
        let region = c.region("region_code", &f.region_code, &ctx, true);
        if let Some(r) = &region
            && !writable(&scope, r)
        {
            c.bad("region_code", "region.out_of_scope");
        }
        let location = c.text("location", &f.location, 200, true);
        let enterprise = c.uscc("enterprise_uscc", &f.enterprise_uscc, false);
        let area = c.area("area_mu", &f.area_mu);
        let surveyed = c.date("surveyed_on", &f.surveyed_on, true);
        let entered = c.date("entered_on", &f.entered_on, false);
        if let (Some(s), Some(e)) = (surveyed, entered)
            && e < s
        {
            c.bad("entered_on", "land.entered_before_survey");
        }
        if let Some(r) = &region
            && !seen.insert((r.to_string(), code.clone()))
        {
            c.bad("code", "land.code_taken");
        }
        match (region, surveyed, c.is_ok()) {
            (Some(region), Some(surveyed), true) => valid.push((
                i, code, region, location, enterprise, area, surveyed, entered,
            )),
            _ => all.absorb(c),
        }
    }
    all.finish()?;
    let tx = app.db().begin_write().await?;
    let mut by_region: HashMap<String, Vec<String>> = HashMap::new();
    for v in &valid {
        by_region
            .entry(v.2.to_string())
            .or_default()
            .push(v.1.clone());
    }
    let mut taken = std::collections::HashSet::new();
    for (region, codes) in &by_region {
        for c in store::project::land::inefficient_codes_taken(&tx, region, codes).await? {
            taken.insert((region.clone(), c));
        }
    }
    let now = Utc::now();
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    let mut audit = AuditBatch::with_capacity(valid.len());
    for (i, code, region, location, enterprise, area, surveyed, entered) in valid {
        let field = |f: &str| {
            if batch {
                format!("parcels[{i}].{f}")
            } else {
                f.to_string()
            }
        };
        if taken.contains(&(region.to_string(), code.clone())) {
            errors.push(FieldError::new(field("code"), "land.code_taken"));
            continue;
        }
        if let Some(u) = &enterprise
            && enterprise_in(&tx, &scope, u).await?.is_none()
        {
            errors.push(FieldError::new(
                field("enterprise_uscc"),
                "project.enterprise_not_found",
            ));
            continue;
        }
        let after = json!({"code": code, "location": location, "enterprise_uscc": enterprise.as_ref().map(|u| u.to_string()),
            "area_mu": area.text(), "surveyed_on": surveyed, "entered_on": entered});
        audit.push(
            actor,
            meta,
            "inefficient_land.survey",
            "inefficient_land",
            format!("{region}/{code}"),
            Some(region.to_string()),
            &serde_json::Value::Null,
            &after,
        )?;
        rows.push(inefficient_land::ActiveModel {
            code: Set(code),
            region_code: Set(region.to_string()),
            location: Set(location),
            enterprise_uscc: Set(enterprise.map(|u| u.to_string())),
            area_mu: Set(area.get()),
            surveyed_on: Set(surveyed),
            entered_on: Set(entered),
            created_by: Set(actor.stored_id()),
            created_at: Set(now),
            ..Default::default()
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let n = rows.len();
    store::project::land::insert_inefficient(&tx, rows).await?;
    audit.write(&tx).await?;
    tx.commit().await?;
    Ok(n)
}

/// Marks low-efficiency parcels in the actor's scope as entered into the database on a date
/// (入库), all or none. Returns how many.
#[tracing::instrument(skip_all, fields(actor = %actor.username, n = ids.len()))]
pub async fn enter_inefficient(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    ids: Vec<i64>,
    entered_on: &str,
) -> Result<usize, AppError> {
    let scope = actor.scope(Permission::PROJECT_WRITE)?;
    let mut c = Check::default();
    let on = c.date("entered_on", entered_on, true);
    if ids.is_empty() {
        c.bad("ids", "common.required");
    }
    c.finish()?;
    let Some(on) = on else {
        return Err(AppError::invalid("entered_on", "common.required"));
    };
    let mut ids = ids;
    ids.sort_unstable();
    ids.dedup();
    let tx = app.db().begin_write().await?;
    let found = store::project::land::find_inefficient(&tx, &scope, &ids).await?;
    if found.len() != ids.len() {
        return Err(AppError::NotFound);
    }
    let mut errors = Vec::new();
    for p in &found {
        if p.entered_on.is_some() {
            errors.push(
                FieldError::new(format!("ids[{}]", p.id), "land.already_entered")
                    .with("code", &p.code),
            );
        } else if on < p.surveyed_on {
            errors.push(FieldError::new(
                format!("ids[{}]", p.id),
                "land.entered_before_survey",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let n = found.len();
    for p in found {
        let mut am = p.clone().into_active_model();
        am.entered_on = Set(Some(on));
        store::project::land::update_inefficient(&tx, am).await?;
        record(
            &tx,
            actor,
            meta,
            AuditRecord {
                action: "inefficient_land.enter",
                entity_type: "inefficient_land",
                entity_id: p.id.to_string(),
                region_code: Some(p.region_code.clone()),
                before: json!({"entered_on": null}),
                after: json!({"entered_on": on}),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(n)
}

/// A page of low-efficiency parcels in the actor's scope (and region), newest first.
pub async fn list_inefficient(
    app: &App,
    actor: &Actor,
    region: Option<&str>,
    page: PageRequest,
) -> Result<Page<InefficientView>, AppError> {
    let scope = actor.scope(Permission::PROJECT_READ)?;
    let region: Option<RegionCode> = super::parse_region(region)?;
    let conn = app.db().conn();
    let page = store::project::land::list_inefficient(conn, &scope, region.as_ref(), page).await?;
    let names = region_names(conn).await?;
    Ok(page.map(|p| InefficientView {
        region_name: names.get(&p.region_code).cloned().unwrap_or_default(),
        area_mu: Mu::new(p.area_mu).text(),
        id: p.id,
        code: p.code,
        region_code: p.region_code,
        location: p.location,
        enterprise_uscc: p.enterprise_uscc,
        surveyed_on: p.surveyed_on,
        entered_on: p.entered_on,
    }))
}
