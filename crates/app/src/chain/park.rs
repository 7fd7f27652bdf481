//! Industrial parks (园区) of a region and the enterprises located in them; a chain's key
//! parks are those that hold its enterprises.

use super::text;
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::Utc;
use policy::enterprise::Uscc;
use policy::org::{Permission, RegionCode};
use sea_orm::ActiveValue::Set;
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::entity::chain_park;

/// A park to add.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct NewParkForm {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Region.
    #[serde(default)]
    pub region_code: String,
    /// What it hosts, e.g. 铝精深加工.
    #[serde(default)]
    pub focus: String,
}

/// Enterprises to place in a park.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct PlaceForm {
    /// Enterprise codes.
    #[serde(default)]
    pub enterprises: Vec<String>,
}

/// A park.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ParkView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Region.
    pub region_code: String,
    /// Focus.
    pub focus: String,
    /// Enterprises located in it.
    pub enterprises: u32,
}

/// Adds a park in a region of the actor's scope.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn add_park(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: NewParkForm,
) -> Result<ParkView, AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    let mut errors = Vec::new();
    let name = text(&mut errors, "name", &form.name, true, 100);
    let focus = text(&mut errors, "focus", &form.focus, false, 200);
    let region = match RegionCode::parse(form.region_code.trim()) {
        Ok(r) if scope.admits(Some(&r), None, None) => Some(r),
        Ok(_) => {
            errors.push(FieldError::new("region_code", "region.out_of_scope"));
            None
        }
        Err(_) => {
            errors.push(
                FieldError::new("region_code", "region.unknown")
                    .with("code", form.region_code.trim()),
            );
            None
        }
    };
    let (Some(region), true) = (region, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let tx = app.db().begin_write().await?;
    let p = store::chain::park::insert(
        &tx,
        chain_park::ActiveModel {
            name: Set(name),
            region_code: Set(region.to_string()),
            focus: Set(focus),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await
    .map_err(|e| {
        if store::is_unique_violation(&e) {
            AppError::invalid("name", "chain.park_taken")
        } else {
            e.into()
        }
    })?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "chain.park.create",
            entity_type: "chain_park",
            entity_id: p.id.to_string(),
            region_code: Some(p.region_code.clone()),
            before: serde_json::Value::Null,
            after: json!({"name": p.name, "region_code": p.region_code, "focus": p.focus}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(ParkView {
        id: p.id,
        name: p.name,
        region_code: p.region_code,
        focus: p.focus,
        enterprises: 0,
    })
}

/// Places enterprises (in the actor's scope) in a park.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn place_in_park(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    park_id: i64,
    form: PlaceForm,
) -> Result<(), AppError> {
    let scope = actor.scope(Permission::CHAIN_MANAGE)?;
    let conn = app.db().conn();
    let park = store::chain::park::find(conn, &scope, park_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let mut codes = Vec::new();
    for (i, c) in form.enterprises.iter().enumerate() {
        let at = format!("enterprises[{i}]");
        match Uscc::parse(c.trim()) {
            Ok(u) => match store::enterprise::profile::find(conn, &scope, u.as_str()).await? {
                Some(e) => codes.push(e.uscc),
                None => errors.push(FieldError::new(at, "ticket.enterprise_not_found")),
            },
            Err(e) => errors.push(FieldError::uscc(at, &e)),
        }
    }
    if codes.is_empty() && errors.is_empty() {
        errors.push(FieldError::new("enterprises", "common.required"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let tx = app.db().begin_write().await?;
    store::chain::park::place(&tx, park.id, &codes).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "chain.park.place",
            entity_type: "chain_park",
            entity_id: park.id.to_string(),
            region_code: Some(park.region_code.clone()),
            before: serde_json::Value::Null,
            after: json!({"enterprises": codes}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The parks in the actor's scope with how many enterprises each holds.
pub async fn list_parks(app: &App, actor: &Actor) -> Result<Vec<ParkView>, AppError> {
    let scope = actor.scope(Permission::CHAIN_READ)?;
    let conn = app.db().conn();
    let parks = store::chain::park::list(conn, &scope).await?;
    let ids: Vec<i64> = parks.iter().map(|p| p.id).collect();
    let sizes: std::collections::HashMap<i64, i64> = store::chain::park::sizes(conn, &ids)
        .await?
        .into_iter()
        .collect();
    Ok(parks
        .into_iter()
        .map(|p| ParkView {
            enterprises: sizes.get(&p.id).copied().unwrap_or(0) as u32,
            id: p.id,
            name: p.name,
            region_code: p.region_code,
            focus: p.focus,
        })
        .collect())
}
