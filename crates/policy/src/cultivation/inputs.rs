//! The inputs of an assessment, as the registry holds them, and the metrics derived from them.
//!
//! An [`Inputs`] is what an assessment stores as its snapshot: the yearly figures of the year
//! assessed and the two before it, the profile facts, the titles held on the assessment date
//! and what was declared. [`Inputs::metrics`] derives every metric from it, the same way each
//! time, so a stored assessment can be reproduced after the registry changes.

use super::metric::{Metric, MetricValues, Source};
use crate::enterprise::{HonorLevel, HonorTitle, SizeClass};
use crate::money::Fen;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The figures of one financial year (`financial` row); `None` = not reported.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct YearFigures {
    /// The financial year.
    pub year: i32,
    /// 营业收入.
    pub revenue: Option<Fen>,
    /// 主营业务收入.
    pub main_revenue: Option<Fen>,
    /// 研发费用.
    pub rd_expense: Option<Fen>,
    /// 净利润.
    pub net_profit: Option<Fen>,
    /// 资产总额.
    pub total_assets: Option<Fen>,
    /// 负债总额.
    pub total_liabilities: Option<Fen>,
    /// 从业人员.
    pub staff: Option<i64>,
    /// 研发人员.
    pub rd_staff: Option<i64>,
    /// 科技人员.
    pub tech_staff: Option<i64>,
    /// 新增股权融资 (paid in by qualified investors) in the year.
    pub equity_financing: Option<Fen>,
    /// Ⅰ类高价值知识产权.
    pub ip_class1_high_value: Option<i64>,
    /// 自主研发Ⅰ类知识产权.
    pub ip_class1_self_developed: Option<i64>,
    /// Ⅰ类知识产权.
    pub ip_class1: Option<i64>,
    /// Ⅱ类知识产权.
    pub ip_class2: Option<i64>,
    /// 授权发明专利.
    pub invention_patents: Option<i64>,
    /// 实用新型专利.
    pub utility_models: Option<i64>,
    /// 软件著作权.
    pub software_copyrights: Option<i64>,
    /// 数字化水平等级.
    pub digital_level: Option<i64>,
    /// 研发机构级别: `national`, `provincial`, `city`, `below_city`, `none`.
    pub rd_institution_level: Option<String>,
    /// 省级以上质量奖.
    pub quality_award: bool,
    /// 管理体系/产品认证.
    pub quality_certification: bool,
    /// 自主品牌.
    pub own_brand: bool,
    /// 参与制定标准.
    pub standard_drafting: bool,
}

/// Profile facts of the enterprise.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileFacts {
    /// The year it entered its niche market.
    pub niche_since_year: Option<i32>,
    /// The year it was founded.
    pub founded_year: Option<i32>,
    /// Main product in 《战略性新兴产业分类》.
    pub strategic_emerging: bool,
    /// Size class by the 2011 standard.
    pub size_class: Option<SizeClass>,
}

/// A title held (valid) on the assessment date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldTitle {
    /// The title.
    pub title: HonorTitle,
    /// The level that awarded it.
    pub level: HonorLevel,
}

/// Everything an assessment reads: stored with it as its snapshot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    /// The financial year assessed (上年度 of an application made the year after).
    pub year: i32,
    /// Figures of `year`, `year - 1` and `year - 2`, when reported.
    pub years: Vec<YearFigures>,
    /// Profile facts.
    pub profile: ProfileFacts,
    /// Titles valid on the assessment date.
    pub titles: Vec<HeldTitle>,
    /// Declared values by metric code (awards, market share, local indicators).
    pub declared: BTreeMap<String, f64>,
}

const FEN_PER_WAN: f64 = 1_000_000.0;

fn wan(f: Fen) -> f64 {
    f.get() as f64 / FEN_PER_WAN
}

fn ratio_pct(num: Option<f64>, den: Option<f64>) -> Option<f64> {
    match (num, den) {
        (Some(n), Some(d)) if d > 0.0 => Some(n / d * 100.0),
        _ => None,
    }
}

fn growth_pct(now: Option<f64>, before: Option<f64>) -> Option<f64> {
    match (now, before) {
        (Some(n), Some(b)) if b > 0.0 => Some((n - b) / b * 100.0),
        _ => None,
    }
}

/// Compound growth over two years, rounded to a millionth of a percent so that an exact
/// square (1440 on 1000) lands exactly on its band edge (20%).
fn cagr2_pct(now: Option<f64>, before2: Option<f64>) -> Option<f64> {
    match (now, before2) {
        (Some(n), Some(b)) if b > 0.0 && n >= 0.0 => {
            let g = ((n / b).sqrt() - 1.0) * 100.0;
            Some((g * 1e6).round() / 1e6)
        }
        _ => None,
    }
}

fn sum2(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? + b?)
}

fn count(v: Option<i64>) -> Option<f64> {
    v.map(|x| x as f64)
}

fn flag(b: bool) -> f64 {
    if b { 1.0 } else { 0.0 }
}

/// The level of an R&D institution on the 0–4 scale the rule files use.
pub fn institution_level(code: &str) -> Option<f64> {
    match code.trim() {
        "national" | "国家级" => Some(4.0),
        "provincial" | "省级" => Some(3.0),
        "city" | "市级" => Some(2.0),
        "below_city" | "市级以下" => Some(1.0),
        "none" | "无" | "" => Some(0.0),
        _ => None,
    }
}

impl Inputs {
    /// The figures of `year`, when reported.
    pub fn figures(&self, year: i32) -> Option<&YearFigures> {
        self.years.iter().find(|y| y.year == year)
    }

    fn holds(&self, t: HonorTitle) -> f64 {
        flag(self.titles.iter().any(|h| h.title == t))
    }

    /// Derives every metric. What cannot be derived stays missing.
    pub fn metrics(&self) -> MetricValues {
        let mut m = MetricValues::default();
        let y0 = self.figures(self.year);
        let y1 = self.figures(self.year - 1);
        let y2 = self.figures(self.year - 2);
        let money =
            |y: Option<&YearFigures>, f: fn(&YearFigures) -> Option<Fen>| y.and_then(f).map(wan);
        let rev = |y| money(y, |f| f.revenue);
        let main = |y| money(y, |f| f.main_revenue);
        let rd = |y| money(y, |f| f.rd_expense);
        let profit = |y| money(y, |f| f.net_profit);
        let equity = |y| money(y, |f| f.equity_financing);

        m.set(Metric::RevenueWan, rev(y0));
        m.set(Metric::MainRevenueSharePct, ratio_pct(main(y0), rev(y0)));
        let g0 = growth_pct(main(y0), main(y1));
        let g1 = growth_pct(main(y1), main(y2));
        m.set(Metric::MainRevenueGrowthPct, g0);
        m.set(
            Metric::MainRevenueGrowthAvg2Pct,
            sum2(g0, g1).map(|s| s / 2.0),
        );
        m.set(Metric::RevenueCagr2Pct, cagr2_pct(rev(y0), rev(y2)));
        m.set(Metric::NetProfitCagr2Pct, cagr2_pct(profit(y0), profit(y2)));
        m.set(
            Metric::Revenue3yAvgWan,
            sum2(sum2(rev(y0), rev(y1)), rev(y2)).map(|s| s / 3.0),
        );
        m.set(
            Metric::DebtRatioPct,
            ratio_pct(
                money(y0, |f| f.total_liabilities),
                money(y0, |f| f.total_assets),
            ),
        );
        m.set(Metric::NetMarginPct, ratio_pct(profit(y0), rev(y0)));
        m.set(Metric::RdExpenseWan, rd(y0));
        let r0 = ratio_pct(rd(y0), rev(y0));
        let r1 = ratio_pct(rd(y1), rev(y1));
        m.set(Metric::RdRatioPct, r0);
        m.set(
            Metric::RdRatioMin2Pct,
            match (r0, r1) {
                (Some(a), Some(b)) => Some(a.min(b)),
                _ => None,
            },
        );
        m.set(
            Metric::RdExpenseAvg2Wan,
            sum2(rd(y0), rd(y1)).map(|s| s / 2.0),
        );
        m.set(Metric::RdExpenseSum2Wan, sum2(rd(y0), rd(y1)));
        m.set(Metric::Staff, y0.and_then(|f| count(f.staff)));
        m.set(Metric::TotalAssetsWan, money(y0, |f| f.total_assets));
        let staff = y0.and_then(|f| count(f.staff));
        m.set(
            Metric::RdStaffSharePct,
            ratio_pct(y0.and_then(|f| count(f.rd_staff)), staff),
        );
        m.set(
            Metric::TechStaffSharePct,
            ratio_pct(y0.and_then(|f| count(f.tech_staff)), staff),
        );
        m.set(Metric::EquityFinancing2yWan, sum2(equity(y0), equity(y1)));
        m.set(
            Metric::EquityFinancing3yWan,
            sum2(sum2(equity(y0), equity(y1)), equity(y2)),
        );
        if let Some(f) = y0 {
            m.set(Metric::IpClass1HighValue, count(f.ip_class1_high_value));
            m.set(
                Metric::IpClass1SelfDeveloped,
                count(f.ip_class1_self_developed),
            );
            m.set(Metric::IpClass1, count(f.ip_class1));
            m.set(Metric::IpClass2, count(f.ip_class2));
            m.set(Metric::InventionPatents, count(f.invention_patents));
            m.set(
                Metric::UtilityAndSoftware,
                sum2(count(f.utility_models), count(f.software_copyrights)),
            );
            m.set(Metric::DigitalLevel, count(f.digital_level));
            let level = f
                .rd_institution_level
                .as_deref()
                .and_then(institution_level);
            m.set(Metric::RdInstitutionLevel, level);
            m.set(Metric::RdInstitutionOwn, level.map(|l| flag(l > 0.0)));
            m.set(
                Metric::QualityItems,
                Some(
                    flag(f.quality_award)
                        + flag(f.quality_certification)
                        + flag(f.own_brand)
                        + flag(f.standard_drafting),
                ),
            );
            m.set(Metric::OwnBrand, Some(flag(f.own_brand)));
            m.set(
                Metric::ManagementSystem,
                Some(flag(f.quality_certification)),
            );
        }
        // Full years as of the end of the year assessed, counted conservatively: the start
        // year itself is not counted, because the month of entry is not recorded.
        let p = &self.profile;
        m.set(
            Metric::NicheYears,
            p.niche_since_year
                .map(|s| f64::from((self.year - s).max(0))),
        );
        m.set(
            Metric::OperatingYears,
            p.founded_year.map(|s| f64::from((self.year - s).max(0))),
        );
        m.set(Metric::StrategicEmerging, Some(flag(p.strategic_emerging)));
        m.set(
            Metric::IsSme,
            p.size_class.map(|c| flag(c != SizeClass::Large)),
        );
        m.set(
            Metric::HoldsHighTech,
            Some(self.holds(HonorTitle::HighTech)),
        );
        m.set(Metric::HoldsTechSme, Some(self.holds(HonorTitle::TechSme)));
        m.set(
            Metric::HoldsInnovative,
            Some(self.holds(HonorTitle::Innovative)),
        );
        m.set(
            Metric::HoldsSpecialized,
            Some(self.holds(HonorTitle::Specialized)),
        );
        m.set(
            Metric::HoldsSingleChampion,
            Some(self.holds(HonorTitle::SingleChampion)),
        );
        m.set(
            Metric::HoldsLittleGiant,
            Some(flag(
                self.holds(HonorTitle::LittleGiant) > 0.0
                    || self.holds(HonorTitle::KeyLittleGiant) > 0.0,
            )),
        );
        // The registry records the demonstration title but not the IP advantage/demonstration
        // titles: without the first, the metric waits for a declaration.
        let demo = self
            .titles
            .iter()
            .any(|h| h.title == HonorTitle::TechInnovationDemo && h.level == HonorLevel::National);
        m.set(Metric::HoldsInnovationTitle, demo.then_some(1.0));
        // A declaration fills what the registry lacks; it never overrides a registry figure.
        for (code, value) in &self.declared {
            if let Some(metric) = Metric::parse(code)
                && (metric.source() == Source::Declared || m.get(metric).is_none())
            {
                m.set(metric, Some(*value));
            }
        }
        m
    }
}
