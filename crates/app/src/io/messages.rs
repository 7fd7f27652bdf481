//! Chinese texts of the import messages, for callers without the web catalogue (the command
//! line, tests). The web layer passes its own catalogue to [`super::error_sheet_xlsx`].

/// The Chinese text of an import message key with its parameters filled in; the key itself
/// when unknown.
pub fn message_zh(key: &str, params: &[(String, String)]) -> String {
    let text = match key {
        "common.required" => "必填项",
        "common.too_long" => "不能超过 {max} 个字",
        "common.date_format" => "日期格式应为 2026-11-25",
        "common.bool_format" => "应填写“是”或“否”",
        "common.count_format" => "应为非负整数",
        "common.year_format" => "应为四位年份，如 2022",
        "common.choice" => "只能填写：{allowed}",
        "common.phone_format" => "电话号码格式不正确",
        "uscc.length" => "统一社会信用代码应为 18 位",
        "uscc.character" => "统一社会信用代码含有不允许的字符",
        "uscc.check" => "统一社会信用代码校验位错误，应为 {expected}",
        "region_code.format" => "区划代码应为 6 位或 9 位数字",
        "region.unknown" => "区划 {code} 不存在",
        "region.out_of_scope" => "该区划不在您的管理范围内",
        "money.format" => "金额格式不正确，应为数字（万元），如 1234.56",
        "money.precision" => "金额小数位过多（最多 6 位，即精确到分）",
        "money.range" => "金额超出范围",
        "industry_code.format" => "行业代码应为门类字母加 2-4 位数字，如 C3511",
        "industry_code.unknown_division" => "国民经济行业分类中没有这个大类",
        "industry_code.section_mismatch" => "行业代码门类字母不符，应为 {expected}",
        "enterprise.exists" => "该统一社会信用代码的企业已存在",
        "enterprise.not_found" => "企业不存在或不在您的管理范围内",
        "enterprise.out_of_scope" => "该企业不在您的管理范围内",
        "financial.exists" => "该企业 {year} 年度的财务数据已存在",
        "honor.exists" => "该企业的这一荣誉已存在",
        "honor.ends_before_start" => "有效期止不能早于有效期起",
        "import.duplicate_in_file" => "与第 {row} 行重复",
        "import.bad_row" => "该行无法读取",
        "import.no_header" => "找不到表头，请使用下载的模板",
        "import.missing_column" => "缺少必填列：{column}",
        "import.duplicate_column" => "列 {column} 出现了两次",
        "import.not_spreadsheet" => "文件无法读取，请上传 xlsx、xls 或 CSV 文件",
        "import.empty" => "文件中没有工作表",
        "stats.value_format" => "数值格式不正确，应为数字，如 1234.56",
        "stats.value_precision" => "小数位过多：该指标（{unit}）最多 {decimals} 位小数",
        "stats.value_range" => "数值超出范围",
        "stats.value_negative" => "该指标不能为负数",
        "stats.indicator_unknown" => "没有代码为 {code} 的统计指标",
        "stats.month_range" => "月份应为 1-12",
        "stats.month_future" => "不能填报未来月份的数据",
        "stats.figure_exists" => "该企业 {period} 的这项数据已存在",
        _ => key,
    };
    let mut out = text.to_string();
    for (name, value) in params {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}
