//! The aggregates API: one indicator summed over the above-size industrial enterprises of a
//! region subtree for a month, year-to-date or year, with year-on-year growth on the chosen
//! basis, optionally by county, industry division or enterprise group, with targets and the
//! enterprises behind every figure.

use super::cube;
use super::scope::ScopeFilter;
use super::setup::{def, indicator, set_def};
use crate::{Actor, App, AppError};
use policy::enterprise::IndustryTable;
use policy::org::Permission;
use policy::stats::cube::{Cube, Member};
use policy::stats::{
    Basis, GroupDef, IndicatorDef, Period, completion_hundredths, format_quantity, yoy_tenths,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use store::entity::{region, stats_indicator};

const INDUSTRY_CSV: &str = include_str!("../../data/gbt4754-2017-top.csv");

/// The aggregates' query (`GET /api/v1/stats/output`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutputQuery {
    /// Region code (its whole subtree); default the user's own region.
    pub region: Option<String>,
    /// Year; default the latest year with figures.
    pub year: Option<i32>,
    /// Month 1-12: the figures cumulated from January to it (unless `period=month`).
    pub month: Option<i64>,
    /// `ytd` (default with a month), `month` (that month alone) or `year`.
    pub period: Option<String>,
    /// Indicator code; default the default indicator (`output`, gross industrial output).
    pub indicator: Option<String>,
    /// `county`, `industry`, `group` or `chain` (the rows); none for the total alone. By
    /// chain, the total is over the chains' local enterprises (each once).
    pub group_by: Option<String>,
    /// The group set of `group_by=group`; default the first set of the region or above.
    pub group_set: Option<String>,
    /// `comparable` (default, 可比口径) or `reported` (each year's own population).
    pub basis: Option<String>,
    /// Only the enterprises of this row (`records`): a county code, division, group code.
    pub key: Option<String>,
    /// Rows per page of `records` (1-500, default 50).
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page of `records`.
    pub cursor: Option<String>,
}

/// How a figure was computed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MethodView {
    /// `comparable` or `reported`.
    pub basis: String,
    /// `month`, `ytd` or `year`.
    pub period: String,
    /// First and last month summed.
    pub months: [u8; 2],
    /// What the figures cover and how growth compares, in the user's language.
    pub text: String,
}

/// One row of an aggregate.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OutputRow {
    /// County code, division (`C32`), group code.
    pub key: String,
    /// Its name.
    pub name: String,
    /// The sum in the indicator's unit, exact.
    pub total: String,
    /// The sum in 万元 (money indicators), two decimals.
    pub total_wan_yuan: Option<String>,
    /// The same period last year on the chosen basis, exact.
    pub prior: String,
    /// Year-on-year growth in percent, one decimal; null without a prior figure.
    pub yoy_pct: Option<f64>,
    /// `normal`, `warning`, `alert` or `unknown` (the indicator's thresholds).
    pub alert: String,
    /// Enterprises in the population.
    pub enterprises: u32,
    /// Of those, enterprises that reported.
    pub reported: u32,
    /// The year's target, exact, where one is set.
    pub target: Option<String>,
    /// Completion of the year's target in percent, two decimals.
    pub completion_pct: Option<f64>,
    /// The enterprises behind the row (`GET` this).
    pub records_href: String,
    /// Every month of the year (January first), this year, exact.
    pub months: Vec<String>,
    /// Every month of the year before, exact.
    pub prior_months: Vec<String>,
}

/// An aggregate with its rows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OutputView {
    /// Region code.
    pub region: String,
    /// Region name.
    pub region_name: String,
    /// Indicator code.
    pub indicator: String,
    /// Indicator name in the user's language.
    pub indicator_name: String,
    /// Unit in the user's language.
    pub unit: String,
    /// Whether the indicator is money (then the `_wan_yuan` fields are set).
    pub money: bool,
    /// Year.
    pub year: i32,
    /// Month of a month or year-to-date figure.
    pub month: Option<u8>,
    /// `2022`, `2022-01~03`, `2022-03`.
    pub period_label: String,
    /// The sum in the indicator's unit, exact.
    pub total: String,
    /// The sum in 万元, two decimals (money).
    pub total_wan_yuan: Option<String>,
    /// The sum in 亿元, one decimal as the newspaper prints it (money).
    pub total_yi_yuan: Option<String>,
    /// The same period last year on the chosen basis, exact.
    pub prior: String,
    /// The same in 万元 (money).
    pub prior_wan_yuan: Option<String>,
    /// Year-on-year growth in percent, one decimal.
    pub yoy_pct: Option<f64>,
    /// Alert colour of the growth.
    pub alert: String,
    /// Enterprises in the population.
    pub enterprises: u32,
    /// Enterprises that reported.
    pub reported: u32,
    /// Whether the reporting rate meets the indicator's quality threshold.
    pub reporting_complete: bool,
    /// The region's target for the year, exact.
    pub target: Option<String>,
    /// Completion of the year's target in percent, two decimals.
    pub completion_pct: Option<f64>,
    /// How the rows are grouped.
    pub group_by: Option<String>,
    /// The group set of `group_by=group`.
    pub group_set: Option<String>,
    /// Its name.
    pub group_set_name: Option<String>,
    /// The rows.
    pub rows: Vec<OutputRow>,
    /// Every month of the year this year (trend), exact.
    pub months: Vec<String>,
    /// Every month of the year before, exact.
    pub prior_months: Vec<String>,
    /// How it was computed.
    pub method: MethodView,
    /// The enterprises behind the total.
    pub records_href: String,
}

/// One enterprise behind a figure.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RecordView {
    /// Credit code.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// Region code.
    pub region_code: String,
    /// County name.
    pub county_name: String,
    /// Industry code.
    pub industry_code: String,
    /// Its sum for the period, exact; null when it reported nothing.
    pub value: Option<String>,
    /// The same in 万元 (money).
    pub value_wan_yuan: Option<String>,
    /// Its sum for the same period last year.
    pub prior: Option<String>,
    /// The same in 万元 (money).
    pub prior_wan_yuan: Option<String>,
    /// Its growth in percent.
    pub yoy_pct: Option<f64>,
    /// Whether it counts on this period's side.
    pub in_current: bool,
    /// Whether it counts on last year's side.
    pub in_prior: bool,
    /// Whether its growth lies beyond the indicator's plausible range (to be checked).
    pub check: bool,
}

/// A page of the enterprises behind a figure.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RecordsView {
    /// Region code.
    pub region: String,
    /// Region name.
    pub region_name: String,
    /// Indicator code.
    pub indicator: String,
    /// Indicator name.
    pub indicator_name: String,
    /// Unit.
    pub unit: String,
    /// Money.
    pub money: bool,
    /// `2022`, `2022-01~03`.
    pub period_label: String,
    /// The row (key) the list is restricted to.
    pub key: Option<String>,
    /// The row's name.
    pub key_name: Option<String>,
    /// Sum of every enterprise of the list (all pages) on this period's side: the figure.
    pub total: String,
    /// The same in 万元.
    pub total_wan_yuan: Option<String>,
    /// Sum on last year's side.
    pub prior: String,
    /// The same in 万元.
    pub prior_wan_yuan: Option<String>,
    /// Growth.
    pub yoy_pct: Option<f64>,
    /// Enterprises in the list (all pages).
    pub count: usize,
    /// This page, largest first.
    pub items: Vec<RecordView>,
    /// The cursor of the next page.
    pub next_cursor: Option<String>,
    /// How it was computed.
    pub method: MethodView,
}

/// How rows are formed: a closed set of owned groupings, so an aggregate can run on a
/// blocking thread.
#[derive(Debug, Clone)]
pub(crate) enum Grouping {
    /// No rows.
    None,
    /// By county code → row.
    County(HashMap<String, usize>),
    /// By division key (`C32`, or the section letter outside manufacturing) → row.
    Industry(HashMap<String, usize>),
    /// By group (prefix sets, may overlap).
    Groups(Vec<GroupDef>),
    /// By membership (a chain's enterprises), may overlap.
    Members(Vec<HashSet<String>>),
}

fn industry_key(code: &str) -> String {
    if code.starts_with('C') {
        code.get(..3).unwrap_or(code).to_string()
    } else {
        code.get(..1).unwrap_or(code).to_string()
    }
}

impl Grouping {
    pub(crate) fn assign(&self, m: &Member, out: &mut Vec<usize>) {
        match self {
            Grouping::None => {}
            Grouping::County(map) => out.extend(map.get(m.county()).copied()),
            Grouping::Industry(map) => {
                out.extend(map.get(&industry_key(&m.industry_code)).copied())
            }
            Grouping::Groups(groups) => out.extend(
                groups
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| g.contains(&m.industry_code))
                    .map(|(i, _)| i),
            ),
            Grouping::Members(sets) => out.extend(
                sets.iter()
                    .enumerate()
                    .filter(|(_, s)| s.contains(&m.uscc))
                    .map(|(i, _)| i),
            ),
        }
    }
}

/// Everything an aggregate needs, resolved and checked.
pub(crate) struct Context {
    pub scope: ScopeFilter,
    pub region: region::Model,
    pub prefix: String,
    pub regions: Vec<region::Model>,
    pub indicator: stats_indicator::Model,
    pub def: IndicatorDef,
    pub period: Period,
    pub basis: Basis,
    pub en: bool,
    /// Only these enterprises (a chain's members), when set.
    pub only: Option<std::sync::Arc<HashSet<String>>>,
}

impl Context {
    pub fn region_name(&self, code: &str) -> String {
        self.regions
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| code.to_string())
    }

    pub fn indicator_name(&self) -> String {
        if self.en {
            self.indicator.name_en.clone()
        } else {
            self.indicator.name_zh.clone()
        }
    }

    pub fn unit(&self) -> String {
        if self.en {
            self.indicator.unit_en.clone()
        } else {
            self.indicator.unit_zh.clone()
        }
    }

    pub fn exact(&self, v: i128) -> String {
        format_quantity(v, self.def.decimals, self.def.decimals)
    }

    pub fn wan(&self, v: i128) -> Option<String> {
        self.def
            .money
            .then(|| format_quantity(v, self.def.decimals, self.def.decimals.min(2)))
    }

    pub fn yi(&self, v: i128) -> Option<String> {
        self.def
            .money
            .then(|| format_quantity(v, self.def.decimals + 4, 1))
    }

    /// The admission test of this context: in scope and in the region's subtree.
    pub fn admit(&self) -> impl Fn(&Member) -> bool + Send + Sync + 'static + Clone {
        let scope = self.scope.clone();
        let prefix = self.prefix.clone();
        let only = self.only.clone();
        move |m: &Member| {
            m.region_code.starts_with(&prefix)
                && scope.admits(&m.region_code, &m.uscc)
                && only.as_ref().is_none_or(|o| o.contains(&m.uscc))
        }
    }

    pub fn method(&self, population: u32, reported: u32) -> MethodView {
        let (a, b) = self.period.months();
        let y = self.period.year;
        let months = if self.en {
            match self.period.kind_str() {
                "month" => format!("month {a} of {y}"),
                "ytd" => format!("January to month {b} of {y}, cumulated"),
                _ => format!("the year {y}"),
            }
        } else {
            match self.period.kind_str() {
                "month" => format!("{y}年{a}月当月"),
                "ytd" => format!("{y}年1-{b}月累计"),
                _ => format!("{y}年全年"),
            }
        };
        let text = match (self.basis, self.en) {
            (Basis::Comparable, false) => format!(
                "{months}；总体为{region}（含下辖）{y}年规模以上工业企业（按企业库“是否规上”及“规上年份”，行业门类B/C/D），共{population}家、已报送{reported}家；同比增速按可比口径计算：同一批企业本期合计与其上年同期合计相比，(本期−上年同期)÷上年同期×100%，四舍五入保留一位小数。",
                region = self.region.name
            ),
            (Basis::Reported, false) => format!(
                "{months}；总体为{region}（含下辖）{y}年规模以上工业企业，共{population}家、已报送{reported}家；同比增速按各期口径计算：本期企业合计与上年同期当年规上企业合计相比（企业进出规上会影响增速，仅供参考）。",
                region = self.region.name
            ),
            (Basis::Comparable, true) => format!(
                "{months}; the population is the above-size industrial enterprises (sections B, C, D; by the registry's above-size flag and year) of {region} and below in {y}: {population}, of which {reported} reported. Growth on the comparable basis: the same enterprises' sum against their own sum of the same period last year, (current − prior) ÷ prior × 100%, rounded to one decimal.",
                region = self.region.name
            ),
            (Basis::Reported, true) => format!(
                "{months}; this year's above-size industrial enterprises of {region} and below ({population}, {reported} reported) against last year's above-size enterprises as they were (enterprises entering or leaving the population move the growth; for reference only).",
                region = self.region.name
            ),
        };
        MethodView {
            basis: self.basis.as_str().into(),
            period: self.period.kind_str().into(),
            months: [a, b],
            text,
        }
    }

    /// The query string that names this context (for links to the records behind a figure).
    pub fn query_string(&self, extra: &[(&str, &str)]) -> String {
        let mut pairs: Vec<(String, String)> = vec![
            ("region".into(), self.region.code.clone()),
            ("year".into(), self.period.year.to_string()),
            ("indicator".into(), self.indicator.code.clone()),
            ("basis".into(), self.basis.as_str().into()),
        ];
        if let Some(m) = self.period.month {
            pairs.push(("month".into(), m.to_string()));
            pairs.push(("period".into(), self.period.kind_str().into()));
        }
        pairs.extend(
            extra
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.to_string(), v.to_string())),
        );
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Resolves the region, indicator, period and basis of a query against the actor's scope.
pub(crate) async fn context(
    app: &App,
    actor: &Actor,
    q: &OutputQuery,
) -> Result<Context, AppError> {
    let scope = actor.scope(Permission::STATS_READ)?;
    context_in(app, &scope, Some(actor), q).await
}

/// The context of a query read for another context's own checks (the chains' figures: the
/// chain's scope decides, not the reader's statistics scope): everything admitted, the city
/// when no region is named, in Chinese.
pub(crate) async fn system_context(app: &App, q: &OutputQuery) -> Result<Context, AppError> {
    context_in(app, &policy::org::Scope::all(), None, q).await
}

async fn context_in(
    app: &App,
    scope: &policy::org::Scope,
    actor: Option<&Actor>,
    q: &OutputQuery,
) -> Result<Context, AppError> {
    let filter = ScopeFilter::new(scope);
    let conn = app.db().conn();
    let regions = store::org::region::all(conn).await?;
    let code = match q.region.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => r.to_string(),
        None => default_region(actor, &regions),
    };
    let region = regions
        .iter()
        .find(|r| r.code == code)
        .cloned()
        .ok_or_else(|| AppError::invalid("region", "region.unknown").with_param("code", &code))?;
    if !filter.covers_region(&region.code) {
        return Err(AppError::NotFound);
    }
    let prefix = policy::org::RegionCode::parse(&region.code)
        .map(|r| r.subtree_prefix().to_string())
        .unwrap_or_else(|_| region.code.clone());
    let indicator = indicator(conn, q.indicator.as_deref()).await?;
    let basis = Basis::parse(q.basis.as_deref())
        .ok_or_else(|| AppError::invalid("basis", "stats.basis_unknown"))?;
    let year = match q.year {
        Some(y) => y,
        None => latest_year(app, &indicator.code).await?,
    };
    let period = Period::parse(year, q.month, q.period.as_deref()).map_err(|e| {
        let field = match e {
            policy::stats::PeriodError::Year => "year",
            policy::stats::PeriodError::Month => "month",
            policy::stats::PeriodError::Kind => "period",
        };
        AppError::invalid(field, e.key())
    })?;
    Ok(Context {
        scope: filter,
        def: def(&indicator),
        region,
        prefix,
        regions,
        indicator,
        period,
        basis,
        en: actor.is_some_and(|a| a.locale.starts_with("en")),
        only: None,
    })
}

trait WithParam {
    fn with_param(self, name: &str, value: &str) -> Self;
}

impl WithParam for AppError {
    fn with_param(self, name: &str, value: &str) -> AppError {
        match self {
            AppError::Invalid(mut v) => {
                if let Some(first) = v.first_mut() {
                    first.params.push((name.into(), value.into()));
                }
                AppError::Invalid(v)
            }
            other => other,
        }
    }
}

fn default_region(actor: Option<&Actor>, regions: &[region::Model]) -> String {
    if let Some(r) = actor.and_then(|a| a.region.as_ref()) {
        return r.to_string();
    }
    regions
        .iter()
        .find(|r| r.level == "city")
        .or_else(|| regions.iter().find(|r| r.parent_code.is_none()))
        .map(|r| r.code.clone())
        .unwrap_or_else(|| "371500".into())
}

/// The latest year with figures of an indicator (this year when there are none).
pub(crate) async fn latest_year(app: &App, indicator: &str) -> Result<i32, AppError> {
    let code = indicator.to_string();
    let latest = cube::read(app, move |c: &Cube| c.latest_month(&code)).await?;
    Ok(latest
        .map(|(y, _)| y)
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Utc::now())))
}

/// The rows of a grouping: (key, name) and how enterprises fall in them.
pub(crate) async fn grouping(
    app: &App,
    ctx: &Context,
    group_by: Option<&str>,
    group_set: Option<&str>,
) -> Result<(Grouping, Vec<(String, String)>, Option<(String, String)>), AppError> {
    match group_by.map(str::trim).unwrap_or("") {
        "" => Ok((Grouping::None, Vec::new(), None)),
        "county" => {
            let mut keys: Vec<(String, String)> = ctx
                .regions
                .iter()
                .filter(|r| r.level == "county" && r.code.starts_with(&ctx.prefix))
                .filter(|r| ctx.scope.reaches_region(&r.code))
                .map(|r| (r.code.clone(), r.name.clone()))
                .collect();
            if keys.is_empty() && ctx.region.level == "town" {
                keys.push((ctx.region.code.clone(), ctx.region.name.clone()));
            }
            let map = keys
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.get(..6).unwrap_or(k).to_string(), i))
                .collect();
            Ok((Grouping::County(map), keys, None))
        }
        "industry" => {
            let table = IndustryTable::from_csv(INDUSTRY_CSV);
            let mut keys = Vec::new();
            keys.push((
                "B".to_string(),
                table.section_name('B').unwrap_or("").to_string(),
            ));
            for d in 13u8..=43 {
                if let Some(n) = table.division_name(d) {
                    keys.push((format!("C{d}"), n.to_string()));
                }
            }
            keys.push((
                "D".into(),
                table.section_name('D').unwrap_or("").to_string(),
            ));
            let map = keys
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.clone(), i))
                .collect();
            Ok((Grouping::Industry(map), keys, None))
        }
        "group" => {
            let sets = store::stats::all_group_sets(app.db().conn()).await?;
            let chosen = match group_set.map(str::trim).filter(|s| !s.is_empty()) {
                Some(code) => sets.iter().find(|s| s.code == code),
                None => {
                    // The region's own set, else the nearest region above that has one.
                    let mut at = Some(ctx.region.code.clone());
                    let mut found = None;
                    while let Some(code) = at {
                        if let Some(s) = sets.iter().find(|s| s.region_code == code) {
                            found = Some(s);
                            break;
                        }
                        at = ctx
                            .regions
                            .iter()
                            .find(|r| r.code == code)
                            .and_then(|r| r.parent_code.clone());
                    }
                    found
                }
            };
            let set = chosen
                .filter(|s| ctx.scope.reaches_region(&s.region_code))
                .and_then(set_def)
                .ok_or_else(|| AppError::invalid("group_set", "stats.group_set_unknown"))?;
            let keys = set
                .group
                .iter()
                .map(|g| {
                    let name = if ctx.en { &g.name_en } else { &g.name_zh };
                    (g.code.clone(), name.clone())
                })
                .collect();
            let name = if ctx.en { set.name_en } else { set.name_zh };
            Ok((Grouping::Groups(set.group), keys, Some((set.code, name))))
        }
        "chain" => {
            let sets = super::members::chain_sets(app, &ctx.prefix).await?;
            let keys = sets
                .iter()
                .map(|s| (s.key.clone(), s.name.clone()))
                .collect();
            let local = super::members::local_sets(app, sets).await?;
            Ok((Grouping::Members(local), keys, None))
        }
        _ => Err(AppError::invalid("group_by", "stats.group_by_unknown")),
    }
}

/// The region and chain targets of a year and indicator: (kind, key) → value.
pub(crate) async fn target_map(
    app: &App,
    year: i32,
    indicator: &str,
) -> Result<HashMap<(String, String), i64>, AppError> {
    Ok(store::stats::targets(
        app.db().conn(),
        &policy::org::Scope::all(),
        Some(year),
        None,
    )
    .await?
    .into_iter()
    .filter(|t| t.indicator == indicator)
    .map(|t| ((t.kind, t.key), t.value))
    .collect())
}

pub(crate) fn yoy_f64(current: i128, prior: i128) -> Option<f64> {
    yoy_tenths(current, prior).map(|t| t as f64 / 10.0)
}

pub(crate) fn completion_f64(actual: i128, target: Option<i64>) -> Option<f64> {
    target
        .and_then(|t| completion_hundredths(actual, t as i128))
        .map(|h| h as f64 / 100.0)
}

/// The aggregate of `q` (see [`OutputQuery`]).
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn output(app: &App, actor: &Actor, q: &OutputQuery) -> Result<OutputView, AppError> {
    let group_by = q
        .group_by
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if group_by == Some("chain") {
        // The chains of the region's subtree as member sets: the total is over their
        // enterprises (each once), the rows carry the chains' targets.
        let ctx = context(app, actor, q).await?;
        let sets = super::members::chain_sets(app, &ctx.prefix).await?;
        return super::members::member_figures_in(app, ctx, sets).await;
    }
    let ctx = context(app, actor, q).await?;
    let (grouping, keys, set) =
        grouping(app, &ctx, q.group_by.as_deref(), q.group_set.as_deref()).await?;
    let target_kind = (group_by == Some("county")).then_some("region");
    build(app, &ctx, grouping, keys, group_by, set, target_kind).await
}

/// The aggregate of `ctx` by `grouping` into `rows` rows: the one computation behind every
/// figure of the dashboards, the API and the chain pages.
pub(crate) async fn aggregate_of(
    app: &App,
    ctx: &Context,
    grouping: &Grouping,
    rows: usize,
) -> Result<policy::stats::cube::Aggregate, AppError> {
    let admit = ctx.admit();
    let (indicator, period, basis) = (ctx.indicator.code.clone(), ctx.period, ctx.basis);
    let g = grouping.clone();
    cube::read(app, move |c: &Cube| {
        c.aggregate(&indicator, &period, basis, &admit, rows, &|_, m, out| {
            g.assign(m, out)
        })
    })
    .await
}

/// Aggregates `ctx` by `grouping` into the API's view; row targets of `target_kind`.
pub(crate) async fn build(
    app: &App,
    ctx: &Context,
    grouping: Grouping,
    keys: Vec<(String, String)>,
    group_by: Option<&str>,
    set: Option<(String, String)>,
    target_kind: Option<&str>,
) -> Result<OutputView, AppError> {
    let (set_code, set_name) = set.unzip();
    let targets = target_map(app, ctx.period.year, &ctx.indicator.code).await?;
    let agg = aggregate_of(app, ctx, &grouping, keys.len()).await?;
    let rows = keys
        .iter()
        .zip(&agg.rows)
        .filter(|(_, cell)| !matches!(grouping, Grouping::Industry(_)) || cell.population > 0)
        .map(|((key, name), cell)| {
            let target =
                target_kind.and_then(|k| targets.get(&(k.to_string(), key.clone())).copied());
            let yoy = yoy_tenths(cell.current, cell.prior);
            OutputRow {
                key: key.clone(),
                name: name.clone(),
                total: ctx.exact(cell.current),
                total_wan_yuan: ctx.wan(cell.current),
                prior: ctx.exact(cell.prior),
                yoy_pct: yoy.map(|t| t as f64 / 10.0),
                alert: ctx.def.alert(yoy).as_str().into(),
                enterprises: cell.population,
                reported: cell.reported,
                target: target.map(|t| ctx.exact(t as i128)),
                completion_pct: completion_f64(cell.current, target),
                records_href: format!(
                    "/api/v1/stats/records?{}",
                    ctx.query_string(&[
                        ("group_by", group_by.unwrap_or("")),
                        ("group_set", set_code.as_deref().unwrap_or("")),
                        ("key", key),
                    ])
                ),
                months: cell.current_months.iter().map(|v| ctx.exact(*v)).collect(),
                prior_months: cell.prior_months.iter().map(|v| ctx.exact(*v)).collect(),
            }
        })
        .collect();
    let t = &agg.total;
    let target = targets
        .get(&("region".to_string(), ctx.region.code.clone()))
        .copied();
    let yoy = yoy_tenths(t.current, t.prior);
    Ok(OutputView {
        region: ctx.region.code.clone(),
        region_name: ctx.region.name.clone(),
        indicator: ctx.indicator.code.clone(),
        indicator_name: ctx.indicator_name(),
        unit: ctx.unit(),
        money: ctx.def.money,
        year: ctx.period.year,
        month: ctx.period.month,
        period_label: ctx.period.label(),
        total: ctx.exact(t.current),
        total_wan_yuan: ctx.wan(t.current),
        total_yi_yuan: ctx.yi(t.current),
        prior: ctx.exact(t.prior),
        prior_wan_yuan: ctx.wan(t.prior),
        yoy_pct: yoy.map(|v| v as f64 / 10.0),
        alert: ctx.def.alert(yoy).as_str().into(),
        enterprises: t.population,
        reported: t.reported,
        reporting_complete: ctx
            .def
            .reporting_complete(t.reported as u64, t.population as u64),
        target: target.map(|v| ctx.exact(v as i128)),
        completion_pct: completion_f64(t.current, target),
        group_by: group_by.map(str::to_string),
        group_set: set_code,
        group_set_name: set_name,
        rows,
        months: t.current_months.iter().map(|v| ctx.exact(*v)).collect(),
        prior_months: t.prior_months.iter().map(|v| ctx.exact(*v)).collect(),
        method: ctx.method(t.population, t.reported),
        records_href: format!("/api/v1/stats/records?{}", ctx.query_string(&[])),
    })
}

/// The enterprises behind an aggregate (or one of its rows, `key`), largest first, a page at a
/// time; their sums add up to the figure.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn records(app: &App, actor: &Actor, q: &OutputQuery) -> Result<RecordsView, AppError> {
    let ctx = context(app, actor, q).await?;
    records_in(app, ctx, q).await
}

/// [`records`] over a resolved context.
pub(crate) async fn records_in(
    app: &App,
    ctx: Context,
    q: &OutputQuery,
) -> Result<RecordsView, AppError> {
    let key = q.key.as_deref().map(str::trim).filter(|k| !k.is_empty());
    let (grouping, keys, _) = match key {
        Some(_) => grouping(app, &ctx, q.group_by.as_deref(), q.group_set.as_deref()).await?,
        None => (Grouping::None, Vec::new(), None),
    };
    let row = match key {
        Some(k) => Some(
            keys.iter()
                .position(|(kk, _)| kk == k)
                .ok_or_else(|| AppError::invalid("key", "stats.key_unknown"))?,
        ),
        None => None,
    };
    let limit = q.limit.unwrap_or(50).clamp(1, 500) as usize;
    let offset: usize = match q.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => 0,
        Some(c) => c
            .parse()
            .map_err(|_| AppError::invalid("cursor", "error.bad_request"))?,
    };
    let admit = ctx.admit();
    let (indicator, period, basis) = (ctx.indicator.code.clone(), ctx.period, ctx.basis);
    let (records, members) = cube::read(app, move |c: &Cube| {
        let recs = c.records(&indicator, &period, basis, &|_, m| {
            if !admit(m) {
                return false;
            }
            match row {
                None => true,
                Some(r) => {
                    let mut rows = Vec::new();
                    grouping.assign(m, &mut rows);
                    rows.contains(&r)
                }
            }
        });
        let members: Vec<Member> = recs.iter().map(|r| c.members()[r.member].clone()).collect();
        (recs, members)
    })
    .await?;
    let total: i128 = records
        .iter()
        .filter(|r| r.in_current)
        .filter_map(|r| r.current)
        .sum();
    let prior: i128 = records
        .iter()
        .filter(|r| r.in_prior)
        .filter_map(|r| r.prior)
        .sum();
    let count = records.len();
    let items = records
        .iter()
        .zip(&members)
        .skip(offset)
        .take(limit)
        .map(|(r, m)| {
            let yoy = match (r.current, r.prior) {
                (Some(c), Some(p)) => yoy_tenths(c, p),
                _ => None,
            };
            RecordView {
                uscc: m.uscc.clone(),
                name: m.name.clone(),
                region_code: m.region_code.clone(),
                county_name: ctx.region_name(m.county()),
                industry_code: m.industry_code.clone(),
                value: r.current.map(|v| ctx.exact(v)),
                value_wan_yuan: r.current.and_then(|v| ctx.wan(v)),
                prior: r.prior.map(|v| ctx.exact(v)),
                prior_wan_yuan: r.prior.and_then(|v| ctx.wan(v)),
                yoy_pct: yoy.map(|t| t as f64 / 10.0),
                in_current: r.in_current,
                in_prior: r.in_prior,
                check: ctx.def.implausible(yoy),
            }
        })
        .collect();
    let next = offset + limit;
    let population = records.iter().filter(|r| r.in_current).count() as u32;
    let reported = records
        .iter()
        .filter(|r| r.in_current && r.current.is_some())
        .count() as u32;
    Ok(RecordsView {
        region: ctx.region.code.clone(),
        region_name: ctx.region.name.clone(),
        indicator: ctx.indicator.code.clone(),
        indicator_name: ctx.indicator_name(),
        unit: ctx.unit(),
        money: ctx.def.money,
        period_label: ctx.period.label(),
        key: key.map(str::to_string),
        key_name: row.and_then(|r| keys.get(r)).map(|(_, n)| n.clone()),
        total: ctx.exact(total),
        total_wan_yuan: ctx.wan(total),
        prior: ctx.exact(prior),
        prior_wan_yuan: ctx.wan(prior),
        yoy_pct: yoy_f64(total, prior),
        count,
        items,
        next_cursor: (next < count).then(|| next.to_string()),
        method: ctx.method(population, reported),
    })
}
