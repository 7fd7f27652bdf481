//! Competitions, their projects, the judging pool, declared interests, assignments, scores
//! and the deals signed after the award.

use crate::entity::{
    competition, competition_assignment as assignment, competition_deal as deal,
    competition_interest as interest, competition_project as project, competition_score as score,
    innovation_expert as expert,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// A competition by id (competitions are public to every reader of the context).
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<competition::Model>, DbErr> {
    competition::Entity::find_by_id(id).one(conn).await
}

/// Every competition, newest first.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<competition::Model>, DbErr> {
    competition::Entity::find()
        .order_by_desc(competition::Column::Id)
        .all(conn)
        .await
}

/// A competition's projects, in id order.
pub async fn projects_of<C: ConnectionTrait>(
    conn: &C,
    competition_id: i64,
) -> Result<Vec<project::Model>, DbErr> {
    project::Entity::find()
        .filter(project::Column::CompetitionId.eq(competition_id))
        .order_by_asc(project::Column::Id)
        .all(conn)
        .await
}

/// A project by id.
pub async fn project<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<project::Model>, DbErr> {
    project::Entity::find_by_id(id).one(conn).await
}

/// Whether the pool entry `expert_id` is assigned to the project in any round.
pub async fn is_assigned<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    expert_id: i64,
) -> Result<bool, DbErr> {
    Ok(assignment::Entity::find()
        .filter(assignment::Column::ProjectId.eq(project_id))
        .filter(assignment::Column::ExpertId.eq(expert_id))
        .one(conn)
        .await?
        .is_some())
}

/// The whole judging pool.
pub async fn experts<C: ConnectionTrait>(conn: &C) -> Result<Vec<expert::Model>, DbErr> {
    expert::Entity::find()
        .order_by_asc(expert::Column::Id)
        .all(conn)
        .await
}

/// The pool entry of a user.
pub async fn expert_of_user<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
) -> Result<Option<expert::Model>, DbErr> {
    expert::Entity::find()
        .filter(expert::Column::UserId.eq(user_id))
        .one(conn)
        .await
}

/// The interests declared in a competition.
pub async fn interests_of<C: ConnectionTrait>(
    conn: &C,
    competition_id: i64,
) -> Result<Vec<interest::Model>, DbErr> {
    interest::Entity::find()
        .filter(interest::Column::CompetitionId.eq(competition_id))
        .all(conn)
        .await
}

/// The assignments of a round (every judge, or one).
pub async fn assignments<C: ConnectionTrait>(
    conn: &C,
    competition_id: i64,
    round: &str,
    expert_id: Option<i64>,
) -> Result<Vec<assignment::Model>, DbErr> {
    let mut s = assignment::Entity::find()
        .filter(assignment::Column::CompetitionId.eq(competition_id))
        .filter(assignment::Column::Round.eq(round));
    if let Some(e) = expert_id {
        s = s.filter(assignment::Column::ExpertId.eq(e));
    }
    s.order_by_asc(assignment::Column::ProjectId)
        .order_by_asc(assignment::Column::ExpertId)
        .all(conn)
        .await
}

/// The scores of a round.
pub async fn scores<C: ConnectionTrait>(
    conn: &C,
    competition_id: i64,
    round: &str,
) -> Result<Vec<score::Model>, DbErr> {
    score::Entity::find()
        .filter(score::Column::CompetitionId.eq(competition_id))
        .filter(score::Column::Round.eq(round))
        .order_by_asc(score::Column::Id)
        .all(conn)
        .await
}

/// One judge's score of a project in a round.
pub async fn score_of<C: ConnectionTrait>(
    conn: &C,
    round: &str,
    project_id: i64,
    expert_id: i64,
) -> Result<Option<score::Model>, DbErr> {
    score::Entity::find()
        .filter(score::Column::Round.eq(round))
        .filter(score::Column::ProjectId.eq(project_id))
        .filter(score::Column::ExpertId.eq(expert_id))
        .one(conn)
        .await
}

/// The deals of a competition.
pub async fn deals_of<C: ConnectionTrait>(
    conn: &C,
    competition_id: i64,
) -> Result<Vec<deal::Model>, DbErr> {
    deal::Entity::find()
        .filter(deal::Column::CompetitionId.eq(competition_id))
        .order_by_asc(deal::Column::Id)
        .all(conn)
        .await
}

/// Removes the assignments of a round (before a new assignment replaces them; only while no
/// score of the round exists, which the caller checks).
pub async fn clear_assignments<C: ConnectionTrait>(
    conn: &C,
    competition_id: i64,
    round: &str,
) -> Result<u64, DbErr> {
    Ok(assignment::Entity::delete_many()
        .filter(assignment::Column::CompetitionId.eq(competition_id))
        .filter(assignment::Column::Round.eq(round))
        .exec(conn)
        .await?
        .rows_affected)
}
