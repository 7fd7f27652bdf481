//! Reading an uploaded file into rows of text: the first sheet of an xlsx or xls workbook, or a
//! CSV file in UTF-8 (with or without BOM) or GBK. Cells become the text `parse_value` reads:
//! whole numbers without `.0`, dates as `2022-01-05`.

use super::Lang;
use crate::enterprise::fields::{Field, note};
use crate::{AppError, FieldError};
use calamine::{Data, Reader};
use std::collections::HashMap;
use std::io::Cursor;

/// One row of the uploaded sheet as the user sees it.
#[derive(Debug, Clone)]
pub(crate) struct SheetRow {
    /// The row number Excel shows (1-based).
    pub number: u32,
    /// Cells by column, from column A.
    pub cells: Vec<String>,
}

impl SheetRow {
    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// The file's format, told by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileFormat {
    /// Office Open XML (a zip).
    Xlsx,
    /// The older binary format (an OLE compound file).
    Xls,
    /// Anything else is read as CSV.
    Csv,
}

pub(crate) fn detect(bytes: &[u8]) -> FileFormat {
    if bytes.starts_with(b"PK\x03\x04") {
        FileFormat::Xlsx
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        FileFormat::Xls
    } else {
        FileFormat::Csv
    }
}

fn unreadable(key: &str) -> AppError {
    AppError::invalid("file", key)
}

/// Every non-blank row of the file's first sheet.
pub(crate) fn read_rows(bytes: &[u8]) -> Result<Vec<SheetRow>, AppError> {
    let rows = match detect(bytes) {
        FileFormat::Xlsx | FileFormat::Xls => read_workbook(bytes)?,
        FileFormat::Csv => read_csv(bytes)?,
    };
    Ok(rows.into_iter().filter(|r| !r.is_blank()).collect())
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<SheetRow>, AppError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|_| unreadable("import.not_spreadsheet"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| unreadable("import.empty"))?
        .map_err(|_| unreadable("import.not_spreadsheet"))?;
    let Some((first_row, first_col)) = range.start() else {
        return Ok(Vec::new());
    };
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut out = vec![String::new(); first_col as usize];
            out.extend(cells.iter().map(cell_text));
            SheetRow {
                number: first_row + i as u32 + 1,
                cells: out,
            }
        })
        .collect())
}

/// A cell as text.
pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, hh, mm, ss, _) = dt.to_ymd_hms_milli();
            if dt.is_duration() {
                float_text(dt.as_f64())
            } else if (hh, mm, ss) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

/// A number as a person would type it: `12`, not `12.0`; `1234.56`, not `1234.5600000001`
/// (Rust prints the shortest text that reads back as the same float).
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// The text of a CSV upload: UTF-8 when it is valid UTF-8 (a BOM is dropped), GBK otherwise.
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

fn read_csv(bytes: &[u8]) -> Result<Vec<SheetRow>, AppError> {
    let text = decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|_| {
            AppError::Invalid(vec![
                FieldError::new("file", "import.bad_row").with("row", i + 1),
            ])
        })?;
        rows.push(SheetRow {
            number: i as u32 + 1,
            cells: rec.iter().map(str::to_string).collect(),
        });
    }
    Ok(rows)
}

/// A header as compared: no spaces, no required-marker `*`, ASCII brackets, lower case.
fn normalise(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Where the header row is and which column holds which field.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// Index (in the rows read) of the header row.
    pub header_index: usize,
    /// Index of the first data row.
    pub data_index: usize,
    /// The field of each column (None: a column we do not know, ignored).
    pub columns: Vec<Option<&'static Field>>,
    /// The header text of each field's column as the file spells it.
    pub headers: HashMap<&'static str, (usize, String)>,
}

impl Layout {
    /// The column header to name in an error about a field: as the file spells it, else the
    /// field's Chinese header.
    pub fn column_of(&self, fields: &[Field], key: &str) -> String {
        self.headers
            .get(key)
            .map(|(_, h)| h.clone())
            .or_else(|| {
                fields
                    .iter()
                    .find(|f| f.key == key)
                    .map(|f| f.zh.to_string())
            })
            .unwrap_or_else(|| key.to_string())
    }

    /// The column index of a field's column, if the file has it.
    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.headers.get(key).map(|(i, _)| *i)
    }

    /// A data row's text by field key.
    pub fn raw(&self, row: &SheetRow) -> HashMap<String, String> {
        self.columns
            .iter()
            .zip(&row.cells)
            .filter_map(|(f, v)| f.map(|f| (f.key.to_string(), v.clone())))
            .collect()
    }
}

/// Rows looked at for the header (titles and instructions may stand above it).
const HEADER_SEARCH_ROWS: usize = 20;

/// Finds the header row (the first of the top rows that names the most fields by their Chinese
/// or English header or JSON key) and, under it, skips our template's notes row.
pub(crate) fn locate(rows: &[SheetRow], fields: &'static [Field]) -> Result<Layout, AppError> {
    let mut names: HashMap<String, &'static Field> = HashMap::new();
    for f in fields {
        for n in [f.zh, f.en, f.key] {
            names.insert(normalise(n), f);
        }
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let mut seen = std::collections::HashSet::new();
        for c in &row.cells {
            if let Some(f) = names.get(&normalise(c)) {
                seen.insert(f.key);
            }
        }
        if !seen.is_empty() && best.is_none_or(|(_, n)| seen.len() > n) {
            best = Some((i, seen.len()));
        }
    }
    let Some((header_index, _)) = best else {
        return Err(unreadable("import.no_header"));
    };
    let mut columns = Vec::new();
    let mut headers = HashMap::new();
    for (c, text) in rows[header_index].cells.iter().enumerate() {
        let f = names.get(&normalise(text)).copied();
        if let Some(f) = f {
            if headers.contains_key(f.key) {
                return Err(AppError::Invalid(vec![
                    FieldError::new("file", "import.duplicate_column").with("column", text.trim()),
                ]));
            }
            headers.insert(f.key, (c, text.trim().to_string()));
        }
        columns.push(f);
    }
    let missing: Vec<FieldError> = fields
        .iter()
        .filter(|f| f.required && !headers.contains_key(f.key))
        .map(|f| FieldError::new("file", "import.missing_column").with("column", f.zh))
        .collect();
    if !missing.is_empty() {
        return Err(AppError::Invalid(missing));
    }
    let mut data_index = header_index + 1;
    if rows
        .get(data_index)
        .is_some_and(|r| is_notes_row(r, &columns))
    {
        data_index += 1;
    }
    Ok(Layout {
        header_index,
        data_index,
        columns,
        headers,
    })
}

/// Whether a row is our template's notes row (every filled cell is its column's note).
fn is_notes_row(row: &SheetRow, columns: &[Option<&'static Field>]) -> bool {
    let mut any = false;
    for (c, text) in row.cells.iter().enumerate() {
        let t = text.trim();
        if t.is_empty() {
            continue;
        }
        match columns.get(c).copied().flatten() {
            Some(f) if t == note(f) || t == note_text(f, Lang::En) => any = true,
            _ => return false,
        }
    }
    any
}

/// The note under a header in a template of the given language.
pub(crate) fn note_text(field: &Field, lang: Lang) -> String {
    use crate::enterprise::fields::FieldKind::*;
    match lang {
        Lang::Zh => note(field),
        Lang::En => {
            let what = match field.kind {
                Text(n) => format!("text, at most {n} characters"),
                Uscc => "18 characters with a valid check character".into(),
                Region => "6-digit county or 9-digit town code, e.g. 371521".into(),
                Industry => "GB/T 4754-2017 code, e.g. C3511 or 3511".into(),
                Date => "date, e.g. 2022-01-05, 2022/1/5, 2022年1月5日".into(),
                Bool => "是/否 (yes/no)".into(),
                Count => "whole number ≥ 0".into(),
                Year => "four-digit year, e.g. 2022".into(),
                Money => "amount in 10k yuan, at most 6 decimals".into(),
                Choice(list) => format!(
                    "one of: {}",
                    list.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("/")
                ),
                Phone => "mobile or landline number".into(),
                Decimal => {
                    "number in the indicator's unit (10k yuan for money), e.g. 1234.56".into()
                }
            };
            let req = if field.required {
                "required"
            } else {
                "optional"
            };
            format!("{req}; {what}")
        }
    }
}
