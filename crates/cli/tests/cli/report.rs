//! `strongcity report`: on one demo database, the county annual report as PDF and the city
//! monthly report as xlsx holding the figure the aggregates use case computes in-process; bad
//! arguments refused by name with a nonzero exit and no file.

use crate::support::{Sandbox, open, s};
use calamine::{Data, Reader, Xlsx};
use std::path::Path;

fn fonts_installed() -> bool {
    Path::new(report::DEFAULT_FONT_DIR)
        .join("NotoSansCJK-Regular.ttc")
        .exists()
}

#[tokio::test]
async fn report_writes_the_county_pdf_and_the_city_xlsx_and_refuses_bad_arguments() {
    let sb = Sandbox::new();
    let db = sb.demo("demo.sqlite");
    let db = s(&db).to_string();
    let report = |args: &[&str], out: &Path| {
        let mut all = vec!["report"];
        all.extend_from_slice(&args[..1]);
        all.extend_from_slice(&["--db", &db]);
        all.extend_from_slice(&args[1..]);
        all.extend_from_slice(&["--out", s(out)]);
        sb.run(&all)
    };

    // The county annual report as PDF (typst needs the CJK fonts; without them a clear refusal).
    let pdf = sb.path("county.pdf");
    let run = report(
        &[
            "county-annual",
            "--region",
            "371503",
            "--year",
            "2022",
            "--format",
            "pdf",
        ],
        &pdf,
    );
    if fonts_installed() {
        let out = run.success();
        assert!(out.contains("bytes written"), "says what it wrote: {out}");
        let bytes = std::fs::read(&pdf).expect("the PDF is there");
        assert!(bytes.starts_with(b"%PDF"), "a PDF");
    } else {
        let err = run.failure();
        assert!(
            err.to_lowercase().contains("font"),
            "names the fonts: {err}"
        );
        assert!(!pdf.exists(), "no file without fonts");
    }

    // The city monthly report as xlsx holds 茌平区's figure for January to March as the
    // aggregates use case computes it.
    let xlsx = sb.path("city.xlsx");
    report(
        &[
            "city-monthly",
            "--region",
            "371500",
            "--year",
            "2022",
            "--month",
            "3",
            "--format",
            "xlsx",
        ],
        &xlsx,
    )
    .success();
    let app = open(Path::new(&db)).await;
    let ytd = app::stats::output(
        &app,
        &app::Actor::system("test"),
        &app::stats::OutputQuery {
            region: Some("371500".into()),
            year: Some(2022),
            month: Some(3),
            period: Some("ytd".into()),
            group_by: Some("county".into()),
            ..Default::default()
        },
    )
    .await
    .expect("the aggregates");
    let chiping = ytd
        .rows
        .iter()
        .find(|r| r.key == "371503")
        .expect("茌平区 among the counties");
    let mut wb: Xlsx<_> = calamine::open_workbook(&xlsx).expect("the xlsx opens");
    let sheet = wb.worksheet_range("分县区").expect("the counties' sheet");
    let row = sheet
        .rows()
        .find(|r| r[0] == Data::String(chiping.name.clone()))
        .expect("茌平区's row");
    let total: f64 = chiping
        .total_wan_yuan
        .as_deref()
        .expect("output is money")
        .parse()
        .unwrap();
    assert_eq!(row[3], Data::Float(total), "the output figure in 万元");
    assert!(total > 0.0, "a figure the demo produced");

    // Bad arguments: refused by name, nonzero exit, no file.
    let bad = sb.path("bad.out");
    for (args, named) in [
        (
            vec![
                "county-annual",
                "--region",
                "371503",
                "--year",
                "1800",
                "--format",
                "xlsx",
            ],
            "year",
        ),
        (
            vec![
                "county-annual",
                "--region",
                "371503",
                "--year",
                "2022",
                "--format",
                "docx",
            ],
            "format",
        ),
        (
            vec![
                "county-annual",
                "--region",
                "999999",
                "--year",
                "2022",
                "--format",
                "xlsx",
            ],
            "region",
        ),
        (
            vec![
                "city-monthly",
                "--region",
                "371500",
                "--year",
                "2022",
                "--format",
                "xlsx",
            ],
            "month",
        ),
        (
            vec![
                "city-monthly",
                "--year",
                "2022",
                "--month",
                "13",
                "--format",
                "xlsx",
            ],
            "month",
        ),
        (vec!["weekly", "--year", "2022"], "weekly"),
    ] {
        let run = report(&args, &bad);
        let err = run.failure();
        assert!(err.contains(named), "{args:?} names {named}: {err}");
        assert!(!bad.exists(), "{args:?} wrote no file");
    }
}
