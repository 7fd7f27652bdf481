//! Evaluation meetings (述职评议) and their anonymous ratings.
//!
//! A rating is stored in two unlinked parts, as the talent ballot is: [`use_code`] marks a
//! one-time code used (the code is stored only as its hash, and no time is kept), and
//! [`count_grade`] / [`count_score`] add one to a subject's counters in place. No row names
//! both the code and the choice.

use crate::entity::{
    evaluation_code as code, evaluation_meeting as meeting, evaluation_subject as subject,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// A meeting by id.
pub async fn find<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<meeting::Model>, DbErr> {
    meeting::Entity::find_by_id(id).one(conn).await
}

/// Every meeting, newest first.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<meeting::Model>, DbErr> {
    meeting::Entity::find()
        .order_by_desc(meeting::Column::Id)
        .all(conn)
        .await
}

/// A meeting's subjects in order.
pub async fn subjects_of<C: ConnectionTrait>(
    conn: &C,
    meeting_id: i64,
) -> Result<Vec<subject::Model>, DbErr> {
    subject::Entity::find()
        .filter(subject::Column::MeetingId.eq(meeting_id))
        .order_by_asc(subject::Column::Seq)
        .all(conn)
        .await
}

/// The code row of a hash.
pub async fn code_by_hash<C: ConnectionTrait>(
    conn: &C,
    hash: &str,
) -> Result<Option<code::Model>, DbErr> {
    code::Entity::find()
        .filter(code::Column::CodeHash.eq(hash))
        .one(conn)
        .await
}

/// (issued, used) codes of a meeting.
pub async fn turnout<C: ConnectionTrait>(conn: &C, meeting_id: i64) -> Result<(u64, u64), DbErr> {
    use sea_orm::PaginatorTrait;
    let issued = code::Entity::find()
        .filter(code::Column::MeetingId.eq(meeting_id))
        .count(conn)
        .await?;
    let used = code::Entity::find()
        .filter(code::Column::MeetingId.eq(meeting_id))
        .filter(code::Column::Used.eq(true))
        .count(conn)
        .await?;
    Ok((issued, used))
}

/// Marks an unused code of `meeting_id` used; false when there is no such unused code (a
/// second rating with the same code, even at the same moment, finds it used).
pub async fn use_code<C: ConnectionTrait>(
    conn: &C,
    meeting_id: i64,
    hash: &str,
) -> Result<bool, DbErr> {
    let res = code::Entity::update_many()
        .col_expr(code::Column::Used, Expr::value(true))
        .filter(code::Column::MeetingId.eq(meeting_id))
        .filter(code::Column::CodeHash.eq(hash))
        .filter(code::Column::Used.eq(false))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Adds one to a subject's counter of a grade (`good`, `fairly_good`, `fair`, `poor`).
pub async fn count_grade<C: ConnectionTrait>(
    conn: &C,
    subject_id: i64,
    grade: policy::innovation::Grade,
) -> Result<(), DbErr> {
    use policy::innovation::Grade;
    let col = match grade {
        Grade::Good => subject::Column::Good,
        Grade::FairlyGood => subject::Column::FairlyGood,
        Grade::Fair => subject::Column::Fair,
        Grade::Poor => subject::Column::Poor,
    };
    subject::Entity::update_many()
        .col_expr(col, Expr::col(col).add(1))
        .filter(subject::Column::Id.eq(subject_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Adds a score to a subject's sum and count.
pub async fn count_score<C: ConnectionTrait>(
    conn: &C,
    subject_id: i64,
    score: i64,
) -> Result<(), DbErr> {
    subject::Entity::update_many()
        .col_expr(
            subject::Column::ScoreSum,
            Expr::col(subject::Column::ScoreSum).add(score),
        )
        .col_expr(
            subject::Column::ScoreCount,
            Expr::col(subject::Column::ScoreCount).add(1),
        )
        .filter(subject::Column::Id.eq(subject_id))
        .exec(conn)
        .await?;
    Ok(())
}
