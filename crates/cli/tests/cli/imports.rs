//! `strongcity regions import` and `strongcity calendar import`: all or nothing, every bad row
//! reported by number.

use crate::support::{Sandbox, count, open, s};

/// The regions of 聊城市 the binary ships (a copy of `shared/data/liaocheng-regions.csv`).
fn shipped_regions() -> String {
    app::demo::SHIPPED_REGIONS.to_string()
}

#[tokio::test]
async fn regions_import_loads_the_liaocheng_file_into_a_fresh_database_once() {
    let sb = Sandbox::new();
    let db = sb.empty_db("fresh.sqlite");
    let file = sb.path("liaocheng-regions.csv");
    std::fs::write(&file, shipped_regions()).unwrap();
    let rows = shipped_regions()
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count();

    let out = sb.run(&["regions", "import", "--db", s(&db), s(&file)]);
    assert_eq!(
        out.success().trim(),
        format!("{rows} rows read, {rows} regions written")
    );
    let app = open(&db).await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM region").await,
        rows as i64
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM region WHERE code = '371500' AND name = '聊城市'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'region'"
        )
        .await,
        rows as i64,
        "one audit entry per region"
    );

    let again = sb.run(&["regions", "import", "--db", s(&db), s(&file)]);
    assert_eq!(
        again.success().trim(),
        format!("{rows} rows read, 0 regions written"),
        "an unchanged file changes nothing"
    );
}

#[tokio::test]
async fn regions_import_reports_every_bad_row_by_number_and_writes_nothing() {
    let sb = Sandbox::new();
    let db = sb.empty_db("fresh.sqlite");
    let mut lines: Vec<String> = shipped_regions().lines().map(String::from).collect();
    // Line numbers count the header as line 1, as a spreadsheet does.
    let break_field = |lines: &mut Vec<String>, line: usize, field: usize, value: &str| {
        let mut cols: Vec<String> = lines[line - 1].split(',').map(String::from).collect();
        cols[field] = value.into();
        lines[line - 1] = cols.join(",");
    };
    break_field(&mut lines, 3, 0, "37150X");
    break_field(&mut lines, 7, 3, "nation");
    break_field(&mut lines, 12, 1, "");
    break_field(&mut lines, 20, 2, "12");
    let file = sb.path("broken.csv");
    std::fs::write(&file, lines.join("\n")).unwrap();

    let run = sb.run(&["regions", "import", "--db", s(&db), s(&file)]);
    let err = run.failure();
    for expected in [
        "row 3, code: A region code is 6 or 9 digits",
        "row 7, level: Level must be",
        "row 12, name: Required",
        "row 20, parent_code: A region code is 6 or 9 digits",
    ] {
        assert!(err.contains(expected), "reports {expected:?}:\n{err}");
    }
    assert!(err.contains("nothing was written"), "{err}");
    let app = open(&db).await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM region").await,
        0,
        "no region was written"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log").await, 0);

    let header = sb.path("header.csv");
    std::fs::write(&header, "id,title\n371500,聊城市\n").unwrap();
    let run = sb.run(&["regions", "import", "--db", s(&db), s(&header)]);
    assert!(
        run.failure().contains("code,name,parent_code,level"),
        "a wrong header names the right one: {}",
        run.stderr
    );
    let run = sb.run(&[
        "regions",
        "import",
        "--db",
        s(&db),
        s(&sb.path("missing.csv")),
    ]);
    assert!(run.failure().contains("cannot read"), "{}", run.stderr);
}

#[tokio::test]
async fn calendar_import_replaces_a_year_and_refuses_bad_rows_whole() {
    let sb = Sandbox::new();
    let db = sb.empty_db("fresh.sqlite");
    let good = sb.path("2031.csv");
    std::fs::write(
        &good,
        "date,kind,festival\n2031-01-01,holiday,New Year's Day\n2031-01-26,makeup_workday,Spring Festival\n2031-01-27,holiday,Spring Festival\n",
    )
    .unwrap();
    let out = sb.run(&["calendar", "import", "--db", s(&db), s(&good)]);
    assert_eq!(out.success().trim(), "3 calendar days loaded");
    let app = open(&db).await;
    let year_2031 = "SELECT COUNT(*) FROM workday WHERE CAST(date AS TEXT) LIKE '2031-%'";
    assert_eq!(count(&app, year_2031).await, 3);
    let cal = app::calendar::load_calendar(&app).await.unwrap();
    assert!(cal.knows_year(2031), "the calendar now covers 2031");

    let bad = sb.path("bad.csv");
    std::fs::write(
        &bad,
        "date,kind,festival\n2031-10-01,holiday,National Day\n2031-13-01,holiday,Nonsense\n2031-10-08,workday,Typo\n",
    )
    .unwrap();
    let run = sb.run(&["calendar", "import", "--db", s(&db), s(&bad)]);
    let err = run.failure();
    assert!(err.contains("row 3, date: Dates are written"), "{err}");
    assert!(
        err.contains("row 4, kind: Kind must be holiday or makeup_workday"),
        "{err}"
    );
    assert_eq!(count(&app, year_2031).await, 3, "the year is as it was");
}
