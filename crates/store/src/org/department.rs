//! Departments: the bureaus of the city and counties.

use crate::entity::department;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder, Set};

/// Inserts a department or renames the one with the same code.
pub async fn upsert<C: ConnectionTrait>(
    conn: &C,
    code: &str,
    name: &str,
    region_code: &str,
) -> Result<(), DbErr> {
    let am = department::ActiveModel {
        code: Set(code.to_string()),
        name: Set(name.to_string()),
        region_code: Set(region_code.to_string()),
        retired: Set(false),
        ..Default::default()
    };
    department::Entity::insert(am)
        .on_conflict(
            OnConflict::column(department::Column::Code)
                .update_columns([department::Column::Name, department::Column::RegionCode])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await
        .map(|_| ())
}

/// Every department, by region and code.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<department::Model>, DbErr> {
    department::Entity::find()
        .order_by_asc(department::Column::RegionCode)
        .order_by_asc(department::Column::Code)
        .all(conn)
        .await
}
