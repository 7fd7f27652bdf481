//! Server-side sessions: only a hash of the cookie's token is stored.

use crate::entity::session;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

/// Stores a new session.
pub async fn insert<C: ConnectionTrait>(conn: &C, row: session::Model) -> Result<(), DbErr> {
    session::ActiveModel {
        token_hash: Set(row.token_hash),
        user_id: Set(row.user_id),
        csrf_token: Set(row.csrf_token),
        created_at: Set(row.created_at),
        last_seen_at: Set(row.last_seen_at),
        client_addr: Set(row.client_addr),
        user_agent: Set(row.user_agent),
    }
    .insert(conn)
    .await
    .map(|_| ())
}

/// A session by the hash of its token.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    token_hash: &str,
) -> Result<Option<session::Model>, DbErr> {
    session::Entity::find_by_id(token_hash.to_string())
        .one(conn)
        .await
}

/// Records activity on a session.
pub async fn touch<C: ConnectionTrait>(
    conn: &C,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(
            session::Column::LastSeenAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(session::Column::TokenHash.eq(token_hash))
        .exec(conn)
        .await
        .map(|_| ())
}

/// Ends one session.
pub async fn delete<C: ConnectionTrait>(conn: &C, token_hash: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(token_hash.to_string())
        .exec(conn)
        .await
        .map(|_| ())
}

/// Ends every session of a user (password change, disabling) but the one whose hash is `keep`.
pub async fn delete_for_user_except<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    keep: Option<&str>,
) -> Result<u64, DbErr> {
    let mut q = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        q = q.filter(session::Column::TokenHash.ne(keep));
    }
    q.exec(conn).await.map(|r| r.rows_affected)
}

/// Removes sessions idle since before `cutoff`.
pub async fn delete_idle<C: ConnectionTrait>(
    conn: &C,
    cutoff: DateTime<Utc>,
) -> Result<u64, DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::LastSeenAt.lt(cutoff))
        .exec(conn)
        .await
        .map(|r| r.rows_affected)
}
