//! How figures and times are written in pages: China Standard Time, 2026-11-25 dates.

use chrono::{DateTime, FixedOffset, Offset, Utc};

/// China Standard Time (UTC+8), the time every page shows.
pub fn cst() -> FixedOffset {
    match FixedOffset::east_opt(8 * 3600) {
        Some(o) => o,
        None => Utc.fix(),
    }
}

/// A time as `2026-11-25 14:30` in China Standard Time.
pub fn local_time(t: &DateTime<Utc>) -> String {
    t.with_timezone(&cst()).format("%Y-%m-%d %H:%M").to_string()
}

/// A time to the second, for logs.
pub fn local_time_s(t: &DateTime<Utc>) -> String {
    t.with_timezone(&cst())
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}
