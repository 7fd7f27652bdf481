//! Regions and departments: importing the tree from a file, reading it within scope.

use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use policy::org::{Permission, RegionCode, RegionKind, RegionLevel};
use serde::Serialize;
use serde_json::json;
use store::entity::region;

/// A region as shown in the tree.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegionNode {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Parent code.
    pub parent_code: Option<String>,
    /// `city`, `county`, `town`.
    pub level: String,
    /// `administrative` or `functional`.
    pub kind: String,
}

/// What a region import did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegionImportReport {
    /// Rows read.
    pub rows: usize,
    /// Regions created or updated.
    pub written: usize,
}

/// Imports regions from CSV with the header `code,name,parent_code,level[,kind]` (the format
/// of `liaocheng-regions.csv`). Every row is checked first; any error writes nothing.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn import_regions_csv(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    bytes: &[u8],
) -> Result<RegionImportReport, AppError> {
    actor.require(Permission::REGION_MANAGE)?;
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|_| AppError::invalid("file", "import.not_csv"))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(c_code), Some(c_name), Some(c_parent), Some(c_level)) =
        (col("code"), col("name"), col("parent_code"), col("level"))
    else {
        return Err(AppError::invalid("file", "region.import_header"));
    };
    let c_kind = col("kind");
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let Ok(rec) = rec else {
            errors.push(FieldError::new(format!("row {line}"), "import.bad_row"));
            continue;
        };
        let get = |c: usize| rec.get(c).unwrap_or("").trim().to_string();
        let code = match RegionCode::parse(&get(c_code)) {
            Ok(c) => c,
            Err(_) => {
                errors.push(FieldError::new(
                    format!("row {line}, code"),
                    "region_code.format",
                ));
                continue;
            }
        };
        let name = get(c_name);
        if name.is_empty() {
            errors.push(FieldError::new(
                format!("row {line}, name"),
                "common.required",
            ));
        }
        let parent = get(c_parent);
        let parent = if parent.is_empty() {
            None
        } else if RegionCode::parse(&parent).is_err() {
            errors.push(FieldError::new(
                format!("row {line}, parent_code"),
                "region_code.format",
            ));
            None
        } else {
            Some(parent)
        };
        let Some(level) = RegionLevel::parse(&get(c_level)) else {
            errors.push(FieldError::new(
                format!("row {line}, level"),
                "region.level_unknown",
            ));
            continue;
        };
        let kind = match c_kind.map(get).as_deref() {
            Some("functional") => RegionKind::Functional,
            Some("") | Some("administrative") | None => RegionKind::Administrative,
            Some(_) => {
                errors.push(FieldError::new(
                    format!("row {line}, kind"),
                    "region.kind_unknown",
                ));
                continue;
            }
        };
        rows.push(region::Model {
            code: code.to_string(),
            name,
            parent_code: parent,
            level: level.as_str().into(),
            kind: kind.as_str().into(),
            sort: 0,
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let tx = app.db().begin_write().await?;
    let mut written = 0;
    for r in &rows {
        let before = store::org::region::find(&tx, &r.code).await?;
        let after =
            json!({"name": r.name, "parent_code": r.parent_code, "level": r.level, "kind": r.kind});
        let before_json = before
            .as_ref()
            .map(|b| json!({"name": b.name, "parent_code": b.parent_code, "level": b.level, "kind": b.kind}))
            .unwrap_or(serde_json::Value::Null);
        if before_json == after {
            continue;
        }
        store::org::region::upsert(&tx, r.clone()).await?;
        written += 1;
        record(
            &tx,
            actor,
            meta,
            AuditRecord {
                action: if before.is_some() {
                    "region.update"
                } else {
                    "region.create"
                },
                entity_type: "region",
                entity_id: r.code.clone(),
                region_code: Some(r.code.clone()),
                before: before_json,
                after,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(RegionImportReport {
        rows: rows.len(),
        written,
    })
}

/// The regions the actor may read (their subtree; everything for an `all` scope).
pub async fn region_tree(app: &App, actor: &Actor) -> Result<Vec<RegionNode>, AppError> {
    let scope = actor.scope(Permission::REGION_READ)?;
    let all = store::org::region::all(app.db().conn()).await?;
    Ok(all
        .into_iter()
        .filter(|r| RegionCode::parse(&r.code).is_ok_and(|c| scope.admits(Some(&c), None, None)))
        .map(|r| RegionNode {
            code: r.code,
            name: r.name,
            parent_code: r.parent_code,
            level: r.level,
            kind: r.kind,
        })
        .collect())
}

/// Creates or renames a department.
pub async fn upsert_department(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    code: &str,
    name: &str,
    region_code: &str,
) -> Result<(), AppError> {
    actor.require(Permission::REGION_MANAGE)?;
    let region = RegionCode::parse(region_code)
        .map_err(|_| AppError::invalid("region_code", "region_code.format"))?;
    if code.trim().is_empty() || name.trim().is_empty() {
        return Err(AppError::invalid("name", "common.required"));
    }
    let tx = app.db().begin_write().await?;
    store::org::department::upsert(&tx, code.trim(), name.trim(), region.as_str()).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "department.upsert",
            entity_type: "department",
            entity_id: code.trim().into(),
            region_code: Some(region.to_string()),
            before: serde_json::Value::Null,
            after: json!({"code": code.trim(), "name": name.trim(), "region_code": region.as_str()}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Departments, by region.
pub async fn list_departments(
    app: &App,
    actor: &Actor,
) -> Result<Vec<store::entity::department::Model>, AppError> {
    let scope = actor.scope(Permission::REGION_READ)?;
    Ok(store::org::department::all(app.db().conn())
        .await?
        .into_iter()
        .filter(|d| {
            RegionCode::parse(&d.region_code).is_ok_and(|c| scope.admits(Some(&c), None, None))
        })
        .collect())
}

/// The name of a region, for page headers. Region names are public (the national standard),
/// so no permission is needed.
pub async fn region_name(app: &App, code: &str) -> Result<Option<String>, AppError> {
    Ok(store::org::region::find(app.db().conn(), code)
        .await?
        .map(|r| r.name))
}
