//! Charts as SVG, drawn on the server by hand so that pages and reports share them: a line
//! chart (monthly trends), a horizontal bar chart (counties, groups, industries) and the
//! county map coloured by growth. Every chart carries its title, unit and (where there is more
//! than one series) a legend; the pages show the same numbers as a table beside it.

use serde_json::Value;
use std::fmt::Write;

/// Light (pages, reports) or dark (the leaders' screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on white.
    Light,
    /// Light text on a dark blue ground.
    Dark,
}

impl Theme {
    fn text(self) -> &'static str {
        match self {
            Theme::Light => "#1f2329",
            Theme::Dark => "#e6edf7",
        }
    }
    fn muted(self) -> &'static str {
        match self {
            Theme::Light => "#6b7280",
            Theme::Dark => "#9fb3c8",
        }
    }
    /// The drawing width: the dark screen's panels are seen from afar, so its charts are drawn
    /// narrower and scaled up (larger type).
    fn width(self) -> f64 {
        match self {
            Theme::Light => 720.0,
            Theme::Dark => 560.0,
        }
    }
    fn grid(self) -> &'static str {
        match self {
            Theme::Light => "#e5e7eb",
            Theme::Dark => "#2a3f5f",
        }
    }
}

/// The series colours, in order (the government blue first).
pub const PALETTE: [&str; 6] = [
    "#1f5fbf", "#e08a00", "#1a7f37", "#8e44ad", "#c62828", "#0e7c86",
];

/// The colour of an alert level (`normal`, `warning`, `alert`, `unknown`).
pub fn alert_colour(alert: &str) -> &'static str {
    match alert {
        "normal" => "#1a7f37",
        "warning" => "#e08a00",
        "alert" => "#c62828",
        _ => "#9aa0a6",
    }
}

/// Escapes text for SVG.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A "nice" step for about `n` ticks up to `max`.
fn nice_step(max: f64, n: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let raw = max / n;
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// A number for an axis label: thousands separators, no needless decimals.
pub fn axis_label(v: f64) -> String {
    if v.abs() >= 1000.0 || v.fract() == 0.0 {
        let s = format!("{:.0}", v.abs());
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if v < 0.0 { format!("-{out}") } else { out }
    } else {
        format!("{v:.1}")
    }
}

/// One line of a line chart.
#[derive(Debug, Clone)]
pub struct Series {
    /// Legend text.
    pub name: String,
    /// One value per label; None leaves a gap.
    pub values: Vec<Option<f64>>,
    /// Dashed (last year's line).
    pub dashed: bool,
}

fn header(out: &mut String, id: &str, w: f64, h: f64, title: &str, unit: &str, theme: Theme) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" id="{id}" class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title" font-family="PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif"><title id="{id}-title">{t}</title><text x="12" y="22" font-size="16" font-weight="600" fill="{c}">{t}</text><text x="{ux}" y="22" font-size="12" text-anchor="end" fill="{m}">{u}</text>"#,
        t = esc(title),
        c = theme.text(),
        m = theme.muted(),
        ux = w - 12.0,
        u = esc(unit),
    );
}

/// A line chart of monthly values: axes, grid, one line per series, a legend.
pub fn line_chart(
    id: &str,
    title: &str,
    unit: &str,
    labels: &[String],
    series: &[Series],
    theme: Theme,
) -> String {
    let (w, h) = (theme.width(), 320.0);
    let (left, right, top, bottom) = (72.0, 16.0, 56.0, 40.0);
    let mut out = String::new();
    header(&mut out, id, w, h, title, unit, theme);
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .fold(0.0f64, |a, b| a.max(*b));
    let step = nice_step(max, 4.0);
    let top_value = (max / step).ceil().max(1.0) * step;
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let y = |v: f64| top + plot_h - v / top_value * plot_h;
    let n = labels.len().max(1);
    let x = |i: usize| left + plot_w * (i as f64 + 0.5) / n as f64;
    let mut v = 0.0;
    while v <= top_value + step / 2.0 {
        let _ = write!(
            out,
            r#"<line x1="{left}" x2="{x2}" y1="{yy:.1}" y2="{yy:.1}" stroke="{g}"/><text x="{lx}" y="{ty:.1}" font-size="11" text-anchor="end" fill="{m}">{l}</text>"#,
            x2 = w - right,
            yy = y(v),
            g = theme.grid(),
            lx = left - 6.0,
            ty = y(v) + 4.0,
            m = theme.muted(),
            l = axis_label(v),
        );
        v += step;
    }
    for (i, l) in labels.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{xx:.1}" y="{yy}" font-size="11" text-anchor="middle" fill="{m}">{l}</text>"#,
            xx = x(i),
            yy = h - bottom + 18.0,
            m = theme.muted(),
            l = esc(l),
        );
    }
    for (si, s) in series.iter().enumerate() {
        let colour = PALETTE[si % PALETTE.len()];
        let mut d = String::new();
        let mut pen_down = false;
        for (i, v) in s.values.iter().enumerate() {
            match v {
                Some(v) => {
                    let _ = write!(
                        d,
                        "{}{:.1},{:.1} ",
                        if pen_down { "L" } else { "M" },
                        x(i),
                        y(*v)
                    );
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        let dash = if s.dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>"#
        );
        for (i, v) in s.values.iter().enumerate() {
            if let Some(v) = v {
                let _ = write!(
                    out,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{colour}"><title>{} {}: {}</title></circle>"#,
                    x(i),
                    y(*v),
                    esc(&s.name),
                    esc(labels.get(i).map(String::as_str).unwrap_or("")),
                    axis_label(*v)
                );
            }
        }
        // Legend, top right under the unit.
        let lx = w - right - 110.0 * (series.len() - si) as f64;
        let _ = write!(
            out,
            r#"<line x1="{lx}" x2="{x2}" y1="38" y2="38" stroke="{colour}" stroke-width="3"{dash}/><text x="{tx}" y="42" font-size="12" fill="{c}">{n}</text>"#,
            x2 = lx + 24.0,
            tx = lx + 30.0,
            c = theme.text(),
            n = esc(&s.name),
        );
    }
    out.push_str("</svg>");
    out
}

/// One bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Label on the left.
    pub label: String,
    /// Length.
    pub value: f64,
    /// Text at the bar's end (the value, growth).
    pub note: String,
    /// Fill colour.
    pub colour: &'static str,
}

/// Horizontal bars (long Chinese names read well on the left), largest scale from zero, with
/// a legend of what the colours mean (`legend`: colour, text) when given.
pub fn bar_chart(
    id: &str,
    title: &str,
    unit: &str,
    bars: &[Bar],
    legend: &[(&str, String)],
    theme: Theme,
) -> String {
    let row = 30.0;
    let legend_h = if legend.is_empty() { 0.0 } else { 20.0 };
    let (w, top, bottom, left, right) = (theme.width(), 44.0 + legend_h, 16.0, 190.0, 120.0);
    let h = top + bottom + row * bars.len().max(1) as f64;
    let mut out = String::new();
    header(&mut out, id, w, h, title, unit, theme);
    let mut lx = 12.0;
    for (colour, text) in legend {
        let _ = write!(
            out,
            r#"<rect x="{lx}" y="34" width="12" height="12" rx="2" fill="{colour}"/><text x="{tx}" y="44" font-size="12" fill="{m}">{t}</text>"#,
            tx = lx + 16.0,
            m = theme.muted(),
            t = esc(text),
        );
        lx += 28.0 + 12.0 * text.chars().count() as f64;
    }
    let max = bars.iter().fold(0.0f64, |a, b| a.max(b.value));
    let scale = if max > 0.0 {
        (w - left - right) / max
    } else {
        0.0
    };
    for (i, b) in bars.iter().enumerate() {
        let y = top + row * i as f64;
        let len = (b.value.max(0.0) * scale).max(if b.value > 0.0 { 1.0 } else { 0.0 });
        // Long names (GB/T 4754 divisions) are shortened to fit; the full name is the tooltip.
        let short: String = if b.label.chars().count() > 13 {
            b.label.chars().take(12).chain(['…']).collect()
        } else {
            b.label.clone()
        };
        let _ = write!(
            out,
            r#"<text x="{lx}" y="{ty:.1}" font-size="13" text-anchor="end" fill="{c}">{s}<title>{l}</title></text><rect x="{left}" y="{ry:.1}" width="{len:.1}" height="18" rx="3" fill="{f}"><title>{l}: {n}</title></rect><text x="{nx:.1}" y="{ty:.1}" font-size="12" fill="{m}">{n}</text>"#,
            lx = left - 8.0,
            ty = y + 14.0,
            ry = y + 1.0,
            c = theme.text(),
            s = esc(&short),
            l = esc(&b.label),
            f = b.colour,
            nx = left + len + 6.0,
            m = theme.muted(),
            n = esc(&b.note),
        );
    }
    out.push_str("</svg>");
    out
}

/// One county on the map.
#[derive(Debug, Clone)]
pub struct Area {
    /// County code (the shape's `properties.code`).
    pub code: String,
    /// Growth in percent, when known.
    pub yoy_pct: Option<f64>,
    /// Text under the name (the growth).
    pub note: String,
    /// Link to the county's page.
    pub href: String,
}

/// The colour of a growth rate on the map: the legend's five classes.
pub fn growth_colour(yoy: Option<f64>) -> &'static str {
    match yoy {
        None => "#c9ced6",
        Some(g) if g < 0.0 => "#e57373",
        Some(g) if g < 5.0 => "#ffcc80",
        Some(g) if g < 10.0 => "#a5d6a7",
        Some(_) => "#43a047",
    }
}

/// The classes of [`growth_colour`], for the legend.
pub const GROWTH_CLASSES: [(&str, &str); 5] = [
    ("#43a047", "≥ 10%"),
    ("#a5d6a7", "5% – 10%"),
    ("#ffcc80", "0 – 5%"),
    ("#e57373", "< 0"),
    ("#c9ced6", "—"),
];

type Ring = Vec<(f64, f64)>;

fn rings(geometry: &Value) -> Vec<Ring> {
    let ring = |r: &Value| -> Ring {
        r.as_array()
            .map(|pts| {
                pts.iter()
                    .filter_map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?)))
                    .collect()
            })
            .unwrap_or_default()
    };
    match geometry.get("type").and_then(Value::as_str) {
        Some("Polygon") => geometry["coordinates"]
            .as_array()
            .map(|rs| rs.iter().map(ring).collect())
            .unwrap_or_default(),
        Some("MultiPolygon") => geometry["coordinates"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .filter_map(Value::as_array)
                    .flat_map(|rs| rs.iter().map(ring))
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The county map from GeoJSON (`properties.code`, `properties.name`), each county filled by
/// its growth class and labelled with its name and note, with the legend; counties link to
/// their pages. Longitude is scaled by the cosine of the mean latitude so shapes keep their
/// proportions.
pub fn map_chart(
    id: &str,
    title: &str,
    geojson: &str,
    areas: &[Area],
    legend_title: &str,
    theme: Theme,
) -> String {
    let parsed: Value = serde_json::from_str(geojson).unwrap_or(Value::Null);
    let features: Vec<&Value> = parsed["features"]
        .as_array()
        .map(|f| f.iter().collect())
        .unwrap_or_default();
    let shapes: Vec<(String, String, Vec<Ring>)> = features
        .iter()
        .map(|f| {
            (
                f["properties"]["code"].as_str().unwrap_or("").to_string(),
                f["properties"]["name"].as_str().unwrap_or("").to_string(),
                rings(&f["geometry"]),
            )
        })
        .collect();
    let pts = shapes.iter().flat_map(|(_, _, rs)| rs.iter().flatten());
    let (mut lo_x, mut hi_x, mut lo_y, mut hi_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (x, y) in pts {
        lo_x = lo_x.min(*x);
        hi_x = hi_x.max(*x);
        lo_y = lo_y.min(*y);
        hi_y = hi_y.max(*y);
    }
    let (w, h) = (720.0, 560.0);
    // Names and growth on the map are read from afar on the dark screen.
    let (name_size, note_size) = match theme {
        Theme::Light => (13, 12),
        Theme::Dark => (18, 16),
    };
    let mut out = String::new();
    header(&mut out, id, w, h, title, "", theme);
    if lo_x >= hi_x || lo_y >= hi_y {
        out.push_str("</svg>");
        return out;
    }
    let k = ((lo_y + hi_y) / 2.0).to_radians().cos();
    let (map_w, map_h) = (w - 190.0, h - 70.0);
    let scale = (map_w / ((hi_x - lo_x) * k)).min(map_h / (hi_y - lo_y));
    let px = |x: f64| 20.0 + (x - lo_x) * k * scale;
    let py = |y: f64| 50.0 + (hi_y - y) * scale;
    for (code, name, rs) in &shapes {
        let area = areas.iter().find(|a| a.code == *code);
        let fill = growth_colour(area.and_then(|a| a.yoy_pct));
        let mut d = String::new();
        let (mut cx, mut cy, mut cn) = (0.0, 0.0, 0.0);
        for r in rs {
            for (i, (x, y)) in r.iter().enumerate() {
                let _ = write!(
                    d,
                    "{}{:.1},{:.1}",
                    if i == 0 { "M" } else { "L" },
                    px(*x),
                    py(*y)
                );
                cx += px(*x);
                cy += py(*y);
                cn += 1.0;
            }
            d.push('Z');
        }
        let note = area.map(|a| a.note.as_str()).unwrap_or("—");
        let (cx, cy) = if cn > 0.0 {
            (cx / cn, cy / cn)
        } else {
            (0.0, 0.0)
        };
        let body = format!(
            r##"<path d="{d}" fill="{fill}" stroke="#ffffff" stroke-width="1.5" data-code="{code}"><title>{n} {note}</title></path><text x="{cx:.1}" y="{cy:.1}" font-size="{name_size}" font-weight="600" text-anchor="middle" fill="#1f2329">{n}</text><text x="{cx:.1}" y="{ny:.1}" font-size="{note_size}" text-anchor="middle" fill="#1f2329">{note}</text>"##,
            n = esc(name),
            note = esc(note),
            ny = cy + note_size as f64 + 4.0,
        );
        match area.map(|a| a.href.as_str()).filter(|h| !h.is_empty()) {
            Some(href) => {
                let _ = write!(out, r#"<a href="{}">{body}</a>"#, esc(href));
            }
            None => out.push_str(&body),
        }
    }
    let lx = w - 160.0;
    let _ = write!(
        out,
        r#"<text x="{lx}" y="{y}" font-size="{name_size}" font-weight="600" fill="{c}">{t}</text>"#,
        y = h - 150.0,
        c = theme.text(),
        t = esc(legend_title)
    );
    for (i, (colour, label)) in GROWTH_CLASSES.iter().enumerate() {
        let y = h - 136.0 + 22.0 * i as f64;
        let _ = write!(
            out,
            r#"<rect x="{lx}" y="{y}" width="18" height="14" fill="{colour}"/><text x="{tx}" y="{ty}" font-size="{note_size}" fill="{c}">{label}</text>"#,
            label = esc(label),
            tx = lx + 26.0,
            ty = y + 12.0,
            c = theme.text(),
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_draws_every_shipped_county_with_its_colour_and_link() {
        let svg = map_chart(
            "m",
            "各县增速",
            super::super::COUNTY_SHAPES,
            &[Area {
                code: "371503".into(),
                yoy_pct: Some(13.4),
                note: "+13.4%".into(),
                href: "/stats/county/371503".into(),
            }],
            "同比增速",
            Theme::Light,
        );
        assert_eq!(svg.matches("<path ").count(), 8, "eight counties");
        assert!(svg.contains("茌平区") && svg.contains("+13.4%"));
        assert!(svg.contains(r#"<a href="/stats/county/371503">"#));
        assert!(
            svg.contains(r##"fill="#43a047" stroke"##),
            "13.4% is the top class"
        );
    }

    #[test]
    fn charts_escape_text_and_carry_title_and_unit() {
        let line = line_chart(
            "l",
            "产值 <趋势>",
            "万元",
            &["1月".into(), "2月".into()],
            &[Series {
                name: "2022".into(),
                values: vec![Some(10.0), None],
                dashed: false,
            }],
            Theme::Dark,
        );
        assert!(line.contains("产值 &lt;趋势&gt;") && line.contains("万元"));
        assert!(line.contains("M"), "a line is drawn");
        let bars = bar_chart(
            "b",
            "各县",
            "亿元",
            &[Bar {
                label: "阳谷县".into(),
                value: 551.1,
                note: "551.1".into(),
                colour: "#1f5fbf",
            }],
            &[("#1a7f37", "正常".into())],
            Theme::Light,
        );
        assert!(bars.contains("阳谷县") && bars.contains("<rect") && bars.contains("正常"));
        assert_eq!(axis_label(12345.0), "12,345");
        assert_eq!(nice_step(1216.8, 4.0), 500.0);
    }
}
