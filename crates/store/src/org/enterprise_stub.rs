//! The few enterprise columns the foundation needs (the registry extends the table).

use crate::entity::enterprise;
use chrono::Utc;
use policy::enterprise::Uscc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};

/// Inserts an enterprise by code and name, or renames it.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    uscc: &Uscc,
    name: &str,
    region_code: &str,
) -> Result<(), DbErr> {
    enterprise::Entity::insert(enterprise::ActiveModel {
        uscc: Set(uscc.to_string()),
        name: Set(name.into()),
        region_code: Set(region_code.into()),
        status: Set("operating".into()),
        created_at: Set(Utc::now()),
        county_code: Set(region_code.chars().take(6).collect()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(enterprise::Column::Uscc)
            .update_column(enterprise::Column::Name)
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await
    .map(|_| ())
}
