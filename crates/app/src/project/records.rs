//! Support-fund payments (扶持资金拨付: by programme and enterprise) and digital records.
//!
//! Digital figures are records, not totals. 5G base stations are kept as *counted batches
//! with a source* (an operator's or the bureau's register of stations built, with the place
//! and date): the registers list stations by batch, not by mast. Enterprises newly on the
//! cloud (上云), 两化融合 and DCMM certifications are one record per enterprise, each once.

use super::{Check, enterprise_in, exact_wan_yuan, text_or_number, writable};
use crate::io::audit::AuditBatch;
use crate::{Actor, App, AppError, FieldError, Page, PageRequest, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::org::{Permission, RegionCode};
use policy::project::records::DigitalKind;
use sea_orm::ActiveValue::Set;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use store::entity::{digital_record, support_fund_payment};
use store::project::fund::RecordFilter;

/// A support-fund payment (`POST /api/v1/support-funds`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct PaymentForm {
    /// The programme (扶持项目/资金名称).
    #[serde(default)]
    pub programme: String,
    /// The enterprise paid.
    #[serde(default)]
    pub enterprise_uscc: String,
    /// Amount, 万元.
    #[serde(default, deserialize_with = "text_or_number")]
    pub amount_wan_yuan: String,
    /// When it was paid.
    #[serde(default)]
    pub paid_on: String,
    /// The document it was paid under.
    #[serde(default)]
    pub document: String,
}

/// A digital record (`POST /api/v1/digital-records`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct DigitalForm {
    /// `base_station_5g`, `cloud_adoption`, `integration_certification`, `dcmm_certification`.
    #[serde(default)]
    pub kind: String,
    /// Region: required for base stations; an enterprise's record takes the enterprise's.
    #[serde(default)]
    pub region_code: String,
    /// The enterprise (every kind but base stations).
    #[serde(default)]
    pub enterprise_uscc: String,
    /// Base stations in the batch (base stations only).
    #[serde(default)]
    pub quantity: Option<i32>,
    /// When (built, on the cloud, certified).
    #[serde(default)]
    pub recorded_on: String,
    /// Where (base stations).
    #[serde(default)]
    pub place: String,
    /// Where the figure comes from: the register, the certificate number.
    #[serde(default)]
    pub source: String,
}

/// A payment as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PaymentView {
    /// Id.
    pub id: i64,
    /// Programme.
    pub programme: String,
    /// Enterprise.
    pub enterprise_uscc: String,
    /// Its name.
    pub enterprise_name: String,
    /// Region.
    pub region_code: String,
    /// Amount, 万元.
    pub amount_wan_yuan: String,
    /// Paid on.
    pub paid_on: NaiveDate,
    /// Document.
    pub document: String,
}

/// A digital record as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DigitalView {
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Region.
    pub region_code: String,
    /// Enterprise.
    pub enterprise_uscc: Option<String>,
    /// Its name.
    pub enterprise_name: Option<String>,
    /// How many (base stations in the batch; 1 otherwise).
    pub quantity: i32,
    /// When.
    pub recorded_on: NaiveDate,
    /// Where.
    pub place: String,
    /// Source.
    pub source: String,
}

/// Filters of the payment and digital-record lists.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct RecordListQuery {
    /// Region code (subtree).
    pub region: Option<String>,
    /// Year paid or recorded.
    pub year: Option<i32>,
    /// Programme (payments) or kind (digital records).
    pub kind: Option<String>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
    /// Page size.
    pub limit: Option<u64>,
}

const KINDS: &[&str] = &[
    "base_station_5g",
    "cloud_adoption",
    "integration_certification",
    "dcmm_certification",
];

pub(crate) fn record_filter(q: &RecordListQuery) -> Result<RecordFilter, AppError> {
    Ok(RecordFilter {
        region: super::parse_region(q.region.as_deref())?,
        year: q.year.map(super::check_year).transpose()?,
        kind: q
            .kind
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from),
        enterprise: None,
    })
}

fn page_request(q: &RecordListQuery) -> Result<PageRequest, AppError> {
    let after = match q.cursor.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => Some(
            c.parse::<i64>()
                .map_err(|_| AppError::invalid("cursor", "error.bad_request"))?,
        ),
        None => None,
    };
    Ok(PageRequest::new(q.limit.unwrap_or(50), after))
}

async fn names_of<C: store::ConnectionTrait>(
    conn: &C,
    codes: Vec<String>,
) -> Result<HashMap<String, String>, AppError> {
    let mut codes = codes;
    codes.sort_unstable();
    codes.dedup();
    Ok(store::enterprise::bulk::enterprises(conn, None, &codes)
        .await?
        .into_iter()
        .map(|e| (e.uscc, e.name))
        .collect())
}

/// Records support-fund payments to enterprises in the actor's scope, all or none, in one
/// transaction. Returns how many.
#[tracing::instrument(skip_all, fields(actor = %actor.username, n = forms.len()))]
pub async fn pay_support_funds(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    forms: Vec<PaymentForm>,
) -> Result<usize, AppError> {
    let scope = actor.scope(Permission::PROJECT_WRITE)?;
    let batch = forms.len() > 1;
    let mut all = Check::default();
    let mut valid = Vec::new();
    for (i, f) in forms.iter().enumerate() {
        let mut c = Check::new(if batch {
            format!("payments[{i}]")
        } else {
            String::new()
        });
        let programme = c.text("programme", &f.programme, 200, true);
        let uscc = c.uscc("enterprise_uscc", &f.enterprise_uscc, true);
        let amount = c.money("amount_wan_yuan", &f.amount_wan_yuan, true);
        if amount.is_some_and(|a| a.get() == 0) {
            c.bad("amount_wan_yuan", "project.amount_zero");
        }
        let on = c.date("paid_on", &f.paid_on, true);
        let document = c.text("document", &f.document, 200, false);
        match (uscc, amount, on, c.is_ok()) {
            (Some(u), Some(a), Some(on), true) => valid.push((i, programme, u, a, on, document)),
            _ => all.absorb(c),
        }
    }
    all.finish()?;
    let tx = app.db().begin_write().await?;
    let codes: Vec<String> = valid.iter().map(|v| v.2.to_string()).collect();
    let found: HashMap<String, store::entity::enterprise::Model> = {
        let mut codes = codes.clone();
        codes.sort_unstable();
        codes.dedup();
        store::enterprise::bulk::enterprises(&tx, Some(&scope), &codes)
            .await?
            .into_iter()
            .map(|e| (e.uscc.clone(), e))
            .collect()
    };
    let now = Utc::now();
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    let mut audit = AuditBatch::with_capacity(valid.len());
    for (i, programme, uscc, amount, on, document) in valid {
        let Some(e) = found.get(uscc.as_str()) else {
            let field = if batch {
                format!("payments[{i}].enterprise_uscc")
            } else {
                "enterprise_uscc".into()
            };
            errors.push(FieldError::new(field, "project.enterprise_not_found"));
            continue;
        };
        audit.push(
            actor,
            meta,
            "support_fund.pay",
            "enterprise",
            e.uscc.clone(),
            Some(e.region_code.clone()),
            &serde_json::Value::Null,
            &json!({"programme": programme, "amount_wan_yuan": exact_wan_yuan(amount.get()),
                "paid_on": on, "document": document}),
        )?;
        rows.push(support_fund_payment::ActiveModel {
            programme: Set(programme),
            enterprise_uscc: Set(e.uscc.clone()),
            region_code: Set(e.region_code.clone()),
            amount_fen: Set(amount.get()),
            paid_on: Set(on),
            document: Set(document),
            created_by: Set(actor.stored_id()),
            created_at: Set(now),
            ..Default::default()
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let n = rows.len();
    store::project::fund::insert_payments(&tx, rows).await?;
    audit.write(&tx).await?;
    tx.commit().await?;
    Ok(n)
}

/// A page of payments in the actor's scope, newest first.
pub async fn list_payments(
    app: &App,
    actor: &Actor,
    q: &RecordListQuery,
) -> Result<Page<PaymentView>, AppError> {
    let scope = actor.scope(Permission::PROJECT_READ)?;
    let f = record_filter(q)?;
    let conn = app.db().conn();
    let page = store::project::fund::list_payments(conn, &scope, &f, page_request(q)?).await?;
    let names = names_of(
        conn,
        page.items
            .iter()
            .map(|p| p.enterprise_uscc.clone())
            .collect(),
    )
    .await?;
    Ok(page.map(|p| PaymentView {
        enterprise_name: names.get(&p.enterprise_uscc).cloned().unwrap_or_default(),
        amount_wan_yuan: exact_wan_yuan(p.amount_fen),
        id: p.id,
        programme: p.programme,
        enterprise_uscc: p.enterprise_uscc,
        region_code: p.region_code,
        paid_on: p.paid_on,
        document: p.document,
    }))
}

/// Records digital records in the actor's scope, all or none, in one transaction: base-station
/// batches (a region, a count and a source), and enterprises on the cloud or certified (an
/// enterprise in scope, once per kind). Returns how many.
#[tracing::instrument(skip_all, fields(actor = %actor.username, n = forms.len()))]
pub async fn record_digital(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    forms: Vec<DigitalForm>,
) -> Result<usize, AppError> {
    let scope = actor.scope(Permission::PROJECT_WRITE)?;
    let ctx = crate::enterprise::parse_context(app).await?;
    let batch = forms.len() > 1;
    let field = |i: usize, f: &str| {
        if batch {
            format!("records[{i}].{f}")
        } else {
            f.to_string()
        }
    };
    let mut all = Check::default();
    let mut valid = Vec::new();
    let mut seen = HashSet::new();
    for (i, f) in forms.iter().enumerate() {
        let mut c = Check::new(if batch {
            format!("records[{i}]")
        } else {
            String::new()
        });
        let kind = c.choice("kind", &f.kind, DigitalKind::parse, KINDS);
        let on = c.date("recorded_on", &f.recorded_on, true);
        let place = c.text("place", &f.place, 200, false);
        let source = c.text(
            "source",
            &f.source,
            200,
            kind == Some(DigitalKind::BaseStation5g),
        );
        let mut region = None;
        let mut uscc = None;
        let mut quantity = 1;
        match kind {
            Some(DigitalKind::BaseStation5g) => {
                region = c.region("region_code", &f.region_code, &ctx, true);
                if let Some(r) = &region
                    && !writable(&scope, r)
                {
                    c.bad("region_code", "region.out_of_scope");
                }
                if !f.enterprise_uscc.trim().is_empty() {
                    c.bad("enterprise_uscc", "digital.no_enterprise");
                }
                match f.quantity {
                    Some(q) if q > 0 => quantity = q,
                    Some(_) => c.bad("quantity", "digital.quantity_positive"),
                    None => c.bad("quantity", "common.required"),
                }
            }
            Some(k) => {
                uscc = c.uscc("enterprise_uscc", &f.enterprise_uscc, true);
                if f.quantity.is_some_and(|q| q != 1) {
                    c.bad("quantity", "digital.quantity_one");
                }
                if let Some(u) = &uscc
                    && !seen.insert((k, u.to_string()))
                {
                    c.bad("enterprise_uscc", "digital.duplicate");
                }
            }
            None => {}
        }
        match (kind, on, c.is_ok()) {
            (Some(kind), Some(on), true) => {
                valid.push((i, kind, region, uscc, quantity, on, place, source))
            }
            _ => all.absorb(c),
        }
    }
    all.finish()?;
    let tx = app.db().begin_write().await?;
    let mut recorded: HashSet<(String, String)> = HashSet::new();
    for k in DigitalKind::ALL.iter().filter(|k| k.per_enterprise()) {
        let codes: Vec<String> = valid
            .iter()
            .filter(|v| v.1 == *k)
            .filter_map(|v| v.3.as_ref().map(|u| u.to_string()))
            .collect();
        if codes.is_empty() {
            continue;
        }
        for c in store::project::fund::digital_enterprises_recorded(&tx, k.as_str(), &codes).await?
        {
            recorded.insert((k.as_str().to_string(), c));
        }
    }
    let now = Utc::now();
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    let mut audit = AuditBatch::with_capacity(valid.len());
    for (i, kind, region, uscc, quantity, on, place, source) in valid {
        let (region, enterprise): (RegionCode, Option<String>) = match (region, uscc) {
            (Some(r), _) => (r, None),
            (None, Some(u)) => {
                if recorded.contains(&(kind.as_str().to_string(), u.to_string())) {
                    errors.push(FieldError::new(
                        field(i, "enterprise_uscc"),
                        "digital.duplicate",
                    ));
                    continue;
                }
                match enterprise_in(&tx, &scope, &u).await? {
                    Some(e) => match RegionCode::parse(&e.region_code) {
                        Ok(r) => (r, Some(e.uscc)),
                        Err(_) => {
                            return Err(AppError::Internal(format!(
                                "enterprise {} region",
                                e.uscc
                            )));
                        }
                    },
                    None => {
                        errors.push(FieldError::new(
                            field(i, "enterprise_uscc"),
                            "project.enterprise_not_found",
                        ));
                        continue;
                    }
                }
            }
            (None, None) => return Err(AppError::invalid("kind", "common.required")),
        };
        audit.push(
            actor,
            meta,
            "digital_record.create",
            "digital_record",
            format!(
                "{}/{}",
                kind.as_str(),
                enterprise.clone().unwrap_or_else(|| on.to_string())
            ),
            Some(region.to_string()),
            &serde_json::Value::Null,
            &json!({"kind": kind.as_str(), "enterprise_uscc": enterprise, "quantity": quantity,
                "recorded_on": on, "place": place, "source": source}),
        )?;
        rows.push(digital_record::ActiveModel {
            kind: Set(kind.as_str().into()),
            region_code: Set(region.to_string()),
            enterprise_uscc: Set(enterprise),
            quantity: Set(quantity),
            recorded_on: Set(on),
            place: Set(place),
            source: Set(source),
            created_by: Set(actor.stored_id()),
            created_at: Set(now),
            ..Default::default()
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let n = rows.len();
    store::project::fund::insert_digital(&tx, rows).await?;
    audit.write(&tx).await?;
    tx.commit().await?;
    Ok(n)
}

/// A page of digital records in the actor's scope, newest first.
pub async fn list_digital(
    app: &App,
    actor: &Actor,
    q: &RecordListQuery,
) -> Result<Page<DigitalView>, AppError> {
    let scope = actor.scope(Permission::PROJECT_READ)?;
    let f = record_filter(q)?;
    let conn = app.db().conn();
    let page = store::project::fund::list_digital(conn, &scope, &f, page_request(q)?).await?;
    let names = names_of(
        conn,
        page.items
            .iter()
            .filter_map(|p| p.enterprise_uscc.clone())
            .collect(),
    )
    .await?;
    Ok(page.map(|p| DigitalView {
        enterprise_name: p
            .enterprise_uscc
            .as_ref()
            .and_then(|u| names.get(u).cloned()),
        id: p.id,
        kind: p.kind,
        region_code: p.region_code,
        enterprise_uscc: p.enterprise_uscc,
        quantity: p.quantity,
        recorded_on: p.recorded_on,
        place: p.place,
        source: p.source,
    }))
}
