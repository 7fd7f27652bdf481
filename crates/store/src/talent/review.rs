//! Experts, committees, meetings and the secret ballot.
//!
//! The ballot is stored in two unlinked parts: [`mark_voted`] records that an expert has voted
//! in a meeting, [`count_vote`] adds one to a candidate's yes/no/abstain counter. Neither row
//! names both the voter and the choice, and no timestamp is kept that could pair them.

use crate::entity::{
    talent_ballot_voted as voted, talent_committee as committee, talent_expert as expert,
    talent_meeting as meeting, talent_meeting_candidate as candidate,
    talent_meeting_expert as member,
};
use policy::talent::VoteChoice;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

/// Inserts any talent row (expert, committee, meeting, candidate, member).
pub async fn insert<C, A>(conn: &C, row: A) -> Result<<A::Entity as EntityTrait>::Model, DbErr>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    row.insert(conn).await
}

/// Saves changed columns of any talent row.
pub async fn update<C, A>(conn: &C, row: A) -> Result<<A::Entity as EntityTrait>::Model, DbErr>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    row.update(conn).await
}

/// Every expert of the pool, by id.
pub async fn experts<C: ConnectionTrait>(conn: &C) -> Result<Vec<expert::Model>, DbErr> {
    expert::Entity::find()
        .order_by_asc(expert::Column::Id)
        .all(conn)
        .await
}

/// The expert record of a user.
pub async fn expert_of_user<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
) -> Result<Option<expert::Model>, DbErr> {
    expert::Entity::find()
        .filter(expert::Column::UserId.eq(user_id))
        .one(conn)
        .await
}

/// A committee by id.
pub async fn committee<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<committee::Model>, DbErr> {
    committee::Entity::find_by_id(id).one(conn).await
}

/// Every committee, newest first.
pub async fn committees<C: ConnectionTrait>(conn: &C) -> Result<Vec<committee::Model>, DbErr> {
    committee::Entity::find()
        .order_by_desc(committee::Column::Id)
        .all(conn)
        .await
}

/// A meeting by id.
pub async fn meeting<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<meeting::Model>, DbErr> {
    meeting::Entity::find_by_id(id).one(conn).await
}

/// Every meeting, newest first.
pub async fn meetings<C: ConnectionTrait>(conn: &C) -> Result<Vec<meeting::Model>, DbErr> {
    meeting::Entity::find()
        .order_by_desc(meeting::Column::Id)
        .all(conn)
        .await
}

/// The experts considered for a meeting (drawn and excluded), by id.
pub async fn members<C: ConnectionTrait>(
    conn: &C,
    meeting_id: i64,
) -> Result<Vec<member::Model>, DbErr> {
    member::Entity::find()
        .filter(member::Column::MeetingId.eq(meeting_id))
        .order_by_asc(member::Column::Id)
        .all(conn)
        .await
}

/// The meetings an expert was drawn for, newest first.
pub async fn meetings_of_expert<C: ConnectionTrait>(
    conn: &C,
    expert_id: i64,
) -> Result<Vec<member::Model>, DbErr> {
    member::Entity::find()
        .filter(member::Column::ExpertId.eq(expert_id))
        .filter(member::Column::Drawn.eq(true))
        .order_by_desc(member::Column::MeetingId)
        .all(conn)
        .await
}

/// The candidates of a meeting.
pub async fn candidates<C: ConnectionTrait>(
    conn: &C,
    meeting_id: i64,
) -> Result<Vec<candidate::Model>, DbErr> {
    candidate::Entity::find()
        .filter(candidate::Column::MeetingId.eq(meeting_id))
        .order_by_asc(candidate::Column::Id)
        .all(conn)
        .await
}

/// Records that an expert has voted (the unique key refuses a second ballot).
pub async fn mark_voted<C: ConnectionTrait>(
    conn: &C,
    meeting_id: i64,
    expert_id: i64,
) -> Result<(), DbErr> {
    voted::ActiveModel {
        meeting_id: sea_orm::ActiveValue::Set(meeting_id),
        expert_id: sea_orm::ActiveValue::Set(expert_id),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map(|_| ())
}

/// Whether an expert has voted in a meeting.
pub async fn has_voted<C: ConnectionTrait>(
    conn: &C,
    meeting_id: i64,
    expert_id: i64,
) -> Result<bool, DbErr> {
    Ok(voted::Entity::find()
        .filter(voted::Column::MeetingId.eq(meeting_id))
        .filter(voted::Column::ExpertId.eq(expert_id))
        .count(conn)
        .await?
        > 0)
}

/// How many experts have voted in a meeting.
pub async fn voted_count<C: ConnectionTrait>(conn: &C, meeting_id: i64) -> Result<u64, DbErr> {
    voted::Entity::find()
        .filter(voted::Column::MeetingId.eq(meeting_id))
        .count(conn)
        .await
}

/// Adds one vote to a candidate's counter, in place (`yes = yes + 1`), so concurrent ballots
/// never lose a vote.
pub async fn count_vote<C: ConnectionTrait>(
    conn: &C,
    meeting_id: i64,
    application_id: i64,
    choice: VoteChoice,
) -> Result<(), DbErr> {
    let col = match choice {
        VoteChoice::Yes => candidate::Column::Yes,
        VoteChoice::No => candidate::Column::No,
        VoteChoice::Abstain => candidate::Column::Abstain,
    };
    candidate::Entity::update_many()
        .col_expr(col, Expr::col(col).add(1))
        .filter(candidate::Column::MeetingId.eq(meeting_id))
        .filter(candidate::Column::ApplicationId.eq(application_id))
        .exec(conn)
        .await
        .map(|_| ())
}
