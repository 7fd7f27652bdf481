//! Public notices and their objections. Notices are public records: reading one takes no
//! scope (anyone may read it without signing in); handling objections is scoped by the
//! notice's region in `app`.

use crate::entity::{notice_objection, public_notice};
use crate::page::{Page, PageRequest};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

/// Records a new notice.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    row: public_notice::ActiveModel,
) -> Result<public_notice::Model, DbErr> {
    row.insert(conn).await
}

/// A notice by id.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<public_notice::Model>, DbErr> {
    public_notice::Entity::find_by_id(id).one(conn).await
}

/// The latest notice opened for a subject.
pub async fn find_by_subject<C: ConnectionTrait>(
    conn: &C,
    kind: &str,
    subject_id: i64,
) -> Result<Option<public_notice::Model>, DbErr> {
    public_notice::Entity::find()
        .filter(public_notice::Column::SubjectKind.eq(kind))
        .filter(public_notice::Column::SubjectId.eq(subject_id))
        .order_by_desc(public_notice::Column::Id)
        .one(conn)
        .await
}

/// Notices, newest first, optionally only those of one subject kind.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    kind: Option<&str>,
    page: PageRequest,
) -> Result<Page<public_notice::Model>, DbErr> {
    let mut s = public_notice::Entity::find();
    if let Some(k) = kind {
        s = s.filter(public_notice::Column::SubjectKind.eq(k));
    }
    if let Some(after) = page.after() {
        s = s.filter(public_notice::Column::Id.lt(after));
    }
    let rows = s
        .order_by_desc(public_notice::Column::Id)
        .limit(page.limit() + 1)
        .all(conn)
        .await?;
    Ok(Page::from_overfetch(rows, page, |r| r.id))
}

/// Saves changed columns of a notice (its status).
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: public_notice::ActiveModel,
) -> Result<public_notice::Model, DbErr> {
    row.update(conn).await
}

/// Records an objection.
pub async fn insert_objection<C: ConnectionTrait>(
    conn: &C,
    row: notice_objection::ActiveModel,
) -> Result<notice_objection::Model, DbErr> {
    row.insert(conn).await
}

/// An objection by id.
pub async fn find_objection<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<notice_objection::Model>, DbErr> {
    notice_objection::Entity::find_by_id(id).one(conn).await
}

/// Saves a decided objection.
pub async fn update_objection<C: ConnectionTrait>(
    conn: &C,
    row: notice_objection::ActiveModel,
) -> Result<notice_objection::Model, DbErr> {
    row.update(conn).await
}

/// The objections to a notice, oldest first.
pub async fn objections_of<C: ConnectionTrait>(
    conn: &C,
    notice_id: i64,
) -> Result<Vec<notice_objection::Model>, DbErr> {
    notice_objection::Entity::find()
        .filter(notice_objection::Column::NoticeId.eq(notice_id))
        .order_by_asc(notice_objection::Column::Id)
        .all(conn)
        .await
}

/// How many objections one client address lodged against a notice since `since`.
pub async fn count_from_address<C: ConnectionTrait>(
    conn: &C,
    notice_id: i64,
    client_addr: &str,
    since: DateTime<Utc>,
) -> Result<u64, DbErr> {
    notice_objection::Entity::find()
        .filter(notice_objection::Column::NoticeId.eq(notice_id))
        .filter(notice_objection::Column::ClientAddr.eq(client_addr))
        .filter(notice_objection::Column::CreatedAt.gte(since))
        .count(conn)
        .await
}
