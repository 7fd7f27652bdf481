use super::*;
use app::stats::report::doc::{Block, Cell, Chart, ReportDoc, Section, Table};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

fn doc() -> ReportDoc {
    ReportDoc {
        title: "测试区2022年工业经济年度报告 #[*]".into(),
        subtitle: "统计期：2022 \"引号\" \\ 反斜杠".into(),
        file_stem: "county-annual-000000-2022".into(),
        sections: vec![Section {
            heading: "一、总体情况".into(),
            text: vec!["2022年，测试区规模以上工业总产值1216.8亿元，同比增长13.4%。".into()],
            blocks: vec![
                Block::Table(Table {
                    sheet: "主要指标".into(),
                    caption: "主要指标".into(),
                    headers: vec!["指标".into(), "本期(万元)".into(), "同比增长(%)".into()],
                    rows: vec![vec![
                        Cell::text("工业总产值"),
                        Cell::Num(12168000.0, 2),
                        Cell::Pct(Some(13.4), 1),
                    ]],
                }),
                Block::Chart(Chart {
                    title: "走势".into(),
                    svg: r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40"><text x="5" y="20" font-family="Noto Sans CJK SC">月度走势</text></svg>"#.into(),
                }),
            ],
        }],
    }
}

#[test]
fn the_workbook_holds_figures_as_numbers_under_chinese_headers() {
    let bytes = xlsx(&doc()).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(wb.sheet_names(), vec!["概况", "主要指标"]);
    let sheet = wb.worksheet_range("主要指标").unwrap();
    assert_eq!(
        sheet.get_value((2, 1)),
        Some(&Data::String("本期(万元)".into()))
    );
    assert_eq!(sheet.get_value((3, 1)), Some(&Data::Float(12168000.0)));
    assert_eq!(sheet.get_value((3, 2)), Some(&Data::Float(13.4)));
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_is_typeset_with_the_system_cjk_fonts_and_refuses_a_missing_font_clearly() {
    if !Path::new(DEFAULT_FONT_DIR)
        .join("NotoSansCJK-Regular.ttc")
        .exists()
    {
        eprintln!("skipped: install fonts-noto-cjk to typeset PDFs");
        return;
    }
    let bytes = pdf(&doc(), Path::new(DEFAULT_FONT_DIR)).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    assert!(bytes.len() > 2_000);
    let e = pdf(&doc(), Path::new("/nonexistent-fonts")).unwrap_err();
    assert!(matches!(e, ReportError::FontMissing(_)));
    assert!(e.to_string().contains("fonts-noto-cjk"), "{e}");
}

#[cfg(feature = "pdf")]
#[test]
fn the_county_map_is_typeset() {
    if !Path::new(DEFAULT_FONT_DIR)
        .join("NotoSansCJK-Regular.ttc")
        .exists()
    {
        return;
    }
    let areas = [app::stats::chart::Area {
        code: "371503".into(),
        yoy_pct: Some(13.4),
        note: "+13.4%".into(),
        href: String::new(),
    }];
    let svg = app::stats::chart::map_chart(
        "m",
        "各县（市、区）增速",
        app::stats::COUNTY_SHAPES,
        &areas,
        "同比增速",
        app::stats::chart::Theme::Light,
    );
    let mut d = doc();
    d.sections[0].blocks.push(Block::Chart(Chart {
        title: "map".into(),
        svg,
    }));
    let r = pdf(&d, Path::new(DEFAULT_FONT_DIR));
    assert!(r.is_ok(), "{:?}", r.err());
}

/// A chain map of `nodes` upstream nodes with three enterprises each, drawn compact.
#[cfg(feature = "pdf")]
fn chain_map(nodes: usize) -> Chart {
    use app::chain::{MapView, NodeEnterpriseView, NodeView, SegmentView};
    let node = |i: usize| NodeView {
        id: i as i64,
        parent_id: None,
        segment: "upstream".into(),
        kind: "node".into(),
        name: format!("铝锭环节{i}"),
        depth: 0,
        position: i as i32,
        note: String::new(),
        enterprises: (0..3)
            .map(|e| NodeEnterpriseView {
                uscc: format!("U{i}-{e}"),
                name: format!("信发铝业{i}-{e}"),
                role: "lead".into(),
                local: true,
                output_wan_yuan: Some("100.00".into()),
                yoy_pct: None,
                titles: Vec::new(),
                titled: false,
            })
            .collect(),
        local_in_subtree: 3,
        gaps: Vec::new(),
    };
    let segment = |s: &str, n: usize| SegmentView {
        segment: s.into(),
        nodes: (0..n).map(node).collect(),
    };
    let map = MapView {
        segments: vec![
            segment("upstream", nodes),
            segment("midstream", 0),
            segment("downstream", 0),
        ],
    };
    let labels = app::chain::svg::SvgLabels::zh("新型功能铝产品产业链图谱（2022年）");
    let (svg, _) = app::chain::svg::draw_compact(&map, &labels);
    Chart {
        title: labels.caption,
        svg,
    }
}

#[cfg(feature = "pdf")]
#[test]
fn a_chain_map_goes_into_the_pdf_as_its_svg_and_a_tall_one_is_fitted_to_the_page() {
    let mut d = doc();
    d.sections[0].blocks.push(Block::Chart(chain_map(2)));
    d.sections[0].blocks.push(Block::Chart(chain_map(40)));
    let (src, files) = pdf::source(&d);
    let small = files.get("/chart-1.svg").expect("the small map is a file");
    let small = std::str::from_utf8(small).unwrap();
    assert!(small.contains("铝锭环节1") && small.contains("信发铝业1-2"));
    assert!(
        src.contains(
            "image(\"/chart-1.svg\", width: 92%, alt: \"新型功能铝产品产业链图谱（2022年）\")"
        ),
        "{src}"
    );
    assert!(
        src.contains("image(\"/chart-2.svg\", height: 22cm,"),
        "a map taller than wide is fitted by height: {src}"
    );
    if Path::new(DEFAULT_FONT_DIR)
        .join("NotoSansCJK-Regular.ttc")
        .exists()
    {
        let r = pdf(&d, Path::new(DEFAULT_FONT_DIR));
        assert!(r.is_ok(), "{:?}", r.err());
    }
}
