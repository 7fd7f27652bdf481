//! The renderer-neutral shape of a report: sections of paragraphs, tables of typed cells and
//! SVG charts. The `report` crate writes it as xlsx (one sheet a table) and as PDF; nothing here
//! knows either format.

use serde::Serialize;

/// A whole report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportDoc {
    /// Title (`茌平区2022年工业经济年度报告`).
    pub title: String,
    /// The line under the title: period, indicator, basis.
    pub subtitle: String,
    /// A file name without extension (ASCII: `county-annual-371503-2022`).
    pub file_stem: String,
    /// The sections, in order.
    pub sections: Vec<Section>,
}

/// A numbered section.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Heading (`一、总体情况`).
    pub heading: String,
    /// Paragraphs before the blocks.
    pub text: Vec<String>,
    /// Tables and charts.
    pub blocks: Vec<Block>,
}

/// A table or a chart.
#[derive(Debug, Clone, Serialize)]
pub enum Block {
    /// A table (also one sheet of the workbook).
    Table(Table),
    /// An SVG chart drawn by [`crate::stats::chart`].
    Chart(Chart),
}

/// A table with its headers (units in the headers).
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// Sheet name in the workbook (at most 31 characters, unique in the report).
    pub sheet: String,
    /// Caption above the table.
    pub caption: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of cells, as many as headers.
    pub rows: Vec<Vec<Cell>>,
}

/// One cell: text or a number with its display.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Cell {
    /// Text.
    Text(String),
    /// An amount shown with thousands separators and this many decimals.
    Num(f64, u8),
    /// A percentage (the number of percent) with this many decimals; none shows a dash.
    Pct(Option<f64>, u8),
    /// A count.
    Int(i64),
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// An amount from its exact text (`12345.67`); unparsable text stays text.
    pub fn amount(exact: &str, decimals: u8) -> Cell {
        match exact.trim().parse::<f64>() {
            Ok(v) => Cell::Num(v, decimals),
            Err(_) => Cell::Text(exact.into()),
        }
    }

    /// The cell as the PDF and tests show it: `1,234.50`, `13.4%`, `—`.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Num(v, d) => grouped(*v, *d),
            Cell::Pct(Some(v), d) => format!("{v:.*}%", *d as usize),
            Cell::Pct(None, _) => "—".into(),
            Cell::Int(n) => grouped(*n as f64, 0),
        }
    }
}

/// `v` with `d` decimals and thousands separators.
pub fn grouped(v: f64, d: u8) -> String {
    let s = format!("{:.*}", d as usize, v.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(a, b)| (a, b));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if v < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    out
}

/// An SVG chart with its title (the title is also drawn inside the SVG).
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Title.
    pub title: String,
    /// The SVG document.
    pub svg: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_display_as_the_pages_show_figures() {
        assert_eq!(Cell::Num(1216800.456, 2).display(), "1,216,800.46");
        assert_eq!(Cell::Num(-1234.5, 1).display(), "-1,234.5");
        assert_eq!(Cell::Num(-0.001, 2).display(), "0.00");
        assert_eq!(Cell::Pct(Some(13.4), 1).display(), "13.4%");
        assert_eq!(Cell::Pct(None, 1).display(), "—");
        assert_eq!(Cell::Int(1234).display(), "1,234");
        assert_eq!(Cell::amount("abc", 2), Cell::Text("abc".into()));
        assert_eq!(Cell::amount("12.5", 2), Cell::Num(12.5, 2));
    }
}
