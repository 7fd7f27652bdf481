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

/// What an administrator sets for one day: a holiday, a make-up working day (调休), or
/// neither (`kind` empty), which makes it an ordinary weekday or weekend day again.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CalendarDayForm {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `holiday`, `workday`, or empty to clear the day.
    #[serde(default)]
    pub kind: String,
    /// The festival the day belongs to (春节, 国庆节…), optional.
    #[serde(default)]
    pub festival: String,
}

impl CalendarDayForm {
    /// The day and what it becomes, or every problem with the form.
    fn parse(&self) -> Result<(NaiveDate, Option<DayKind>, String), AppError> {
        let mut errors = Vec::new();
        let date = NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d").ok();
        if date.is_none() {
            errors.push(FieldError::new("date", "common.date_format"));
        }
        let kind = match self.kind.trim() {
            "" => None,
            k => {
                let parsed = DayKind::parse(k);
                if parsed.is_none() {
                    errors.push(FieldError::new("kind", "calendar.kind_unknown"));
                }
                parsed
            }
        };
        let festival = self.festival.trim().to_string();
        if festival.chars().count() > 40 {
            errors.push(FieldError::new("festival", "common.too_long").with("max", 40));
        }
        match date {
            Some(date) if errors.is_empty() => Ok((date, kind, festival)),
            _ => Err(AppError::Invalid(errors)),
        }
    }
}

/// Sets or clears one day of the calendar (the per-day editor), audited with the day's entry
/// before and after. Deadlines computed afterwards use the new calendar.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn set_calendar_day(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    form: &CalendarDayForm,
) -> Result<(), AppError> {
    actor.require(Permission::CALENDAR_MANAGE)?;
    let (date, kind, festival) = form.parse()?;
    let tx = app.db().begin_write().await?;
    let before = store::calendar::entry_of_day(&tx, date).await?;
    let as_json = |e: &Option<CalendarEntry>| match e {
        Some(e) => json!({"kind": e.kind.as_str(), "festival": e.festival}),
        None => json!({"kind": null}),
    };
    let after = kind.map(|kind| CalendarEntry {
        date,
        kind,
        festival,
    });
    record(
        &tx,
        actor,
        meta,
        AuditRecord {
            action: "calendar.set_day",
            entity_type: "calendar",
            entity_id: date.to_string(),
            region_code: None,
            before: as_json(&before),
            after: as_json(&after),
        },
    )
    .await?;
    match &after {
        Some(entry) => store::calendar::set_day(&tx, entry).await?,
        None => store::calendar::clear_day(&tx, date).await?,
    }
    tx.commit().await?;
    Ok(())
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
    use crate::test_support::{demo_actor, on_each_demo};

    #[tokio::test]
    async fn an_administrator_sets_and_clears_one_day_and_deadlines_follow() {
        on_each_demo(|app| async move {
            let admin = demo_actor(&app, "admin").await;
            let meta = RequestMeta::cli("test");
            let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
            // 2026-11-27 is an ordinary Friday.
            assert!(
                load_calendar(&app)
                    .await
                    .unwrap()
                    .is_working_day(d("2026-11-27"))
            );
            let form = |kind: &str| CalendarDayForm {
                date: "2026-11-27".into(),
                kind: kind.into(),
                festival: "市庆".into(),
            };
            set_calendar_day(&app, &admin, &meta, &form("holiday"))
                .await
                .unwrap();
            assert!(
                !load_calendar(&app)
                    .await
                    .unwrap()
                    .is_working_day(d("2026-11-27"))
            );
            // Saturday 2026-11-28 becomes a make-up working day.
            let sat = CalendarDayForm {
                date: "2026-11-28".into(),
                kind: "makeup_workday".into(),
                festival: String::new(),
            };
            set_calendar_day(&app, &admin, &meta, &sat).await.unwrap();
            assert!(
                load_calendar(&app)
                    .await
                    .unwrap()
                    .is_working_day(d("2026-11-28"))
            );
            set_calendar_day(&app, &admin, &meta, &form(""))
                .await
                .unwrap();
            assert!(
                load_calendar(&app)
                    .await
                    .unwrap()
                    .is_working_day(d("2026-11-27"))
            );
            let audited = store::audit::search(
                app.db().conn(),
                &policy::org::Scope::all(),
                &store::audit::AuditQuery {
                    action: Some("calendar.set_day".into()),
                    ..Default::default()
                },
                store::page::PageRequest::new(50, None),
            )
            .await
            .unwrap();
            assert_eq!(audited.items.len(), 3, "every edit is audited");
        })
        .await;
    }

    #[tokio::test]
    async fn a_bad_day_is_refused_with_every_problem_named_and_nothing_changes() {
        on_each_demo(|app| async move {
            let admin = demo_actor(&app, "admin").await;
            let meta = RequestMeta::cli("test");
            let before = calendar_year(&app, &admin, 2026).await.unwrap();
            let bad = CalendarDayForm {
                date: "2026-02-30".into(),
                kind: "vacation".into(),
                festival: String::new(),
            };
            let Err(AppError::Invalid(errs)) = set_calendar_day(&app, &admin, &meta, &bad).await
            else {
                panic!("expected invalid")
            };
            let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["date", "kind"]);
            assert_eq!(calendar_year(&app, &admin, 2026).await.unwrap(), before);
            let clerk = demo_actor(&app, "county.yanggu").await;
            let ok = CalendarDayForm {
                date: "2026-11-27".into(),
                kind: "holiday".into(),
                festival: String::new(),
            };
            assert!(matches!(
                set_calendar_day(&app, &clerk, &meta, &ok).await,
                Err(AppError::Forbidden(_))
            ));
        })
        .await;
    }

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
