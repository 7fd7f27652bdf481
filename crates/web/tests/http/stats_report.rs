//! The reports over HTTP: both formats of both reports downloaded and read back (the xlsx with
//! calamine, holding the aggregates API's own figures), the dashboard's download links, and
//! bad parameters refused with a Chinese message and 400.

use crate::common::{TestApp, on_each_backend};
use crate::support::{get, has_chinese};
use calamine::{Data, Reader, Xlsx};
use serde_json::Value;
use std::io::Cursor;

async fn output(app: &TestApp, c: &reqwest::Client, query: &str) -> Value {
    let a = get(app, c, &format!("/api/v1/stats/output?{query}")).await;
    assert_eq!(a.status, 200, "{query}: {}", a.text());
    a.json()
}

fn workbook(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("an xlsx")
}

fn wan(v: &Value) -> f64 {
    v.as_str().unwrap().parse().unwrap()
}

fn fonts_installed() -> bool {
    std::path::Path::new(report::DEFAULT_FONT_DIR)
        .join("NotoSansCJK-Regular.ttc")
        .exists()
}

#[tokio::test]
async fn both_reports_download_as_xlsx_and_pdf_with_the_dashboards_figures() {
    on_each_backend(async |app| {
        let (leader, _) = app.login("leader").await;
        let base = "/api/v1/stats/reports/county-annual?region=371503&year=2022";
        let x = get(app, &leader, &format!("{base}&format=xlsx")).await;
        assert_eq!(x.status, 200, "{}", x.text());
        assert!(
            x.headers["content-type"]
                .to_str()
                .unwrap()
                .contains("spreadsheetml")
        );
        assert!(
            x.headers["content-disposition"]
                .to_str()
                .unwrap()
                .contains("county-annual-371503-2022.xlsx")
        );
        let chiping = output(app, &leader, "region=371503&year=2022").await;
        let mut wb = workbook(x.bytes);
        let sheet = wb.worksheet_range("主要指标").unwrap();
        assert_eq!(
            sheet.get_value((3, 2)),
            Some(&Data::Float(wan(&chiping["total_wan_yuan"]))),
            "the output figure in 万元"
        );
        assert_eq!(
            sheet.get_value((3, 4)),
            Some(&Data::Float(chiping["yoy_pct"].as_f64().unwrap()))
        );
        if fonts_installed() {
            // Timed for BENCHMARKS.md: the first includes reading the fonts.
            for run in ["first", "second"] {
                let started = std::time::Instant::now();
                let p = get(app, &leader, &format!("{base}&format=pdf")).await;
                eprintln!(
                    "county annual PDF ({run}): {:.2} s, {} bytes",
                    started.elapsed().as_secs_f64(),
                    p.bytes.len()
                );
                assert_eq!(p.status, 200, "{}", p.text());
                assert!(p.bytes.starts_with(b"%PDF"), "a PDF");
                assert_eq!(p.headers["content-type"], "application/pdf");
            }
        } else {
            eprintln!("PDF skipped: install fonts-noto-cjk");
        }

        let city = "/api/v1/stats/reports/city-monthly?region=371500&year=2022&month=3";
        let x = get(app, &leader, &format!("{city}&format=xlsx")).await;
        assert_eq!(x.status, 200, "{}", x.text());
        let ytd = output(
            app,
            &leader,
            "region=371500&year=2022&month=3&period=ytd&group_by=county",
        )
        .await;
        let row = ytd["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == "371503")
            .unwrap()
            .clone();
        let mut wb = workbook(x.bytes);
        let sheet = wb.worksheet_range("分县区").unwrap();
        let found = sheet
            .rows()
            .find(|r| r[0] == Data::String(row["name"].as_str().unwrap().into()))
            .expect("茌平区 in the counties' sheet")
            .to_vec();
        assert_eq!(found[3], Data::Float(wan(&row["total_wan_yuan"])));
        if fonts_installed() {
            let p = get(app, &leader, &format!("{city}&format=pdf")).await;
            assert_eq!(p.status, 200, "{}", p.text());
            assert!(p.bytes.starts_with(b"%PDF"));
        }

        let page = get(app, &leader, "/stats/dashboard?region=371500&year=2022").await;
        let html = page.text();
        for id in [
            "report-county-annual-pdf",
            "report-county-annual-xlsx",
            "report-city-monthly-pdf",
            "report-city-monthly-xlsx",
        ] {
            assert!(
                html.contains(&format!("id=\"{id}\"")),
                "{id} on the city page"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn bad_report_parameters_answer_400_in_chinese_and_other_counties_are_not_found() {
    on_each_backend(async |app| {
        let (leader, _) = app.login("leader").await;
        let cases = [
            (
                "county-annual?region=371503&year=2022&format=docx",
                "format",
            ),
            ("county-annual?region=371503&year=abc&format=xlsx", "year"),
            ("county-annual?region=371503&year=1800", "year"),
            ("county-annual?region=999999&year=2022", "region"),
            ("city-monthly?region=371500&year=2022&format=xlsx", "month"),
            ("city-monthly?region=371500&year=2022&month=13", "month"),
            ("city-monthly?region=371500&month=3", "year"),
        ];
        for (q, field) in cases {
            let a = get(app, &leader, &format!("/api/v1/stats/reports/{q}")).await;
            assert_eq!(a.status, 400, "{q}: {}", a.text());
            let e = &a.json()["error"];
            assert_eq!(e["details"][0]["field"], field, "{q}");
            let msg = e["details"][0]["message"].as_str().unwrap_or_default();
            assert!(has_chinese(msg), "{q}: a Chinese message, got {msg}");
        }
        let (county, _) = app.login("county.yanggu").await;
        let a = get(
            app,
            &county,
            "/api/v1/stats/reports/county-annual?region=371503&year=2022&format=xlsx",
        )
        .await;
        a.assert_error(404, "not_found", "another county's report");
        let anon = app.client();
        let a = get(app, &anon, "/api/v1/stats/reports/county-annual?year=2022").await;
        assert_eq!(a.status, 401);
    })
    .await;
}
