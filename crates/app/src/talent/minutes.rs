//! The minutes of a closed meeting (评审会议纪要): attendance, quorum and the tallies, as a
//! spreadsheet. Never an individual vote: none is stored.

use super::meeting::meeting_view;
use crate::{Actor, App, AppError};
use policy::org::Permission;
use rust_xlsxwriter::{Format, Workbook};

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Internal(format!("xlsx: {e}"))
}

/// The minutes of a meeting as an xlsx workbook (Chinese headings).
pub async fn minutes_xlsx(app: &App, actor: &Actor, id: i64) -> Result<Vec<u8>, AppError> {
    actor.require(Permission::TALENT_COMMITTEE_MANAGE)?;
    let conn = app.db().conn();
    let m = store::talent::review::meeting(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if m.status != "closed" {
        return Err(AppError::Conflict("talent.ballot_not_closed".into()));
    }
    let v = meeting_view(conn, &m, true).await?;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("评审会议纪要").map_err(xlsx_err)?;
    let bold = Format::new().set_bold();
    let lines = [
        ("评审委员会", v.committee.name.clone()),
        ("会议日期", v.held_on.to_string()),
        ("委员人数", v.members.to_string()),
        ("出席人数", v.attending.to_string()),
        ("法定人数", v.quorum.to_string()),
        ("通过所需同意票", v.pass_needed.to_string()),
    ];
    let mut row: u32 = 0;
    for (k, val) in lines {
        ws.write_string_with_format(row, 0, k, &bold)
            .map_err(xlsx_err)?;
        ws.write_string(row, 1, val).map_err(xlsx_err)?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, 0, "出席专家", &bold)
        .map_err(xlsx_err)?;
    let present: Vec<String> = v
        .experts
        .iter()
        .filter(|e| e.attended)
        .map(|e| e.name.clone())
        .collect();
    ws.write_string(row, 1, present.join("、"))
        .map_err(xlsx_err)?;
    row += 2;
    for (c, h) in [
        "申报人",
        "单位",
        "申报级别",
        "专业",
        "同意",
        "不同意",
        "弃权",
        "结果",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(row, u16::try_from(c).unwrap_or(0), *h, &bold)
            .map_err(xlsx_err)?;
    }
    for c in &v.candidates {
        row += 1;
        ws.write_string(row, 0, &c.person_name).map_err(xlsx_err)?;
        ws.write_string(row, 1, &c.enterprise_name)
            .map_err(xlsx_err)?;
        ws.write_string(row, 2, &c.level).map_err(xlsx_err)?;
        ws.write_string(row, 3, &c.specialty).map_err(xlsx_err)?;
        for (k, n) in [c.yes, c.no, c.abstain].iter().enumerate() {
            ws.write_number(
                row,
                4 + u16::try_from(k).unwrap_or(0),
                f64::from(n.unwrap_or(0)),
            )
            .map_err(xlsx_err)?;
        }
        let outcome = match c.outcome.as_deref() {
            Some("passed") => "通过",
            _ => "未通过",
        };
        ws.write_string(row, 7, outcome).map_err(xlsx_err)?;
    }
    ws.set_column_width(0, 16).map_err(xlsx_err)?;
    ws.set_column_width(1, 30).map_err(xlsx_err)?;
    wb.save_to_buffer().map_err(xlsx_err)
}
