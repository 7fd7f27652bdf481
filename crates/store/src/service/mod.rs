//! Enterprise service as stored: specialists and assignments, visits, tickets and their events.

pub mod recipients;
pub mod specialist;
pub mod ticket;
pub mod ticket_clock;
pub mod visit;

pub use specialist::assigned_usccs;

/// Today in China time (UTC+8): assignments and ticket dates are local dates.
pub fn china_today() -> chrono::NaiveDate {
    china_date(chrono::Utc::now())
}

/// The date (UTC+8) of an instant.
pub fn china_date(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    (at + chrono::Duration::hours(8)).date_naive()
}
