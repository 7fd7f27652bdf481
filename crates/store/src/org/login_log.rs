//! The login log: every attempt, successful or not, with the reason.

use crate::entity::login_log;
use crate::page::{Page, PageRequest};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// Appends an attempt.
pub async fn insert<C: ConnectionTrait>(conn: &C, row: login_log::Model) -> Result<(), DbErr> {
    login_log::ActiveModel {
        username: Set(row.username),
        user_id: Set(row.user_id),
        at: Set(row.at),
        client_addr: Set(row.client_addr),
        user_agent: Set(row.user_agent),
        success: Set(row.success),
        reason: Set(row.reason),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map(|_| ())
}

/// Attempts, newest first, optionally for one login name.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    username: Option<&str>,
    page: PageRequest,
) -> Result<Page<login_log::Model>, DbErr> {
    let mut select = login_log::Entity::find();
    if let Some(u) = username.filter(|u| !u.is_empty()) {
        select = select.filter(login_log::Column::Username.eq(u));
    }
    if let Some(after) = page.after() {
        select = select.filter(login_log::Column::Id.lt(after));
    }
    let rows = select
        .order_by_desc(login_log::Column::Id)
        .limit(page.limit() + 1)
        .all(conn)
        .await?;
    Ok(Page::from_overfetch(rows, page, |r| r.id))
}
