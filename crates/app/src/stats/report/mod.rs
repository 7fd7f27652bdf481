//! The reports (issue 7): a county annual report and a city monthly report, computed through
//! the dashboards' use cases (so their figures are the dashboards' figures, with the same
//! permission and scope checks) and laid out as a renderer-neutral [`doc::ReportDoc`] that the
//! `report` crate writes as xlsx and PDF.

mod charts;
mod city;
mod county;
pub mod doc;

pub use city::{AlertRow, CityMonthlyReport, city_monthly};
pub use county::{CountyAnnualReport, TOP_ENTERPRISES, county_annual};

use crate::AppError;
use doc::Cell;
use serde::Deserialize;

/// What a report is asked for (`GET /api/v1/stats/reports/...`, `strongcity report`): the
/// text as given, checked here so every door answers the same message.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// Region code; default the user's own region.
    pub region: Option<String>,
    /// Year (`2022`); the county report defaults to the latest year with figures.
    pub year: Option<String>,
    /// Month 1-12 (city monthly report).
    pub month: Option<String>,
    /// `pdf` or `xlsx`.
    pub format: Option<String>,
}

fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl ReportQuery {
    /// The year, if given; not a year between 1949 and 2100 is refused.
    pub fn year(&self) -> Result<Option<i32>, AppError> {
        given(&self.year)
            .map(|y| {
                y.parse::<i32>()
                    .ok()
                    .filter(|y| (1949..=2100).contains(y))
                    .ok_or_else(|| AppError::invalid("year", "stats.year_range"))
            })
            .transpose()
    }

    /// The format: `pdf` (default) or `xlsx`; anything else is refused.
    pub fn format(&self) -> Result<ReportFormat, AppError> {
        match given(&self.format) {
            None | Some("pdf") => Ok(ReportFormat::Pdf),
            Some("xlsx") => Ok(ReportFormat::Xlsx),
            Some(_) => Err(AppError::invalid("format", "report.format_unknown")),
        }
    }

    /// The month, if given; not 1-12 is refused.
    pub fn month(&self) -> Result<Option<i64>, AppError> {
        given(&self.month)
            .map(|m| {
                m.parse::<i64>()
                    .ok()
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(|| AppError::invalid("month", "stats.month_range"))
            })
            .transpose()
    }
}

/// The file a report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// PDF (typeset with the system's CJK fonts).
    Pdf,
    /// An Excel workbook, one sheet a table.
    Xlsx,
}

impl ReportFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Xlsx => "xlsx",
        }
    }

    /// The media type.
    pub fn content_type(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "application/pdf",
            ReportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

/// A figure in 万元 for money (two decimals, as the dashboards show it), else the exact text.
pub(crate) fn amount(money: bool, wan: Option<&str>, exact: &str) -> Cell {
    match (money, wan) {
        (true, Some(w)) => Cell::amount(w, 2),
        _ => Cell::amount(exact, 2),
    }
}

/// Growth: one decimal.
pub(crate) fn pct1(p: Option<f64>) -> Cell {
    Cell::Pct(p, 1)
}

/// Completion: two decimals.
pub(crate) fn pct2(p: Option<f64>) -> Cell {
    Cell::Pct(p, 2)
}

/// `12/15`.
pub(crate) fn reporting(reported: u32, population: u32) -> String {
    format!("{reported}/{population}")
}

#[cfg(test)]
mod tests;
