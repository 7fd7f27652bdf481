//! The downloadable xlsx templates: bold frozen headers, a notes row, drop-down lists for coded
//! columns and text-formatted code columns.

use super::read::note_text;
use super::{ImportKind, Lang};
use crate::AppError;
use crate::enterprise::fields::{Field, FieldKind};
use rust_xlsxwriter::{DataValidation, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

pub(crate) fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Internal(format!("xlsx: {e}"))
}

/// Rows of a template the drop-down lists and text formats cover.
const TEMPLATE_ROWS: u32 = 10_000;

/// A sensible column width (in characters) for a field.
pub(crate) fn column_width(field: &Field, lang: Lang) -> f64 {
    let header = lang.header(field).chars().count() as f64 * 2.0 + 2.0;
    let content: f64 = match field.kind {
        FieldKind::Uscc => 22.0,
        FieldKind::Text(n) if n > 100 => 30.0,
        FieldKind::Text(_) => 16.0,
        FieldKind::Date | FieldKind::Phone => 14.0,
        FieldKind::Choice(list) => {
            list.iter()
                .map(|(_, l)| l.chars().count())
                .max()
                .unwrap_or(4) as f64
                * 2.0
                + 2.0
        }
        _ => 10.0,
    };
    header.max(content).min(40.0)
}

/// Columns that hold codes: kept as text so Excel does not drop leading zeros or turn them into
/// numbers.
pub(crate) fn is_code(field: &Field) -> bool {
    matches!(
        field.kind,
        FieldKind::Uscc | FieldKind::Region | FieldKind::Industry | FieldKind::Phone
    )
}

/// The header row (bold, frozen) and the widths of a sheet of this kind.
pub(crate) fn write_headers(
    ws: &mut Worksheet,
    kind: ImportKind,
    lang: Lang,
) -> Result<(), AppError> {
    let bold = Format::new()
        .set_bold()
        .set_background_color("DDEBF7")
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let text = Format::new().set_num_format("@");
    for (c, f) in kind.fields().iter().enumerate() {
        let col = c as u16;
        if is_code(f) {
            ws.set_column_format(col, &text).map_err(xlsx_err)?;
        }
        ws.set_column_width(col, column_width(f, lang))
            .map_err(xlsx_err)?;
        ws.write_string_with_format(0, col, lang.header(f), &bold)
            .map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    Ok(())
}

/// The xlsx template of a kind: headers in the language (bold, frozen), the notes row with each
/// column's format and allowed values, drop-down lists for choice and yes/no columns, and text
/// format on the code columns.
pub fn template_xlsx(kind: ImportKind, lang: Lang) -> Result<Vec<u8>, AppError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(kind.sheet_name(lang)).map_err(xlsx_err)?;
    write_headers(ws, kind, lang)?;
    let notes = Format::new()
        .set_italic()
        .set_font_color("808080")
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    ws.set_row_height(1, 45).map_err(xlsx_err)?;
    ws.set_freeze_panes(2, 0).map_err(xlsx_err)?;
    for (c, f) in kind.fields().iter().enumerate() {
        let col = c as u16;
        ws.write_string_with_format(1, col, note_text(f, lang), &notes)
            .map_err(xlsx_err)?;
        let list: Option<Vec<&str>> = match f.kind {
            FieldKind::Choice(items) => Some(items.iter().map(|(_, l)| *l).collect()),
            FieldKind::Bool => Some(vec!["是", "否"]),
            _ => None,
        };
        if let Some(list) = list {
            let v = DataValidation::new()
                .allow_list_strings(&list)
                .map_err(xlsx_err)?
                .set_error_message(format!("只能填写：{}", list.join("/")))
                .map_err(xlsx_err)?;
            ws.add_data_validation(2, col, TEMPLATE_ROWS, col, &v)
                .map_err(xlsx_err)?;
        }
    }
    wb.save_to_buffer().map_err(xlsx_err)
}
