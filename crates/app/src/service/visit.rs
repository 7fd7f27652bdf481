//! Visits (走访, 慰问): who visited which enterprise when, the support handed over, and the
//! problems found, each of which becomes a ticket.

use super::service_rules;
use super::ticket::{NewTicketForm, insert_ticket, validate_new};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, Page, PageRequest, RequestMeta};
use chrono::{NaiveDate, Utc};
use policy::enterprise::Uscc;
use policy::money::Fen;
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use serde::{Deserialize, Serialize};
use store::entity::visit;

/// A visit to record.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct NewVisitForm {
    /// The enterprise.
    pub enterprise_uscc: String,
    /// `visit` (走访) or `condolence` (慰问).
    pub kind: String,
    /// When.
    pub visited_on: Option<NaiveDate>,
    /// Who visited.
    pub visitors: String,
    /// Money handed over, 万元.
    #[serde(default)]
    pub support_money_wan_yuan: Option<String>,
    /// Support in kind.
    #[serde(default)]
    pub support_kind: String,
    /// Notes.
    #[serde(default)]
    pub notes: String,
    /// Problems found: each becomes a ticket.
    #[serde(default)]
    pub problems: Vec<NewTicketForm>,
}

/// A visit as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VisitView {
    /// Id.
    pub id: i64,
    /// Enterprise.
    pub enterprise_uscc: String,
    /// Region.
    pub region_code: String,
    /// `visit` or `condolence`.
    pub kind: String,
    /// When.
    pub visited_on: NaiveDate,
    /// Who.
    pub visitors: String,
    /// Money handed over, 万元.
    pub support_money_wan_yuan: Option<String>,
    /// Support in kind.
    pub support_kind: String,
    /// Notes.
    pub notes: String,
    /// The tickets raised from it.
    pub ticket_ids: Vec<i64>,
}

fn view(v: &visit::Model, ticket_ids: Vec<i64>) -> VisitView {
    VisitView {
        id: v.id,
        enterprise_uscc: v.enterprise_uscc.clone(),
        region_code: v.region_code.clone(),
        kind: v.kind.clone(),
        visited_on: v.visited_on,
        visitors: v.visitors.clone(),
        support_money_wan_yuan: v.support_money_fen.map(|f| Fen::new(f).wan_yuan(2)),
        support_kind: v.support_kind.clone(),
        notes: v.notes.clone(),
        ticket_ids,
    }
}

/// Records a visit to an enterprise in scope, and raises a ticket for each problem found, all
/// in one transaction.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn record_visit(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: NewVisitForm,
) -> Result<VisitView, AppError> {
    let scope = actor.scope(Permission::SERVICE_MANAGE)?;
    let raise_scope = if form.problems.is_empty() {
        None
    } else {
        Some(actor.scope(Permission::TICKET_RAISE)?)
    };
    let mut errors = Vec::new();
    let uscc = Uscc::parse(&form.enterprise_uscc)
        .map_err(|e| errors.push(crate::FieldError::uscc("enterprise_uscc", &e)))
        .ok();
    if !matches!(form.kind.as_str(), "visit" | "condolence") {
        errors.push(crate::FieldError::new("kind", "visit.kind_unknown"));
    }
    if form.visited_on.is_none() {
        errors.push(crate::FieldError::new("visited_on", "common.date_format"));
    }
    if form.visitors.trim().is_empty() {
        errors.push(crate::FieldError::new("visitors", "common.required"));
    }
    let money = match form.support_money_wan_yuan.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => match Fen::parse_wan_yuan(s) {
            Ok(f) => Some(f.get()),
            Err(e) => {
                errors.push(crate::FieldError::new("support_money_wan_yuan", e.key()));
                None
            }
        },
        _ => None,
    };
    let rules = service_rules()?;
    let mut problems = Vec::new();
    for (i, p) in form.problems.iter().enumerate() {
        let mut p = p.clone();
        p.enterprise_uscc = Some(form.enterprise_uscc.clone());
        match validate_new(actor, &rules, &p) {
            Ok(v) => problems.push(v),
            Err(AppError::Invalid(es)) => errors.extend(es.into_iter().map(|mut e| {
                e.field = format!("problems[{i}].{}", e.field);
                e
            })),
            Err(e) => return Err(e),
        }
    }
    let (Some(uscc), Some(visited_on), true) = (uscc, form.visited_on, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let tx = app.db().begin_write().await?;
    let e = store::enterprise::profile::find(&tx, &scope, uscc.as_str())
        .await?
        .ok_or_else(|| AppError::invalid("enterprise_uscc", "ticket.enterprise_not_found"))?;
    let v = store::service::visit::insert(
        &tx,
        visit::ActiveModel {
            enterprise_uscc: Set(e.uscc.clone()),
            region_code: Set(e.region_code.clone()),
            kind: Set(form.kind.clone()),
            visited_on: Set(visited_on),
            visitors: Set(form.visitors.trim().to_string()),
            support_money_fen: Set(money),
            support_kind: Set(form.support_kind.trim().to_string()),
            notes: Set(form.notes.trim().to_string()),
            created_by: Set(actor.stored_id()),
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
            action: "visit.create",
            entity_type: "visit",
            entity_id: v.id.to_string(),
            region_code: Some(v.region_code.clone()),
            before: serde_json::Value::Null,
            after: serde_json::to_value(view(&v, Vec::new())).unwrap_or_default(),
        },
    )
    .await?;
    let mut ids = Vec::new();
    if let Some(rs) = raise_scope {
        for mut p in problems {
            p.visit_id = Some(v.id);
            ids.push(insert_ticket(&tx, actor, meta, &rs, &rules, p).await?.id);
        }
    }
    tx.commit().await?;
    Ok(view(&v, ids))
}

/// A page of visits in the actor's scope, newest first.
pub async fn list_visits(
    app: &App,
    actor: &Actor,
    page: PageRequest,
) -> Result<Page<VisitView>, AppError> {
    let scope = actor.scope(Permission::SERVICE_MANAGE)?;
    let rows = store::service::visit::list(app.db().conn(), &scope, page).await?;
    Ok(rows.map(|v| view(&v, Vec::new())))
}
