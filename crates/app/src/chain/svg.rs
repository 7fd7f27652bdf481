//! The chain map drawn as SVG on the server, for the chain page and for reports: three
//! columns (upstream → midstream → downstream), each node a box indented under its parent
//! with its enterprises listed inside (role marker, name, output, ★ for a titled one), gap
//! nodes outlined in red and dashed. Pure text in, text out: no I/O, no fonts loaded.

use super::snapshot::{MapView, NodeView};
use std::fmt::Write;

/// The words the drawing uses, in the reader's language.
#[derive(Debug, Clone)]
pub struct SvgLabels {
    /// Caption above the map.
    pub caption: String,
    /// Upstream, midstream, downstream.
    pub segments: [String; 3],
    /// Lead, backbone, supplier.
    pub roles: [String; 3],
    /// "Gap".
    pub gap: String,
    /// "Titled".
    pub titled: String,
    /// "Not local".
    pub not_local: String,
    /// "and {n} more" (with `{n}`).
    pub more: String,
    /// "No local enterprise".
    pub empty: String,
    /// Unit of the figures, e.g. 万元.
    pub unit: String,
}

impl SvgLabels {
    /// The Chinese words (as the zh-CN catalogue has them), for reports and tools that have
    /// no reader's language.
    pub fn zh(caption: impl Into<String>) -> SvgLabels {
        SvgLabels {
            caption: caption.into(),
            segments: ["上游".into(), "中游".into(), "下游".into()],
            roles: ["链主".into(), "骨干".into(), "配套".into()],
            gap: "短板".into(),
            titled: "有称号企业".into(),
            not_local: "外地".into(),
            more: "另有 {n} 家".into(),
            empty: "暂无本地企业".into(),
            unit: "企业产值单位：万元".into(),
        }
    }
}

const COL_W: i32 = 320;
const COL_GAP: i32 = 40;
const MARGIN: i32 = 16;
const TOP: i32 = 78;
const INDENT: i32 = 18;
const LINE: i32 = 18;
const HEAD: i32 = 26;
/// Enterprises listed in a box; the rest are counted.
const SHOWN: usize = 8;
/// Enterprises listed in a box of the compact map (leads and backbones come first).
const COMPACT_SHOWN: usize = 3;
/// Nodes at most in the compact map: deeper levels are left out until the rest fit.
const COMPACT_NODES: usize = 45;
const ROLE_COLOURS: [&str; 3] = ["#1d4ed8", "#059669", "#9ca3af"];

/// Escapes text for SVG.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Cuts a name to `max` characters with an ellipsis.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn box_height(n: &NodeView, shown_max: usize) -> i32 {
    let shown = n.enterprises.len().min(shown_max) as i32;
    let more = i32::from(n.enterprises.len() > shown_max);
    let empty = i32::from(n.enterprises.is_empty() && n.local_in_subtree == 0);
    HEAD + LINE * (shown + more + empty) + 6
}

fn role_index(role: &str) -> usize {
    match role {
        "lead" => 0,
        "backbone" => 1,
        _ => 2,
    }
}

fn draw_node(out: &mut String, n: &NodeView, (x, y): (i32, i32), shown: usize, labels: &SvgLabels) {
    let indent = INDENT * n.depth.min(6) as i32;
    let (bx, bw, bh) = (x + indent, COL_W - indent, box_height(n, shown));
    let gap = !n.gaps.is_empty();
    let (stroke, dash, fill) = match (gap, n.kind.as_str()) {
        (true, _) => ("#dc2626", " stroke-dasharray=\"5 3\"", "#fef2f2"),
        (false, "product") => ("#0369a1", "", "#f0f9ff"),
        (false, _) => ("#1e3a8a", "", "#ffffff"),
    };
    let _ = write!(
        out,
        "<g class=\"node\" data-node=\"{}\"><rect x=\"{bx}\" y=\"{y}\" width=\"{bw}\" height=\"{bh}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\"{dash}/>",
        n.id
    );
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" class=\"nn\">{} <tspan class=\"cnt\">({})</tspan>{}</text>",
        bx + 8,
        y + 18,
        esc(&cut(&n.name, 16)),
        n.local_in_subtree,
        if gap {
            format!(" <tspan class=\"gap\">{}</tspan>", esc(&labels.gap))
        } else {
            String::new()
        }
    );
    let mut ly = y + HEAD + 12;
    for e in n.enterprises.iter().take(shown) {
        let colour = ROLE_COLOURS[role_index(&e.role)];
        let _ = write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{colour}\"/>",
            bx + 13,
            ly - 4
        );
        let class = if e.local { "en" } else { "en far" };
        let star = if e.titled { "★ " } else { "" };
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{ly}\" class=\"{class}\"><title>{}</title>{star}{}</text>",
            bx + 22,
            esc(&format!(
                "{} {}{}",
                e.name,
                e.titles
                    .iter()
                    .map(|t| t.title.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                if e.local {
                    String::new()
                } else {
                    format!(" ({})", labels.not_local)
                }
            )),
            esc(&cut(&e.name, 15))
        );
        if let Some(o) = &e.output_wan_yuan {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{ly}\" class=\"fig\" text-anchor=\"end\">{}</text>",
                bx + bw - 8,
                esc(o)
            );
        }
        ly += LINE;
    }
    if n.enterprises.len() > shown {
        let more = labels
            .more
            .replace("{n}", &(n.enterprises.len() - shown).to_string());
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{ly}\" class=\"more\">{}</text>",
            bx + 22,
            esc(&more)
        );
    } else if n.enterprises.is_empty() && n.local_in_subtree == 0 {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{ly}\" class=\"more\">{}</text>",
            bx + 22,
            esc(&labels.empty)
        );
    }
    out.push_str("</g>");
}

/// Draws the map (the chain page): every node, up to eight enterprises in each box.
pub fn draw(map: &MapView, labels: &SvgLabels) -> String {
    draw_with(map, labels, SHOWN)
}

/// Draws the map compact enough for a report page: up to three enterprises in a box (the
/// leading and backbone ones first, as the map orders them) and, on a large map, only the
/// upper levels of nodes (each box still counts the local enterprises of its whole subtree).
/// Returns the drawing and whether levels were left out.
pub fn draw_compact(map: &MapView, labels: &SvgLabels) -> (String, bool) {
    let nodes = map.segments.iter().map(|s| s.nodes.len()).sum::<usize>();
    let mut depth = map
        .segments
        .iter()
        .flat_map(|s| s.nodes.iter().map(|n| n.depth))
        .max()
        .unwrap_or(0);
    let upto = |d: u32| {
        map.segments
            .iter()
            .flat_map(|s| s.nodes.iter())
            .filter(|n| n.depth <= d)
            .count()
    };
    while depth > 0 && upto(depth) > COMPACT_NODES {
        depth -= 1;
    }
    let cut = upto(depth) < nodes;
    let kept = MapView {
        segments: map
            .segments
            .iter()
            .map(|s| super::snapshot::SegmentView {
                segment: s.segment.clone(),
                nodes: s
                    .nodes
                    .iter()
                    .filter(|n| n.depth <= depth)
                    .cloned()
                    .collect(),
            })
            .collect(),
    };
    (draw_with(&kept, labels, COMPACT_SHOWN), cut)
}

fn draw_with(map: &MapView, labels: &SvgLabels, shown: usize) -> String {
    let heights: Vec<i32> = map
        .segments
        .iter()
        .map(|s| s.nodes.iter().map(|n| box_height(n, shown) + 8).sum())
        .collect();
    let body = heights.iter().copied().max().unwrap_or(0).max(40);
    let width = MARGIN * 2 + COL_W * 3 + COL_GAP * 2;
    let height = TOP + body + 56;
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chain-map\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        esc(&labels.caption)
    );
    out.push_str("<style>text{font-family:\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",\"Source Han Sans SC\",sans-serif;font-size:12px;fill:#1f2937}.cap{font-size:16px;font-weight:600}.seg{font-size:14px;font-weight:600;fill:#fff}.nn{font-size:13px;font-weight:600}.cnt{font-weight:400;fill:#6b7280}.gap{fill:#dc2626;font-weight:600}.fig{font-variant-numeric:tabular-nums;fill:#374151}.far{fill:#6b7280;font-style:italic}.more{fill:#6b7280}</style>");
    let _ = write!(
        out,
        "<title>{}</title><text x=\"{MARGIN}\" y=\"26\" class=\"cap\">{}</text>",
        esc(&labels.caption),
        esc(&labels.caption)
    );
    for (i, seg) in map.segments.iter().enumerate() {
        let x = MARGIN + i as i32 * (COL_W + COL_GAP);
        let name = labels.segments.get(i).cloned().unwrap_or_default();
        let _ = write!(
            out,
            "<g class=\"segment\" data-segment=\"{}\"><rect x=\"{x}\" y=\"40\" width=\"{COL_W}\" height=\"28\" rx=\"4\" fill=\"#1e40af\"/><text x=\"{}\" y=\"59\" class=\"seg\" text-anchor=\"middle\">{}</text></g>",
            esc(&seg.segment),
            x + COL_W / 2,
            esc(&name)
        );
        if i > 0 {
            let ax = x - COL_GAP + 8;
            let _ = write!(
                out,
                "<path d=\"M{ax} 54 H{} l-8 -6 M{} 54 l-8 6\" stroke=\"#1e40af\" stroke-width=\"2\" fill=\"none\"/>",
                x - 8,
                x - 8
            );
        }
        let mut y = TOP;
        for n in &seg.nodes {
            draw_node(&mut out, n, (x, y), shown, labels);
            y += box_height(n, shown) + 8;
        }
    }
    let ly = TOP + body + 24;
    let mut lx = MARGIN;
    for (i, role) in labels.roles.iter().enumerate() {
        let _ = write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\"/><text x=\"{}\" y=\"{ly}\">{}</text>",
            lx + 5,
            ly - 4,
            ROLE_COLOURS[i],
            lx + 14,
            esc(role)
        );
        lx += 90;
    }
    let _ = write!(
        out,
        "<text x=\"{lx}\" y=\"{ly}\">★ {}</text><rect x=\"{}\" y=\"{}\" width=\"18\" height=\"12\" fill=\"#fef2f2\" stroke=\"#dc2626\" stroke-dasharray=\"5 3\"/><text x=\"{}\" y=\"{ly}\">{}</text><text x=\"{}\" y=\"{ly}\" text-anchor=\"end\">{}</text>",
        esc(&labels.titled),
        lx + 90,
        ly - 11,
        lx + 114,
        esc(&labels.gap),
        width - MARGIN,
        esc(&labels.unit)
    );
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::snapshot::{NodeEnterpriseView, SegmentView};

    fn labels() -> SvgLabels {
        SvgLabels::zh("图谱 <2022>")
    }

    fn node(id: i64, gaps: Vec<String>, n: usize) -> NodeView {
        NodeView {
            id,
            parent_id: None,
            segment: "upstream".into(),
            kind: "node".into(),
            name: format!("节点&{id}"),
            depth: 0,
            position: 0,
            note: String::new(),
            enterprises: (0..n)
                .map(|i| NodeEnterpriseView {
                    uscc: format!("U{i}"),
                    name: format!("企业{i}"),
                    role: "lead".into(),
                    local: i % 2 == 0,
                    output_wan_yuan: Some("12.00".into()),
                    yoy_pct: None,
                    titles: Vec::new(),
                    titled: i == 0,
                })
                .collect(),
            local_in_subtree: n as u32,
            gaps,
        }
    }

    #[test]
    fn the_map_escapes_names_marks_gaps_and_counts_the_rest() {
        let map = MapView {
            segments: vec![
                SegmentView {
                    segment: "upstream".into(),
                    nodes: vec![
                        node(1, vec!["no_enterprise".into()], 0),
                        node(2, vec![], 10),
                    ],
                },
                SegmentView {
                    segment: "midstream".into(),
                    nodes: vec![],
                },
                SegmentView {
                    segment: "downstream".into(),
                    nodes: vec![],
                },
            ],
        };
        let svg = draw(&map, &labels());
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("图谱 &lt;2022&gt;") && !svg.contains("<2022>"));
        assert!(svg.contains("节点&amp;1"));
        assert!(
            svg.contains("stroke-dasharray=\"5 3\"/><text"),
            "the gap node is dashed"
        );
        assert!(
            svg.contains("另有 2 家"),
            "ten enterprises: eight listed, two counted"
        );
        assert!(svg.contains("暂无本地企业"));
        assert_eq!(svg.matches("data-node=").count(), 2);
        assert_eq!(svg.matches("<circle").count(), 8 + 3);
        let (compact, cut) = draw_compact(&map, &labels());
        assert!(!cut, "two nodes fit");
        assert!(compact.contains("另有 7 家"), "three listed, seven counted");
        assert_eq!(compact.matches("<circle").count(), 3 + 3);
    }

    #[test]
    fn a_large_map_is_drawn_compact_by_its_upper_levels() {
        let mut nodes = Vec::new();
        for top in 0..10 {
            nodes.push(node(top, vec![], 1));
            for child in 0..10 {
                let mut n = node(100 + top * 10 + child, vec!["no_titled".into()], 1);
                n.depth = 1;
                n.parent_id = Some(top);
                nodes.push(n);
            }
        }
        let map = MapView {
            segments: vec![SegmentView {
                segment: "upstream".into(),
                nodes,
            }],
        };
        let (svg, cut) = draw_compact(&map, &labels());
        assert!(cut, "110 nodes do not fit");
        assert_eq!(svg.matches("data-node=").count(), 10, "the top level only");
        assert_eq!(draw(&map, &labels()).matches("data-node=").count(), 110);
    }
}
