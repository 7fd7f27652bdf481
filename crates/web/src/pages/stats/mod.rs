//! Statistics pages: the city overview and the county page (indicator cards, trend, bars,
//! map, rankings, each chart with its table), the leaders' full-screen view (大屏), the
//! enterprises behind a figure, the indicator cards and the seed facts beside the platform's
//! figures. Charts come from `app::stats::chart`, drawn on the server.

mod dashboard;
mod indicators;
mod records;

use crate::routes::{RouteTable, get};
use serde::Deserialize;

pub(crate) fn routes() -> RouteTable {
    RouteTable::new()
        .route("/stats/dashboard", get(dashboard::overview))
        .route("/stats/county/{code}", get(dashboard::county))
        .route("/stats/wall", get(dashboard::wall))
        .route("/stats/records", get(records::records_page))
        .route("/stats/seed-facts", get(records::seed_facts_page))
        .route("/stats/indicators", get(indicators::list_page))
        .route(
            "/stats/indicators/{code}",
            get(indicators::card_page).post(indicators::save),
        )
}

/// The dashboards' filters.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Filters {
    pub region: Option<String>,
    pub year: Option<String>,
    pub month: Option<String>,
    pub indicator: Option<String>,
}

impl Filters {
    /// The aggregates' query; empty or malformed numbers are left out (the use case picks its
    /// defaults) rather than refused on a dashboard.
    pub fn query(&self) -> app::stats::OutputQuery {
        let nonempty = |s: &Option<String>| s.clone().filter(|v| !v.trim().is_empty());
        app::stats::OutputQuery {
            region: nonempty(&self.region),
            year: self.year.as_deref().and_then(|y| y.trim().parse().ok()),
            month: self.month.as_deref().and_then(|m| m.trim().parse().ok()),
            indicator: nonempty(&self.indicator),
            ..Default::default()
        }
    }
}

/// `12168000.00` → `12,168,000.00`.
pub(crate) fn thousands(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map(|r| ("-", r)).unwrap_or(("", s));
    let (int, frac) = rest.split_once('.').unwrap_or((rest, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{out}")
    } else {
        format!("{sign}{out}.{frac}")
    }
}

/// A growth figure as shown: `+13.4%`, `-2.3%`, `—`.
pub(crate) fn growth(p: Option<f64>) -> String {
    match p {
        Some(v) if v > 0.0 => format!("+{v:.1}%"),
        Some(v) => format!("{v:.1}%"),
        None => "—".into(),
    }
}

/// The arrow of a growth figure.
pub(crate) fn arrow(p: Option<f64>) -> &'static str {
    match p {
        Some(v) if v > 0.0 => "▲",
        Some(v) if v < 0.0 => "▼",
        Some(_) => "▬",
        None => "",
    }
}

/// The records page of an API records link.
pub(crate) fn records_page_href(api: &str) -> String {
    api.replacen("/api/v1/stats/records", "/stats/records", 1)
}

/// A link with some query parameters replaced (a month's records from a year's link).
pub(crate) fn with_params(href: &str, params: &[(&str, &str)]) -> String {
    let (path, query) = href.split_once('?').unwrap_or((href, ""));
    let mut kept: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let key = p.split('=').next().unwrap_or("");
            !params.iter().any(|(k, _)| *k == key)
        })
        .map(str::to_string)
        .collect();
    kept.extend(params.iter().map(|(k, v)| format!("{k}={v}")));
    format!("{path}?{}", kept.join("&"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn figures_are_grouped_and_growth_signed() {
        assert_eq!(super::thousands("12168000.00"), "12,168,000.00");
        assert_eq!(super::thousands("-1234.5"), "-1,234.5");
        assert_eq!(super::thousands("999"), "999");
        assert_eq!(super::growth(Some(13.4)), "+13.4%");
        assert_eq!(super::growth(Some(-2.3)), "-2.3%");
        assert_eq!(super::arrow(Some(-0.1)), "▼");
        assert_eq!(
            super::with_params(
                "/stats/records?region=1&month=6&period=ytd",
                &[("month", "3"), ("period", "month")]
            ),
            "/stats/records?region=1&month=3&period=month"
        );
    }
}
