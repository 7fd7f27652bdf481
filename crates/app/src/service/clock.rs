//! Each ticket's clock outcome kept on its row (`store::service::ticket_clock`), so that the
//! ticket list, the deadline counts and the reports over 100,000 tickets read columns instead
//! of folding 100,000 event logs.
//!
//! The columns are a projection of the event log, never a source: every use case that
//! appends an event writes them in the same transaction, and each row carries the basis it
//! was computed on — the rule-set version and the newest `calendar` audit id. A calendar edit
//! or a new rule set moves the basis; the next reader (`catch_up_clocks`) then re-derives every row
//! computed on another basis, in chunks, before it reads. The deadline job, which folds every
//! open ticket anyway, repairs any row that differs from its fold.

use super::fold;
use crate::{App, AppError};
use policy::calendar::WorkdayCalendar;
use policy::service::ServiceRules;
use store::ConnectionTrait;
use store::entity::{ticket, ticket_event};

/// Tickets re-derived per statement when the basis moved.
const CHUNK: u64 = 2_000;

/// The basis the columns are computed on now: rule-set version and calendar stamp.
pub(crate) async fn basis<C: ConnectionTrait>(
    conn: &C,
    rules: &ServiceRules,
) -> Result<String, AppError> {
    let calendar = store::audit::max_id_of(conn, "calendar")
        .await?
        .unwrap_or(0);
    Ok(format!("{}/{calendar}", rules.version))
}

/// Folds a ticket's log and writes its columns if they differ from what is stored (or were
/// computed on another basis). Returns whether the columns changed.
pub(crate) async fn refresh<C: ConnectionTrait>(
    conn: &C,
    t: &ticket::Model,
    events: &[ticket_event::Model],
    rules: &ServiceRules,
    cal: &WorkdayCalendar,
    basis: &str,
) -> Result<bool, AppError> {
    let outcome = fold(t, events, rules, cal)?.outcome(cal);
    let stored = store::service::ticket_clock::outcome_of(t);
    if stored == Some(outcome) && t.clock_basis == basis {
        return Ok(false);
    }
    store::service::ticket_clock::set(conn, t.id, &outcome, basis).await?;
    Ok(stored != Some(outcome))
}

/// Makes every ticket's columns current before a reader relies on them: one indexed probe
/// when they are (the usual case); otherwise re-derives the rows computed on another basis,
/// a chunk per transaction. Returns how many rows were looked at.
pub async fn catch_up_clocks(app: &App) -> Result<usize, AppError> {
    let rules = super::service_rules()?;
    let conn = app.db().conn();
    let now = basis(conn, &rules).await?;
    if !store::service::ticket_clock::any_stale(conn, &now).await? {
        return Ok(0);
    }
    let mut seen = 0;
    loop {
        let tx = app.db().begin_write().await?;
        // Read again inside the write lock: another instance or reader may have caught up.
        let now = basis(&tx, &rules).await?;
        let cal = store::calendar::load(&tx).await?;
        let chunk = store::service::ticket_clock::stale(&tx, &now, CHUNK).await?;
        let mut unchanged = Vec::new();
        for (t, events) in &chunk {
            let outcome = fold(t, events, &rules, &cal)?.outcome(&cal);
            if store::service::ticket_clock::outcome_of(t) == Some(outcome) {
                unchanged.push(t.id);
            } else {
                store::service::ticket_clock::set(&tx, t.id, &outcome, &now).await?;
            }
        }
        store::service::ticket_clock::confirm(&tx, &unchanged, &now).await?;
        tx.commit().await?;
        seen += chunk.len();
        if (chunk.len() as u64) < CHUNK {
            return Ok(seen);
        }
    }
}

/// Re-derives one ticket's columns after events were appended to it (in the writer's
/// transaction, so the row and its log never disagree once committed).
pub(crate) async fn after_events<C: ConnectionTrait>(
    conn: &C,
    t: &ticket::Model,
    rules: &ServiceRules,
    cal: &WorkdayCalendar,
) -> Result<(), AppError> {
    let basis = basis(conn, rules).await?;
    let events = store::service::ticket::events_of(conn, t.id).await?;
    refresh(conn, t, &events, rules, cal, &basis).await?;
    Ok(())
}
