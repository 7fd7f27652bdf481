//! The counties' yearly attraction targets (目标考核) and how far each is met, computed from
//! the approved records.

use super::{Check, check_year, exact_wan_yuan, region_names, text_or_number, writable};
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::Utc;
use policy::org::{Permission, RegionLevel, Scope};
use policy::project::completion_pct;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::ConnectionTrait;
use store::entity::investment_county_target;
use store::project::attraction::TargetFilter;

/// A county's target for a year (`POST /api/v1/investment/county-targets`); replaces the one
/// there.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct CountyTargetForm {
    /// The county.
    #[serde(default)]
    pub region_code: String,
    /// Year.
    #[serde(default)]
    pub year: Option<i32>,
    /// Projects count from this planned investment up, 万元 (e.g. 10000 for 亿元以上; default 0).
    #[serde(default, deserialize_with = "text_or_number")]
    pub min_wan_yuan: String,
    /// Projects to sign.
    #[serde(default)]
    pub signed_count: Option<i32>,
    /// Planned investment to sign, 万元.
    #[serde(default, deserialize_with = "text_or_number")]
    pub planned_wan_yuan: String,
    /// Funds to have in place, 万元.
    #[serde(default, deserialize_with = "text_or_number")]
    pub in_place_wan_yuan: String,
}

/// A county's target with what was done against it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CountyTargetView {
    /// The county.
    pub region_code: String,
    /// Its name.
    pub region_name: String,
    /// Year.
    pub year: i32,
    /// Projects count from this planned investment up, 万元.
    pub min_wan_yuan: String,
    /// Projects to sign.
    pub signed_count: i32,
    /// Planned investment to sign, 万元.
    pub planned_wan_yuan: String,
    /// Funds to have in place, 万元.
    pub in_place_wan_yuan: String,
    /// Projects signed in the year (approved), of at least the minimum.
    pub actual_signed_count: u64,
    /// Their planned investment, 万元.
    pub actual_planned_wan_yuan: String,
    /// Their funds in place, 万元.
    pub actual_in_place_wan_yuan: String,
    /// Signed ÷ target, percent.
    pub signed_completion_pct: Option<f64>,
    /// Planned ÷ target, percent.
    pub planned_completion_pct: Option<f64>,
    /// In place ÷ target, percent.
    pub in_place_completion_pct: Option<f64>,
}

/// What was done against a target, counted from approved records in `scope`.
pub(crate) async fn completion<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    t: &investment_county_target::Model,
    name: String,
) -> Result<CountyTargetView, AppError> {
    let region = policy::org::RegionCode::parse(&t.region_code)
        .map_err(|_| AppError::Internal(format!("target region {}", t.region_code)))?;
    let f = TargetFilter {
        region: Some(region),
        signed_year: Some(t.year),
        min_planned_fen: Some(t.min_fen),
        ..Default::default()
    };
    let n = store::project::attraction::count(conn, scope, &f).await?;
    let (planned, in_place) = store::project::attraction::sums(conn, scope, &f).await?;
    Ok(CountyTargetView {
        region_code: t.region_code.clone(),
        region_name: name,
        year: t.year,
        min_wan_yuan: exact_wan_yuan(t.min_fen),
        signed_count: t.signed_count,
        planned_wan_yuan: exact_wan_yuan(t.planned_fen),
        in_place_wan_yuan: exact_wan_yuan(t.in_place_fen),
        actual_signed_count: n,
        actual_planned_wan_yuan: exact_wan_yuan(planned),
        actual_in_place_wan_yuan: exact_wan_yuan(in_place),
        signed_completion_pct: completion_pct(n as i64, i64::from(t.signed_count)),
        planned_completion_pct: completion_pct(planned, t.planned_fen),
        in_place_completion_pct: completion_pct(in_place, t.in_place_fen),
    })
}

/// Sets a county's target for a year (the reviewer's office sets them).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn set_county_target(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: CountyTargetForm,
) -> Result<CountyTargetView, AppError> {
    let scope = actor.scope(Permission::INVESTMENT_REVIEW)?;
    let ctx = crate::enterprise::parse_context(app).await?;
    let mut c = Check::default();
    let region = c.region("region_code", &form.region_code, &ctx, true);
    if let Some(r) = &region {
        if r.level() != RegionLevel::County {
            c.bad("region_code", "investment.target_county_only");
        } else if !writable(&scope, r) {
            c.bad("region_code", "region.out_of_scope");
        }
    }
    let year = c.year("year", form.year);
    let min = if form.min_wan_yuan.trim().is_empty() {
        Some(policy::money::Fen::new(0))
    } else {
        c.money("min_wan_yuan", &form.min_wan_yuan, true)
    };
    let signed = match form.signed_count {
        Some(n) if n >= 0 => n,
        Some(_) => {
            c.bad("signed_count", "common.count_format");
            0
        }
        None => {
            c.bad("signed_count", "common.required");
            0
        }
    };
    let planned = c.money("planned_wan_yuan", &form.planned_wan_yuan, true);
    let in_place = c.money("in_place_wan_yuan", &form.in_place_wan_yuan, true);
    c.finish()?;
    let (Some(region), Some(min), Some(planned), Some(in_place)) = (region, min, planned, in_place)
    else {
        return Err(AppError::invalid("region_code", "common.required"));
    };
    let tx = app.db().begin_write().await?;
    let before = store::project::attraction::county_target(&tx, region.as_str(), year).await?;
    let as_json = |t: &investment_county_target::Model| {
        json!({"region_code": t.region_code, "year": t.year, "min_wan_yuan": exact_wan_yuan(t.min_fen),
            "signed_count": t.signed_count, "planned_wan_yuan": exact_wan_yuan(t.planned_fen),
            "in_place_wan_yuan": exact_wan_yuan(t.in_place_fen)})
    };
    let before_json = before
        .as_ref()
        .map(as_json)
        .unwrap_or(serde_json::Value::Null);
    let now = Utc::now();
    let t = match before {
        Some(b) => {
            let mut am = b.into_active_model();
            am.min_fen = Set(min.get());
            am.signed_count = Set(signed);
            am.planned_fen = Set(planned.get());
            am.in_place_fen = Set(in_place.get());
            am.updated_at = Set(now);
            store::project::attraction::update_county_target(&tx, am).await?
        }
        None => {
            store::project::attraction::insert_county_target(
                &tx,
                investment_county_target::ActiveModel {
                    region_code: Set(region.to_string()),
                    year: Set(year),
                    min_fen: Set(min.get()),
                    signed_count: Set(signed),
                    planned_fen: Set(planned.get()),
                    in_place_fen: Set(in_place.get()),
                    updated_at: Set(now),
                    ..Default::default()
                },
            )
            .await?
        }
    };
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "investment.county_target",
            entity_type: "investment_county_target",
            entity_id: t.id.to_string(),
            region_code: Some(t.region_code.clone()),
            before: before_json,
            after: as_json(&t),
        },
    )
    .await?;
    let name = store::org::region::find(&tx, &t.region_code)
        .await?
        .map(|r| r.name)
        .unwrap_or_default();
    let view = completion(&tx, &Scope::all(), &t, name).await?;
    tx.commit().await?;
    Ok(view)
}

/// The targets of a year in the actor's scope (and in a region's subtree), with completion.
pub async fn list_county_targets(
    app: &App,
    actor: &Actor,
    region: Option<&str>,
    year: i32,
) -> Result<Vec<CountyTargetView>, AppError> {
    let scope = actor.scope(Permission::INVESTMENT_READ)?;
    let region = super::parse_region(region)?;
    let year = check_year(year)?;
    let conn = app.db().conn();
    let names = region_names(conn).await?;
    let mut out = Vec::new();
    for t in store::project::attraction::county_targets(conn, &scope, region.as_ref(), year).await?
    {
        let name = names.get(&t.region_code).cloned().unwrap_or_default();
        out.push(completion(conn, &scope, &t, name).await?);
    }
    Ok(out)
}
