//! The uploaded sheet handed back with an error column, ready to fix and upload again.

use super::read::{self, SheetRow};
use super::template::xlsx_err;
use super::{ImportKind, ImportReport, Lang};
use crate::AppError;
use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use std::collections::{BTreeMap, HashSet};

/// Turns a message key and its parameters into text in the user's language.
pub type Translate<'a> = &'a dyn Fn(&str, &[(String, String)]) -> String;

/// The header of the added column.
pub fn error_column_header(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "错误说明",
        Lang::En => "Errors",
    }
}

/// The uploaded file's first sheet as it was (every row at its own row number, cells as text),
/// with a column `错误说明` added after the last one: on each row with problems, one line per
/// problem, `column：message`. Cells with a problem are shaded.
///
/// `translate` turns a message key and its parameters into text (the web layer passes its
/// catalogue in the user's language; [`super::message_zh`] serves elsewhere).
pub fn error_sheet_xlsx(
    kind: ImportKind,
    bytes: &[u8],
    report: &ImportReport,
    lang: Lang,
    translate: Translate<'_>,
) -> Result<Vec<u8>, AppError> {
    let rows: Vec<SheetRow> = read::read_rows(bytes)?;
    let layout = read::locate(&rows, kind.fields()).ok();
    let header_number = layout
        .as_ref()
        .and_then(|l| rows.get(l.header_index))
        .map(|r| r.number)
        .unwrap_or(1);
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let error_col = width as u16;
    let mut by_row: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut bad_cells: HashSet<(u32, usize)> = HashSet::new();
    for e in &report.errors {
        by_row.entry(e.row).or_default().push(format!(
            "{}：{}",
            e.column,
            translate(&e.message_key, &e.params)
        ));
        if let Some(c) = layout.as_ref().and_then(|l| l.index_of(&e.field)) {
            bad_cells.insert((e.row, c));
        }
    }
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(kind.sheet_name(lang)).map_err(xlsx_err)?;
    let bold = Format::new().set_bold();
    let error_header = Format::new().set_bold().set_font_color("C00000");
    let error_text = Format::new()
        .set_font_color("C00000")
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let bad = Format::new().set_background_color("FFC7CE");
    let text = Format::new().set_num_format("@");
    for r in &rows {
        let row = r.number - 1;
        for (c, v) in r.cells.iter().enumerate() {
            let format = if r.number == header_number {
                &bold
            } else if bad_cells.contains(&(r.number, c)) {
                &bad
            } else {
                &text
            };
            ws.write_string_with_format(row, c as u16, v, format)
                .map_err(xlsx_err)?;
        }
        if r.number == header_number {
            ws.write_string_with_format(row, error_col, error_column_header(lang), &error_header)
                .map_err(xlsx_err)?;
        } else if let Some(messages) = by_row.get(&r.number) {
            ws.write_string_with_format(row, error_col, messages.join("\n"), &error_text)
                .map_err(xlsx_err)?;
        }
    }
    for c in 0..width as u16 {
        ws.set_column_width(c, 16).map_err(xlsx_err)?;
    }
    ws.set_column_width(error_col, 50).map_err(xlsx_err)?;
    ws.set_freeze_panes(header_number, 0).map_err(xlsx_err)?;
    wb.save_to_buffer().map_err(xlsx_err)
}
