//! Exports of the enterprise list (and of the financials or honors of the enterprises it
//! selects) with the template's headers, streamed: the store is read a page at a time by keyset
//! and rows go out as they come, so memory does not grow with the number of rows.

use super::template::{write_headers, xlsx_err};
use super::{ImportKind, Lang};
use crate::enterprise::ListQuery;
use crate::enterprise::fields::{Field, FieldKind};
use crate::enterprise::store_query;
use crate::{Actor, App, AppError};
use chrono::{Datelike, NaiveDate};
use policy::org::Permission;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::{Map, Value};
use std::io::Write;

/// Enterprises read from the store at a time.
const PAGE: u64 = 1000;

/// Data rows a sheet holds before the export goes on in a new sheet (Excel's 1,048,576 rows
/// less the header).
pub const MAX_ROWS_PER_SHEET: u32 = 1_048_575;

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// xlsx, written in constant-memory mode (rows flushed to a temporary file as written).
    Xlsx,
    /// CSV in UTF-8 with a BOM, so Excel opens it.
    Csv,
}

impl ExportFormat {
    /// Reads `xlsx` or `csv`.
    pub fn parse(s: &str) -> Option<ExportFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "xlsx" => Some(ExportFormat::Xlsx),
            "csv" => Some(ExportFormat::Csv),
            _ => None,
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
        }
    }
}

/// One exported cell.
enum Cell {
    Empty,
    Text(String),
    Number(f64, String),
    Date(NaiveDate),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Number(_, s) => s.clone(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A field's cell from its JSON value (the view the API answers), in the template's form.
fn cell(field: &Field, v: Option<&Value>) -> Cell {
    let v = match v {
        None | Some(Value::Null) => return Cell::Empty,
        Some(v) => v,
    };
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(";"),
        Value::Bool(b) => return Cell::Text(if *b { "是" } else { "否" }.into()),
        other => other.to_string(),
    };
    match field.kind {
        FieldKind::Money | FieldKind::Count | FieldKind::Year => match s.parse::<f64>() {
            Ok(n) => Cell::Number(n, s),
            Err(_) => Cell::Text(s),
        },
        FieldKind::Date => match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            Ok(d) => Cell::Date(d),
            Err(_) => Cell::Text(s),
        },
        FieldKind::Choice(list) => Cell::Text(
            list.iter()
                .find(|(code, _)| *code == s)
                .map(|(_, l)| (*l).to_string())
                .unwrap_or(s),
        ),
        _ if s.is_empty() => Cell::Empty,
        _ => Cell::Text(s),
    }
}

/// Where rows go.
enum Out<W: Write + Send> {
    Xlsx {
        wb: Box<Workbook>,
        sheet: usize,
        row: u32,
        date: Format,
        kind: ImportKind,
        lang: Lang,
        sink: W,
    },
    Csv(csv::Writer<W>),
}

fn csv_err(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("csv: {e}"))
}

impl<W: Write + Send> Out<W> {
    fn new(
        kind: ImportKind,
        lang: Lang,
        format: ExportFormat,
        mut sink: W,
    ) -> Result<Self, AppError> {
        let headers = kind.fields().iter().map(|f| lang.header(f));
        match format {
            ExportFormat::Csv => {
                sink.write_all(b"\xEF\xBB\xBF").map_err(csv_err)?;
                let mut w = csv::Writer::from_writer(sink);
                w.write_record(headers).map_err(csv_err)?;
                Ok(Out::Csv(w))
            }
            ExportFormat::Xlsx => {
                let mut out = Out::Xlsx {
                    wb: Box::new(Workbook::new()),
                    sheet: 0,
                    row: 0,
                    date: Format::new().set_num_format("yyyy-mm-dd"),
                    kind,
                    lang,
                    sink,
                };
                out.new_sheet()?;
                Ok(out)
            }
        }
    }

    /// Starts a sheet in constant-memory mode with the template's headers.
    fn new_sheet(&mut self) -> Result<(), AppError> {
        if let Out::Xlsx {
            wb,
            sheet,
            row,
            kind,
            lang,
            ..
        } = self
        {
            let count = wb.worksheets().len();
            let ws = wb.add_worksheet_with_constant_memory().map_err(xlsx_err)?;
            let name = kind.sheet_name(*lang);
            if count == 0 {
                ws.set_name(name).map_err(xlsx_err)?;
            } else {
                ws.set_name(format!("{name}{}", count + 1))
                    .map_err(xlsx_err)?;
            }
            write_headers(ws, *kind, *lang)?;
            *sheet = count;
            *row = 0;
        }
        Ok(())
    }

    fn write(&mut self, cells: &[Cell]) -> Result<(), AppError> {
        if let Out::Xlsx { row, .. } = self
            && *row >= MAX_ROWS_PER_SHEET
        {
            self.new_sheet()?;
        }
        match self {
            Out::Csv(w) => w
                .write_record(cells.iter().map(Cell::text))
                .map_err(csv_err),
            Out::Xlsx {
                wb,
                sheet,
                row,
                date,
                ..
            } => {
                *row += 1;
                let ws = wb.worksheet_from_index(*sheet).map_err(xlsx_err)?;
                for (c, v) in cells.iter().enumerate() {
                    let c = c as u16;
                    match v {
                        Cell::Empty => {}
                        Cell::Text(s) => {
                            ws.write_string(*row, c, s).map_err(xlsx_err)?;
                        }
                        Cell::Number(n, _) => {
                            ws.write_number(*row, c, *n).map_err(xlsx_err)?;
                        }
                        Cell::Date(d) => {
                            let dt = ExcelDateTime::from_ymd(
                                d.year() as u16,
                                d.month() as u8,
                                d.day() as u8,
                            )
                            .map_err(xlsx_err)?;
                            ws.write_datetime_with_format(*row, c, &dt, date)
                                .map_err(xlsx_err)?;
                        }
                    }
                }
                Ok(())
            }
        }
    }

    fn finish(self) -> Result<(), AppError> {
        match self {
            Out::Csv(mut w) => w.flush().map_err(csv_err),
            Out::Xlsx { mut wb, sink, .. } => wb.save_to_writer(sink).map_err(xlsx_err),
        }
    }
}

fn row_cells(fields: &[Field], values: &Map<String, Value>) -> Vec<Cell> {
    fields.iter().map(|f| cell(f, values.get(f.key))).collect()
}

/// Exports the enterprises in the actor's scope that the list's filters select — their
/// profiles, or the financials or honors of those enterprises — to `sink` as xlsx or CSV, with
/// the template's headers in `lang`. The contact phone is masked unless the actor holds
/// `enterprise:contact`. Returns the number of data rows written.
///
/// Memory stays bounded whatever the row count: the store is read 1,000 enterprises at a time
/// by keyset, xlsx sheets are written in constant-memory mode (a new sheet every
/// [`MAX_ROWS_PER_SHEET`] rows) and zipped straight into `sink`, CSV rows go straight out.
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(skip_all, fields(actor = %actor.username, kind = kind.as_str()))]
pub async fn export<W: Write + Send>(
    app: &App,
    actor: &Actor,
    kind: ImportKind,
    query: &ListQuery,
    format: ExportFormat,
    lang: Lang,
    sink: W,
) -> Result<u64, AppError> {
    let scope = actor.scope(kind.read_permission())?;
    let contact = actor.can(Permission::ENTERPRISE_CONTACT);
    let mut sq = store_query(query)?;
    // A text query walks its hits a chunk at a time (a million codes cannot go into one
    // statement); otherwise the list is walked by keyset.
    let mut hits: Option<std::collections::VecDeque<String>> = None;
    if let Some(text) = query.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        hits = Some(
            crate::search::matching_usccs(app, text, &scope)
                .await?
                .into(),
        );
    }
    let fields = kind.fields();
    let conn = app.db().conn();
    let mut out = Out::new(kind, lang, format, sink)?;
    let mut written: u64 = 0;
    let mut cursor: Option<String> = None;
    loop {
        let (page, next) = match hits.as_mut() {
            Some(h) => {
                let chunk: Vec<String> = h.drain(..h.len().min(PAGE as usize)).collect();
                sq.only = Some(chunk);
                let (page, _) =
                    store::enterprise::profile::list(conn, &scope, &sq, None, PAGE).await?;
                (page, (!h.is_empty()).then(String::new))
            }
            None => {
                store::enterprise::profile::list(conn, &scope, &sq, cursor.as_deref(), PAGE).await?
            }
        };
        match kind {
            ImportKind::Enterprises => {
                for m in &page {
                    let v = serde_json::to_value(crate::enterprise::profile::view(m, contact))
                        .map_err(|e| AppError::Internal(e.to_string()))?;
                    if let Value::Object(map) = v {
                        out.write(&row_cells(fields, &map))?;
                        written += 1;
                    }
                }
            }
            ImportKind::Financials => {
                let codes: Vec<String> = page.iter().map(|m| m.uscc.clone()).collect();
                for f in store::enterprise::bulk::financials(conn, &codes).await? {
                    let mut map = crate::enterprise::financial::values(&f);
                    map.insert("uscc".into(), Value::String(f.uscc.clone()));
                    map.insert("year".into(), Value::from(f.year));
                    out.write(&row_cells(fields, &map))?;
                    written += 1;
                }
            }
            ImportKind::Figures => {
                let codes: Vec<String> = page.iter().map(|m| m.uscc.clone()).collect();
                for map in crate::stats::figure_rows(conn, &codes).await? {
                    out.write(&row_cells(fields, &map))?;
                    written += 1;
                }
            }
            ImportKind::Honors => {
                let codes: Vec<String> = page.iter().map(|m| m.uscc.clone()).collect();
                for h in store::enterprise::bulk::honors(conn, &codes).await? {
                    let v = serde_json::to_value(crate::enterprise::honor::view(&h))
                        .map_err(|e| AppError::Internal(e.to_string()))?;
                    if let Value::Object(map) = v {
                        out.write(&row_cells(fields, &map))?;
                        written += 1;
                    }
                }
            }
        }
        match next {
            Some(n) => cursor = Some(n),
            None => break,
        }
    }
    out.finish()?;
    Ok(written)
}
