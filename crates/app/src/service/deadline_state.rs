//! Open tickets by where they stand against their deadlines today (超期 / 即将到期 / 正常 /
//! 暂停): the counts on top of the ticket list and the filter behind each of them, both read
//! from the clock columns by date comparisons (`policy::service::DeadlineBounds`).

use super::{local_date, service_rules};
use crate::{Actor, App, AppError};
use chrono::{NaiveDate, Utc};
use policy::org::Permission;
use policy::service::DeadlineBounds;
use serde::Serialize;
use store::service::ticket::TicketQuery;

/// A deadline state open tickets can be filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineFilter {
    /// Past the deadline.
    Overdue,
    /// Within the reminder threshold.
    DueSoon,
    /// Further away.
    OnTrack,
    /// Waiting on the enterprise.
    Paused,
}

impl DeadlineFilter {
    /// Every state, in the order shown.
    pub const ALL: [DeadlineFilter; 4] = [
        DeadlineFilter::Overdue,
        DeadlineFilter::DueSoon,
        DeadlineFilter::OnTrack,
        DeadlineFilter::Paused,
    ];

    /// From its name (`overdue`, `due_soon`, `on_track`, `paused`).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// Its name, the same as `DeadlineStatus::as_str`.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineFilter::Overdue => "overdue",
            DeadlineFilter::DueSoon => "due_soon",
            DeadlineFilter::OnTrack => "on_track",
            DeadlineFilter::Paused => "paused",
        }
    }

    /// Narrows a query to open tickets in this state on `bounds.today`.
    pub(crate) fn narrow(self, q: &mut TicketQuery, bounds: DeadlineBounds) {
        q.open = Some(true);
        match self {
            DeadlineFilter::Overdue => q.due_before = Some(bounds.today),
            DeadlineFilter::DueSoon => {
                q.due_from = Some(bounds.today);
                q.due_before = Some(bounds.on_track_from);
            }
            DeadlineFilter::OnTrack => q.due_from = Some(bounds.on_track_from),
            DeadlineFilter::Paused => q.paused = true,
        }
    }
}

/// Open tickets in the reader's scope by deadline state today.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeadlineCountsView {
    /// The day counted on (China date).
    pub today: NaiveDate,
    /// Deadlines from this day on are more than the reminder threshold away.
    pub on_track_from: NaiveDate,
    /// Past the deadline.
    pub overdue: u64,
    /// Within the reminder threshold.
    pub due_soon: u64,
    /// Further away.
    pub on_track: u64,
    /// Waiting on the enterprise, the clock stopped.
    pub paused: u64,
}

/// Counts the open tickets the actor may read (within `region` when given) by deadline state
/// today: four indexed counts over the clock columns, however many tickets there are.
pub async fn deadline_counts(
    app: &App,
    actor: &Actor,
    region: Option<&str>,
) -> Result<DeadlineCountsView, AppError> {
    let scope = actor.scope(Permission::TICKET_READ)?;
    let region_prefix = super::region_prefix(region)?;
    super::clock::catch_up_clocks(app).await?;
    let conn = app.db().conn();
    let rules = service_rules()?;
    let cal = store::calendar::load(conn).await?;
    let bounds = DeadlineBounds::on(local_date(Utc::now()), &cal, &rules);
    let q = TicketQuery {
        region_prefix,
        ..Default::default()
    };
    let c = store::service::ticket_clock::deadline_counts(conn, &scope, &q, bounds).await?;
    Ok(DeadlineCountsView {
        today: bounds.today,
        on_track_from: bounds.on_track_from,
        overdue: c.overdue,
        due_soon: c.due_soon,
        on_track: c.on_track,
        paused: c.paused,
    })
}
