//! Evidence files of applications, in the shared attachment store (`crate::attachment`):
//! uploaded by the employer while the application is still its own (draft, internal notice,
//! returned), checked against the rule set's limits (size, count, kind recognised by content);
//! read by whoever may read the application in scope. Uploads and downloads are audited
//! (name, size and digest, never the content).

use super::rules::talent_rules;
use crate::attachment::{self, Owner, OwnerKind};
use crate::{Actor, App, AppError, RequestMeta};
use policy::attachment::AttachmentRules;
use policy::org::Permission;
use store::ConnectionTrait;

pub use crate::attachment::FileView;

/// The files of title applications.
pub(crate) struct ApplicationFiles;

impl OwnerKind for ApplicationFiles {
    const KIND: &'static str = "talent_application";
    const AUDIT: &'static str = "talent_attachment";
    const READ: Permission = Permission::TALENT_READ;

    fn rules() -> Result<AttachmentRules, AppError> {
        Ok(talent_rules()?.attachments.clone())
    }

    async fn writable<C: ConnectionTrait>(
        conn: &C,
        actor: &Actor,
        id: i64,
    ) -> Result<Owner, AppError> {
        let scope = actor.scope(Permission::TALENT_APPLY)?;
        let a = store::talent::application::find(conn, &scope, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !matches!(a.state.as_str(), "draft" | "internal_notice" | "returned") {
            return Err(AppError::Conflict("talent.file_locked".into()));
        }
        Ok(Owner {
            id: a.id,
            region_code: a.region_code,
        })
    }

    async fn readable<C: ConnectionTrait>(
        conn: &C,
        actor: &Actor,
        id: i64,
    ) -> Result<Owner, AppError> {
        let scope = actor.scope(Permission::TALENT_READ)?;
        let a = store::talent::application::find(conn, &scope, id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Owner {
            id: a.id,
            region_code: a.region_code,
        })
    }
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
    attachment::upload::<ApplicationFiles>(app, actor, meta, id, name, bytes).await
}

/// The files of an application in scope.
pub async fn list_files(app: &App, actor: &Actor, id: i64) -> Result<Vec<FileView>, AppError> {
    attachment::list::<ApplicationFiles>(app, actor, id).await
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
    attachment::download::<ApplicationFiles>(app, actor, meta, file_id).await
}
