//! An assessment in words: values with their units, thresholds, gaps with the money they
//! take, the condition tree as indented rows.

use crate::i18n::{Lang, Tr};
use policy::cultivation::{ConditionResult, Gap, LeverInput, Metric, Op, Tier, Unit};
use policy::money::Fen;

/// A number with at most `places` decimals, trailing zeros dropped.
pub fn num(v: f64, places: usize) -> String {
    let s = format!("{v:.places$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// 万元 with thousands separators and two decimals.
pub fn wan(v: f64) -> String {
    Fen::new((v * 1_000_000.0).round() as i64).wan_yuan_display()
}

/// The name of a metric in the user's language.
pub fn metric_name(t: &Tr, m: Metric) -> &'static str {
    match t.lang {
        Lang::Zh => m.name_zh(),
        Lang::En => m.name_en(),
    }
}

/// The tier's name.
pub fn tier_name(t: &Tr, tier: &str) -> String {
    match Tier::parse(tier) {
        Some(_) => t.get(&format!("cultivation.tier.{tier}")),
        None => tier.to_string(),
    }
}

/// A value with its unit; "not given" when missing.
pub fn value(t: &Tr, m: Option<Metric>, v: Option<f64>) -> String {
    let Some(v) = v else {
        return t.get("cultivation.missing");
    };
    match m.map(Metric::unit) {
        Some(Unit::Percent) => format!("{}%", num(v, 2)),
        Some(Unit::WanYuan) => t.fmt("cultivation.unit.wan", &[("n", &wan(v))]),
        Some(Unit::Years) => t.fmt("cultivation.unit.years", &[("n", &num(v, 0))]),
        Some(Unit::Flag) => t.get(if v > 0.0 { "common.yes" } else { "common.no" }),
        _ => num(v, 2),
    }
}

/// A threshold with its comparison: `≥3%`.
pub fn threshold(t: &Tr, m: Option<Metric>, op: Option<Op>, v: Option<f64>) -> String {
    match (op, v) {
        (Some(op), Some(_)) => format!("{}{}", op.symbol(), value(t, m, v)),
        _ => String::new(),
    }
}

fn delta(t: &Tr, m: Metric, d: f64) -> String {
    let d = d.abs();
    match m.unit() {
        Unit::Percent => t.fmt("cultivation.unit.pct_points", &[("n", &num(d, 2))]),
        Unit::WanYuan => t.fmt("cultivation.unit.wan", &[("n", &wan(d))]),
        Unit::Years => t.fmt("cultivation.unit.years", &[("n", &num(d, 0))]),
        _ => num(d, 2),
    }
}

fn lever(t: &Tr, g: &Gap) -> String {
    let Some(l) = g.lever else {
        return String::new();
    };
    let key = match l.input {
        LeverInput::RdExpense => "cultivation.lever.rd_expense",
        LeverInput::NetProfit => "cultivation.lever.net_profit",
        LeverInput::MainRevenue => "cultivation.lever.main_revenue",
        LeverInput::Liabilities => "cultivation.lever.liabilities",
        LeverInput::RdStaff => "cultivation.lever.rd_staff",
        LeverInput::TechStaff => "cultivation.lever.tech_staff",
    };
    let amount = match l.input {
        LeverInput::RdStaff | LeverInput::TechStaff => num(l.amount.abs(), 0),
        _ => wan(l.amount.abs()),
    };
    t.fmt(key, &[("amount", &amount)])
}

/// The gap in a sentence: "研发费用占营业收入比重 2.6%：差 0.4个百分点，约需增加研发费用 48.00万元，
/// 可达到 ≥3% 档(15分)".
pub fn gap(t: &Tr, g: &Gap) -> String {
    let m = Some(g.metric);
    let target = threshold(t, m, Some(g.op), Some(g.target));
    let strict = if matches!(g.op, Op::Above | Op::Below) {
        t.get("cultivation.gap.strict")
    } else {
        String::new()
    };
    let params = [
        ("metric", metric_name(t, g.metric).to_string()),
        ("value", value(t, m, Some(g.value))),
        ("delta", delta(t, g.metric, g.delta)),
        ("lever", lever(t, g)),
        ("target", target),
        ("strict", strict),
        (
            "points",
            g.points_after.map(|p| p.to_string()).unwrap_or_default(),
        ),
    ];
    let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let key = if g.points_after.is_some() {
        "cultivation.gap.indicator"
    } else {
        "cultivation.gap.condition"
    };
    t.fmt(key, &params)
}

/// Met, not met, or unknown: (css class, label).
pub fn met(t: &Tr, m: Option<bool>) -> (&'static str, String) {
    match m {
        Some(true) => ("green", t.get("cultivation.met")),
        Some(false) => ("red", t.get("cultivation.not_met")),
        None => ("orange", t.get("cultivation.unknown")),
    }
}

/// One row of a condition tree.
pub struct CondRow {
    /// Nesting depth (0 = top).
    pub depth: usize,
    /// Code.
    pub code: String,
    /// Name (with "any one of" for groups of alternatives).
    pub name: String,
    /// Status class.
    pub class: &'static str,
    /// Status label.
    pub status: String,
    /// Value.
    pub value: String,
    /// Threshold.
    pub threshold: String,
    /// Gap sentence.
    pub gap: String,
}

/// The condition tree as rows, parents before their parts.
pub fn conditions(t: &Tr, items: &[ConditionResult]) -> Vec<CondRow> {
    fn walk(t: &Tr, c: &ConditionResult, depth: usize, out: &mut Vec<CondRow>) {
        let (class, status) = met(t, c.met);
        let mut name = c.name.clone();
        if !c.parts.is_empty() {
            let key = if c.any {
                "cultivation.any_of"
            } else {
                "cultivation.all_of"
            };
            name = format!("{name} ({})", t.get(key));
        }
        out.push(CondRow {
            depth,
            code: c.code.clone(),
            name,
            class,
            status,
            value: if c.metric.is_some() {
                value(t, c.metric, c.value)
            } else {
                String::new()
            },
            threshold: threshold(t, c.metric, c.op, c.threshold),
            gap: c.gap.as_ref().map(|g| gap(t, g)).unwrap_or_default(),
        });
        for p in &c.parts {
            walk(t, p, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    for c in items {
        walk(t, c, 0, &mut out);
    }
    out
}
