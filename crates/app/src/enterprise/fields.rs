//! The data dictionary of the registry: every column of the import templates, the exports and
//! the JSON API, in one place. The template headers, the notes row, the drop-down lists, the
//! JSON field names and the data-dictionary page are all generated from these tables.

/// What a column holds, and so how it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text (trimmed), at most this many characters.
    Text(usize),
    /// 统一社会信用代码.
    Uscc,
    /// A region code known to the platform.
    Region,
    /// A GB/T 4754-2017 industry code.
    Industry,
    /// A date in any common spreadsheet form.
    Date,
    /// 是/否.
    Bool,
    /// A whole number ≥ 0.
    Count,
    /// A year, 1949-2100.
    Year,
    /// An amount in 万元 (exact, up to six decimals).
    Money,
    /// One of a fixed list: (stored code, Chinese label).
    Choice(&'static [(&'static str, &'static str)]),
    /// A phone number (personal data).
    Phone,
    /// A decimal number (up to six decimals, may be negative) whose unit another column names:
    /// a statistics figure in its indicator's unit; the importer checks the unit's precision.
    Decimal,
}

/// One column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The JSON field name (and internal key).
    pub key: &'static str,
    /// The Chinese header of templates and exports.
    pub zh: &'static str,
    /// The English header.
    pub en: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// Whether a value is required.
    pub required: bool,
}

const fn f(
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    kind: FieldKind,
    required: bool,
) -> Field {
    Field {
        key,
        zh,
        en,
        kind,
        required,
    }
}

/// 经营状态.
pub const STATUS_CHOICES: &[(&str, &str)] =
    &[("operating", "在营"), ("closed", "关闭"), ("moved", "迁出")];
/// 研发机构级别.
pub const RD_LEVEL_CHOICES: &[(&str, &str)] = &[
    ("none", "无"),
    ("below_city", "市级以下"),
    ("city", "市级"),
    ("provincial", "省级"),
    ("national", "国家级"),
];
/// 数字化水平 1-5.
pub const DIGITAL_CHOICES: &[(&str, &str)] =
    &[("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")];
/// 荣誉级别.
pub const HONOR_LEVEL_CHOICES: &[(&str, &str)] = &[
    ("national", "国家级"),
    ("provincial", "省级"),
    ("city", "市级"),
];
/// 荣誉状态.
pub const HONOR_STATUS_CHOICES: &[(&str, &str)] = &[
    ("valid", "有效"),
    ("expired", "已过期"),
    ("revoked", "已撤销"),
];
/// 称号 (generated from `policy::enterprise::HonorTitle` at run time for drop-downs; this list is
/// the same in the same order, checked by a test).
pub const HONOR_TITLE_CHOICES: &[(&str, &str)] = &[
    ("tech_sme", "科技型中小企业"),
    ("innovative", "创新型中小企业"),
    ("specialized", "专精特新中小企业"),
    ("little_giant", "专精特新\"小巨人\"企业"),
    ("key_little_giant", "重点\"小巨人\"企业"),
    ("single_champion", "制造业单项冠军"),
    ("gazelle", "瞪羚企业"),
    ("high_tech", "高新技术企业"),
    ("tech_innovation_demo", "技术创新示范企业"),
    ("tech_center", "企业技术中心"),
    ("design_center", "工业设计中心"),
    ("green_factory", "绿色工厂"),
    ("key_lab", "企业重点实验室"),
    ("innovation_center", "技术创新中心"),
];

use FieldKind::*;

/// Columns of the enterprise template.
pub const ENTERPRISE_FIELDS: &[Field] = &[
    f(
        "uscc",
        "统一社会信用代码",
        "Unified social credit code",
        Uscc,
        true,
    ),
    f("name", "企业名称", "Enterprise name", Text(100), true),
    f(
        "former_names",
        "曾用名",
        "Former names (separated by ;)",
        Text(500),
        false,
    ),
    f(
        "region_code",
        "区县代码",
        "Region code (county or town)",
        Region,
        true,
    ),
    f("address", "地址", "Address", Text(200), false),
    f(
        "industry_code",
        "行业代码",
        "Industry code (GB/T 4754-2017)",
        Industry,
        true,
    ),
    f("founded_on", "成立日期", "Founded on", Date, false),
    f(
        "above_size",
        "是否规上",
        "Above designated size",
        Bool,
        false,
    ),
    f(
        "above_size_since",
        "规上年份",
        "Above size since (year)",
        Year,
        false,
    ),
    f(
        "legal_rep",
        "法定代表人",
        "Legal representative",
        Text(50),
        false,
    ),
    f("contact_name", "联系人", "Contact person", Text(50), false),
    f("contact_phone", "联系电话", "Contact phone", Phone, false),
    f(
        "main_products",
        "主要产品",
        "Main products",
        Text(500),
        false,
    ),
    f("niche_market", "细分市场", "Niche market", Text(200), false),
    f(
        "niche_since_year",
        "进入细分市场年份",
        "Year entered the niche",
        Year,
        false,
    ),
    f(
        "strategic_emerging",
        "是否战略性新兴产业",
        "Strategic emerging industry",
        Bool,
        false,
    ),
    f(
        "test_labs",
        "检测实验室",
        "Test laboratories (separated by ;)",
        Text(500),
        false,
    ),
    f(
        "production_lines",
        "主要生产线",
        "Production lines (separated by ;)",
        Text(500),
        false,
    ),
    f(
        "research_bases",
        "产学研基地及合作高校",
        "Industry-university-research bases and partners",
        Text(500),
        false,
    ),
    f(
        "status",
        "经营状态",
        "Status",
        Choice(STATUS_CHOICES),
        false,
    ),
    f(
        "status_date",
        "状态变更日期",
        "Status changed on",
        Date,
        false,
    ),
    f(
        "status_reason",
        "状态变更原因",
        "Why the status changed",
        Text(200),
        false,
    ),
];

/// Columns of the yearly financials template (the first 18 are the issue's required headers).
pub const FINANCIAL_FIELDS: &[Field] = &[
    f(
        "uscc",
        "统一社会信用代码",
        "Unified social credit code",
        Uscc,
        true,
    ),
    f("year", "年度", "Year", Year, true),
    f(
        "revenue_wan_yuan",
        "营业收入(万元)",
        "Operating revenue (10k yuan)",
        Money,
        false,
    ),
    f(
        "main_revenue_wan_yuan",
        "主营业务收入(万元)",
        "Main-business revenue (10k yuan)",
        Money,
        false,
    ),
    f(
        "rd_expense_wan_yuan",
        "研发费用(万元)",
        "R&D expense (10k yuan)",
        Money,
        false,
    ),
    f(
        "net_profit_wan_yuan",
        "净利润(万元)",
        "Net profit (10k yuan)",
        Money,
        false,
    ),
    f(
        "total_assets_wan_yuan",
        "资产总额(万元)",
        "Total assets (10k yuan)",
        Money,
        false,
    ),
    f(
        "total_liabilities_wan_yuan",
        "负债总额(万元)",
        "Total liabilities (10k yuan)",
        Money,
        false,
    ),
    f("staff", "从业人员数", "Staff", Count, false),
    f("rd_staff", "研发人员数", "R&D staff", Count, false),
    f(
        "tech_staff",
        "科技人员数",
        "Science & tech staff",
        Count,
        false,
    ),
    f(
        "equity_financing_wan_yuan",
        "股权融资(万元)",
        "Equity financing (10k yuan)",
        Money,
        false,
    ),
    f(
        "ip_class1_high_value",
        "Ⅰ类高价值知识产权数",
        "Class I high-value IP",
        Count,
        false,
    ),
    f(
        "ip_class1_self_developed",
        "自主研发Ⅰ类知识产权数",
        "Self-developed class I IP",
        Count,
        false,
    ),
    f("ip_class1", "Ⅰ类知识产权数", "Class I IP", Count, false),
    f("ip_class2", "Ⅱ类知识产权数", "Class II IP", Count, false),
    f(
        "digital_level",
        "数字化水平",
        "Digitalisation level (1-5)",
        Choice(DIGITAL_CHOICES),
        false,
    ),
    f(
        "rd_institution_level",
        "研发机构级别",
        "R&D institution level",
        Choice(RD_LEVEL_CHOICES),
        false,
    ),
    f(
        "invention_patents",
        "发明专利数",
        "Invention patents",
        Count,
        false,
    ),
    f(
        "utility_models",
        "实用新型专利数",
        "Utility models",
        Count,
        false,
    ),
    f(
        "software_copyrights",
        "软件著作权数",
        "Software copyrights",
        Count,
        false,
    ),
    f(
        "quality_award",
        "省级以上质量奖",
        "Provincial+ quality award",
        Bool,
        false,
    ),
    f(
        "quality_certification",
        "质量管理体系认证",
        "Quality certification",
        Bool,
        false,
    ),
    f("own_brand", "自主品牌", "Own brand", Bool, false),
    f(
        "standard_drafting",
        "参与标准制定",
        "Standard drafting",
        Bool,
        false,
    ),
    f("data_source", "数据来源", "Data source", Text(100), false),
];

/// Columns of the honors template.
pub const HONOR_FIELDS: &[Field] = &[
    f(
        "uscc",
        "统一社会信用代码",
        "Unified social credit code",
        Uscc,
        true,
    ),
    f("title", "称号", "Title", Choice(HONOR_TITLE_CHOICES), true),
    f("level", "级别", "Level", Choice(HONOR_LEVEL_CHOICES), true),
    f("year", "年度", "Year", Year, true),
    f("batch", "批次", "Batch", Text(50), false),
    f(
        "certificate_no",
        "证书编号",
        "Certificate number",
        Text(100),
        false,
    ),
    f("valid_from", "有效期起", "Valid from", Date, false),
    f("valid_to", "有效期止", "Valid to", Date, false),
    f(
        "status",
        "状态",
        "Status",
        Choice(HONOR_STATUS_CHOICES),
        false,
    ),
    f(
        "source_document",
        "来源文件",
        "Source document",
        Text(200),
        false,
    ),
];

/// The note under a header in the template: format and allowed values.
pub fn note(field: &Field) -> String {
    let req = if field.required {
        "必填；"
    } else {
        "选填；"
    };
    let what = match field.kind {
        Text(n) => format!("文本，不超过{n}字"),
        Uscc => "18位，校验位须正确".into(),
        Region => "6位区县代码或9位乡镇代码，如371521".into(),
        Industry => "国民经济行业分类代码，如C3511或3511".into(),
        Date => "日期，如2022-01-05、2022/1/5、2022年1月5日".into(),
        Bool => "是/否".into(),
        Count => "非负整数".into(),
        Year => "四位年份，如2022".into(),
        Money => "金额（万元），最多6位小数".into(),
        Choice(list) => format!(
            "可选：{}",
            list.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("/")
        ),
        Phone => "手机号或座机号".into(),
        Decimal => "数值，按指标计量单位填写（金额为万元），如 1234.56".into(),
    };
    format!("{req}{what}")
}

/// The data dictionary as Markdown (`docs/data-dictionary.md`, kept current by a test).
pub fn dictionary_markdown() -> String {
    let mut out = String::from(
        "# Data dictionary of the enterprise registry\n\n\
         Generated from `crates/app/src/enterprise/fields.rs`; a test keeps this file current.\n\
         The same columns serve the import templates (Chinese headers), the exports and the JSON\n\
         API (the keys). Amounts are in 万元, stored exactly.\n",
    );
    for (title, table) in [
        ("Enterprises (企业基本信息)", ENTERPRISE_FIELDS),
        ("Yearly financials (年度经营数据)", FINANCIAL_FIELDS),
        ("Honors (荣誉称号)", HONOR_FIELDS),
    ] {
        out.push_str(&format!(
            "\n## {title}\n\n| 表头 | JSON key | English | 格式与取值 |\n|---|---|---|---|\n"
        ));
        for f in table {
            out.push_str(&format!(
                "| {} | `{}` | {} | {} |\n",
                f.zh,
                f.key,
                f.en,
                note(f)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use policy::enterprise::HonorTitle;

    #[test]
    fn the_data_dictionary_in_docs_is_current() {
        let shipped = include_str!("../../../../docs/data-dictionary.md");
        assert_eq!(
            shipped,
            dictionary_markdown(),
            "regenerate docs/data-dictionary.md from app::enterprise::fields::dictionary_markdown()"
        );
    }

    #[test]
    fn honor_choices_match_the_domain_titles() {
        assert_eq!(HONOR_TITLE_CHOICES.len(), HonorTitle::ALL.len());
        for ((code, label), t) in HONOR_TITLE_CHOICES.iter().zip(HonorTitle::ALL) {
            assert_eq!(*code, t.as_str());
            assert_eq!(*label, t.name_zh());
        }
    }

    #[test]
    fn financial_template_starts_with_the_issues_headers() {
        let want = [
            "统一社会信用代码",
            "年度",
            "营业收入(万元)",
            "主营业务收入(万元)",
            "研发费用(万元)",
            "净利润(万元)",
            "资产总额(万元)",
            "负债总额(万元)",
            "从业人员数",
            "研发人员数",
            "科技人员数",
            "股权融资(万元)",
            "Ⅰ类高价值知识产权数",
            "自主研发Ⅰ类知识产权数",
            "Ⅰ类知识产权数",
            "Ⅱ类知识产权数",
            "数字化水平",
            "研发机构级别",
        ];
        let got: Vec<&str> = FINANCIAL_FIELDS.iter().take(18).map(|f| f.zh).collect();
        assert_eq!(got, want);
        let keys: std::collections::HashSet<_> = FINANCIAL_FIELDS.iter().map(|f| f.key).collect();
        assert_eq!(keys.len(), FINANCIAL_FIELDS.len(), "keys are unique");
    }
}
