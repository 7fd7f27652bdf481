//! Honors held by enterprises.

use crate::entity::honor;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

/// Records a new honor.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: honor::ActiveModel,
) -> Result<honor::Model, DbErr> {
    row.insert(conn).await
}

/// Saves changed columns of an honor (status, reason).
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: honor::ActiveModel,
) -> Result<honor::Model, DbErr> {
    row.update(conn).await
}

/// An honor by id, for an enterprise.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    uscc: &str,
    id: i64,
) -> Result<Option<honor::Model>, DbErr> {
    honor::Entity::find_by_id(id)
        .filter(honor::Column::Uscc.eq(uscc))
        .one(conn)
        .await
}

/// The same title, level and year already recorded for the enterprise (imports skip or update it).
pub async fn find_same<C: ConnectionTrait>(
    conn: &C,
    uscc: &str,
    title: &str,
    level: &str,
    year: i32,
) -> Result<Option<honor::Model>, DbErr> {
    honor::Entity::find()
        .filter(honor::Column::Uscc.eq(uscc))
        .filter(honor::Column::Title.eq(title))
        .filter(honor::Column::Level.eq(level))
        .filter(honor::Column::Year.eq(year))
        .one(conn)
        .await
}

/// An enterprise's honors, oldest first (a timeline).
pub async fn of_enterprise<C: ConnectionTrait>(
    conn: &C,
    uscc: &str,
) -> Result<Vec<honor::Model>, DbErr> {
    honor::Entity::find()
        .filter(honor::Column::Uscc.eq(uscc))
        .order_by_asc(honor::Column::Year)
        .order_by_asc(honor::Column::Id)
        .all(conn)
        .await
}
