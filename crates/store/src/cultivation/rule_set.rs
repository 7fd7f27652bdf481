//! Rule sets: revisions of TOML bodies (reference data, not tied to a region).

use crate::entity::cultivation_rule_set as rs;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

/// `published`: in force from its dates.
pub const PUBLISHED: &str = "published";
/// `draft`: an administrator's copy being edited.
pub const DRAFT: &str = "draft";

/// Inserts a revision.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: rs::ActiveModel,
) -> Result<rs::Model, DbErr> {
    row.insert(conn).await
}

/// Saves changed columns.
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: rs::ActiveModel,
) -> Result<rs::Model, DbErr> {
    row.update(conn).await
}

/// One revision by id.
pub async fn find<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<rs::Model>, DbErr> {
    rs::Entity::find_by_id(id).one(conn).await
}

/// Every revision, tier and code first, newest revision first.
pub async fn list<C: ConnectionTrait>(conn: &C) -> Result<Vec<rs::Model>, DbErr> {
    rs::Entity::find()
        .order_by_asc(rs::Column::Tier)
        .order_by_asc(rs::Column::Code)
        .order_by_desc(rs::Column::Revision)
        .order_by_desc(rs::Column::Id)
        .all(conn)
        .await
}

/// Every published revision.
pub async fn published<C: ConnectionTrait>(conn: &C) -> Result<Vec<rs::Model>, DbErr> {
    rs::Entity::find()
        .filter(rs::Column::Status.eq(PUBLISHED))
        .order_by_asc(rs::Column::Id)
        .all(conn)
        .await
}

/// The newest published revision of a code.
pub async fn latest<C: ConnectionTrait>(conn: &C, code: &str) -> Result<Option<rs::Model>, DbErr> {
    rs::Entity::find()
        .filter(rs::Column::Code.eq(code))
        .filter(rs::Column::Status.eq(PUBLISHED))
        .order_by_desc(rs::Column::Revision)
        .one(conn)
        .await
}

/// The revision number the next publication of `code` takes.
pub async fn next_revision<C: ConnectionTrait>(conn: &C, code: &str) -> Result<i32, DbErr> {
    let top = rs::Entity::find()
        .filter(rs::Column::Code.eq(code))
        .order_by_desc(rs::Column::Revision)
        .one(conn)
        .await?;
    Ok(top.map_or(0, |r| r.revision) + 1)
}
