//! Innovation: research teams, challenges (揭榜挂帅), competitions and evaluation meetings.
//!
//! Challenges carry the data scope of the posting enterprise (region, enterprise, the user who
//! posted); once published they are public to every reader of the context. Evaluation
//! meetings keep their ratings as counters on the subjects and the one-time codes as hashes
//! with a used flag, never linked (see [`meeting`]).

pub mod challenge;
pub mod competition;
pub mod meeting;
pub mod team;

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait};

/// Inserts any innovation row.
pub async fn insert<C, A>(conn: &C, row: A) -> Result<<A::Entity as EntityTrait>::Model, DbErr>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    row.insert(conn).await
}

/// Saves the changed columns of any innovation row.
pub async fn update<C, A>(conn: &C, row: A) -> Result<<A::Entity as EntityTrait>::Model, DbErr>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    row.update(conn).await
}

/// Inserts many rows of one table in one statement per chunk (demo seeding, imports); rows
/// must all set the same columns.
pub async fn insert_many<C, A>(conn: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + Send,
{
    // Keeps each statement well under SQLite's and PostgreSQL's bound-parameter limits.
    const CHUNK: usize = 200;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}
