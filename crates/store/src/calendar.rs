//! The working-day calendar as stored: holidays and make-up days, editable per year.

use crate::entity::workday;
use chrono::{Datelike, NaiveDate};
use policy::calendar::{DayKind, WorkdayCalendar};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

/// One calendar entry with its festival name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    /// The date.
    pub date: NaiveDate,
    /// Holiday or make-up working day.
    pub kind: DayKind,
    /// The festival it belongs to.
    pub festival: String,
}

/// The whole calendar.
pub async fn load<C: ConnectionTrait>(conn: &C) -> Result<WorkdayCalendar, DbErr> {
    let rows = workday::Entity::find().all(conn).await?;
    Ok(WorkdayCalendar::new(rows.into_iter().filter_map(|r| {
        DayKind::parse(&r.kind).map(|k| (r.date, k))
    })))
}

/// The entries of one year.
pub async fn entries_of_year<C: ConnectionTrait>(
    conn: &C,
    year: i32,
) -> Result<Vec<CalendarEntry>, DbErr> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1);
    // `checked_add`: the year comes from a URL, and i32::MAX + 1 would panic.
    let to = year
        .checked_add(1)
        .and_then(|next| NaiveDate::from_ymd_opt(next, 1, 1));
    let (Some(from), Some(to)) = (from, to) else {
        return Ok(Vec::new());
    };
    let rows = workday::Entity::find()
        .filter(workday::Column::Date.gte(from))
        .filter(workday::Column::Date.lt(to))
        .all(conn)
        .await?;
    let mut out: Vec<CalendarEntry> = rows
        .into_iter()
        .filter_map(|r| {
            DayKind::parse(&r.kind).map(|kind| CalendarEntry {
                date: r.date,
                kind,
                festival: r.festival,
            })
        })
        .collect();
    out.sort_by_key(|e| e.date);
    Ok(out)
}

/// The entry of one day, if it has one.
pub async fn entry_of_day<C: ConnectionTrait>(
    conn: &C,
    date: NaiveDate,
) -> Result<Option<CalendarEntry>, DbErr> {
    Ok(workday::Entity::find_by_id(date)
        .one(conn)
        .await?
        .and_then(|r| {
            DayKind::parse(&r.kind).map(|kind| CalendarEntry {
                date: r.date,
                kind,
                festival: r.festival,
            })
        }))
}

/// Makes `entry` the entry of its day, replacing any there was.
pub async fn set_day<C: ConnectionTrait>(conn: &C, entry: &CalendarEntry) -> Result<(), DbErr> {
    clear_day(conn, entry.date).await?;
    workday::Entity::insert(workday::ActiveModel {
        date: Set(entry.date),
        kind: Set(entry.kind.as_str().into()),
        festival: Set(entry.festival.clone()),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Removes the entry of a day: it becomes an ordinary weekday or weekend day again.
pub async fn clear_day<C: ConnectionTrait>(conn: &C, date: NaiveDate) -> Result<(), DbErr> {
    workday::Entity::delete_by_id(date).exec(conn).await?;
    Ok(())
}

/// Replaces the entries of the years that `entries` touch with `entries`.
pub async fn replace_years<C: ConnectionTrait>(
    conn: &C,
    entries: &[CalendarEntry],
) -> Result<(), DbErr> {
    let mut years: Vec<i32> = entries.iter().map(|e| e.date.year()).collect();
    years.sort_unstable();
    years.dedup();
    for y in years {
        if let (Some(from), Some(to)) = (
            NaiveDate::from_ymd_opt(y, 1, 1),
            NaiveDate::from_ymd_opt(y + 1, 1, 1),
        ) {
            workday::Entity::delete_many()
                .filter(workday::Column::Date.gte(from))
                .filter(workday::Column::Date.lt(to))
                .exec(conn)
                .await?;
        }
    }
    for chunk in entries.chunks(200) {
        if chunk.is_empty() {
            continue;
        }
        workday::Entity::insert_many(chunk.iter().map(|e| workday::ActiveModel {
            date: Set(e.date),
            kind: Set(e.kind.as_str().into()),
            festival: Set(e.festival.clone()),
        }))
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}
