//! Evidence files of applications: stored with their bytes; listed without them.

use crate::entity::talent_attachment as file;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// A file without its bytes: (id, name, content type, size, uploaded at).
pub type FileRow = (i64, String, String, i64, DateTime<Utc>);

/// Stores a file.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: file::ActiveModel,
) -> Result<file::Model, DbErr> {
    row.insert(conn).await
}

/// The files of an application, oldest first, without their bytes.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    application_id: i64,
) -> Result<Vec<FileRow>, DbErr> {
    file::Entity::find()
        .select_only()
        .columns([
            file::Column::Id,
            file::Column::Name,
            file::Column::ContentType,
            file::Column::Size,
            file::Column::UploadedAt,
        ])
        .filter(file::Column::ApplicationId.eq(application_id))
        .order_by_asc(file::Column::Id)
        .into_tuple()
        .all(conn)
        .await
}

/// One file with its bytes.
pub async fn find<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<file::Model>, DbErr> {
    file::Entity::find_by_id(id).one(conn).await
}
