//! The statistics table: pool, reserve, applied, recognised and success rate by county, track
//! and year, counted from the records in two grouped queries (the same counts
//! `stats::stats` gives one cell at a time), and its xlsx export.

use super::{parse_region, parse_track};
use crate::{Actor, App, AppError};
use policy::cultivation::pool::{Track, success_rate_pct};
use policy::cultivation::workflow::AppState;
use policy::org::Permission;
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use store::cultivation::application::ApplicationFilter;
use store::cultivation::pool::PoolFilter;

/// What the table covers (every filter optional).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsTableQuery {
    /// Region code (its subtree).
    pub region: Option<String>,
    /// Year.
    pub year: Option<i32>,
    /// Track code.
    pub track: Option<String>,
}

/// One county, track and year.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StatsRow {
    /// County (or district, or the development zone) code.
    pub region_code: String,
    /// Its name.
    pub region_name: String,
    /// Track code.
    pub track: String,
    /// Year.
    pub year: i32,
    /// Entered into the pool that year.
    pub pool: u64,
    /// On the reserve list that year.
    pub reserve: u64,
    /// Applications submitted (withdrawn ones excepted).
    pub applied: u64,
    /// Applications recognised.
    pub recognised: u64,
    /// recognised ÷ applied in percent, one decimal; null when nothing was applied for.
    pub success_rate_pct: Option<f64>,
}

/// The table: newest year first, then county code, then track in the platform's order.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StatsTable {
    /// Rows with at least one figure.
    pub rows: Vec<StatsRow>,
}

#[derive(Default)]
struct Cell {
    pool: u64,
    reserve: u64,
    applied: u64,
    recognised: u64,
}

/// The county a region code belongs to: its six-digit prefix (a town's county).
fn county_of(code: &str) -> String {
    code.chars().take(6).collect()
}

/// Pool, reserve, applied, recognised and success rate for every county × track × year with a
/// figure, in the actor's scope.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn stats_table(
    app: &App,
    actor: &Actor,
    q: &StatsTableQuery,
) -> Result<StatsTable, AppError> {
    let scope = actor.scope(Permission::CULTIVATION_READ)?;
    let region = parse_region(q.region.as_deref())?;
    let track = match q.track.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Some(parse_track(t)?.as_str().to_string()),
        None => None,
    };
    if let Some(y) = q.year {
        super::check_year(y)?;
    }
    let conn = app.db().conn();
    let pools = store::cultivation::pool::grouped_counts(
        conn,
        &scope,
        &PoolFilter {
            region: region.clone(),
            track: track.clone(),
            year: q.year,
            list: None,
            uscc: None,
        },
    )
    .await?;
    let applications = store::cultivation::application::grouped_counts(
        conn,
        &scope,
        &ApplicationFilter {
            region,
            track,
            year: q.year,
            ..Default::default()
        },
    )
    .await?;
    let order = |t: &str| Track::all().iter().position(|x| x.as_str() == t);
    let key = |region: &str, track: &str, year: i32| {
        (
            std::cmp::Reverse(year),
            county_of(region),
            order(track),
            track.to_string(),
        )
    };
    let mut cells: BTreeMap<_, Cell> = BTreeMap::new();
    for (region, track, year, list, n) in pools {
        let c = cells.entry(key(&region, &track, year)).or_default();
        match list.as_str() {
            "reserve" => c.reserve += n as u64,
            _ => c.pool += n as u64,
        }
    }
    for (region, track, year, state, n) in applications {
        let c = cells.entry(key(&region, &track, year)).or_default();
        let s = AppState::parse(&state);
        if s.is_some_and(AppState::was_submitted) {
            c.applied += n as u64;
        }
        if s == Some(AppState::Recognised) {
            c.recognised += n as u64;
        }
    }
    let names: BTreeMap<String, String> = store::org::region::all(conn)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let rows = cells
        .into_iter()
        .filter(|(_, c)| c.pool + c.reserve + c.applied > 0)
        .map(|((year, county, _, track), c)| StatsRow {
            region_name: names.get(&county).cloned().unwrap_or_default(),
            region_code: county,
            track,
            year: year.0,
            pool: c.pool,
            reserve: c.reserve,
            applied: c.applied,
            recognised: c.recognised,
            success_rate_pct: success_rate_pct(c.applied, c.recognised),
        })
        .collect();
    Ok(StatsTable { rows })
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Internal(format!("xlsx: {e}"))
}

/// The table as an xlsx workbook, headers in the actor's language.
pub async fn stats_table_xlsx(
    app: &App,
    actor: &Actor,
    q: &StatsTableQuery,
) -> Result<Vec<u8>, AppError> {
    let t = stats_table(app, actor, q).await?;
    let english = actor.locale == "en";
    let headers: [&str; 9] = if english {
        [
            "Region code",
            "Region",
            "Track",
            "Year",
            "Pool",
            "Reserve",
            "Applied",
            "Recognised",
            "Success rate (%)",
        ]
    } else {
        [
            "区划代码",
            "区县",
            "培育类别",
            "年度",
            "入库",
            "后备",
            "申报",
            "认定",
            "成功率(%)",
        ]
    };
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(if english {
        "Cultivation"
    } else {
        "梯度培育统计"
    })
    .map_err(xlsx_err)?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    for (i, r) in t.rows.iter().enumerate() {
        let n = (i + 1) as u32;
        let track = Track::parse(&r.track)
            .map(|t| if english { t.as_str() } else { t.name_zh() })
            .unwrap_or_default();
        ws.write_string(n, 0, &r.region_code).map_err(xlsx_err)?;
        ws.write_string(n, 1, &r.region_name).map_err(xlsx_err)?;
        ws.write_string(n, 2, track).map_err(xlsx_err)?;
        ws.write_number(n, 3, f64::from(r.year)).map_err(xlsx_err)?;
        for (c, v) in [r.pool, r.reserve, r.applied, r.recognised]
            .iter()
            .enumerate()
        {
            ws.write_number(n, 4 + c as u16, *v as f64)
                .map_err(xlsx_err)?;
        }
        if let Some(p) = r.success_rate_pct {
            ws.write_number(n, 8, p).map_err(xlsx_err)?;
        }
    }
    ws.set_column_width(1, 18).map_err(xlsx_err)?;
    ws.set_column_width(2, 24).map_err(xlsx_err)?;
    wb.save_to_buffer().map_err(xlsx_err)
}
