//! The county annual report (区县工业经济年度报告): the dashboard's figures for a year — the
//! indicator cards with targets and completion, the monthly trend, industries, the region's
//! enterprise groups and chains, the largest enterprises and the key projects.

use super::charts;
use super::doc::{Block, Cell, Chart, ReportDoc, Section, Table};
use super::{ReportQuery, amount, pct1, pct2, reporting};
use crate::project::{ProjectStats, project_stats};
use crate::stats::{
    Card, MemberSet, OutputQuery, OutputView, RecordsView, dashboard, member_figures, records,
};
use crate::{Actor, App, AppError};
use policy::org::Permission;
use serde::Serialize;

/// Enterprises listed in the ranking.
pub const TOP_ENTERPRISES: u64 = 10;

/// What the county annual report says, computed by the dashboards' use cases.
#[derive(Debug, Clone, Serialize)]
pub struct CountyAnnualReport {
    /// One card per indicator for the year, the default indicator (gross output) first.
    pub cards: Vec<Card>,
    /// The default indicator by industry division, largest first.
    pub by_industry: OutputView,
    /// The default indicator by the region's enterprise groups (主导产业), when it has a set.
    pub by_group: Option<OutputView>,
    /// The default indicator by the chains of the region (with chain targets), when the actor
    /// may read chains and the region has chains.
    pub by_chain: Option<OutputView>,
    /// The maps of those chains, drawn compact for the page (empty without `chain:read`).
    pub chain_maps: Vec<crate::chain::ChainMapFigure>,
    /// The largest enterprises of the year.
    pub top: RecordsView,
    /// The year's key projects, when the actor may read them.
    pub projects: Option<ProjectStats>,
}

impl CountyAnnualReport {
    /// The default indicator's figure for the year (the first card).
    pub fn summary(&self) -> &OutputView {
        &self.cards[0].view
    }
}

/// The chains of the region as member sets, as the chain pages and `group_by=chain` count
/// them (none without `chain:read`; chains without enterprises left out).
async fn chain_sets(app: &App, actor: &Actor, region: &str) -> Result<Vec<MemberSet>, AppError> {
    if actor.scope(Permission::CHAIN_READ).is_err() {
        return Ok(Vec::new());
    }
    let prefix = policy::org::RegionCode::parse(region)
        .map(|r| r.subtree_prefix().to_string())
        .unwrap_or_else(|_| region.to_string());
    let mut sets = crate::stats::members::chain_sets(app, &prefix).await?;
    sets.retain(|s| !s.members.is_empty());
    Ok(sets)
}

/// The county annual report of `q.region` (default the actor's region) for `q.year` (default
/// the latest year with figures). Needs `stats:read` over the region.
#[tracing::instrument(skip_all, fields(actor = %actor.username))]
pub async fn county_annual(
    app: &App,
    actor: &Actor,
    q: &ReportQuery,
) -> Result<CountyAnnualReport, AppError> {
    let base = OutputQuery {
        region: q.region.clone(),
        year: q.year()?,
        ..Default::default()
    };
    let d = dashboard(app, actor, &base).await?;
    let main = d.cards[0].view.clone();
    let year_q = OutputQuery {
        region: Some(main.region.clone()),
        year: Some(main.year),
        indicator: Some(main.indicator.clone()),
        ..Default::default()
    };
    let sets = chain_sets(app, actor, &main.region).await?;
    let (by_chain, chain_maps) = if sets.is_empty() {
        (None, Vec::new())
    } else {
        (
            Some(member_figures(app, actor, &year_q, sets).await?),
            crate::chain::report_maps(app, actor, &main.region, main.year).await?,
        )
    };
    let top = records(
        app,
        actor,
        &OutputQuery {
            limit: Some(TOP_ENTERPRISES),
            ..year_q.clone()
        },
    )
    .await?;
    let projects = match project_stats(app, actor, Some(&main.region), Some(main.year)).await {
        Ok(p) => Some(p),
        Err(AppError::Forbidden(_)) => None,
        Err(e) => return Err(e),
    };
    Ok(CountyAnnualReport {
        cards: d.cards,
        by_industry: d.by_industry,
        by_group: d.by_group,
        by_chain,
        chain_maps,
        top,
        projects,
    })
}

/// The table of indicator cards: figure, last year, growth, target and completion, reporting.
pub(super) fn cards_table(sheet: &str, caption: String, cards: &[Card]) -> Table {
    Table {
        sheet: sheet.into(),
        caption,
        headers: [
            "指标",
            "计量单位",
            "本期",
            "上年同期",
            "同比增长(%)",
            "年度目标",
            "目标完成率(%)",
            "报送企业/企业数",
        ]
        .map(String::from)
        .to_vec(),
        rows: cards
            .iter()
            .map(|c| {
                let v = &c.view;
                vec![
                    Cell::text(&v.indicator_name),
                    Cell::text(&v.unit),
                    amount(v.money, v.total_wan_yuan.as_deref(), &v.total),
                    amount(v.money, v.prior_wan_yuan.as_deref(), &v.prior),
                    pct1(v.yoy_pct),
                    v.target
                        .as_deref()
                        .map_or(Cell::text("—"), |t| Cell::amount(t, 2)),
                    pct2(v.completion_pct),
                    Cell::text(reporting(v.reported, v.enterprises)),
                ]
            })
            .collect(),
    }
}

/// Rows of a grouped view: name, figure, growth, target, completion, enterprises.
pub(super) fn rows_table(sheet: &str, caption: String, first: &str, v: &OutputView) -> Table {
    Table {
        sheet: sheet.into(),
        caption,
        headers: vec![
            first.into(),
            format!("{}({})", v.indicator_name, v.unit),
            "同比增长(%)".into(),
            "年度目标".into(),
            "目标完成率(%)".into(),
            "报送企业/企业数".into(),
        ],
        rows: v
            .rows
            .iter()
            .map(|r| {
                vec![
                    Cell::text(&r.name),
                    amount(v.money, r.total_wan_yuan.as_deref(), &r.total),
                    pct1(r.yoy_pct),
                    r.target
                        .as_deref()
                        .map_or(Cell::text("—"), |t| Cell::amount(t, 2)),
                    pct2(r.completion_pct),
                    Cell::text(reporting(r.reported, r.enterprises)),
                ]
            })
            .collect(),
    }
}

/// The monthly trend as a table: this year, last year, growth of each month.
pub(super) fn months_table(sheet: &str, v: &OutputView) -> Table {
    let rows = v
        .months
        .iter()
        .zip(&v.prior_months)
        .enumerate()
        .map(|(i, (a, b))| {
            let (x, y) = (
                a.parse::<f64>().unwrap_or(0.0),
                b.parse::<f64>().unwrap_or(0.0),
            );
            let g = (y > 0.0).then(|| ((x - y) / y * 1000.0).round() / 10.0);
            vec![
                Cell::text(format!("{}月", i + 1)),
                Cell::Num(x, 2),
                Cell::Num(y, 2),
                pct1(g),
            ]
        })
        .collect();
    Table {
        sheet: sheet.into(),
        caption: format!("{}{}年分月{}", v.region_name, v.year, v.indicator_name),
        headers: vec![
            "月份".into(),
            format!("{}年({})", v.year, v.unit),
            format!("{}年({})", v.year - 1, v.unit),
            "同比增长(%)".into(),
        ],
        rows,
    }
}

impl CountyAnnualReport {
    /// The report as sections, tables and charts.
    pub fn document(&self) -> ReportDoc {
        let m = self.summary();
        let yi = m.total_yi_yuan.clone().unwrap_or_else(|| m.total.clone());
        let unit = if m.money { "亿元" } else { m.unit.as_str() };
        let mut lead = format!(
            "{}年，{}规模以上工业{}{}{}，同比{}。",
            m.year,
            m.region_name,
            m.indicator_name,
            yi,
            unit,
            m.yoy_pct
                .map(|g| if g >= 0.0 {
                    format!("增长{g:.1}%")
                } else {
                    format!("下降{:.1}%", -g)
                })
                .unwrap_or_else(|| "无可比数据".into())
        );
        if let (Some(t), Some(c)) = (&m.target, m.completion_pct) {
            lead.push_str(&format!("年度目标{t}{}，完成{c:.2}%。", m.unit));
        }
        lead.push_str(&format!(
            "纳入统计的规上工业企业{}家，已报送{}家。",
            m.enterprises, m.reported
        ));
        let mut sections = vec![Section {
            heading: "一、总体情况".into(),
            text: vec![lead],
            blocks: vec![Block::Table(cards_table(
                "主要指标",
                format!("{}{}年主要指标", m.region_name, m.year),
                &self.cards,
            ))],
        }];
        sections.push(Section {
            heading: "二、月度走势".into(),
            text: Vec::new(),
            blocks: vec![
                Block::Chart(charts::trend(m, "report-trend")),
                Block::Table(months_table("月度走势", m)),
            ],
        });
        let mut industry = self.by_industry.clone();
        industry.rows.truncate(15);
        sections.push(Section {
            heading: "三、分行业情况".into(),
            text: vec![
                "按国民经济行业大类（GB/T 4754-2017），按产值从大到小列出前15个行业。".into(),
            ],
            blocks: vec![
                Block::Chart(charts::bars(
                    &industry,
                    "report-industries",
                    format!("{}分行业{}", m.region_name, m.indicator_name),
                    10,
                )),
                Block::Table(rows_table("分行业", "分行业情况".into(), "行业", &industry)),
            ],
        });
        let mut blocks = Vec::new();
        if let Some(g) = &self.by_group {
            let set = g.group_set_name.clone().unwrap_or_default();
            blocks.push(Block::Chart(charts::bars(
                g,
                "report-groups",
                format!("{}{}（{set}）", m.region_name, m.indicator_name),
                12,
            )));
            blocks.push(Block::Table(rows_table("主导产业", set, "产业", g)));
        }
        if let Some(c) = &self.by_chain {
            blocks.push(Block::Chart(charts::bars(
                c,
                "report-chains",
                format!("{}产业链{}", m.region_name, m.indicator_name),
                12,
            )));
            blocks.push(Block::Table(rows_table(
                "产业链",
                "产业链产值与目标完成".into(),
                "产业链",
                c,
            )));
        }
        for map in &self.chain_maps {
            blocks.push(Block::Chart(Chart {
                title: map.title.clone(),
                svg: map.svg.clone(),
            }));
        }
        if blocks.is_empty() {
            blocks.push(Block::Table(Table {
                sheet: "产业链".into(),
                caption: "本地区尚未设置主导产业分组或产业链。".into(),
                headers: vec!["说明".into()],
                rows: Vec::new(),
            }));
        }
        let mut text = Vec::new();
        if !self.chain_maps.is_empty() {
            let mut t = "产业链图谱按上游、中游、下游列出各环节及其本地企业数（括号内，含下级环节），每个环节列出至多三家企业（链主、骨干在前），虚线红框为短板环节。".to_string();
            let cut: Vec<&str> = self
                .chain_maps
                .iter()
                .filter(|m| m.levels_left_out)
                .map(|m| m.name.as_str())
                .collect();
            if !cut.is_empty() {
                t.push_str(&format!(
                    "{}的图谱环节较多，此处只画出上层环节，完整图谱见系统产业链页面。",
                    cut.join("、")
                ));
            }
            text.push(t);
        }
        sections.push(Section {
            heading: "四、主导产业与产业链".into(),
            text,
            blocks,
        });
        sections.push(Section {
            heading: "五、重点企业".into(),
            text: Vec::new(),
            blocks: vec![Block::Table(self.top_table())],
        });
        sections.push(self.projects_section());
        sections.push(Section {
            heading: "说明".into(),
            text: vec![
                m.method.text.clone(),
                "本报告由系统根据企业月度数据即时生成，数据与统计看板一致。".into(),
            ],
            blocks: Vec::new(),
        });
        ReportDoc {
            title: format!("{}{}年工业经济年度报告", m.region_name, m.year),
            subtitle: format!(
                "统计期：{} ｜ 主要指标：{} ｜ 口径：{}",
                m.period_label,
                m.indicator_name,
                if m.method.basis == "comparable" {
                    "可比口径"
                } else {
                    "各期口径"
                }
            ),
            file_stem: format!("county-annual-{}-{}", m.region, m.year),
            sections,
        }
    }

    fn top_table(&self) -> Table {
        let t = &self.top;
        Table {
            sheet: "重点企业".into(),
            caption: format!("{}前{}名企业", t.indicator_name, TOP_ENTERPRISES),
            headers: vec![
                "排名".into(),
                "企业名称".into(),
                "统一社会信用代码".into(),
                "区县".into(),
                "行业代码".into(),
                format!("{}({})", t.indicator_name, t.unit),
                "同比增长(%)".into(),
            ],
            rows: t
                .items
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    vec![
                        Cell::Int(i as i64 + 1),
                        Cell::text(&r.name),
                        Cell::text(&r.uscc),
                        Cell::text(&r.county_name),
                        Cell::text(&r.industry_code),
                        match (&r.value_wan_yuan, &r.value) {
                            (Some(w), _) => Cell::amount(w, 2),
                            (None, Some(v)) => Cell::amount(v, 2),
                            _ => Cell::text("—"),
                        },
                        pct1(r.yoy_pct),
                    ]
                })
                .collect(),
        }
    }

    fn projects_section(&self) -> Section {
        let (text, rows) = match &self.projects {
            Some(p) => (
                format!(
                    "{}年列入计划的重点项目{}个，完成投资{}万元，为年度计划{}万元的{}。",
                    p.year,
                    p.count,
                    p.invested_wan_yuan,
                    p.planned_wan_yuan,
                    pct2(p.completion_pct).display()
                ),
                vec![vec![
                    Cell::Int(p.count as i64),
                    Cell::amount(&p.planned_wan_yuan, 2),
                    Cell::amount(&p.invested_wan_yuan, 2),
                    pct2(p.completion_pct),
                ]],
            ),
            None => ("当前账号无权查看重点项目。".into(), Vec::new()),
        };
        Section {
            heading: "六、重点项目".into(),
            text: vec![text],
            blocks: vec![Block::Table(Table {
                sheet: "重点项目".into(),
                caption: "重点项目年度投资".into(),
                headers: [
                    "项目个数",
                    "年度计划投资(万元)",
                    "完成投资(万元)",
                    "计划完成率(%)",
                ]
                .map(String::from)
                .to_vec(),
                rows,
            })],
        }
    }
}
