//! Spreadsheets in and out of the registry: xlsx templates generated from the data dictionary,
//! imports of xlsx, xls and CSV (UTF-8 or GBK) that name every problem of every row at once, the
//! uploaded sheet handed back with an error column, and exports streamed in bounded memory.
//!
//! Headers, notes, drop-down lists and JSON keys all come from
//! [`crate::enterprise::fields`], so a template, an import, an export and the API agree.

pub(crate) mod audit;
mod error_sheet;
mod export;
mod import;
mod messages;
pub(crate) mod read;
pub(crate) mod template;

pub use error_sheet::{Translate, error_column_header, error_sheet_xlsx};
pub use export::{ExportFormat, MAX_ROWS_PER_SHEET, export};
pub use import::{
    ImportMode, ImportOptions, ImportReport, ImportStage, Progress, RowError, import,
};
pub use messages::message_zh;
pub use template::template_xlsx;

use crate::enterprise::fields::{ENTERPRISE_FIELDS, FINANCIAL_FIELDS, Field, HONOR_FIELDS};
use serde::Serialize;

/// What a file holds: enterprise profiles, yearly financials or honors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// 企业基本信息, one row per enterprise (key: 统一社会信用代码).
    Enterprises,
    /// 年度财务数据, one row per enterprise and year.
    Financials,
    /// 荣誉称号, one row per title, level and year of an enterprise.
    Honors,
    /// 月度统计数据, one row per enterprise, indicator and month (`crate::stats`).
    Figures,
}

impl ImportKind {
    /// Every kind.
    pub const ALL: [ImportKind; 4] = [
        ImportKind::Enterprises,
        ImportKind::Financials,
        ImportKind::Honors,
        ImportKind::Figures,
    ];

    /// Reads `enterprises`, `financials` or `honors` (the path segment of the API and the CLI).
    pub fn parse(s: &str) -> Option<ImportKind> {
        ImportKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// The name used in paths and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Enterprises => "enterprises",
            ImportKind::Financials => "financials",
            ImportKind::Honors => "honors",
            ImportKind::Figures => "figures",
        }
    }

    /// The columns of its template, import and export, in order.
    pub fn fields(self) -> &'static [Field] {
        match self {
            ImportKind::Enterprises => ENTERPRISE_FIELDS,
            ImportKind::Financials => FINANCIAL_FIELDS,
            ImportKind::Honors => HONOR_FIELDS,
            ImportKind::Figures => crate::stats::FIGURE_FIELDS,
        }
    }

    /// The sheet name of its template and export.
    pub fn sheet_name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ImportKind::Enterprises, Lang::Zh) => "企业基本信息",
            (ImportKind::Financials, Lang::Zh) => "年度财务数据",
            (ImportKind::Honors, Lang::Zh) => "荣誉称号",
            (ImportKind::Enterprises, Lang::En) => "Enterprises",
            (ImportKind::Financials, Lang::En) => "Financials",
            (ImportKind::Honors, Lang::En) => "Honors",
            (ImportKind::Figures, Lang::Zh) => "月度统计数据",
            (ImportKind::Figures, Lang::En) => "Monthly figures",
        }
    }

    /// The permission that writes this kind (and reads its template).
    pub fn write_permission(self) -> policy::org::Permission {
        match self {
            ImportKind::Figures => policy::org::Permission::STATS_WRITE,
            _ => policy::org::Permission::ENTERPRISE_WRITE,
        }
    }

    /// The permission that exports this kind.
    pub fn read_permission(self) -> policy::org::Permission {
        match self {
            ImportKind::Figures => policy::org::Permission::STATS_READ,
            _ => policy::org::Permission::ENTERPRISE_READ,
        }
    }
}

impl std::str::FromStr for ImportKind {
    type Err = crate::AppError;

    fn from_str(s: &str) -> Result<ImportKind, crate::AppError> {
        ImportKind::parse(s).ok_or_else(|| crate::AppError::invalid("kind", "import.kind_unknown"))
    }
}

/// The language of headers and notes in generated sheets. Imports accept either language's
/// headers (and the JSON keys) whatever the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// From an actor's locale (`zh-CN`, `en`, ...): English for `en*`, Chinese otherwise.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// A field's header in this language.
    pub fn header(self, field: &Field) -> &'static str {
        match self {
            Lang::Zh => field.zh,
            Lang::En => field.en,
        }
    }
}

#[cfg(test)]
mod tests;
