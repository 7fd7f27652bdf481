//! In-app notifications, each mirrored into an outbox row for a future mail or SMS gateway.

use crate::entity::{notification, outbox};
use crate::page::{Page, PageRequest};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

/// A notification to raise.
#[derive(Debug, Clone)]
pub struct NewNotification {
    /// Who receives it.
    pub user_id: i64,
    /// What kind of event raised it (a catalogue key, e.g. `password.changed`).
    pub kind: String,
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
    /// Where to go to act on it.
    pub link: Option<String>,
}

/// Raises a notification and queues it in the outbox, in the caller's transaction.
pub async fn raise<C: ConnectionTrait>(
    conn: &C,
    n: NewNotification,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let payload = serde_json::json!({
        "user_id": n.user_id, "kind": n.kind, "title": n.title, "body": n.body, "link": n.link,
    })
    .to_string();
    let row = notification::ActiveModel {
        user_id: Set(n.user_id),
        kind: Set(n.kind),
        title: Set(n.title),
        body: Set(n.body),
        link: Set(n.link),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    outbox::ActiveModel {
        notification_id: Set(row.id),
        channel: Set("external".into()),
        payload: Set(payload),
        created_at: Set(now),
        sent_at: Set(None),
        attempts: Set(0),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(row.id)
}

/// A user's notifications, newest first.
pub async fn list_for_user<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    page: PageRequest,
) -> Result<Page<notification::Model>, DbErr> {
    let mut s = notification::Entity::find().filter(notification::Column::UserId.eq(user_id));
    if let Some(after) = page.after() {
        s = s.filter(notification::Column::Id.lt(after));
    }
    let rows = s
        .order_by_desc(notification::Column::Id)
        .limit(page.limit() + 1)
        .all(conn)
        .await?;
    Ok(Page::from_overfetch(rows, page, |r| r.id))
}

/// How many of a user's notifications are unread.
pub async fn unread_count<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<u64, DbErr> {
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(conn)
        .await
}

/// Marks one of the user's notifications read; false when it is not theirs or not there.
pub async fn mark_read<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now))
        .filter(notification::Column::Id.eq(id))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(conn)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Marks all of a user's notifications read; returns how many changed.
pub async fn mark_all_read<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(conn)
        .await
        .map(|r| r.rows_affected)
}

/// Outbox rows not yet handed to a gateway, oldest first.
pub async fn pending_outbox<C: ConnectionTrait>(
    conn: &C,
    limit: u64,
) -> Result<Vec<outbox::Model>, DbErr> {
    outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .all(conn)
        .await
}
