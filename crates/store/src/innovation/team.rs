//! Research teams (科研团队) and their profiles.

use crate::entity::research_team as team;
use crate::page::{Page, PageRequest, newest_first};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// A team by id (profiles are readable by every reader of the context).
pub async fn find<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<team::Model>, DbErr> {
    team::Entity::find_by_id(id).one(conn).await
}

/// The team a user keeps.
pub async fn of_user<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
) -> Result<Option<team::Model>, DbErr> {
    team::Entity::find()
        .filter(team::Column::UserId.eq(user_id))
        .order_by_asc(team::Column::Id)
        .one(conn)
        .await
}

/// A page of teams, newest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    page: PageRequest,
) -> Result<Page<team::Model>, DbErr> {
    newest_first(conn, team::Entity::find(), team::Column::Id, page, |t| t.id).await
}

/// Teams by id.
pub async fn by_ids<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<Vec<team::Model>, DbErr> {
    team::Entity::find()
        .filter(team::Column::Id.is_in(ids.to_vec()))
        .order_by_asc(team::Column::Id)
        .all(conn)
        .await
}

/// Up to `limit` teams with ids above `after`, in id order (rebuilding the matching index).
pub async fn page_after<C: ConnectionTrait>(
    conn: &C,
    after: i64,
    limit: u64,
) -> Result<Vec<team::Model>, DbErr> {
    team::Entity::find()
        .filter(team::Column::Id.gt(after))
        .order_by_asc(team::Column::Id)
        .limit(limit)
        .all(conn)
        .await
}
