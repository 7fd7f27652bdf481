//! The measures a rule set can test: one catalogue, with where each comes from.
//!
//! Rule files name metrics by code (`rd_ratio_pct`); the evaluator reads them from a fixed
//! array, so evaluating a rule set never looks a name up. A metric that could not be derived
//! (a figure not reported, a declaration not made) is *missing*, never zero.

use serde::{Deserialize, Serialize};

/// The unit a metric is expressed in (how values, thresholds and gaps are shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Percent (3 means 3%).
    Percent,
    /// 万元.
    WanYuan,
    /// A count (patents, items).
    Count,
    /// Whole years.
    Years,
    /// A level on an ordinal scale.
    Level,
    /// Yes (1) or no (0).
    Flag,
    /// A score in points.
    Points,
}

/// Where a metric's inputs come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Derived from the registry's yearly figures, profile or honors.
    Registry,
    /// Declared by the enterprise (or the reviewer) for the assessment.
    Declared,
}

macro_rules! metrics {
    ($($variant:ident = $code:literal, $unit:ident, $source:ident, $lower:literal, $zh:literal, $en:literal;)*) => {
        /// A measure rule sets can test.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Metric {
            $(
                #[doc = $en]
                $variant,
            )*
        }

        impl Metric {
            /// Every metric, in catalogue order (the index of the value array).
            pub const ALL: &'static [Metric] = &[$(Metric::$variant,)*];

            /// The code rule files use.
            pub fn code(self) -> &'static str {
                match self { $(Metric::$variant => $code,)* }
            }

            /// The unit.
            pub fn unit(self) -> Unit {
                match self { $(Metric::$variant => Unit::$unit,)* }
            }

            /// Where it comes from.
            pub fn source(self) -> Source {
                match self { $(Metric::$variant => Source::$source,)* }
            }

            /// Whether a lower value is the better one (debt ratio, listed).
            pub fn lower_is_better(self) -> bool {
                match self { $(Metric::$variant => $lower,)* }
            }

            /// The Chinese name.
            pub fn name_zh(self) -> &'static str {
                match self { $(Metric::$variant => $zh,)* }
            }

            /// The English name.
            pub fn name_en(self) -> &'static str {
                match self { $(Metric::$variant => $en,)* }
            }
        }
    };
}

metrics! {
    RevenueWan = "revenue_wan", WanYuan, Registry, false, "上年度营业收入", "Revenue of the year";
    MainRevenueSharePct = "main_revenue_share_pct", Percent, Registry, false, "主营业务收入占营业收入比重", "Main revenue as a share of revenue";
    MainRevenueGrowthPct = "main_revenue_growth_pct", Percent, Registry, false, "主营业务收入增长率", "Main revenue growth on the year before";
    MainRevenueGrowthAvg2Pct = "main_revenue_growth_avg2_pct", Percent, Registry, false, "近2年主营业务收入平均增长率", "Average main revenue growth over 2 years";
    RevenueCagr2Pct = "revenue_cagr2_pct", Percent, Registry, false, "近2年营业收入复合增长率", "Revenue compound growth over 2 years";
    NetProfitCagr2Pct = "net_profit_cagr2_pct", Percent, Registry, false, "近2年净利润复合增长率", "Net profit compound growth over 2 years";
    Revenue3yAvgWan = "revenue_avg3_wan", WanYuan, Registry, false, "近3年营业收入平均值", "Average revenue over 3 years";
    DebtRatioPct = "debt_ratio_pct", Percent, Registry, true, "资产负债率", "Debt ratio";
    NetMarginPct = "net_margin_pct", Percent, Registry, false, "净利润率", "Net profit margin";
    RdExpenseWan = "rd_expense_wan", WanYuan, Registry, false, "上年度研发费用", "R&D expense of the year";
    RdRatioPct = "rd_ratio_pct", Percent, Registry, false, "研发费用占营业收入比重", "R&D expense as a share of revenue";
    RdRatioMin2Pct = "rd_ratio_min2_pct", Percent, Registry, false, "近2年研发费用占营业收入比重(较低一年)", "R&D share of revenue, the lower of the last 2 years";
    RdExpenseAvg2Wan = "rd_expense_avg2_wan", WanYuan, Registry, false, "近2年研发费用平均值", "Average R&D expense over 2 years";
    RdExpenseSum2Wan = "rd_expense_sum2_wan", WanYuan, Registry, false, "近2年研发费用总额", "Total R&D expense over 2 years";
    RdCostRatioPct = "rd_cost_ratio_pct", Percent, Declared, false, "研发费用占成本费用支出比重", "R&D expense as a share of costs and expenses";
    Staff = "staff", Count, Registry, true, "从业人员", "Staff";
    TotalAssetsWan = "total_assets_wan", WanYuan, Registry, true, "资产总额", "Total assets";
    RdStaffSharePct = "rd_staff_share_pct", Percent, Registry, false, "研发人员占比", "R&D staff share";
    TechStaffSharePct = "tech_staff_share_pct", Percent, Registry, false, "科技人员占比", "Technical staff share";
    EquityFinancing2yWan = "equity_financing_2y_wan", WanYuan, Registry, false, "近2年新增股权融资(实缴)", "New equity financing over 2 years (paid in)";
    EquityFinancing3yWan = "equity_financing_3y_wan", WanYuan, Registry, false, "近3年新增股权融资(实缴)", "New equity financing over 3 years (paid in)";
    IpClass1HighValue = "ip_class1_high_value", Count, Registry, false, "Ⅰ类高价值知识产权", "Class I high-value IP";
    IpClass1SelfDeveloped = "ip_class1_self_developed", Count, Registry, false, "自主研发Ⅰ类知识产权", "Self-developed class I IP";
    IpClass1 = "ip_class1", Count, Registry, false, "Ⅰ类知识产权", "Class I IP";
    IpClass2 = "ip_class2", Count, Registry, false, "Ⅱ类知识产权", "Class II IP";
    InventionPatents = "invention_patents", Count, Registry, false, "授权发明专利", "Granted invention patents";
    UtilityAndSoftware = "utility_models_and_software", Count, Registry, false, "实用新型专利与软件著作权", "Utility models plus software copyrights";
    DigitalLevel = "digital_level", Level, Registry, false, "数字化水平等级", "Digitalisation level";
    RdInstitutionLevel = "rd_institution_level", Level, Registry, false, "研发机构级别(国家4/省3/市2/市以下1/无0)", "R&D institution level (national 4, provincial 3, city 2, below 1, none 0)";
    QualityItems = "quality_items", Count, Registry, false, "质量管理项目数(奖项/认证/自主品牌/标准)", "Quality items (award, certification, own brand, standard)";
    NicheYears = "niche_years", Years, Registry, false, "从事特定细分市场年限", "Years in the niche market";
    OperatingYears = "operating_years", Years, Registry, false, "实际经营年限(完整会计年度)", "Full fiscal years in operation";
    StrategicEmerging = "strategic_emerging", Flag, Registry, false, "主导产品属于战略性新兴产业", "Main product in a strategic emerging industry";
    IsSme = "is_sme", Flag, Registry, false, "符合中小企业划型标准", "Small or medium-sized by the 2011 standard";
    HoldsHighTech = "holds_high_tech", Flag, Registry, false, "有效期内高新技术企业", "Valid high-tech enterprise title";
    HoldsTechSme = "holds_tech_sme", Flag, Registry, false, "有效期内科技型中小企业", "Valid tech SME registration";
    HoldsInnovative = "holds_innovative", Flag, Registry, false, "有效期内创新型中小企业", "Valid innovative SME title";
    HoldsSpecialized = "holds_specialized", Flag, Registry, false, "有效期内专精特新中小企业", "Valid specialised SME title";
    HoldsLittleGiant = "holds_little_giant", Flag, Registry, false, "有效期内专精特新\"小巨人\"", "Valid little giant title";
    HoldsSingleChampion = "holds_single_champion", Flag, Registry, true, "有效期内制造业单项冠军", "Valid single champion title";
    HoldsInnovationTitle = "holds_innovation_title", Flag, Registry, false, "国家级技术创新示范企业或知识产权优势/示范企业", "National innovation demonstration or IP advantage/demonstration title";
    AwardProvincial3y = "award_provincial_3y", Flag, Declared, false, "近3年获省级及以上科学技术奖励", "Provincial or national S&T award in the last 3 years";
    AwardTop3y = "award_top_3y", Flag, Declared, false, "近3年获省级科技奖励排名前三或国家级排名前五", "S&T award in 3 years: provincial top 3 or national top 5";
    AwardNationalTop3_3y = "award_national_top3_3y", Flag, Declared, false, "近3年获国家级科技奖励且排名前三", "National S&T award in 3 years, ranked top 3";
    AwardNationalTop3_5y = "award_national_top3_5y", Flag, Declared, false, "近5年获国家级科技奖励且排名前三", "National S&T award in 5 years, ranked top 3";
    StandardLed5y = "standard_led_5y", Flag, Declared, false, "近5年主导制定国际、国家或行业标准", "Led an international, national or industry standard in 5 years";
    ChuangkeTop500_3y = "chuangke_top500_3y", Flag, Declared, false, "近3年进入「创客中国」全国500强企业组名单", "Chuangke China national top 500 in 3 years";
    ChuangkeTop50_3y = "chuangke_top50_3y", Flag, Declared, false, "近3年进入「创客中国」全国50强企业组名单", "Chuangke China national top 50 in 3 years";
    MainProductField = "main_product_field_level", Level, Declared, false, "主导产品所属领域(补短板等2/六基等1/其他0)", "Main product field (gap filling 2, six foundations etc. 1, other 0)";
    NicheSharePct = "niche_share_pct", Percent, Declared, false, "主导产品全国细分市场占有率", "National niche market share of the main product";
    NationalRankTop3 = "national_rank_top3", Flag, Declared, false, "主导产品细分市场占有率全国前三", "Niche market share in the national top 3";
    NewProduct = "new_product", Flag, Declared, false, "属新产品(从事年限可放宽至5年)", "A new product (5 years in the field suffice)";
    GlobalRank = "global_rank_top3", Flag, Declared, false, "单项产品市场占有率全球前三", "Product market share in the global top 3";
    OwnBrand = "own_brand", Flag, Registry, false, "拥有自主品牌", "Own brand";
    ManagementSystem = "management_certification", Flag, Registry, false, "通过管理体系认证或发达国家和地区产品认证", "Management-system or developed-market product certification";
    InfoSystemProcess = "info_system_process", Flag, Declared, false, "至少1项核心业务采用信息系统", "At least one core process on an information system";
    ChainKeyLink = "chain_key_link", Flag, Declared, false, "位于产业链关键环节(补短板/锻长板/填空白)", "At a key link of an industry chain";
    KeyField = "key_field", Flag, Declared, false, "主导产品属于工业\"六基\"、制造强国或网络强国重点领域", "Main product in six foundations, manufacturing or network power fields";
    RdInstitutionOwn = "rd_institution_own", Flag, Registry, false, "建立研发机构(自建或共建)", "Has an own or jointly built R&D institution";
    Listed = "listed", Flag, Declared, true, "已上市(新三板除外)", "Listed (the NEEQ excepted)";
    CreditScore = "credit_score", Points, Declared, false, "第三方信用评分", "Third-party credit score";
    FieldYears = "field_years", Years, Declared, false, "从事相关领域年限", "Years in the product field";
    Special1 = "special_1", Points, Declared, false, "地方特色指标1", "Local indicator 1";
    Special2 = "special_2", Points, Declared, false, "地方特色指标2", "Local indicator 2";
    Special3 = "special_3", Points, Declared, false, "地方特色指标3", "Local indicator 3";
}

impl Metric {
    /// The index of this metric in a value array.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The metric a code names.
    pub fn parse(code: &str) -> Option<Metric> {
        Metric::ALL
            .iter()
            .copied()
            .find(|m| m.code() == code.trim())
    }
}

/// Number of metrics.
pub const METRIC_COUNT: usize = Metric::ALL.len();

/// The values of every metric for one enterprise-year; `NaN` marks a missing value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetricValues(pub [f64; METRIC_COUNT]);

impl Default for MetricValues {
    fn default() -> Self {
        MetricValues([f64::NAN; METRIC_COUNT])
    }
}

impl MetricValues {
    /// The value, or `None` when missing.
    pub fn get(&self, m: Metric) -> Option<f64> {
        let v = self.0[m.index()];
        if v.is_nan() { None } else { Some(v) }
    }

    /// Sets a value (`None` marks it missing; infinities are refused as missing).
    pub fn set(&mut self, m: Metric, v: Option<f64>) {
        self.0[m.index()] = match v {
            Some(x) if x.is_finite() => x,
            _ => f64::NAN,
        };
    }

    /// The same values with one metric replaced.
    pub fn with(mut self, m: Metric, v: f64) -> MetricValues {
        self.set(m, Some(v));
        self
    }
}
