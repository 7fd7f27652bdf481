//! Campaigns (批次): application rounds with a window. They are announced to everyone who
//! reads cultivation, so reading them takes no scope.

use crate::entity::cultivation_campaign as campaign;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

/// Adds a campaign.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: campaign::ActiveModel,
) -> Result<campaign::Model, DbErr> {
    row.insert(conn).await
}

/// A campaign by id.
pub async fn find<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<campaign::Model>, DbErr> {
    campaign::Entity::find_by_id(id).one(conn).await
}

/// Campaigns, newest year first, optionally of one year and track.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    year: Option<i32>,
    track: Option<&str>,
) -> Result<Vec<campaign::Model>, DbErr> {
    let mut s = campaign::Entity::find();
    if let Some(y) = year {
        s = s.filter(campaign::Column::Year.eq(y));
    }
    if let Some(t) = track {
        s = s.filter(campaign::Column::Track.eq(t));
    }
    s.order_by_desc(campaign::Column::Year)
        .order_by_desc(campaign::Column::OpensOn)
        .order_by_desc(campaign::Column::Id)
        .all(conn)
        .await
}
