//! Challenges, their milestones, applications, expert scores and event log.

use crate::entity::{
    challenge, challenge_application as application, challenge_event as event,
    challenge_milestone as milestone, challenge_score as score,
};
use crate::page::{Page, PageRequest, newest_first};
use crate::scope::{ScopeColumns, condition};
use policy::org::Scope;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

/// The states in which a challenge is public (published or later).
pub const PUBLIC_STATES: &[&str] = &[
    "published",
    "reviewing",
    "notice",
    "signed",
    "completed",
    "terminated",
];

/// What a reader may see: every public challenge, and the rest within the data scope (the
/// enterprise's region, the enterprise itself, or the user who posted it).
pub fn visible(scope: &Scope) -> Condition {
    Condition::any()
        .add(challenge::Column::Status.is_in(PUBLIC_STATES.to_vec()))
        .add(in_scope(scope))
}

/// The challenges within the data scope, public or not.
pub fn in_scope(scope: &Scope) -> Condition {
    condition(
        scope,
        ScopeColumns {
            region: Some(challenge::Column::RegionCode),
            enterprise: Some(challenge::Column::EnterpriseUscc),
            owner: Some(challenge::Column::CreatedBy),
        },
    )
}

/// Filters of the challenge list.
#[derive(Debug, Clone, Default)]
pub struct ChallengeQuery {
    /// Status code.
    pub status: Option<String>,
    /// Competition.
    pub competition_id: Option<i64>,
    /// Posting enterprise.
    pub enterprise_uscc: Option<String>,
}

/// A challenge the reader may see.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<challenge::Model>, DbErr> {
    challenge::Entity::find_by_id(id)
        .filter(visible(scope))
        .one(conn)
        .await
}

/// A challenge within the data scope (for writes by its enterprise or a reviewer).
pub async fn find_in_scope<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<challenge::Model>, DbErr> {
    challenge::Entity::find_by_id(id)
        .filter(in_scope(scope))
        .one(conn)
        .await
}

/// A page of the challenges the reader may see, newest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    q: &ChallengeQuery,
    page: PageRequest,
) -> Result<Page<challenge::Model>, DbErr> {
    let mut s = challenge::Entity::find().filter(visible(scope));
    if let Some(v) = &q.status {
        s = s.filter(challenge::Column::Status.eq(v.as_str()));
    }
    if let Some(v) = q.competition_id {
        s = s.filter(challenge::Column::CompetitionId.eq(v));
    }
    if let Some(v) = &q.enterprise_uscc {
        s = s.filter(challenge::Column::EnterpriseUscc.eq(v.as_str()));
    }
    newest_first(conn, s, challenge::Column::Id, page, |c| c.id).await
}

/// Challenges by id (no scope: for the matching index, which holds only public ones).
pub async fn by_ids<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<Vec<challenge::Model>, DbErr> {
    challenge::Entity::find()
        .filter(challenge::Column::Id.is_in(ids.to_vec()))
        .order_by_asc(challenge::Column::Id)
        .all(conn)
        .await
}

/// Every challenge of a competition (for its figures).
pub async fn of_competition<C: ConnectionTrait>(
    conn: &C,
    competition_id: i64,
) -> Result<Vec<challenge::Model>, DbErr> {
    challenge::Entity::find()
        .filter(challenge::Column::CompetitionId.eq(competition_id))
        .order_by_asc(challenge::Column::Id)
        .all(conn)
        .await
}

/// Challenges open for applications.
pub async fn open<C: ConnectionTrait>(conn: &C) -> Result<Vec<challenge::Model>, DbErr> {
    challenge::Entity::find()
        .filter(challenge::Column::Status.eq("published"))
        .order_by_asc(challenge::Column::Id)
        .all(conn)
        .await
}

/// A challenge's milestones in order.
pub async fn milestones_of<C: ConnectionTrait>(
    conn: &C,
    challenge_id: i64,
) -> Result<Vec<milestone::Model>, DbErr> {
    milestone::Entity::find()
        .filter(milestone::Column::ChallengeId.eq(challenge_id))
        .order_by_asc(milestone::Column::Seq)
        .all(conn)
        .await
}

/// A challenge's events, oldest first.
pub async fn events_of<C: ConnectionTrait>(
    conn: &C,
    challenge_id: i64,
) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::ChallengeId.eq(challenge_id))
        .order_by_asc(event::Column::Id)
        .all(conn)
        .await
}

/// An application by id.
pub async fn application<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find_by_id(id).one(conn).await
}

/// A challenge's applications, oldest first.
pub async fn applications_of<C: ConnectionTrait>(
    conn: &C,
    challenge_id: i64,
) -> Result<Vec<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::ChallengeId.eq(challenge_id))
        .order_by_asc(application::Column::Id)
        .all(conn)
        .await
}

/// The applications of a team, newest first.
pub async fn applications_of_team<C: ConnectionTrait>(
    conn: &C,
    team_id: i64,
) -> Result<Vec<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::TeamId.eq(team_id))
        .order_by_desc(application::Column::Id)
        .all(conn)
        .await
}

/// The expert scores of a challenge's applications.
pub async fn scores_of<C: ConnectionTrait>(
    conn: &C,
    challenge_id: i64,
) -> Result<Vec<score::Model>, DbErr> {
    score::Entity::find()
        .filter(score::Column::ChallengeId.eq(challenge_id))
        .order_by_asc(score::Column::Id)
        .all(conn)
        .await
}

/// The challenges each team won and completed, and those it is working on: (team id,
/// completed, active), for the matching's past results and capacity.
pub async fn team_records<C: ConnectionTrait>(
    conn: &C,
    team_ids: Option<&[i64]>,
) -> Result<Vec<(i64, i32, i32)>, DbErr> {
    let mut s = challenge::Entity::find()
        .filter(challenge::Column::WinnerTeamId.is_not_null())
        .filter(challenge::Column::Status.is_in(["notice", "signed", "completed"]));
    if let Some(ids) = team_ids {
        s = s.filter(challenge::Column::WinnerTeamId.is_in(ids.to_vec()));
    }
    let rows = s.all(conn).await?;
    let mut out: std::collections::BTreeMap<i64, (i32, i32)> = Default::default();
    for c in rows {
        if let Some(t) = c.winner_team_id {
            let e = out.entry(t).or_default();
            if c.status == "completed" {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    Ok(out.into_iter().map(|(t, (c, a))| (t, c, a)).collect())
}
