//! Leases that let one of several server instances run a background job at a time.

use crate::entity::{job_lease, job_run};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

/// Takes (or renews) the lease on `name` for `holder` until `now + ttl`.
///
/// True when `holder` has the lease afterwards: it was free, expired, or already theirs. Both
/// statements are single-row and atomic on both engines, so two instances cannot both win.
pub async fn try_acquire<C: ConnectionTrait>(
    conn: &C,
    name: &str,
    holder: &str,
    now: DateTime<Utc>,
    ttl: Duration,
) -> Result<bool, DbErr> {
    let expires = now + ttl;
    job_lease::Entity::insert(job_lease::ActiveModel {
        name: Set(name.into()),
        holder: Set(holder.into()),
        expires_at: Set(expires),
    })
    .on_conflict(
        OnConflict::column(job_lease::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    let r = job_lease::Entity::update_many()
        .col_expr(job_lease::Column::Holder, Expr::value(holder))
        .col_expr(job_lease::Column::ExpiresAt, Expr::value(expires))
        .filter(job_lease::Column::Name.eq(name))
        .filter(
            Condition::any()
                .add(job_lease::Column::Holder.eq(holder))
                .add(job_lease::Column::ExpiresAt.lt(now)),
        )
        .exec(conn)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Gives a lease up so another instance may take it at once.
pub async fn release<C: ConnectionTrait>(conn: &C, name: &str, holder: &str) -> Result<(), DbErr> {
    job_lease::Entity::delete_many()
        .filter(job_lease::Column::Name.eq(name))
        .filter(job_lease::Column::Holder.eq(holder))
        .exec(conn)
        .await
        .map(|_| ())
}

/// Records the start of a run and returns its id.
pub async fn start_run<C: ConnectionTrait>(
    conn: &C,
    name: &str,
    holder: &str,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    job_run::ActiveModel {
        name: Set(name.into()),
        holder: Set(holder.into()),
        started_at: Set(now),
        finished_at: Set(None),
        ok: Set(None),
        message: Set(String::new()),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map(|m| m.id)
}

/// Records how a run ended.
pub async fn finish_run<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    ok: bool,
    message: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    job_run::Entity::update_many()
        .col_expr(job_run::Column::FinishedAt, Expr::value(now))
        .col_expr(job_run::Column::Ok, Expr::value(ok))
        .col_expr(job_run::Column::Message, Expr::value(message))
        .filter(job_run::Column::Id.eq(id))
        .exec(conn)
        .await
        .map(|_| ())
}

/// The latest runs, newest first.
pub async fn recent_runs<C: ConnectionTrait>(
    conn: &C,
    limit: u64,
) -> Result<Vec<job_run::Model>, DbErr> {
    job_run::Entity::find()
        .order_by_desc(job_run::Column::Id)
        .limit(limit)
        .all(conn)
        .await
}
