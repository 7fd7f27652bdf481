//! Writes the reports of [`app::stats::report`] as files: an Excel workbook (one sheet a
//! table, Chinese headers, number formats) and a PDF typeset by typst with the system's Noto
//! CJK fonts (Debian `fonts-noto-cjk`), charts embedded as SVG.

mod xlsx;

#[cfg(feature = "pdf")]
mod pdf;

use app::stats::report::ReportFormat;
use app::stats::report::doc::ReportDoc;
use std::path::{Path, PathBuf};

/// Where Debian's `fonts-noto-cjk` puts its fonts.
pub const DEFAULT_FONT_DIR: &str = "/usr/share/fonts/opentype/noto";

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The CJK fonts are not where they should be.
    #[error(
        "未找到中文字体：{0} 下没有 NotoSansCJK-Regular.ttc（请安装 Debian 软件包 fonts-noto-cjk）"
    )]
    FontMissing(PathBuf),
    /// This build has no PDF support (the `pdf` feature is off).
    #[error("此版本未包含 PDF 排版功能，请导出 xlsx")]
    PdfDisabled,
    /// typst refused the generated document (a bug).
    #[error("PDF 排版失败：{0}")]
    Typeset(String),
    /// The workbook could not be written.
    #[error("xlsx 写入失败：{0}")]
    Xlsx(String),
}

impl From<ReportError> for app::AppError {
    fn from(e: ReportError) -> app::AppError {
        app::AppError::Internal(e.to_string())
    }
}

/// The report as an xlsx workbook.
pub fn xlsx(doc: &ReportDoc) -> Result<Vec<u8>, ReportError> {
    xlsx::write(doc)
}

/// The report as PDF, with the fonts of `font_dir` ([`DEFAULT_FONT_DIR`] normally).
pub fn pdf(doc: &ReportDoc, font_dir: &Path) -> Result<Vec<u8>, ReportError> {
    #[cfg(feature = "pdf")]
    {
        pdf::render(doc, font_dir)
    }
    #[cfg(not(feature = "pdf"))]
    {
        let _ = (doc, font_dir);
        Err(ReportError::PdfDisabled)
    }
}

/// The report in `format`, fonts from [`DEFAULT_FONT_DIR`].
pub fn render(doc: &ReportDoc, format: ReportFormat) -> Result<Vec<u8>, ReportError> {
    match format {
        ReportFormat::Xlsx => xlsx(doc),
        ReportFormat::Pdf => pdf(doc, Path::new(DEFAULT_FONT_DIR)),
    }
}

/// The file name of a report (`county-annual-371503-2022.pdf`).
pub fn file_name(doc: &ReportDoc, format: ReportFormat) -> String {
    format!("{}.{}", doc.file_stem, format.extension())
}

#[cfg(test)]
mod tests;
