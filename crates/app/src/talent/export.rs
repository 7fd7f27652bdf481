//! The applications list as CSV (UTF-8 with a byte-order mark, so Excel opens it): the same
//! rows and the same masking as the list, so an export never shows an ID number the reader
//! could not see on the page.

use super::application::list_applications;
use crate::{Actor, App, AppError};
use store::talent::application::ApplicationFilter;

fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The applications in scope matching `filter`, as CSV with Chinese headings.
pub async fn export_applications_csv(
    app: &App,
    actor: &Actor,
    filter: &ApplicationFilter,
) -> Result<Vec<u8>, AppError> {
    let rows = list_applications(app, actor, filter).await?;
    let mut out = String::from(
        "\u{feff}申报人,身份证号,工作单位,统一社会信用代码,年度,级别,专业,途径,状态,取得职称日期\n",
    );
    for a in rows {
        let line = [
            a.person_name.as_str(),
            a.id_number.as_str(),
            a.enterprise_name.as_str(),
            a.uscc.as_str(),
            &a.year.to_string(),
            a.level.as_str(),
            a.specialty.as_str(),
            a.route.as_str(),
            a.state.as_str(),
            &a.granted_on.map(|d| d.to_string()).unwrap_or_default(),
        ]
        .iter()
        .map(|s| cell(s))
        .collect::<Vec<_>>()
        .join(",");
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out.into_bytes())
}
