//! The reports' charts: the dashboards' drawings ([`crate::stats::chart`]) in the light theme,
//! with Chinese titles and 亿元 for money.

use super::doc::Chart;
use crate::stats::OutputView;
use crate::stats::chart::{self, Area, Bar, Series, Theme};
use crate::stats::dashboard::county_cells;

/// A value for charts: 亿元 for money (the exact text is in 万元), the unit otherwise.
fn chart_value(text: &str, money: bool) -> f64 {
    let v = text.parse::<f64>().unwrap_or(0.0);
    if money { v / 10_000.0 } else { v }
}

fn unit(v: &OutputView) -> String {
    if v.money {
        "亿元".into()
    } else {
        v.unit.clone()
    }
}

fn growth(p: Option<f64>) -> String {
    p.map(|p| format!("{p:+.1}%")).unwrap_or_else(|| "—".into())
}

/// This year's and last year's months.
pub fn trend(v: &OutputView, id: &str) -> Chart {
    let labels: Vec<String> = (1..=12).map(|m| format!("{m}月")).collect();
    let series = |months: &[String], name: String, dashed: bool| Series {
        name,
        values: months
            .iter()
            .map(|m| Some(chart_value(m, v.money)))
            .collect(),
        dashed,
    };
    let title = format!("{}{}月度走势", v.region_name, v.indicator_name);
    let svg = chart::line_chart(
        id,
        &title,
        &unit(v),
        &labels,
        &[
            series(&v.months, v.year.to_string(), false),
            series(&v.prior_months, (v.year - 1).to_string(), true),
        ],
        Theme::Light,
    );
    Chart { title, svg }
}

/// The rows of `v` as bars coloured by alert, at most `top` of them.
pub fn bars(v: &OutputView, id: &str, title: String, top: usize) -> Chart {
    let list: Vec<Bar> = v
        .rows
        .iter()
        .take(top)
        .map(|r| {
            let value = chart_value(&r.total, v.money);
            Bar {
                label: r.name.clone(),
                value,
                note: format!("{value:.1} · {}", growth(r.yoy_pct)),
                colour: chart::alert_colour(&r.alert),
            }
        })
        .collect();
    let legend = [
        (chart::alert_colour("normal"), "增速正常".to_string()),
        (chart::alert_colour("warning"), "低于提示线".to_string()),
        (chart::alert_colour("alert"), "低于预警线".to_string()),
    ];
    let svg = chart::bar_chart(id, &title, &unit(v), &list, &legend, Theme::Light);
    Chart { title, svg }
}

/// The county map coloured by growth.
pub fn map(v: &OutputView, id: &str) -> Chart {
    let areas: Vec<Area> = county_cells(v)
        .iter()
        .map(|c| Area {
            code: c.code.clone(),
            yoy_pct: c.yoy_pct,
            note: growth(c.yoy_pct),
            href: String::new(),
        })
        .collect();
    let title = format!(
        "各县（市、区）{}增速（{}）",
        v.indicator_name, v.period_label
    );
    let svg = chart::map_chart(
        id,
        &title,
        crate::stats::COUNTY_SHAPES,
        &areas,
        "同比增速",
        Theme::Light,
    );
    Chart { title, svg }
}
