//! The working-day calendar: shipped schedules, imports and edits by an administrator.

use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, FieldError, RequestMeta};
use chrono::NaiveDate;
use policy::calendar::{DayKind, WorkdayCalendar};
use policy::org::Permission;
use serde_json::json;
use store::calendar::CalendarEntry;

/// The State Council schedules 2018-2026 (`date,kind,festival`), shipped in the binary.
pub const SHIPPED_CALENDAR: &str = include_str!("../data/cn-workday-calendar.csv");

/// Parses calendar CSV (`date,kind,festival`), reporting every bad row.
pub fn parse_calendar_csv(text: &str) -> Result<Vec<CalendarEntry>, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let Ok(rec) = rec else {
            errors.push(FieldError::new(format!("row {line}"), "import.bad_row"));
            continue;
        };
        let date = NaiveDate::parse_from_str(rec.get(0).unwrap_or("").trim(), "%Y-%m-%d");
        let kind = DayKind::parse(rec.get(1).unwrap_or(""));
        match (date, kind) {
            (Ok(date), Some(kind)) => out.push(CalendarEntry {
                date,
                kind,
                festival: rec.get(2).unwrap_or("").trim().to_string(),
            }),
            (Err(_), _) => errors.push(FieldError::new(
                format!("row {line}, date"),
                "common.date_format",
            )),
            (_, None) => errors.push(FieldError::new(
                format!("row {line}, kind"),
                "calendar.kind_unknown",
            )),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// Replaces the years the file covers with its entries (an administrator's edit or the
/// shipped schedules). One audit entry per year replaced.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn import_calendar_csv(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    text: &str,
) -> Result<usize, AppError> {
    actor.require(Permission::CALENDAR_MANAGE)?;
    let entries = parse_calendar_csv(text)?;
    let mut years: Vec<i32> = entries
        .iter()
        .map(|e| chrono::Datelike::year(&e.date))
        .collect();
    years.sort_unstable();
    years.dedup();
    let tx = app.db().begin_write().await?;
    for y in &years {
        let before = store::calendar::entries_of_year(&tx, *y).await?;
        let as_json = |es: &[CalendarEntry]| {
            json!(
                es.iter()
                    .map(|e| format!("{} {}", e.date, e.kind.as_str()))
                    .collect::<Vec<_>>()
            )
        };
        let after: Vec<CalendarEntry> = entries
            .iter()
            .filter(|e| chrono::Datelike::year(&e.date) == *y)
            .cloned()
            .collect();
        record(
            &tx,
            actor,
            meta,
            AuditRecord {
                action: "calendar.replace_year",
                entity_type: "calendar",
                entity_id: y.to_string(),
                region_code: None,
                before: json!({ "days": as_json(&before) }),
                after: json!({ "days": as_json(&after) }),
            },
        )
        .await?;
    }
    store::calendar::replace_years(&tx, &entries).await?;
    tx.commit().await?;
    Ok(entries.len())
}

/// The calendar in force.
pub async fn load_calendar(app: &App) -> Result<WorkdayCalendar, AppError> {
    Ok(store::calendar::load(app.db().conn()).await?)
}

/// The entries of one year, for the calendar page.
pub async fn calendar_year(
    app: &App,
    actor: &Actor,
    year: i32,
) -> Result<Vec<CalendarEntry>, AppError> {
    actor.require(Permission::HOME)?;
    Ok(store::calendar::entries_of_year(app.db().conn(), year).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_calendar_parses_and_knows_2026() {
        let entries = parse_calendar_csv(SHIPPED_CALENDAR).unwrap();
        let cal = WorkdayCalendar::new(entries.iter().map(|e| (e.date, e.kind)));
        assert!(cal.knows_year(2018) && cal.knows_year(2026));
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(!cal.is_working_day(d("2026-10-01")), "National Day");
        assert!(!cal.is_working_day(d("2026-02-17")), "Spring Festival");
    }

    #[test]
    fn bad_rows_are_all_reported() {
        let err =
            parse_calendar_csv("date,kind,festival\n2026-13-01,holiday,x\n2026-01-02,vacation,y\n")
                .unwrap_err();
        let AppError::Invalid(errs) = err else {
            panic!("expected invalid")
        };
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].field, "row 2, date");
        assert_eq!(errs[1].field, "row 3, kind");
    }
}
