//! Enterprise profiles: create, edit, read, list.

use super::fields::ENTERPRISE_FIELDS;
use super::parse::{ParseContext, Row, parse_row};
use crate::audit::{AuditRecord, record};
use crate::org::mask_phone;
use crate::{Actor, App, AppError, RequestMeta};
use chrono::Utc;
use policy::enterprise::IndustryTable;
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::Serialize;
use std::collections::HashMap;
use store::entity::enterprise;

/// The GB/T 4754 table shipped in the binary.
const INDUSTRY_CSV: &str = include_str!("../../data/gbt4754-2017-top.csv");

/// What checking a row needs: known regions and the industry table.
pub async fn parse_context(app: &App) -> Result<ParseContext, AppError> {
    let regions = store::org::region::all(app.db().conn())
        .await?
        .into_iter()
        .map(|r| r.code)
        .collect();
    Ok(ParseContext {
        regions,
        industries: IndustryTable::from_csv(INDUSTRY_CSV),
    })
}

/// An enterprise as shown on its page and in the API.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EnterpriseView {
    /// 统一社会信用代码.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// Former names.
    pub former_names: Vec<String>,
    /// Region (county or town).
    pub region_code: String,
    /// County.
    pub county_code: String,
    /// Address.
    pub address: String,
    /// GB/T 4754 code.
    pub industry_code: String,
    /// `large`, `medium`, `small`, `micro` (derived from the latest year's staff and revenue).
    pub size_class: Option<String>,
    /// How the size class was derived.
    #[schema(value_type = Object)]
    pub size_basis: serde_json::Value,
    /// 规上.
    pub above_size: bool,
    /// Year it became above size.
    pub above_size_since: Option<i32>,
    /// Founded.
    pub founded_on: Option<chrono::NaiveDate>,
    /// Legal representative.
    pub legal_rep: String,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone, masked unless the reader holds `enterprise:contact`.
    pub contact_phone: String,
    /// Main products.
    pub main_products: String,
    /// Niche market.
    pub niche_market: String,
    /// Year entered the niche.
    pub niche_since_year: Option<i32>,
    /// Strategic emerging industry field.
    pub strategic_emerging: bool,
    /// Test laboratories (EMC, temperature, waterproof, …), the enterprise's capability profile.
    pub test_labs: String,
    /// Production lines (SMT, die casting, …).
    pub production_lines: String,
    /// Industry-university-research bases and their partner universities.
    pub research_bases: String,
    /// `operating`, `closed`, `moved`.
    pub status: String,
    /// When the status changed.
    pub status_date: Option<chrono::NaiveDate>,
    /// Why.
    pub status_reason: String,
}

/// One part of the stored capability profile.
fn capability(json: &str, key: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| v.get(key).and_then(|x| x.as_str()).map(str::to_string))
        .unwrap_or_default()
}

pub(crate) fn view(m: &enterprise::Model, contact: bool) -> EnterpriseView {
    EnterpriseView {
        uscc: m.uscc.clone(),
        name: m.name.clone(),
        former_names: serde_json::from_str(&m.former_names).unwrap_or_default(),
        region_code: m.region_code.clone(),
        county_code: m.county_code.clone(),
        address: m.address.clone(),
        industry_code: m.industry_code.clone(),
        size_class: m.size_class.clone(),
        size_basis: serde_json::from_str(&m.size_basis).unwrap_or(serde_json::Value::Null),
        above_size: m.above_size,
        above_size_since: m.above_size_since,
        founded_on: m.founded_on,
        legal_rep: m.legal_rep.clone(),
        contact_name: m.contact_name.clone(),
        contact_phone: if contact || m.contact_phone.is_empty() {
            m.contact_phone.clone()
        } else {
            mask_phone(&m.contact_phone)
        },
        main_products: m.main_products.clone(),
        niche_market: m.niche_market.clone(),
        niche_since_year: m.niche_since_year,
        strategic_emerging: m.strategic_emerging,
        test_labs: capability(&m.capabilities, "test_labs"),
        production_lines: capability(&m.capabilities, "production_lines"),
        research_bases: capability(&m.capabilities, "research_bases"),
        status: m.status.clone(),
        status_date: m.status_date,
        status_reason: m.status_reason.clone(),
    }
}

/// The audited fields of a profile, as JSON (the contact phone is masked by the audit diff).
pub(crate) fn audit_json(m: &enterprise::Model) -> serde_json::Value {
    let mut v = serde_json::to_value(view(m, true)).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        if let Some(p) = o.remove("contact_phone") {
            o.insert("phone".into(), p);
        }
        o.remove("size_basis");
    }
    v
}

/// Applies a checked row to an active model (every field of the template).
pub(crate) fn apply(am: &mut enterprise::ActiveModel, row: &Row) {
    let former: Vec<String> = row
        .text("former_names")
        .split([';', '；', '、'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let region = match row.get("region_code") {
        super::parse::Value::Region(r) => r.to_string(),
        _ => String::new(),
    };
    am.name = Set(row.text("name"));
    am.former_names = Set(serde_json::to_string(&former).unwrap_or_else(|_| "[]".into()));
    am.county_code = Set(region.chars().take(6).collect());
    am.region_code = Set(region);
    am.address = Set(row.text("address"));
    am.industry_code = Set(match row.get("industry_code") {
        super::parse::Value::Industry(c) => c.to_string(),
        _ => String::new(),
    });
    am.founded_on = Set(row.date("founded_on"));
    am.above_size = Set(row.flag("above_size"));
    am.above_size_since = Set(row.int("above_size_since"));
    am.legal_rep = Set(row.text("legal_rep"));
    am.contact_name = Set(row.text("contact_name"));
    am.contact_phone = Set(row.text("contact_phone"));
    am.main_products = Set(row.text("main_products"));
    am.niche_market = Set(row.text("niche_market"));
    am.niche_since_year = Set(row.int("niche_since_year"));
    am.strategic_emerging = Set(row.flag("strategic_emerging"));
    am.capabilities = Set(serde_json::json!({
        "test_labs": row.text("test_labs"),
        "production_lines": row.text("production_lines"),
        "research_bases": row.text("research_bases"),
    })
    .to_string());
    am.status = Set(row.choice("status").unwrap_or("operating").to_string());
    am.status_date = Set(row.date("status_date"));
    am.status_reason = Set(row.text("status_reason"));
    am.updated_at = Set(Some(Utc::now()));
}

fn invalid(errors: Vec<crate::FieldError>) -> AppError {
    AppError::Invalid(errors)
}

/// Replaces a found enterprise's profile with a checked row and audits the change, in the
/// caller's transaction (a direct edit, or the county approving a proposal).
pub(crate) async fn write_profile<C: store::ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    meta: &RequestMeta,
    current: enterprise::Model,
    row: &Row,
) -> Result<enterprise::Model, AppError> {
    let before = audit_json(&current);
    let mut am = current.into_active_model();
    apply(&mut am, row);
    let saved = store::enterprise::profile::update(conn, am).await?;
    record(
        conn,
        actor,
        meta,
        AuditRecord {
            action: "enterprise.update",
            entity_type: "enterprise",
            entity_id: saved.uscc.clone(),
            region_code: Some(saved.region_code.clone()),
            before,
            after: audit_json(&saved),
        },
    )
    .await?;
    Ok(saved)
}

/// Answers `NotFound` when the row names an enterprise outside `scope`, before anything about
/// the rest of the input is said (so a reply cannot reveal what lies outside the scope).
pub(crate) async fn require_in_scope(
    app: &App,
    scope: &policy::org::Scope,
    raw: &HashMap<String, String>,
) -> Result<(), AppError> {
    if let Some(u) = raw.get("uscc") {
        store::enterprise::profile::find(app.db().conn(), scope, u.trim())
            .await?
            .ok_or(AppError::NotFound)?;
    }
    Ok(())
}

/// A JSON value as the text a form or a spreadsheet cell holds: yes/no as 是/否, lists joined
/// by "；", nothing as empty.
pub fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Bool(true) => "是".into(),
        serde_json::Value::Bool(false) => "否".into(),
        serde_json::Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str())
            .collect::<Vec<_>>()
            .join("；"),
        other => other.to_string(),
    }
}

/// Creates an enterprise from a row of text fields (the JSON API and the form).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn create_enterprise(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    raw: &HashMap<String, String>,
) -> Result<EnterpriseView, AppError> {
    let scope = actor.scope(Permission::ENTERPRISE_WRITE)?;
    let ctx = parse_context(app).await?;
    let row = parse_row(ENTERPRISE_FIELDS, raw, &ctx).map_err(invalid)?;
    let uscc = row
        .uscc()
        .cloned()
        .ok_or_else(|| AppError::invalid("uscc", "common.required"))?;
    if let super::parse::Value::Region(r) = row.get("region_code")
        && !scope.admits(Some(r), None, None)
    {
        return Err(AppError::invalid("region_code", "region.out_of_scope"));
    }
    let tx = app.db().begin_write().await?;
    if store::enterprise::profile::exists(&tx, uscc.as_str()).await? {
        return Err(AppError::invalid("uscc", "enterprise.exists"));
    }
    let mut am = enterprise::ActiveModel {
        uscc: Set(uscc.to_string()),
        created_at: Set(Utc::now()),
        size_basis: Set(String::new()),
        capabilities: Set("{}".into()),
        status_reason: Set(String::new()),
        ..Default::default()
    };
    apply(&mut am, &row);
    let saved = store::enterprise::profile::insert(&tx, am).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "enterprise.create",
            entity_type: "enterprise",
            entity_id: saved.uscc.clone(),
            region_code: Some(saved.region_code.clone()),
            before: serde_json::Value::Null,
            after: audit_json(&saved),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view(&saved, actor.can(Permission::ENTERPRISE_CONTACT)))
}

/// Edits an enterprise's profile: every template field is replaced by the row's value.
/// Enterprise users cannot edit directly: they submit a change for the county to confirm.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn update_enterprise(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    uscc: &str,
    raw: &HashMap<String, String>,
) -> Result<EnterpriseView, AppError> {
    let scope = actor.scope(Permission::ENTERPRISE_WRITE)?;
    // Out of scope answers as missing, before anything about the input is said.
    store::enterprise::profile::find(app.db().conn(), &scope, uscc)
        .await?
        .ok_or(AppError::NotFound)?;
    let ctx = parse_context(app).await?;
    let mut raw = raw.clone();
    raw.insert("uscc".into(), uscc.to_string());
    let row = parse_row(ENTERPRISE_FIELDS, &raw, &ctx).map_err(invalid)?;
    if let super::parse::Value::Region(r) = row.get("region_code")
        && !scope.admits(Some(r), None, None)
    {
        return Err(AppError::invalid("region_code", "region.out_of_scope"));
    }
    let tx = app.db().begin_write().await?;
    let current = store::enterprise::profile::find(&tx, &scope, uscc)
        .await?
        .ok_or(AppError::NotFound)?;
    let saved = write_profile(&tx, actor, meta, current, &row).await?;
    tx.commit().await?;
    Ok(view(&saved, actor.can(Permission::ENTERPRISE_CONTACT)))
}

/// One enterprise in the actor's scope.
pub async fn get_enterprise(
    app: &App,
    actor: &Actor,
    uscc: &str,
) -> Result<EnterpriseView, AppError> {
    let scope = actor.scope(Permission::ENTERPRISE_READ)?;
    let m = store::enterprise::profile::find(app.db().conn(), &scope, uscc)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(view(&m, actor.can(Permission::ENTERPRISE_CONTACT)))
}
