//! The attachment store: files of any record, named by owner kind and id, kept with their
//! bytes; listed without them. Whether a reader may reach the owner is the owning context's
//! question (asked in `app` before these are called); every query here names the owner kind,
//! so an id of one kind's file never answers for another kind.

use crate::entity::attachment as file;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
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

/// The files of one owner, oldest first, without their bytes.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    owner_kind: &str,
    owner_id: i64,
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
        .filter(file::Column::OwnerKind.eq(owner_kind))
        .filter(file::Column::OwnerId.eq(owner_id))
        .order_by_asc(file::Column::Id)
        .into_tuple()
        .all(conn)
        .await
}

/// How many files one owner has.
pub async fn count<C: ConnectionTrait>(
    conn: &C,
    owner_kind: &str,
    owner_id: i64,
) -> Result<u64, DbErr> {
    file::Entity::find()
        .filter(file::Column::OwnerKind.eq(owner_kind))
        .filter(file::Column::OwnerId.eq(owner_id))
        .count(conn)
        .await
}

/// One file of `owner_kind` with its bytes.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    owner_kind: &str,
    id: i64,
) -> Result<Option<file::Model>, DbErr> {
    file::Entity::find_by_id(id)
        .filter(file::Column::OwnerKind.eq(owner_kind))
        .one(conn)
        .await
}
