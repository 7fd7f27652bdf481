//! The period a figure covers and how growth is compared.

use serde::{Deserialize, Serialize};

/// What part of a year a figure covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// One month (当月).
    Month,
    /// January to the month, cumulated (1-M月累计, what the statistics office publishes monthly).
    YearToDate,
    /// The whole year (全年).
    Year,
}

/// A period: a year, and for a month or year-to-date figure the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The year.
    pub year: i32,
    /// The month (1-12) of a month or year-to-date period.
    pub month: Option<u8>,
    /// What it covers.
    pub kind: PeriodKind,
}

/// Why a period cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// A year outside 1949-2100.
    #[error("stats.year_range")]
    Year,
    /// A month outside 1-12.
    #[error("stats.month_range")]
    Month,
    /// `period` other than `month`, `ytd` or `year`, or a month period without a month.
    #[error("stats.period_kind")]
    Kind,
}

impl PeriodError {
    /// The message-catalogue key.
    pub fn key(&self) -> &'static str {
        match self {
            PeriodError::Year => "stats.year_range",
            PeriodError::Month => "stats.month_range",
            PeriodError::Kind => "stats.period_kind",
        }
    }
}

impl Period {
    /// The period of the aggregates API: no month = the year; a month = cumulative to that
    /// month unless `kind` says `month` (that month alone).
    pub fn parse(year: i32, month: Option<i64>, kind: Option<&str>) -> Result<Period, PeriodError> {
        if !(1949..=2100).contains(&year) {
            return Err(PeriodError::Year);
        }
        let month = match month {
            None => None,
            Some(m) if (1..=12).contains(&m) => Some(m as u8),
            Some(_) => return Err(PeriodError::Month),
        };
        let kind = match (kind.map(str::trim).filter(|k| !k.is_empty()), month) {
            (None | Some("ytd"), Some(_)) => PeriodKind::YearToDate,
            (Some("month"), Some(_)) => PeriodKind::Month,
            (None | Some("year"), None) => PeriodKind::Year,
            (Some("year"), Some(_)) => PeriodKind::Year,
            _ => return Err(PeriodError::Kind),
        };
        let month = if kind == PeriodKind::Year {
            None
        } else {
            month
        };
        Ok(Period { year, month, kind })
    }

    /// The whole year.
    pub fn year(year: i32) -> Period {
        Period {
            year,
            month: None,
            kind: PeriodKind::Year,
        }
    }

    /// The months covered, first and last (1-12).
    pub fn months(&self) -> (u8, u8) {
        match (self.kind, self.month) {
            (PeriodKind::Month, Some(m)) => (m, m),
            (PeriodKind::YearToDate, Some(m)) => (1, m),
            _ => (1, 12),
        }
    }

    /// The same period of the year before (上年同期).
    pub fn prior(&self) -> Period {
        Period {
            year: self.year - 1,
            ..*self
        }
    }

    /// `2022`, `2022-03` or `2022-01~03`.
    pub fn label(&self) -> String {
        match (self.kind, self.month) {
            (PeriodKind::Month, Some(m)) => format!("{}-{m:02}", self.year),
            (PeriodKind::YearToDate, Some(m)) if m > 1 => format!("{}-01~{m:02}", self.year),
            (PeriodKind::YearToDate, Some(m)) => format!("{}-{m:02}", self.year),
            _ => self.year.to_string(),
        }
    }

    /// The API's name of the kind: `month`, `ytd` or `year`.
    pub fn kind_str(&self) -> &'static str {
        match self.kind {
            PeriodKind::Month => "month",
            PeriodKind::YearToDate => "ytd",
            PeriodKind::Year => "year",
        }
    }
}

/// How growth compares with the year before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// 可比口径 (the statistics office's growth rate): the enterprises of this period's
    /// population, this period against the same period last year of the same enterprises.
    #[default]
    Comparable,
    /// 按各期口径: this period's population against last year's population, each as it was.
    Reported,
}

impl Basis {
    /// Reads `comparable` or `reported` (empty = comparable).
    pub fn parse(s: Option<&str>) -> Option<Basis> {
        match s.map(str::trim).unwrap_or("") {
            "" | "comparable" => Some(Basis::Comparable),
            "reported" => Some(Basis::Reported),
            _ => None,
        }
    }

    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Comparable => "comparable",
            Basis::Reported => "reported",
        }
    }
}
