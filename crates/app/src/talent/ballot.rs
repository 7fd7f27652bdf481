//! What an expert's own ballot page needs: whether they sit on the meeting, are present, and
//! have voted. Never how: no choice is stored against anyone.

use crate::{Actor, App, AppError};
use policy::org::Permission;
use serde::Serialize;

/// The acting expert's standing on one meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MyBallot {
    /// Drawn to sit.
    pub drawn: bool,
    /// Recorded present.
    pub attended: bool,
    /// Has cast the ballot.
    pub voted: bool,
}

/// The acting expert's standing on meeting `id`; 404 when the actor is no expert of it.
pub async fn my_ballot(app: &App, actor: &Actor, id: i64) -> Result<MyBallot, AppError> {
    actor.require(Permission::TALENT_VOTE)?;
    let conn = app.db().conn();
    let expert = store::talent::review::expert_of_user(conn, actor.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = store::talent::review::members(conn, id)
        .await?
        .into_iter()
        .find(|r| r.expert_id == expert.id && r.drawn)
        .ok_or(AppError::NotFound)?;
    Ok(MyBallot {
        drawn: row.drawn,
        attended: row.attended,
        voted: store::talent::review::has_voted(conn, id, expert.id).await?,
    })
}
