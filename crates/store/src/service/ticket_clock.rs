//! The clock columns of `ticket`: what each ticket's clock comes to
//! ([`policy::service::ClockOutcome`]), kept on its row so that lists, deadline counts and
//! reports read columns instead of folding every event log. `app::service` writes them with
//! every event and re-derives the rows whose basis (rule-set version / calendar stamp) is not
//! the current one.

use super::ticket::{TicketQuery, filtered};
use crate::entity::{chain_node_enterprise, ticket, ticket_event};
use policy::org::Scope;
use policy::service::{ClockOutcome, ClockState, Rating};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

/// The outcome kept on a row (None until first computed).
pub fn outcome_of(t: &ticket::Model) -> Option<ClockOutcome> {
    ClockRow::from(t).outcome()
}

/// The columns of a ticket the reports read: who holds it, where, and its clock.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct ClockRow {
    /// Ticket id.
    pub id: i64,
    /// Current department.
    pub department_id: Option<i64>,
    /// The enterprise.
    pub enterprise_uscc: String,
    /// The enterprise's region.
    pub region_code: String,
    /// Resolution deadline while running.
    pub clock_due_on: Option<chrono::NaiveDate>,
    /// Working days left while paused.
    pub clock_paused_left: Option<i32>,
    /// Once done: on time.
    pub clock_on_time: Option<bool>,
    /// Once done: working days.
    pub clock_working_days: Option<i32>,
    /// Escalation level of the current round.
    pub clock_escalation: i16,
    /// Latest rating.
    pub clock_rating: Option<String>,
    /// Basis; empty until computed.
    pub clock_basis: String,
}

impl From<&ticket::Model> for ClockRow {
    fn from(t: &ticket::Model) -> Self {
        ClockRow {
            id: t.id,
            department_id: t.department_id,
            enterprise_uscc: t.enterprise_uscc.clone(),
            region_code: t.region_code.clone(),
            clock_due_on: t.clock_due_on,
            clock_paused_left: t.clock_paused_left,
            clock_on_time: t.clock_on_time,
            clock_working_days: t.clock_working_days,
            clock_escalation: t.clock_escalation,
            clock_rating: t.clock_rating.clone(),
            clock_basis: t.clock_basis.clone(),
        }
    }
}

impl ClockRow {
    /// The outcome these columns hold (None until first computed).
    pub fn outcome(&self) -> Option<ClockOutcome> {
        if self.clock_basis.is_empty() {
            return None;
        }
        let state = match (
            self.clock_due_on,
            self.clock_paused_left,
            self.clock_on_time,
        ) {
            (Some(due), _, _) => ClockState::Running { due },
            (_, Some(left), _) => ClockState::Paused {
                left: u32::try_from(left).unwrap_or(0),
            },
            (_, _, Some(on_time)) => ClockState::Done {
                on_time,
                working_days: i64::from(self.clock_working_days.unwrap_or(0)),
            },
            _ => return None,
        };
        Some(ClockOutcome {
            state,
            escalation_level: u8::try_from(self.clock_escalation).unwrap_or(0),
            rating: self.clock_rating.as_deref().and_then(Rating::parse),
        })
    }
}

/// Writes a ticket's clock columns, computed on `basis`.
pub async fn set<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    o: &ClockOutcome,
    basis: &str,
) -> Result<(), DbErr> {
    let (due, paused, on_time, days) = match o.state {
        ClockState::Running { due } => (Some(due), None, None, None),
        ClockState::Paused { left } => (
            None,
            Some(i32::try_from(left).unwrap_or(i32::MAX)),
            None,
            None,
        ),
        ClockState::Done {
            on_time,
            working_days,
        } => (
            None,
            None,
            Some(on_time),
            Some(i32::try_from(working_days).unwrap_or(i32::MAX)),
        ),
    };
    ticket::Entity::update_many()
        .col_expr(ticket::Column::ClockDueOn, Expr::value(due))
        .col_expr(ticket::Column::ClockPausedLeft, Expr::value(paused))
        .col_expr(ticket::Column::ClockOnTime, Expr::value(on_time))
        .col_expr(ticket::Column::ClockWorkingDays, Expr::value(days))
        .col_expr(
            ticket::Column::ClockEscalation,
            Expr::value(i16::from(o.escalation_level)),
        )
        .col_expr(
            ticket::Column::ClockRating,
            Expr::value(o.rating.map(|r| r.as_str().to_string())),
        )
        .col_expr(ticket::Column::ClockBasis, Expr::value(basis))
        .filter(ticket::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Marks tickets whose columns were found right as computed on `basis`.
pub async fn confirm<C: ConnectionTrait>(conn: &C, ids: &[i64], basis: &str) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    ticket::Entity::update_many()
        .col_expr(ticket::Column::ClockBasis, Expr::value(basis))
        .filter(ticket::Column::Id.is_in(ids.to_vec()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Up to `limit` tickets (any status, any region) not computed on `basis`, by id, each with
/// its events oldest first. Both sides of the basis are index ranges.
pub async fn stale<C: ConnectionTrait>(
    conn: &C,
    basis: &str,
    limit: u64,
) -> Result<Vec<(ticket::Model, Vec<ticket_event::Model>)>, DbErr> {
    let tickets = ticket::Entity::find()
        .filter(other_basis(basis))
        .order_by_asc(ticket::Column::Id)
        .limit(limit)
        .all(conn)
        .await?;
    let ids: Vec<i64> = tickets.iter().map(|t| t.id).collect();
    let mut events = super::ticket::events_of_many(conn, &ids)
        .await?
        .into_iter()
        .peekable();
    let mut out = Vec::with_capacity(tickets.len());
    for t in tickets {
        let mut mine = Vec::new();
        while let Some(e) = events.next_if(|e| e.ticket_id == t.id) {
            mine.push(e);
        }
        out.push((t, mine));
    }
    Ok(out)
}

/// Rows computed on another basis: two index ranges (`<>` would scan).
fn other_basis(basis: &str) -> Condition {
    Condition::any()
        .add(ticket::Column::ClockBasis.lt(basis))
        .add(ticket::Column::ClockBasis.gt(basis))
}

/// Whether some ticket is not computed on `basis` (one indexed probe).
pub async fn any_stale<C: ConnectionTrait>(conn: &C, basis: &str) -> Result<bool, DbErr> {
    Ok(ticket::Entity::find()
        .select_only()
        .column(ticket::Column::Id)
        .filter(other_basis(basis))
        .limit(1)
        .into_tuple::<i64>()
        .one(conn)
        .await?
        .is_some())
}

/// The clock columns of every ticket in scope matching `q` (what the reports add up).
pub async fn rows<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    q: &TicketQuery,
) -> Result<Vec<ClockRow>, DbErr> {
    use ticket::Column as T;
    filtered(scope, q)
        .select_only()
        .columns([
            T::Id,
            T::DepartmentId,
            T::EnterpriseUscc,
            T::RegionCode,
            T::ClockDueOn,
            T::ClockPausedLeft,
            T::ClockOnTime,
            T::ClockWorkingDays,
            T::ClockEscalation,
            T::ClockRating,
            T::ClockBasis,
        ])
        .into_model::<ClockRow>()
        .all(conn)
        .await
}

/// How many open tickets in scope matching `q` stand where against their deadlines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeadlineCounts {
    /// Due before `today`.
    pub overdue: u64,
    /// Due from `today` and before `on_track_from`.
    pub due_soon: u64,
    /// Due on or after `on_track_from`.
    pub on_track: u64,
    /// Waiting on the enterprise.
    pub paused: u64,
}

/// Counts open tickets by deadline state on `bounds.today`: four counts over index ranges.
/// Only an open ticket has a running deadline or a pause in its clock columns
/// ([`policy::service::ClockState`]), so the counts need not read the status: with no other
/// filter (or a region, the second column of the indexes) they are answered from the indexes.
pub async fn deadline_counts<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    q: &TicketQuery,
    bounds: policy::service::DeadlineBounds,
) -> Result<DeadlineCounts, DbErr> {
    let count = |due_from, due_before, paused| {
        let q = TicketQuery {
            due_from,
            due_before,
            paused,
            ..q.clone()
        };
        async move { filtered(scope, &q).count(conn).await }
    };
    Ok(DeadlineCounts {
        overdue: count(None, Some(bounds.today), false).await?,
        due_soon: count(Some(bounds.today), Some(bounds.on_track_from), false).await?,
        on_track: count(Some(bounds.on_track_from), None, false).await?,
        paused: count(None, None, true).await?,
    })
}

/// The chains whose maps hold each of `usccs`: (enterprise, chain id), each pair once — what
/// the report by chain groups tickets by.
pub async fn chains_of_enterprises<C: ConnectionTrait>(
    conn: &C,
    usccs: &[String],
) -> Result<Vec<(String, i64)>, DbErr> {
    let mut out = Vec::new();
    for part in usccs.chunks(500) {
        out.extend(
            chain_node_enterprise::Entity::find()
                .select_only()
                .column(chain_node_enterprise::Column::EnterpriseUscc)
                .column(chain_node_enterprise::Column::ChainId)
                .distinct()
                .filter(chain_node_enterprise::Column::EnterpriseUscc.is_in(part.to_vec()))
                .into_tuple::<(String, i64)>()
                .all(conn)
                .await?,
        );
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Every chain: (id, name, region code), for naming the rows of the report by chain.
pub async fn chain_names<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<(i64, String, String)>, DbErr> {
    use crate::entity::chain;
    chain::Entity::find()
        .select_only()
        .columns([
            chain::Column::Id,
            chain::Column::Name,
            chain::Column::RegionCode,
        ])
        .order_by_asc(chain::Column::Id)
        .into_tuple()
        .all(conn)
        .await
}
