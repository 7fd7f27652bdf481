//! The workbook: a first sheet with the title and the text of every section, then one sheet a
//! table (caption, bold headers, figures as numbers with thousands separators, growth and
//! completion in percent).

use crate::ReportError;
use app::stats::report::doc::{Block, Cell, ReportDoc, Table};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

fn err(e: rust_xlsxwriter::XlsxError) -> ReportError {
    ReportError::Xlsx(e.to_string())
}

fn number_format(decimals: u8, percent: bool) -> String {
    let base = match decimals {
        0 => "#,##0".to_string(),
        d => format!("#,##0.{}", "0".repeat(d as usize)),
    };
    if percent {
        base.replace("#,##", "")
    } else {
        base
    }
}

pub(crate) fn write(doc: &ReportDoc) -> Result<Vec<u8>, ReportError> {
    let mut wb = Workbook::new();
    let title = Format::new().set_bold().set_font_size(16);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let ws = wb.add_worksheet();
    ws.set_name("概况").map_err(err)?;
    ws.set_column_width(0, 110).map_err(err)?;
    ws.write_string_with_format(0, 0, &doc.title, &title)
        .map_err(err)?;
    ws.write_string(1, 0, &doc.subtitle).map_err(err)?;
    let mut row = 3;
    for s in &doc.sections {
        ws.write_string_with_format(row, 0, &s.heading, &bold)
            .map_err(err)?;
        row += 1;
        for p in &s.text {
            ws.write_string_with_format(row, 0, p, &wrap).map_err(err)?;
            row += 1;
        }
        row += 1;
    }
    for s in &doc.sections {
        for b in &s.blocks {
            if let Block::Table(t) = b {
                table(wb.add_worksheet(), t)?;
            }
        }
    }
    wb.save_to_buffer().map_err(err)
}

fn table(ws: &mut Worksheet, t: &Table) -> Result<(), ReportError> {
    let sheet: String = t.sheet.chars().take(31).collect();
    ws.set_name(&sheet).map_err(err)?;
    let caption = Format::new().set_bold().set_font_size(12);
    let header = Format::new()
        .set_bold()
        .set_background_color("DDE6F4")
        .set_text_wrap();
    ws.write_string_with_format(0, 0, &t.caption, &caption)
        .map_err(err)?;
    for (c, h) in t.headers.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(2, c, h, &header).map_err(err)?;
        let wide = t
            .rows
            .iter()
            .filter_map(|r| r.get(c as usize))
            .any(|cell| matches!(cell, Cell::Text(s) if s.chars().count() > 10));
        ws.set_column_width(c, if wide { 36 } else { 16 })
            .map_err(err)?;
    }
    for (r, cells) in t.rows.iter().enumerate() {
        let r = r as u32 + 3;
        for (c, cell) in cells.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                Cell::Num(v, d) => ws
                    .write_number_with_format(
                        r,
                        c,
                        *v,
                        &Format::new().set_num_format(number_format(*d, false)),
                    )
                    .map(|_| ()),
                Cell::Pct(Some(v), d) => ws
                    .write_number_with_format(
                        r,
                        c,
                        *v,
                        &Format::new().set_num_format(number_format(*d, true)),
                    )
                    .map(|_| ()),
                Cell::Pct(None, _) => ws.write_string(r, c, "—").map(|_| ()),
                Cell::Int(n) => ws.write_number(r, c, *n as f64).map(|_| ()),
            }
            .map_err(err)?;
        }
    }
    ws.set_freeze_panes(3, 0).map_err(err)?;
    Ok(())
}
