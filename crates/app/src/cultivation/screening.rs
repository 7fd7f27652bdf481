//! The screening radar: every enterprise in scope against every tier it does not hold yet —
//! who qualifies now and who is within one item of qualifying, closest first.

use super::inputs::{held_titles, inputs_of};
use super::rules::{choose, published};
use crate::{Actor, App, AppError};
use chrono::{NaiveDate, Utc};
use policy::cultivation::{Metric, RuleSet, Tier, Verdict};
use policy::enterprise::HonorTitle;
use policy::org::Permission;
use rust_xlsxwriter::{Format, Workbook};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Enterprises read from the store at a time.
const CHUNK: u64 = 1000;

/// What to screen.
#[derive(Debug, Clone, Default)]
pub struct ScreenQuery {
    /// The financial year assessed.
    pub year: i32,
    /// One tier only (all tiers when none).
    pub tier: Option<Tier>,
    /// Most rows answered (the export takes them all).
    pub limit: usize,
}

/// One enterprise against one tier.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScreenRow {
    /// The enterprise.
    pub uscc: String,
    /// Its name.
    pub name: String,
    /// Its region.
    pub region_code: String,
    /// The tier.
    pub tier: String,
    /// Rule set `code@revision`.
    pub rule_set: String,
    /// `qualified` (now) or `near` (within one item).
    pub status: String,
    /// Items to change: 0 qualified, 1 near.
    pub distance: u32,
    /// Relative shortfall of those items (the sort key after `distance`).
    pub shortfall: f64,
    /// Total points (sets with a score).
    pub total: Option<u32>,
    /// Pass mark.
    pub pass_mark: Option<u32>,
    /// What stands in the way: names of unmet or undecided conditions.
    pub blocking: Vec<String>,
    /// Points short of the pass mark when the score stands in the way (0: a category
    /// minimum or a missing value does).
    pub score_short: Option<u32>,
    /// Missing inputs by metric code.
    #[schema(value_type = Vec<String>)]
    pub missing: Vec<Metric>,
}

/// The radar.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScreenResult {
    /// The year screened.
    pub year: i32,
    /// Enterprises in scope that were screened.
    pub enterprises: u64,
    /// Enterprise × tier pairs evaluated.
    pub evaluated: u64,
    /// Qualifying now.
    pub qualified: u64,
    /// Within one item.
    pub near: u64,
    /// Rows, closest first (at most `limit`).
    pub rows: Vec<ScreenRow>,
}

fn holds_tier(held: &[policy::cultivation::HeldTitle], tier: Tier) -> bool {
    held.iter().any(|h| {
        h.title == tier.title()
            || (tier == Tier::LittleGiant && h.title == HonorTitle::KeyLittleGiant)
    })
}

fn blocking(a: &policy::cultivation::Assessment) -> Vec<String> {
    a.conditions
        .iter()
        .filter(|c| c.met != Some(true))
        .map(|c| c.name.clone())
        .collect()
}

/// Points short of the pass mark when the score stands in the way (no direct route met).
fn score_short(set: &RuleSet, a: &policy::cultivation::Assessment) -> Option<u32> {
    let pass = set.file.pass_mark?;
    let routes_met = a.direct_routes.iter().any(|r| r.met == Some(true));
    (!routes_met && a.score_met != Some(true)).then(|| pass.saturating_sub(a.total))
}

/// Screens every enterprise in the actor's scope against every tier (or one).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn screen(app: &App, actor: &Actor, q: &ScreenQuery) -> Result<ScreenResult, AppError> {
    let scope = actor.scope(Permission::CULTIVATION_SCREEN)?;
    let today: NaiveDate = Utc::now().date_naive();
    let conn = app.db().conn();
    let sets = published(conn).await?;
    let tiers: Vec<Tier> = match q.tier {
        Some(t) => vec![t],
        None => Tier::ALL.to_vec(),
    };
    let mut chosen = Vec::new();
    for t in tiers {
        if let Ok(pair) = choose(&sets, t, today, None) {
            chosen.push((t, pair));
        }
    }
    let mut result = ScreenResult {
        year: q.year,
        enterprises: 0,
        evaluated: 0,
        qualified: 0,
        near: 0,
        rows: Vec::new(),
    };
    let mut after: Option<String> = None;
    loop {
        let chunk = store::cultivation::assessment::enterprises_after(
            conn,
            &scope,
            after.as_deref(),
            CHUNK,
        )
        .await?;
        let Some(last) = chunk.last() else { break };
        after = Some(last.uscc.clone());
        let usccs: Vec<String> = chunk.iter().map(|e| e.uscc.clone()).collect();
        let fin =
            store::cultivation::assessment::financials_of(conn, &usccs, q.year - 2, q.year).await?;
        let hon = store::cultivation::assessment::honors_of(conn, &usccs).await?;
        let mut fin_by: HashMap<&str, Vec<store::entity::financial::Model>> = HashMap::new();
        for f in &fin {
            fin_by.entry(f.uscc.as_str()).or_default().push(f.clone());
        }
        let mut hon_by: HashMap<&str, Vec<store::entity::honor::Model>> = HashMap::new();
        for h in &hon {
            hon_by.entry(h.uscc.as_str()).or_default().push(h.clone());
        }
        for e in &chunk {
            result.enterprises += 1;
            let f = fin_by
                .get(e.uscc.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let h = hon_by
                .get(e.uscc.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let held = held_titles(h, today);
            let inputs = inputs_of(e, f, h, q.year, today, BTreeMap::new());
            let m = inputs.metrics();
            for (tier, (row, set)) in &chosen {
                if holds_tier(&held, *tier) {
                    continue;
                }
                result.evaluated += 1;
                let s = set.screen(&m);
                if s.distance > 1 {
                    continue;
                }
                let a = set.evaluate(&m);
                let qualified = s.verdict == Verdict::Qualified;
                if qualified {
                    result.qualified += 1;
                } else {
                    result.near += 1;
                }
                result.rows.push(ScreenRow {
                    uscc: e.uscc.clone(),
                    name: e.name.clone(),
                    region_code: e.region_code.clone(),
                    tier: tier.as_str().to_string(),
                    rule_set: format!("{}@{}", row.code, row.revision),
                    status: if qualified { "qualified" } else { "near" }.to_string(),
                    distance: s.distance,
                    shortfall: s.shortfall,
                    total: set.file.pass_mark.map(|_| a.total),
                    pass_mark: set.file.pass_mark,
                    blocking: if qualified { Vec::new() } else { blocking(&a) },
                    score_short: if qualified {
                        None
                    } else {
                        score_short(set, &a)
                    },
                    missing: a.missing,
                });
            }
        }
        if (chunk.len() as u64) < CHUNK {
            break;
        }
    }
    result.rows.sort_by(|a, b| {
        (a.distance, a.shortfall, &a.tier, &a.uscc)
            .partial_cmp(&(b.distance, b.shortfall, &b.tier, &b.uscc))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    result.rows.truncate(q.limit.max(1));
    Ok(result)
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Internal(format!("xlsx: {e}"))
}

/// The radar as an xlsx workbook (every row), headers in the actor's language.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn screen_xlsx(app: &App, actor: &Actor, q: &ScreenQuery) -> Result<Vec<u8>, AppError> {
    let mut all = q.clone();
    all.limit = usize::MAX;
    let r = screen(app, actor, &all).await?;
    let english = actor.locale == "en";
    let headers: [&str; 9] = if english {
        [
            "Credit code",
            "Name",
            "Region",
            "Tier",
            "Status",
            "Score",
            "Pass mark",
            "Standing in the way",
            "Rule set",
        ]
    } else {
        [
            "统一社会信用代码",
            "企业名称",
            "区划",
            "培育梯度",
            "状态",
            "得分",
            "合格线",
            "待达标事项",
            "评价规则",
        ]
    };
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(if english { "Screening" } else { "培育雷达" })
        .map_err(xlsx_err)?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    for (i, row) in r.rows.iter().enumerate() {
        let n = (i + 1) as u32;
        let tier = Tier::parse(&row.tier)
            .map(|t| if english { t.as_str() } else { t.name_zh() })
            .unwrap_or_default();
        let status = match (row.status.as_str(), english) {
            ("qualified", false) => "符合条件",
            ("qualified", true) => "qualifies",
            (_, false) => "差一项",
            (_, true) => "one item short",
        };
        ws.write_string(n, 0, &row.uscc).map_err(xlsx_err)?;
        ws.write_string(n, 1, &row.name).map_err(xlsx_err)?;
        ws.write_string(n, 2, &row.region_code).map_err(xlsx_err)?;
        ws.write_string(n, 3, tier).map_err(xlsx_err)?;
        ws.write_string(n, 4, status).map_err(xlsx_err)?;
        if let Some(t) = row.total {
            ws.write_number(n, 5, f64::from(t)).map_err(xlsx_err)?;
        }
        if let Some(p) = row.pass_mark {
            ws.write_number(n, 6, f64::from(p)).map_err(xlsx_err)?;
        }
        let mut items = row.blocking.clone();
        if let Some(short) = row.score_short {
            items.push(if english {
                format!("score {short} points short")
            } else {
                format!("得分差 {short} 分")
            });
        }
        ws.write_string(n, 7, items.join("；")).map_err(xlsx_err)?;
        ws.write_string(n, 8, &row.rule_set).map_err(xlsx_err)?;
    }
    ws.set_column_width(0, 22).map_err(xlsx_err)?;
    ws.set_column_width(1, 30).map_err(xlsx_err)?;
    ws.set_column_width(7, 60).map_err(xlsx_err)?;
    wb.save_to_buffer().map_err(xlsx_err)
}
