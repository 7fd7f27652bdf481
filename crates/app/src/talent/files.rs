//! Evidence files of applications: uploaded by the employer while the application is still
//! its own (draft, internal notice, returned), checked against the rule set's limits (size,
//! count, kind recognised by content), kept with their bytes; read by whoever may read the
//! application in scope. Uploads and downloads are audited (name, size and digest, never the
//! content).

use super::rules::talent_rules;
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::{DateTime, Utc};
use policy::org::Permission;
use policy::talent::AttachmentProblem;
use sea_orm::ActiveValue::Set;
use serde::Serialize;
use sha2::{Digest, Sha256};
use store::entity::talent_attachment;

/// A stored file, without its bytes.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FileView {
    /// Id.
    pub id: i64,
    /// File name as uploaded (path parts removed).
    pub name: String,
    /// Content type, from the content.
    pub content_type: String,
    /// Size in bytes.
    pub size: i64,
    /// When.
    pub uploaded_at: DateTime<Utc>,
}

fn file_view(r: store::talent::attachment::FileRow) -> FileView {
    FileView {
        id: r.0,
        name: r.1,
        content_type: r.2,
        size: r.3,
        uploaded_at: r.4,
    }
}

/// The file name without any directory part, at most 120 characters, never empty.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    let base: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if base.is_empty() { "file".into() } else { base }
}

fn refusal(p: &AttachmentProblem) -> AppError {
    let e = FieldError::new("file", p.key());
    AppError::Invalid(vec![match p {
        AttachmentProblem::TooLarge { max_bytes } => e.with("max_mb", max_bytes / (1024 * 1024)),
        AttachmentProblem::Kind { kinds } => e.with("kinds", kinds),
        AttachmentProblem::TooMany { max_files } => e.with("max", max_files),
        AttachmentProblem::Empty => e,
    }])
}

/// Stores an evidence file of application `id`.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn upload_file(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> Result<FileView, AppError> {
    let scope = actor.scope(Permission::TALENT_APPLY)?;
    let rules = talent_rules()?;
    let tx = app.db().begin_write().await?;
    let a = store::talent::application::find(&tx, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !matches!(a.state.as_str(), "draft" | "internal_notice" | "returned") {
        return Err(AppError::Conflict("talent.file_locked".into()));
    }
    let existing = store::talent::attachment::list(&tx, id).await?.len();
    let mime = rules
        .attachments
        .check(&bytes, u32::try_from(existing).unwrap_or(u32::MAX))
        .map_err(|p| refusal(&p))?;
    let sha: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let saved = store::talent::attachment::insert(
        &tx,
        talent_attachment::ActiveModel {
            application_id: Set(id),
            name: Set(clean_name(name)),
            content_type: Set(mime.into()),
            size: Set(size),
            sha256: Set(sha.clone()),
            bytes: Set(bytes),
            uploaded_by: Set(actor.stored_id()),
            uploaded_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "talent_attachment.upload",
            entity_type: "talent_application",
            entity_id: id.to_string(),
            region_code: Some(a.region_code.clone()),
            before: serde_json::Value::Null,
            after: serde_json::json!({
                "file_id": saved.id, "name": saved.name, "size": size, "sha256": sha,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(FileView {
        id: saved.id,
        name: saved.name,
        content_type: saved.content_type,
        size,
        uploaded_at: saved.uploaded_at,
    })
}

/// The files of an application in scope.
pub async fn list_files(app: &App, actor: &Actor, id: i64) -> Result<Vec<FileView>, AppError> {
    let scope = actor.scope(Permission::TALENT_READ)?;
    let conn = app.db().conn();
    store::talent::application::find(conn, &scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(store::talent::attachment::list(conn, id)
        .await?
        .into_iter()
        .map(file_view)
        .collect())
}

/// One file with its bytes, if its application is in the reader's scope (404 otherwise, as
/// for a missing file); the download is audited.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn download_file(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    file_id: i64,
) -> Result<(FileView, Vec<u8>), AppError> {
    let scope = actor.scope(Permission::TALENT_READ)?;
    let tx = app.db().begin_write().await?;
    let f = store::talent::attachment::find(&tx, file_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let a = store::talent::application::find(&tx, &scope, f.application_id)
        .await?
        .ok_or(AppError::NotFound)?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "talent_attachment.download",
            entity_type: "talent_application",
            entity_id: a.id.to_string(),
            region_code: Some(a.region_code.clone()),
            before: serde_json::Value::Null,
            after: serde_json::json!({ "file_id": f.id, "name": f.name }),
        },
    )
    .await?;
    tx.commit().await?;
    let view = FileView {
        id: f.id,
        name: f.name,
        content_type: f.content_type,
        size: f.size,
        uploaded_at: f.uploaded_at,
    };
    Ok((view, f.bytes))
}
