//! Exporting the audit log to xlsx.

use super::AuditEntryView;
use crate::{Actor, App, AppError, PageRequest};
use policy::org::Permission;
use rust_xlsxwriter::{Format, Workbook};
use store::audit::AuditQuery;

/// Most rows one export holds; a wider search must be narrowed (by time, say).
pub const MAX_EXPORT_ROWS: usize = 1_000_000;

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Internal(format!("xlsx: {e}"))
}

/// The audit entries the actor may read and the filters select, as an xlsx workbook.
///
/// Headers are in the actor's language; the diff column lists `field: before → after`.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn export_audit_xlsx(
    app: &App,
    actor: &Actor,
    query: &AuditQuery,
) -> Result<Vec<u8>, AppError> {
    actor.require(Permission::AUDIT_EXPORT)?;
    let scope = actor.scope(Permission::AUDIT_READ)?;
    let english = actor.locale == "en";
    let headers: [&str; 8] = if english {
        [
            "ID",
            "Time (UTC)",
            "Actor",
            "Action",
            "Entity type",
            "Entity id",
            "Changes",
            "Client address",
        ]
    } else {
        [
            "编号",
            "时间 (UTC)",
            "操作人",
            "操作",
            "对象类型",
            "对象编号",
            "变更内容",
            "客户端地址",
        ]
    };
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(if english { "Audit log" } else { "操作日志" })
        .map_err(xlsx_err)?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    let mut row: u32 = 1;
    let mut after = None;
    loop {
        let page =
            store::audit::search(app.db().conn(), &scope, query, PageRequest::new(500, after))
                .await?;
        for m in page.items {
            let v = AuditEntryView::from(m);
            let changes = v
                .changes
                .iter()
                .map(|c| format!("{}: {} → {}", c.field, c.before, c.after))
                .collect::<Vec<_>>()
                .join("\n");
            ws.write_number(row, 0, v.id as f64).map_err(xlsx_err)?;
            ws.write_string(row, 1, v.at.format("%Y-%m-%d %H:%M:%S").to_string())
                .map_err(xlsx_err)?;
            ws.write_string(row, 2, &v.actor_name).map_err(xlsx_err)?;
            ws.write_string(row, 3, &v.action).map_err(xlsx_err)?;
            ws.write_string(row, 4, &v.entity_type).map_err(xlsx_err)?;
            ws.write_string(row, 5, &v.entity_id).map_err(xlsx_err)?;
            ws.write_string(row, 6, &changes).map_err(xlsx_err)?;
            ws.write_string(row, 7, &v.client_addr).map_err(xlsx_err)?;
            row += 1;
            if row as usize > MAX_EXPORT_ROWS {
                return Err(AppError::invalid("query", "export.too_many_rows"));
            }
        }
        match page.next_cursor.and_then(|c| c.parse().ok()) {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    ws.set_column_width(1, 20).map_err(xlsx_err)?;
    ws.set_column_width(6, 60).map_err(xlsx_err)?;
    wb.save_to_buffer().map_err(xlsx_err)
}
