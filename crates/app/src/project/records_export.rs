//! The support-fund and digital-record lists as xlsx: every record the list's filters select
//! in the actor's scope (read through the list use cases, so permission and scope are theirs),
//! headers in the actor's language, amounts as numbers in 万元.

use super::{DigitalView, PaymentView, RecordListQuery, list_digital, list_payments};
use crate::io::template::xlsx_err;
use crate::{Actor, App, AppError, Page};
use policy::project::records::DigitalKind;
use rust_xlsxwriter::{Format, Workbook};
use std::future::Future;

/// Most rows one export holds; a wider list must be narrowed (by year or region).
pub const MAX_RECORD_EXPORT_ROWS: usize = 100_000;

/// One cell of an exported row.
enum Cell {
    Text(String),
    /// An amount in 万元, shown with separators and its decimals.
    Money(f64),
    /// A count.
    Count(f64),
}

/// Every page of a list, read 500 rows at a time by keyset.
async fn every<T, F, Fut>(mut page: F) -> Result<Vec<T>, AppError>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<Page<T>, AppError>>,
{
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let p = page(cursor).await?;
        out.extend(p.items);
        if out.len() > MAX_RECORD_EXPORT_ROWS {
            return Err(AppError::invalid("query", "export.too_many_rows"));
        }
        match p.next_cursor {
            Some(c) => cursor = Some(c),
            None => return Ok(out),
        }
    }
}

/// A one-sheet workbook: bold frozen headers, then the rows.
fn workbook(sheet: &str, headers: &[&str], rows: Vec<Vec<Cell>>) -> Result<Vec<u8>, AppError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).map_err(xlsx_err)?;
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00####");
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx_err)?;
        ws.set_column_width(c as u16, (h.chars().count() * 2 + 4).max(12) as f64)
            .map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    for (r, row) in rows.iter().enumerate() {
        let r = (r + 1) as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            let written = match cell {
                Cell::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                Cell::Money(n) => ws.write_number_with_format(r, c, *n, &money).map(|_| ()),
                Cell::Count(n) => ws.write_number(r, c, *n).map(|_| ()),
            };
            written.map_err(xlsx_err)?;
        }
    }
    wb.save_to_buffer().map_err(xlsx_err)
}

/// The query of every page: the filters of `q` from `cursor` on, 500 rows a page.
fn from(q: &RecordListQuery, cursor: Option<String>) -> RecordListQuery {
    RecordListQuery {
        cursor,
        limit: Some(500),
        ..q.clone()
    }
}

/// The support-fund payments the filters select, as an xlsx workbook.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn payments_xlsx(
    app: &App,
    actor: &Actor,
    q: &RecordListQuery,
) -> Result<Vec<u8>, AppError> {
    let rows: Vec<PaymentView> = every(|c| {
        let q = from(q, c);
        async move { list_payments(app, actor, &q).await }
    })
    .await?;
    let headers: &[&str] = if actor.locale == "en" {
        &[
            "Programme",
            "Credit code",
            "Enterprise",
            "Region code",
            "Amount (10k yuan)",
            "Paid on",
            "Document",
        ]
    } else {
        &[
            "资金项目",
            "统一社会信用代码",
            "企业名称",
            "区划代码",
            "金额（万元）",
            "拨付日期",
            "文件依据",
        ]
    };
    let rows = rows
        .into_iter()
        .map(|p| {
            vec![
                Cell::Text(p.programme),
                Cell::Text(p.enterprise_uscc),
                Cell::Text(p.enterprise_name),
                Cell::Text(p.region_code),
                Cell::Money(p.amount_wan_yuan.parse().unwrap_or(0.0)),
                Cell::Text(p.paid_on.to_string()),
                Cell::Text(p.document),
            ]
        })
        .collect();
    let sheet = if actor.locale == "en" {
        "Support funds"
    } else {
        "扶持资金"
    };
    workbook(sheet, headers, rows)
}

/// The digital records the filters select, as an xlsx workbook.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn digital_xlsx(
    app: &App,
    actor: &Actor,
    q: &RecordListQuery,
) -> Result<Vec<u8>, AppError> {
    let rows: Vec<DigitalView> = every(|c| {
        let q = from(q, c);
        async move { list_digital(app, actor, &q).await }
    })
    .await?;
    let english = actor.locale == "en";
    let headers: &[&str] = if english {
        &[
            "Kind",
            "Region code",
            "Credit code",
            "Enterprise",
            "Quantity",
            "Date",
            "Place",
            "Source",
        ]
    } else {
        &[
            "类别",
            "区划代码",
            "统一社会信用代码",
            "企业名称",
            "数量",
            "日期",
            "地点",
            "来源",
        ]
    };
    let rows = rows
        .into_iter()
        .map(|d| {
            let kind = DigitalKind::parse(&d.kind)
                .map(|k| if english { k.name_en() } else { k.name_zh() })
                .unwrap_or(d.kind.as_str())
                .to_string();
            vec![
                Cell::Text(kind),
                Cell::Text(d.region_code),
                Cell::Text(d.enterprise_uscc.unwrap_or_default()),
                Cell::Text(d.enterprise_name.unwrap_or_default()),
                Cell::Count(f64::from(d.quantity)),
                Cell::Text(d.recorded_on.to_string()),
                Cell::Text(d.place),
                Cell::Text(d.source),
            ]
        })
        .collect();
    workbook(if english { "Digital" } else { "数字化" }, headers, rows)
}
