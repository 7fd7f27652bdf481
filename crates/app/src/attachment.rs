//! Attachments (附件) of any context's records, in one store (`store::attachment`): the
//! mechanics every context shares — the name cleaned, the limits checked (kind recognised by
//! content), the SHA-256 taken, the row written, listed, found, and every upload and download
//! audited by name, size and digest, never the content.
//!
//! What differs per context is an [`OwnerKind`]: who may add files to a record and until when
//! (`writable`), who may read them (`readable`), the limits, and the region the audit entry
//! carries. Both answer `NotFound` for a record the actor may not reach, so a file's existence
//! is not revealed.

use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::{DateTime, Utc};
use policy::attachment::{AttachmentProblem, AttachmentRules};
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::future::Future;
use store::ConnectionTrait;
use store::entity::attachment;

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

/// The files of a record as the reader may see them, and whether they may add one now.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct FilesView {
    /// The files, oldest first (empty when the reader may not read them).
    pub files: Vec<FileView>,
    /// Whether the reader may read them.
    pub may_read: bool,
    /// Whether the reader may upload one now.
    pub may_upload: bool,
}

/// The record a file belongs to, as its context found it for the actor.
pub(crate) struct Owner {
    /// The record's id (`owner_id`).
    pub id: i64,
    /// The region the audit entry carries.
    pub region_code: String,
}

/// What a context says about the records its files belong to.
pub(crate) trait OwnerKind {
    /// `owner_kind` of the rows, and the audit entries' entity type.
    const KIND: &'static str;
    /// The audit action's prefix (`<prefix>.upload`, `<prefix>.download`).
    const AUDIT: &'static str;
    /// The permission without which no file of this kind is read (checked first, so a
    /// stranger learns nothing from an id).
    const READ: Permission;

    /// The limits on the files of one record.
    fn rules() -> Result<AttachmentRules, AppError>;

    /// The record if the actor may add a file to it now: `Forbidden` without the permission,
    /// `NotFound` out of reach, `Conflict` once it is no longer editable.
    fn writable<C: ConnectionTrait>(
        conn: &C,
        actor: &Actor,
        id: i64,
    ) -> impl Future<Output = Result<Owner, AppError>> + Send;

    /// The record if the actor may read its files (`NotFound` otherwise).
    fn readable<C: ConnectionTrait>(
        conn: &C,
        actor: &Actor,
        id: i64,
    ) -> impl Future<Output = Result<Owner, AppError>> + Send;
}

fn view(f: &attachment::Model) -> FileView {
    FileView {
        id: f.id,
        name: f.name.clone(),
        content_type: f.content_type.clone(),
        size: f.size,
        uploaded_at: f.uploaded_at,
    }
}

/// The file name without any directory part, at most 120 characters, never empty.
pub(crate) fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    let base: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if base.is_empty() { "file".into() } else { base }
}

/// The answer to a refused file, naming the limit.
fn refusal(p: &AttachmentProblem) -> AppError {
    let e = FieldError::new("file", p.key());
    AppError::Invalid(vec![match p {
        AttachmentProblem::TooLarge { max_bytes } => e.with("max_mb", max_bytes / (1024 * 1024)),
        AttachmentProblem::Kind { kinds } => e.with("kinds", kinds),
        AttachmentProblem::TooMany { max_files } => e.with("max", max_files),
        AttachmentProblem::Empty => e,
    }])
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Stores a file of record `id`, in one transaction with its audit entry.
pub(crate) async fn upload<O: OwnerKind>(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> Result<FileView, AppError> {
    let rules = O::rules()?;
    let tx = app.db().begin_write().await?;
    let owner = O::writable(&tx, actor, id).await?;
    let existing = store::attachment::count(&tx, O::KIND, owner.id).await?;
    let mime = rules
        .check(&bytes, u32::try_from(existing).unwrap_or(u32::MAX))
        .map_err(|p| refusal(&p))?;
    let sha = sha256_hex(&bytes);
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let saved = store::attachment::insert(
        &tx,
        attachment::ActiveModel {
            owner_kind: Set(O::KIND.into()),
            owner_id: Set(owner.id),
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
            action: &format!("{}.upload", O::AUDIT),
            entity_type: O::KIND,
            entity_id: owner.id.to_string(),
            region_code: Some(owner.region_code),
            before: serde_json::Value::Null,
            after: serde_json::json!({
                "file_id": saved.id, "name": saved.name, "size": size, "sha256": sha,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(view(&saved))
}

/// The files of record `id`, if the actor may read them.
pub(crate) async fn list<O: OwnerKind>(
    app: &App,
    actor: &Actor,
    id: i64,
) -> Result<Vec<FileView>, AppError> {
    actor.require(O::READ)?;
    let conn = app.db().conn();
    let owner = O::readable(conn, actor, id).await?;
    Ok(store::attachment::list(conn, O::KIND, owner.id)
        .await?
        .into_iter()
        .map(|r| FileView {
            id: r.0,
            name: r.1,
            content_type: r.2,
            size: r.3,
            uploaded_at: r.4,
        })
        .collect())
}

/// What a record's page shows of its files: those the reader may read, and whether the
/// upload form is offered (the upload checks again).
pub(crate) async fn files_of<O: OwnerKind>(
    app: &App,
    actor: &Actor,
    id: i64,
) -> Result<FilesView, AppError> {
    let (files, may_read) = match list::<O>(app, actor, id).await {
        Ok(files) => (files, true),
        Err(AppError::NotFound | AppError::Forbidden(_)) => (Vec::new(), false),
        Err(e) => return Err(e),
    };
    let may_upload = match O::writable(app.db().conn(), actor, id).await {
        Ok(_) => true,
        Err(AppError::NotFound | AppError::Forbidden(_) | AppError::Conflict(_)) => false,
        Err(e) => return Err(e),
    };
    Ok(FilesView {
        files,
        may_read,
        may_upload,
    })
}

/// One file of this kind with its bytes, if the actor may read its record (404 otherwise, as
/// for a missing file); the download is audited.
pub(crate) async fn download<O: OwnerKind>(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    file_id: i64,
) -> Result<(FileView, Vec<u8>), AppError> {
    actor.require(O::READ)?;
    let tx = app.db().begin_write().await?;
    let f = store::attachment::find(&tx, O::KIND, file_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = O::readable(&tx, actor, f.owner_id).await?;
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: &format!("{}.download", O::AUDIT),
            entity_type: O::KIND,
            entity_id: owner.id.to_string(),
            region_code: Some(owner.region_code),
            before: serde_json::Value::Null,
            after: serde_json::json!({
                "file_id": f.id, "name": f.name, "size": f.size, "sha256": f.sha256,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((view(&f), f.bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_directories_and_control_characters() {
        assert_eq!(clean_name("C:\\Users\\王\\计划书.pdf"), "计划书.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b\n.pdf"), "ab.pdf");
        assert_eq!(clean_name("  /  "), "file");
        assert_eq!(clean_name(&"长".repeat(200)).chars().count(), 120);
    }

    #[test]
    fn refusals_name_the_limit_in_the_users_units() {
        let AppError::Invalid(f) = refusal(&AttachmentProblem::TooLarge {
            max_bytes: 20 * 1024 * 1024,
        }) else {
            panic!("not a field error")
        };
        assert_eq!(f[0].field, "file");
        assert_eq!(f[0].key, "attachment.too_large");
        assert_eq!(sha256_hex(b"").len(), 64);
    }
}
