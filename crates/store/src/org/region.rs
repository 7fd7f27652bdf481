//! Regions: the tree of GB/T 2260 codes, and functional zones with local codes.

use crate::entity::region;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder, Set};

/// Inserts a region or updates the one with the same code.
pub async fn upsert<C: ConnectionTrait>(conn: &C, row: region::Model) -> Result<(), DbErr> {
    let am = region::ActiveModel {
        code: Set(row.code),
        name: Set(row.name),
        parent_code: Set(row.parent_code),
        level: Set(row.level),
        kind: Set(row.kind),
        sort: Set(row.sort),
    };
    region::Entity::insert(am)
        .on_conflict(
            OnConflict::column(region::Column::Code)
                .update_columns([
                    region::Column::Name,
                    region::Column::ParentCode,
                    region::Column::Level,
                    region::Column::Kind,
                    region::Column::Sort,
                ])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await
        .map(|_| ())
}

/// Every region, ordered by code (parents before children).
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<region::Model>, DbErr> {
    region::Entity::find()
        .order_by_asc(region::Column::Sort)
        .order_by_asc(region::Column::Code)
        .all(conn)
        .await
}

/// One region by code.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    code: &str,
) -> Result<Option<region::Model>, DbErr> {
    region::Entity::find_by_id(code.to_string()).one(conn).await
}
