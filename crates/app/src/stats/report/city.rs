//! The city monthly report (全市工业经济月报): each indicator for the month and January to the
//! month with growth, the counties side by side with their targets, and the alerts the
//! indicator cards' thresholds raise.

use super::charts;
use super::county::{cards_table, months_table};
use super::doc::{Block, Cell, ReportDoc, Section, Table};
use super::{ReportQuery, amount, pct1, pct2, reporting};
use crate::stats::{Card, OutputQuery, OutputView, dashboard, output};
use crate::{Actor, App, AppError};
use serde::Serialize;

/// One alert: a region whose growth fell below an indicator's threshold, or whose reporting
/// fell short of its quality threshold.
#[derive(Debug, Clone, Serialize)]
pub struct AlertRow {
    /// Region code.
    pub region: String,
    /// Region name.
    pub region_name: String,
    /// Indicator name.
    pub indicator_name: String,
    /// `2022-01~03`.
    pub period_label: String,
    /// Growth in percent.
    pub yoy_pct: Option<f64>,
    /// `warning` (below the orange line), `alert` (below the red line) or `reporting`.
    pub level: String,
    /// What the alert says.
    pub note: String,
}

/// What the city monthly report says, computed by the dashboards' use cases.
#[derive(Debug, Clone, Serialize)]
pub struct CityMonthlyReport {
    /// Each indicator for January to the month (the default first).
    pub ytd_cards: Vec<Card>,
    /// Each indicator for the month alone, in the same order.
    pub month_cards: Vec<OutputView>,
    /// The default indicator by county for the month.
    pub month_by_county: OutputView,
    /// The default indicator by county for January to the month, with targets.
    pub ytd_by_county: OutputView,
    /// Alerts of every indicator, by region, January to the month.
    pub alerts: Vec<AlertRow>,
}

/// The monthly report of `q.region` (default the actor's region, normally the city) for
/// `q.year` and `q.month` (both required). Needs `stats:read` over the region.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn city_monthly(
    app: &App,
    actor: &Actor,
    q: &ReportQuery,
) -> Result<CityMonthlyReport, AppError> {
    let year = q
        .year()?
        .ok_or_else(|| AppError::invalid("year", "report.year_required"))?;
    let month = q
        .month()?
        .ok_or_else(|| AppError::invalid("month", "report.month_required"))?;
    let base = OutputQuery {
        region: q.region.clone(),
        year: Some(year),
        month: Some(month),
        period: Some("ytd".into()),
        ..Default::default()
    };
    let d = dashboard(app, actor, &base).await?;
    let mut month_cards = Vec::with_capacity(d.cards.len());
    let mut alerts = Vec::new();
    for c in &d.cards {
        let one = |period: &str, group_by: Option<&str>| OutputQuery {
            indicator: Some(c.code.clone()),
            period: Some(period.into()),
            group_by: group_by.map(str::to_string),
            ..base.clone()
        };
        month_cards.push(output(app, actor, &one("month", None)).await?);
        let by_county = output(app, actor, &one("ytd", Some("county"))).await?;
        alerts.extend(alerts_of(&c.view, &by_county));
    }
    let by = |period: &str| OutputQuery {
        period: Some(period.into()),
        group_by: Some("county".into()),
        ..base.clone()
    };
    Ok(CityMonthlyReport {
        month_by_county: output(app, actor, &by("month")).await?,
        ytd_by_county: output(app, actor, &by("ytd")).await?,
        ytd_cards: d.cards,
        month_cards,
        alerts,
    })
}

/// The alerts of one indicator: the region's own reporting, then every county below a line.
fn alerts_of(total: &OutputView, by_county: &OutputView) -> Vec<AlertRow> {
    let row = |region: &str, name: &str, yoy: Option<f64>, level: &str, note: String| AlertRow {
        region: region.into(),
        region_name: name.into(),
        indicator_name: total.indicator_name.clone(),
        period_label: total.period_label.clone(),
        yoy_pct: yoy,
        level: level.into(),
        note,
    };
    let mut out = Vec::new();
    if !total.reporting_complete {
        out.push(row(
            &total.region,
            &total.region_name,
            total.yoy_pct,
            "reporting",
            format!(
                "报送率不足：{}家企业中已报送{}家",
                total.enterprises, total.reported
            ),
        ));
    }
    for r in &by_county.rows {
        let note = match r.alert.as_str() {
            "alert" => "增速低于红色预警线",
            "warning" => "增速低于橙色提示线",
            _ => continue,
        };
        out.push(row(&r.key, &r.name, r.yoy_pct, &r.alert, note.into()));
    }
    out
}

impl CityMonthlyReport {
    /// The report as sections, tables and charts.
    pub fn document(&self) -> ReportDoc {
        let ytd = &self.ytd_by_county;
        let mon = &self.month_by_county;
        let month = ytd.month.unwrap_or(12);
        let main = &self.ytd_cards[0].view;
        let lead = format!(
            "{}年1-{}月，{}规模以上工业{}累计{}{}，同比{}；{}月当月{}{}，同比{}。",
            ytd.year,
            month,
            ytd.region_name,
            main.indicator_name,
            main.total_yi_yuan
                .clone()
                .unwrap_or_else(|| main.total.clone()),
            if main.money { "亿元" } else { &main.unit },
            growth_words(main.yoy_pct),
            month,
            mon.total_yi_yuan
                .clone()
                .unwrap_or_else(|| mon.total.clone()),
            if mon.money { "亿元" } else { &mon.unit },
            growth_words(mon.yoy_pct),
        );
        let monthly_cards: Vec<Card> = self
            .month_cards
            .iter()
            .map(|v| Card {
                code: v.indicator.clone(),
                view: v.clone(),
            })
            .collect();
        let mut county_rows = Vec::new();
        for r in &ytd.rows {
            let m = mon.rows.iter().find(|x| x.key == r.key);
            county_rows.push(vec![
                Cell::text(&r.name),
                m.map_or(Cell::text("—"), |m| {
                    amount(mon.money, m.total_wan_yuan.as_deref(), &m.total)
                }),
                pct1(m.and_then(|m| m.yoy_pct)),
                amount(ytd.money, r.total_wan_yuan.as_deref(), &r.total),
                pct1(r.yoy_pct),
                r.target
                    .as_deref()
                    .map_or(Cell::text("—"), |t| Cell::amount(t, 2)),
                pct2(r.completion_pct),
                Cell::text(reporting(r.reported, r.enterprises)),
            ]);
        }
        let counties = Table {
            sheet: "分县区".into(),
            caption: format!("各县（市、区）{}", ytd.indicator_name),
            headers: vec![
                "县（市、区）".into(),
                format!("{month}月({})", ytd.unit),
                "当月同比(%)".into(),
                format!("1-{month}月累计({})", ytd.unit),
                "累计同比(%)".into(),
                format!("年度目标({})", ytd.unit),
                "目标完成率(%)".into(),
                "报送企业/企业数".into(),
            ],
            rows: county_rows,
        };
        let alerts = Table {
            sheet: "预警".into(),
            caption: "指标预警（按指标卡的预警与质量阈值）".into(),
            headers: ["地区", "指标", "统计期", "同比增长(%)", "预警"]
                .map(String::from)
                .to_vec(),
            rows: self
                .alerts
                .iter()
                .map(|a| {
                    vec![
                        Cell::text(&a.region_name),
                        Cell::text(&a.indicator_name),
                        Cell::text(&a.period_label),
                        pct1(a.yoy_pct),
                        Cell::text(&a.note),
                    ]
                })
                .collect(),
        };
        let alert_text = if self.alerts.is_empty() {
            "本期各项指标均未触发预警。".to_string()
        } else {
            format!("本期共{}条预警，见下表。", self.alerts.len())
        };
        let sections = vec![
            Section {
                heading: "一、全市概况".into(),
                text: vec![lead],
                blocks: vec![
                    Block::Table(cards_table(
                        "累计指标",
                        format!("1-{month}月累计主要指标"),
                        &self.ytd_cards,
                    )),
                    Block::Table(cards_table(
                        "当月指标",
                        format!("{month}月当月主要指标"),
                        &monthly_cards,
                    )),
                    Block::Chart(charts::trend(main, "report-trend")),
                    Block::Table(months_table("月度走势", main)),
                ],
            },
            Section {
                heading: "二、分县（市、区）情况".into(),
                text: Vec::new(),
                blocks: vec![
                    Block::Chart(charts::bars(
                        ytd,
                        "report-counties",
                        format!("各县（市、区）1-{month}月{}", ytd.indicator_name),
                        20,
                    )),
                    Block::Chart(charts::map(ytd, "report-map")),
                    Block::Table(counties),
                ],
            },
            Section {
                heading: "三、预警提示".into(),
                text: vec![alert_text],
                blocks: vec![Block::Table(alerts)],
            },
            Section {
                heading: "说明".into(),
                text: vec![
                    main.method.text.clone(),
                    "本报告由系统根据企业月度数据即时生成，数据与统计看板一致。".into(),
                ],
                blocks: Vec::new(),
            },
        ];
        ReportDoc {
            title: format!(
                "{}{}年{}月工业经济运行月报",
                ytd.region_name, ytd.year, month
            ),
            subtitle: format!(
                "统计期：{}年{}月及1-{}月累计 ｜ 主要指标：{}",
                ytd.year, month, month, ytd.indicator_name
            ),
            file_stem: format!("city-monthly-{}-{}-{:02}", ytd.region, ytd.year, month),
            sections,
        }
    }
}

fn growth_words(p: Option<f64>) -> String {
    match p {
        Some(g) if g >= 0.0 => format!("增长{g:.1}%"),
        Some(g) => format!("下降{:.1}%", -g),
        None => "无可比数据".into(),
    }
}
