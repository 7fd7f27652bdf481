//! Monthly investment of key projects from a spreadsheet (月度完成投资导入), through the
//! registry's reading machinery (`io::read`: xlsx, xls, CSV in UTF-8 or GBK, the header found
//! by its Chinese or English names or JSON keys): every problem of every row named at once,
//! all or nothing by default, one transaction with one audit entry per month written.

use crate::enterprise::fields::{Field, FieldKind};
use crate::enterprise::parse::{ParseContext, parse_row};
use crate::io::audit::AuditBatch;
use crate::io::{ImportMode, ImportOptions, Lang, RowError};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::Utc;
use policy::org::Permission;
use sea_orm::ActiveValue::Set;
use sea_orm::IntoActiveModel;
use serde::Serialize;
use serde_json::json;
use std::collections::{BTreeSet, HashMap};
use store::ConnectionTrait;
use store::entity::{key_project, key_project_progress};

/// The columns of the monthly-investment sheet.
pub const PROGRESS_FIELDS: &[Field] = &[
    Field {
        key: "project_id",
        zh: "项目编号",
        en: "Project id",
        kind: FieldKind::Count,
        required: true,
    },
    Field {
        key: "name",
        zh: "项目名称",
        en: "Project name",
        kind: FieldKind::Text(200),
        required: false,
    },
    Field {
        key: "year",
        zh: "年度",
        en: "Year",
        kind: FieldKind::Year,
        required: true,
    },
    Field {
        key: "month",
        zh: "月份",
        en: "Month",
        kind: FieldKind::Count,
        required: true,
    },
    Field {
        key: "invested_wan_yuan",
        zh: "本月完成投资（万元）",
        en: "Invested in the month (10k yuan)",
        kind: FieldKind::Money,
        required: true,
    },
];

/// What an import of monthly investment did (or, in a dry run, would do).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProgressImportReport {
    /// Data rows in the file.
    pub total: usize,
    /// Rows written or found unchanged; 0 when nothing was written because of errors.
    pub accepted: usize,
    /// Rows with at least one problem.
    pub rejected: usize,
    /// Months added.
    pub created: usize,
    /// Months whose figure changed.
    pub updated: usize,
    /// Rows equal to the stored figure.
    pub unchanged: usize,
    /// Every problem, by row then column.
    pub errors: Vec<RowError>,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// Whether anything was written.
    pub written: bool,
}

/// One month of one project to write.
pub(crate) struct MonthRow {
    /// The project (in the writer's scope).
    pub project: key_project::Model,
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: i32,
    /// Investment completed, fen.
    pub invested_fen: i64,
}

/// What writing months did: (created, updated, unchanged).
pub(crate) type Written = (usize, usize, usize);

/// Writes months (adding new ones in bulk, replacing changed ones, leaving equal ones), with
/// one audit entry per month written, in the caller's transaction.
pub(crate) async fn write_months<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    meta: &RequestMeta,
    rows: Vec<MonthRow>,
) -> Result<Written, AppError> {
    let existing = existing(conn, rows.iter().map(|r| (r.project.id, r.year))).await?;
    let now = Utc::now();
    let mut audit = AuditBatch::with_capacity(rows.len());
    let mut inserts = Vec::new();
    let (mut created, mut updated, mut unchanged) = (0, 0, 0);
    for r in rows {
        let value = |fen: i64| json!({"year": r.year, "month": r.month, "invested_wan_yuan": super::exact_wan_yuan(fen)});
        let before = existing.get(&(r.project.id, r.year, r.month));
        match before {
            Some(b) if b.invested_fen == r.invested_fen => {
                unchanged += 1;
                continue;
            }
            Some(b) => {
                let mut am = b.clone().into_active_model();
                am.invested_fen = Set(r.invested_fen);
                am.recorded_at = Set(now);
                store::project::key_project::update_progress(conn, am).await?;
                updated += 1;
            }
            None => {
                inserts.push(key_project_progress::ActiveModel {
                    project_id: Set(r.project.id),
                    year: Set(r.year),
                    month: Set(r.month),
                    invested_fen: Set(r.invested_fen),
                    recorded_at: Set(now),
                    ..Default::default()
                });
                created += 1;
            }
        }
        audit.push(
            actor,
            meta,
            "key_project.progress",
            "key_project",
            r.project.id.to_string(),
            Some(r.project.region_code.clone()),
            &before
                .map(|b| value(b.invested_fen))
                .unwrap_or(serde_json::Value::Null),
            &value(r.invested_fen),
        )?;
    }
    store::project::key_project::insert_progress(conn, inserts).await?;
    audit.write(conn).await?;
    Ok((created, updated, unchanged))
}

/// The stored months of the rows' projects and years, by (project, year, month).
async fn existing<C: ConnectionTrait>(
    conn: &C,
    keys: impl Iterator<Item = (i64, i32)>,
) -> Result<HashMap<(i64, i32, i32), key_project_progress::Model>, AppError> {
    let mut by_year: HashMap<i32, BTreeSet<i64>> = HashMap::new();
    for (id, year) in keys {
        by_year.entry(year).or_default().insert(id);
    }
    let mut out = HashMap::new();
    for (year, ids) in by_year {
        let ids: Vec<i64> = ids.into_iter().collect();
        for m in store::project::key_project::progress_in_year(conn, &ids, year).await? {
            out.insert((m.project_id, m.year, m.month), m);
        }
    }
    Ok(out)
}

fn row_error(
    layout: &crate::io::read::Layout,
    row: u32,
    field: &str,
    key: &str,
    params: Vec<(String, String)>,
) -> RowError {
    RowError {
        row,
        column: layout.column_of(PROGRESS_FIELDS, field),
        field: field.to_string(),
        message_key: key.to_string(),
        params,
    }
}

/// Imports monthly investment of key projects in the actor's scope.
///
/// Checks every row: the columns' formats, a month from 1 to 12, an amount not negative, a
/// project that exists in the actor's scope, the same project and month twice in the file,
/// and a month already recorded with another figure unless `update_existing`. By default
/// nothing is written unless every row is valid; `ValidOnly` writes the valid rows; `dry_run`
/// writes nothing.
#[tracing::instrument(skip_all, fields(actor = %actor.username, file = file_name))]
pub async fn import_progress(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    file_name: &str,
    bytes: &[u8],
    options: ImportOptions,
) -> Result<ProgressImportReport, AppError> {
    let scope = actor.scope(Permission::PROJECT_WRITE)?;
    let rows = crate::io::read::read_rows(bytes)?;
    let layout = crate::io::read::locate(&rows, PROGRESS_FIELDS)?;
    let data = rows.get(layout.data_index..).unwrap_or(&[]);
    let total = data.len();
    let ctx = ParseContext::default();
    let mut errors: Vec<RowError> = Vec::new();
    let mut checked: Vec<(u32, i64, i32, i32, i64)> = Vec::with_capacity(total);
    let mut first_of: HashMap<(i64, i32, i32), u32> = HashMap::new();
    for r in data {
        let raw = layout.raw(r);
        let row = match parse_row(PROGRESS_FIELDS, &raw, &ctx) {
            Ok(row) => row,
            Err(es) => {
                for e in es {
                    errors.push(row_error(&layout, r.number, &e.field, &e.key, e.params));
                }
                continue;
            }
        };
        let (Some(id), Some(year), Some(month), Some(fen)) = (
            row.int("project_id"),
            row.int("year"),
            row.int("month"),
            row.fen("invested_wan_yuan"),
        ) else {
            continue;
        };
        let mut ok = true;
        if !policy::project::YEARS.contains(&year) {
            errors.push(row_error(
                &layout,
                r.number,
                "year",
                "common.year_range",
                Vec::new(),
            ));
            ok = false;
        }
        if !(1..=12).contains(&month) {
            errors.push(row_error(
                &layout,
                r.number,
                "month",
                "project.month_range",
                Vec::new(),
            ));
            ok = false;
        }
        if fen < 0 {
            errors.push(row_error(
                &layout,
                r.number,
                "invested_wan_yuan",
                "project.amount_negative",
                Vec::new(),
            ));
            ok = false;
        }
        let key = (i64::from(id), year, month);
        if let Some(first) = first_of.get(&key) {
            errors.push(row_error(
                &layout,
                r.number,
                "month",
                "import.duplicate_in_file",
                vec![("row".into(), first.to_string())],
            ));
            ok = false;
        } else {
            first_of.insert(key, r.number);
        }
        if ok {
            checked.push((r.number, i64::from(id), year, month, fen));
        }
    }
    let tx = app.db().begin_write().await?;
    let ids: Vec<i64> = checked
        .iter()
        .map(|c| c.1)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let projects: HashMap<i64, key_project::Model> =
        store::project::key_project::find_many(&tx, &scope, &ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
    let mut months = Vec::with_capacity(checked.len());
    for (number, id, year, month, fen) in checked {
        match projects.get(&id) {
            Some(p) => months.push((
                number,
                MonthRow {
                    project: p.clone(),
                    year,
                    month,
                    invested_fen: fen,
                },
            )),
            None => errors.push(row_error(
                &layout,
                number,
                "project_id",
                "project.not_found",
                vec![("id".into(), id.to_string())],
            )),
        }
    }
    let stored = existing(&tx, months.iter().map(|(_, m)| (m.project.id, m.year))).await?;
    let mut to_write = Vec::with_capacity(months.len());
    for (number, m) in months {
        if let Some(b) = stored.get(&(m.project.id, m.year, m.month))
            && b.invested_fen != m.invested_fen
            && !options.update_existing
        {
            errors.push(row_error(
                &layout,
                number,
                "invested_wan_yuan",
                "project.month_exists",
                vec![("stored".into(), super::exact_wan_yuan(b.invested_fen))],
            ));
            continue;
        }
        to_write.push(m);
    }
    let rejected = errors.iter().map(|e| e.row).collect::<BTreeSet<_>>().len();
    let blocked = options.mode == ImportMode::AllOrNothing && !errors.is_empty();
    let (mut created, mut updated, mut unchanged) = (0, 0, 0);
    let mut written = false;
    if !blocked {
        for m in &to_write {
            match stored.get(&(m.project.id, m.year, m.month)) {
                Some(b) if b.invested_fen == m.invested_fen => unchanged += 1,
                Some(_) => updated += 1,
                None => created += 1,
            }
        }
        if !options.dry_run && created + updated > 0 {
            write_months(&tx, actor, meta, to_write).await?;
            written = true;
        }
    }
    if written {
        tx.commit().await?;
    } else {
        tx.rollback().await?;
    }
    let index = |e: &RowError| layout.index_of(&e.field).unwrap_or(usize::MAX);
    errors.sort_by_key(|e| (e.row, index(e)));
    Ok(ProgressImportReport {
        total,
        accepted: created + updated + unchanged,
        rejected,
        created,
        updated,
        unchanged,
        errors,
        dry_run: options.dry_run,
        written,
    })
}

/// The monthly-investment template: the headers, and a row per month to come for each of the
/// year's key projects in the actor's scope (id and name filled in), so a county fills in the
/// figures and uploads it.
pub async fn progress_template_xlsx(
    app: &App,
    actor: &Actor,
    year: i32,
    month: Option<u32>,
    lang: Lang,
) -> Result<Vec<u8>, AppError> {
    let scope = actor.scope(Permission::PROJECT_WRITE)?;
    let year = super::check_year(year)?;
    let filter = store::project::key_project::ProjectFilter {
        year: Some(year),
        ..Default::default()
    };
    let mut projects = Vec::new();
    let mut after = None;
    loop {
        let page = store::project::key_project::list(
            app.db().conn(),
            &scope,
            &filter,
            crate::PageRequest::new(500, after),
        )
        .await?;
        projects.extend(page.items);
        match page.next_cursor.and_then(|c| c.parse().ok()) {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    projects.sort_by_key(|p| p.id);
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx: {e}"));
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(match lang {
        Lang::Zh => "月度完成投资",
        Lang::En => "Monthly investment",
    })
    .map_err(err)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let text = rust_xlsxwriter::Format::new().set_num_format("@");
    for (c, f) in PROGRESS_FIELDS.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, lang.header(f), &bold)
            .map_err(err)?;
        ws.set_column_width(c, if f.key == "name" { 36 } else { 16 })
            .map_err(err)?;
    }
    ws.set_column_format(4, &text).map_err(err)?;
    ws.set_freeze_panes(1, 0).map_err(err)?;
    for (i, p) in projects.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number(r, 0, p.id as f64).map_err(err)?;
        ws.write_string(r, 1, &p.name).map_err(err)?;
        ws.write_number(r, 2, f64::from(year)).map_err(err)?;
        if let Some(m) = month {
            ws.write_number(r, 3, f64::from(m)).map_err(err)?;
        }
    }
    book.save_to_buffer().map_err(err)
}
