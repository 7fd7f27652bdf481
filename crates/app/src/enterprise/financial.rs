//! Yearly financials, and the size class they imply.

use super::fields::FINANCIAL_FIELDS;
use super::parse::{Row, parse_row};
use super::profile::parse_context;
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::Utc;
use policy::money::Fen;
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::Serialize;
use std::collections::HashMap;
use store::ConnectionTrait;
use store::entity::financial;

/// One year of an enterprise's figures. Money is in 万元 as exact decimal text; a missing
/// figure is `null`, never 0.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FinancialView {
    /// Code.
    pub uscc: String,
    /// Year.
    pub year: i32,
    /// Fields by key (`revenue_wan_yuan`, `staff`, …), as in the data dictionary.
    #[schema(value_type = Object)]
    pub values: serde_json::Map<String, serde_json::Value>,
}

fn money(v: Option<i64>) -> serde_json::Value {
    v.map(|f| {
        serde_json::Value::String(
            Fen::new(f)
                .wan_yuan(6)
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string(),
        )
    })
    .unwrap_or(serde_json::Value::Null)
}

/// The figures of a row as JSON by data-dictionary key.
pub(crate) fn values(m: &financial::Model) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value as J;
    let int = |v: Option<i32>| v.map(J::from).unwrap_or(J::Null);
    let mut o = serde_json::Map::new();
    o.insert("revenue_wan_yuan".into(), money(m.revenue_fen));
    o.insert("main_revenue_wan_yuan".into(), money(m.main_revenue_fen));
    o.insert("rd_expense_wan_yuan".into(), money(m.rd_expense_fen));
    o.insert("net_profit_wan_yuan".into(), money(m.net_profit_fen));
    o.insert("total_assets_wan_yuan".into(), money(m.total_assets_fen));
    o.insert(
        "total_liabilities_wan_yuan".into(),
        money(m.total_liabilities_fen),
    );
    o.insert("staff".into(), int(m.staff));
    o.insert("rd_staff".into(), int(m.rd_staff));
    o.insert("tech_staff".into(), int(m.tech_staff));
    o.insert(
        "equity_financing_wan_yuan".into(),
        money(m.equity_financing_fen),
    );
    o.insert("ip_class1_high_value".into(), int(m.ip_class1_high_value));
    o.insert(
        "ip_class1_self_developed".into(),
        int(m.ip_class1_self_developed),
    );
    o.insert("ip_class1".into(), int(m.ip_class1));
    o.insert("ip_class2".into(), int(m.ip_class2));
    o.insert(
        "digital_level".into(),
        m.digital_level
            .map(|d| J::String(d.to_string()))
            .unwrap_or(J::Null),
    );
    o.insert(
        "rd_institution_level".into(),
        m.rd_institution_level
            .clone()
            .map(J::String)
            .unwrap_or(J::Null),
    );
    o.insert("invention_patents".into(), int(m.invention_patents));
    o.insert("utility_models".into(), int(m.utility_models));
    o.insert("software_copyrights".into(), int(m.software_copyrights));
    o.insert("quality_award".into(), J::Bool(m.quality_award));
    o.insert(
        "quality_certification".into(),
        J::Bool(m.quality_certification),
    );
    o.insert("own_brand".into(), J::Bool(m.own_brand));
    o.insert("standard_drafting".into(), J::Bool(m.standard_drafting));
    o.insert("data_source".into(), J::String(m.data_source.clone()));
    o
}

/// An active model holding a checked row's figures.
pub(crate) fn active_model(row: &Row, confirmed_by: &str) -> Option<financial::ActiveModel> {
    let uscc = row.uscc()?.to_string();
    let year = row.int("year")?;
    Some(financial::ActiveModel {
        uscc: Set(uscc),
        year: Set(year),
        revenue_fen: Set(row.fen("revenue_wan_yuan")),
        main_revenue_fen: Set(row.fen("main_revenue_wan_yuan")),
        rd_expense_fen: Set(row.fen("rd_expense_wan_yuan")),
        net_profit_fen: Set(row.fen("net_profit_wan_yuan")),
        total_assets_fen: Set(row.fen("total_assets_wan_yuan")),
        total_liabilities_fen: Set(row.fen("total_liabilities_wan_yuan")),
        staff: Set(row.int("staff")),
        rd_staff: Set(row.int("rd_staff")),
        tech_staff: Set(row.int("tech_staff")),
        equity_financing_fen: Set(row.fen("equity_financing_wan_yuan")),
        ip_class1_high_value: Set(row.int("ip_class1_high_value")),
        ip_class1_self_developed: Set(row.int("ip_class1_self_developed")),
        ip_class1: Set(row.int("ip_class1")),
        ip_class2: Set(row.int("ip_class2")),
        invention_patents: Set(row.int("invention_patents")),
        utility_models: Set(row.int("utility_models")),
        software_copyrights: Set(row.int("software_copyrights")),
        digital_level: Set(row.choice("digital_level").and_then(|d| d.parse().ok())),
        rd_institution_level: Set(row.choice("rd_institution_level").map(str::to_string)),
        quality_award: Set(row.flag("quality_award")),
        quality_certification: Set(row.flag("quality_certification")),
        own_brand: Set(row.flag("own_brand")),
        standard_drafting: Set(row.flag("standard_drafting")),
        data_source: Set(row.text("data_source")),
        confirmed_by: Set(confirmed_by.to_string()),
        updated_at: Set(Some(Utc::now())),
        ..Default::default()
    })
}

/// The size class and how it was derived (as stored in `size_basis`), from an enterprise's
/// years newest first: the latest year with both staff and revenue decides.
pub(crate) fn derive_size(
    rules: &policy::enterprise::SizeRules,
    years: &[financial::Model],
) -> Option<(String, String)> {
    let latest = years
        .iter()
        .find(|y| y.staff.is_some() && y.revenue_fen.is_some())?;
    let (Some(staff), Some(revenue)) = (latest.staff, latest.revenue_fen) else {
        return None;
    };
    let d = rules.classify(staff.max(0) as u32, Fen::new(revenue));
    let basis = serde_json::json!({
        "rules": d.rules, "year": latest.year, "staff": staff,
        "revenue_wan_yuan": Fen::new(revenue).wan_yuan(2),
        "band_min_staff": d.band_min_staff, "band_min_revenue_wan_yuan": d.band_min_revenue_wan_yuan,
    });
    Some((d.class.as_str().into(), basis.to_string()))
}

/// Derives the size class from the latest year with both staff and revenue, and stores it with
/// how it was derived.
pub(crate) async fn refresh_size<C: ConnectionTrait>(conn: &C, uscc: &str) -> Result<(), AppError> {
    let rules = super::size_rules()?;
    let years = store::enterprise::financial::of_enterprise(conn, uscc).await?;
    let Some((class, basis)) = derive_size(&rules, &years) else {
        return Ok(());
    };
    if let Some(e) =
        store::enterprise::profile::find(conn, &policy::org::Scope::all(), uscc).await?
    {
        let mut am = e.into_active_model();
        am.size_class = Set(Some(class));
        am.size_basis = Set(basis);
        store::enterprise::profile::update(conn, am).await?;
    }
    Ok(())
}

/// Writes one year of figures of a found enterprise, refreshes its size class and audits the
/// change, in the caller's transaction (a direct save, or the county approving a proposal).
pub(crate) async fn write_financial<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    meta: &RequestMeta,
    e: &store::entity::enterprise::Model,
    year: i32,
    am: financial::ActiveModel,
) -> Result<financial::Model, AppError> {
    let before = store::enterprise::financial::find(conn, &e.uscc, year).await?;
    store::enterprise::financial::upsert(conn, am).await?;
    let after = store::enterprise::financial::find(conn, &e.uscc, year)
        .await?
        .ok_or(AppError::NotFound)?;
    refresh_size(conn, &e.uscc).await?;
    record(
        conn,
        actor,
        meta,
        AuditRecord {
            action: if before.is_some() {
                "financial.update"
            } else {
                "financial.create"
            },
            entity_type: "financial",
            entity_id: format!("{}/{year}", e.uscc),
            region_code: Some(e.region_code.clone()),
            before: before
                .as_ref()
                .map(|b| serde_json::Value::Object(values(b)))
                .unwrap_or(serde_json::Value::Null),
            after: serde_json::Value::Object(values(&after)),
        },
    )
    .await?;
    Ok(after)
}

/// Saves one year of figures for an enterprise in scope (replacing that year's figures).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn save_financial(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    raw: &HashMap<String, String>,
) -> Result<FinancialView, AppError> {
    let scope = actor.scope(Permission::ENTERPRISE_WRITE)?;
    super::profile::require_in_scope(app, &scope, raw).await?;
    let ctx = parse_context(app).await?;
    let row = parse_row(FINANCIAL_FIELDS, raw, &ctx).map_err(AppError::Invalid)?;
    let am = active_model(&row, &actor.username)
        .ok_or_else(|| AppError::invalid("year", "common.required"))?;
    let (uscc, year) = (
        row.uscc().map(|u| u.to_string()).unwrap_or_default(),
        row.int("year").unwrap_or(0),
    );
    let tx = app.db().begin_write().await?;
    let e = store::enterprise::profile::find(&tx, &scope, &uscc)
        .await?
        .ok_or(AppError::NotFound)?;
    let after = write_financial(&tx, actor, meta, &e, year, am).await?;
    tx.commit().await?;
    Ok(FinancialView {
        uscc,
        year,
        values: values(&after),
    })
}

/// Every year of an enterprise in scope, newest first.
pub async fn financials_of(
    app: &App,
    actor: &Actor,
    uscc: &str,
) -> Result<Vec<FinancialView>, AppError> {
    let scope = actor.scope(Permission::ENTERPRISE_READ)?;
    let conn = app.db().conn();
    store::enterprise::profile::find(conn, &scope, uscc)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(store::enterprise::financial::of_enterprise(conn, uscc)
        .await?
        .iter()
        .map(|m| FinancialView {
            uscc: m.uscc.clone(),
            year: m.year,
            values: values(m),
        })
        .collect())
}
