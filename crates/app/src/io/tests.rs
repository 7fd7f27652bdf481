//! Templates, imports, error sheets and exports on SQLite and PostgreSQL, acting as the system
//! and as the demo's users.

use super::*;
use crate::enterprise::ListQuery;
use crate::{Actor, App, AppError, RequestMeta};
use calamine::Reader;
use policy::enterprise::Uscc;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::io::Cursor;
use std::time::Instant;
use store::testing::on_each_backend;

use crate::test_support::{demo_actor as user, demo_app as demo};

fn system() -> Actor {
    Actor::system("test")
}

fn code(n: u32) -> String {
    Uscc::with_check(&format!("91371521MA{n:07}"))
        .unwrap()
        .to_string()
}

fn csv_text(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// A cell of a test workbook.
enum X {
    S(&'static str),
    T(String),
    N(f64),
    D(u16, u8, u8),
}

fn xlsx(rows: &[Vec<X>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("yyyy/m/d");
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match v {
                X::S(s) => ws.write_string(r, c, *s).map(|_| ()).unwrap(),
                X::T(s) => ws.write_string(r, c, s).map(|_| ()).unwrap(),
                X::N(n) => ws.write_number(r, c, *n).map(|_| ()).unwrap(),
                X::D(y, m, d) => ws
                    .write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                        &date,
                    )
                    .map(|_| ())
                    .unwrap(),
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn read_xlsx(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| r.iter().map(super::read::cell_text).collect())
        .collect()
}

fn enterprise_header() -> Vec<String> {
    [
        "统一社会信用代码",
        "企业名称",
        "区县代码",
        "行业代码",
        "成立日期",
        "是否规上",
        "联系电话",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn enterprise_row(n: u32, name: &str, region: &str) -> Vec<String> {
    [
        code(n).as_str(),
        name,
        region,
        "C3831",
        "2008-03-01",
        "是",
        "13912345678",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

async fn run(
    app: &App,
    actor: &Actor,
    kind: ImportKind,
    bytes: &[u8],
    options: ImportOptions,
) -> ImportReport {
    import(
        app,
        actor,
        &RequestMeta::default(),
        kind,
        "test",
        bytes,
        options,
        None,
    )
    .await
    .unwrap()
}

async fn audit_entries(app: &App, entity_type: &str) -> Vec<store::entity::audit_log::Model> {
    store::audit::search(
        app.db().conn(),
        &policy::org::Scope::all(),
        &store::audit::AuditQuery {
            entity_type: Some(entity_type.into()),
            ..Default::default()
        },
        store::page::PageRequest::new(500, None),
    )
    .await
    .unwrap()
    .items
}

async fn enterprise_count(app: &App) -> usize {
    crate::enterprise::list_enterprises(app, &system(), &ListQuery::default(), None, 500)
        .await
        .unwrap()
        .total
        .unwrap() as usize
}

fn update() -> ImportOptions {
    ImportOptions {
        update_existing: true,
        ..Default::default()
    }
}

#[tokio::test]
async fn the_template_opens_with_calamine_and_its_headers_and_notes_are_the_field_table() {
    for kind in ImportKind::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let bytes = template_xlsx(kind, lang).unwrap();
            let rows = read_xlsx(&bytes);
            let headers: Vec<&str> = kind.fields().iter().map(|f| lang.header(f)).collect();
            assert_eq!(
                rows[0], headers,
                "{kind:?} {lang:?}: headers are the field table"
            );
            let notes: Vec<String> = kind
                .fields()
                .iter()
                .map(|f| super::read::note_text(f, lang))
                .collect();
            assert_eq!(rows[1], notes, "{kind:?} {lang:?}: the notes row");
            let layout =
                super::read::locate(&super::read::read_rows(&bytes).unwrap(), kind.fields())
                    .unwrap();
            assert_eq!(
                layout.data_index, 2,
                "{kind:?} {lang:?}: importing the template skips its notes row"
            );
        }
    }
    let kinds: Vec<_> = ["enterprises", "financials", "honors", "nope"]
        .iter()
        .map(|s| ImportKind::parse(s))
        .collect();
    assert_eq!(
        kinds,
        [
            Some(ImportKind::Enterprises),
            Some(ImportKind::Financials),
            Some(ImportKind::Honors),
            None
        ]
    );
}

#[tokio::test]
async fn a_good_enterprise_file_in_every_encoding_and_format_creates_the_records_with_audit_rows() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let utf8 = csv_text(&[
            enterprise_header(),
            enterprise_row(1, "阳谷示例电缆有限公司", "371521"),
            enterprise_row(2, "阳谷示例轴承有限公司", "371521001"),
        ]);
        let (gbk, _, _) = encoding_rs::GBK.encode(&utf8);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(utf8.as_bytes());
        let sheet = xlsx(&[
            vec![X::S("企业名单（阳谷县）")],
            enterprise_header().into_iter().map(X::T).collect(),
            vec![
                X::T(code(1)),
                X::S("阳谷示例电缆有限公司"),
                X::N(371521.0),
                X::S("3831"),
                X::D(2008, 3, 1),
                X::S("是"),
                X::N(13912345678.0),
            ],
            vec![],
            vec![
                X::T(code(2)),
                X::S("阳谷示例轴承有限公司"),
                X::S("371521001"),
                X::S("C3831"),
                X::S("2008年3月1日"),
                X::S("是"),
                X::S("13912345678"),
            ],
        ]);
        let cases: [(&str, Vec<u8>); 4] = [
            ("CSV in UTF-8", utf8.clone().into_bytes()),
            ("CSV in UTF-8 with a BOM", bom),
            ("CSV in GBK", gbk.into_owned()),
            (
                "xlsx with a title row, a blank row, numbers and a date cell",
                sheet,
            ),
        ];
        for (i, (what, bytes)) in cases.iter().enumerate() {
            let report = run(&app, &system(), ImportKind::Enterprises, bytes, update()).await;
            assert!(report.errors.is_empty(), "{what}: {:?}", report.errors);
            assert_eq!(report.total, 2, "{what}");
            if i == 0 {
                assert_eq!(
                    (report.created, report.updated, report.accepted),
                    (2, 0, 2),
                    "{what}: created"
                );
            } else {
                assert_eq!(
                    (report.unchanged, report.accepted),
                    (2, 2),
                    "{what}: reads the same values as the first file"
                );
            }
        }
        let v = crate::enterprise::get_enterprise(&app, &system(), &code(2))
            .await
            .unwrap();
        assert_eq!(
            (
                v.name.as_str(),
                v.region_code.as_str(),
                v.industry_code.as_str()
            ),
            ("阳谷示例轴承有限公司", "371521001", "C3831")
        );
        assert_eq!(v.founded_on, chrono::NaiveDate::from_ymd_opt(2008, 3, 1));
        assert!(v.above_size);
        let audit = audit_entries(&app, "enterprise").await;
        let created: Vec<_> = audit
            .iter()
            .filter(|a| a.action == "enterprise.create" && a.entity_id.starts_with("91371521MA"))
            .collect();
        assert_eq!(
            created.len(),
            2,
            "one audit entry per record; unchanged rows write none"
        );
        assert!(
            !created[0].diff.contains("13912345678"),
            "the phone is masked in the diff"
        );
    })
    .await;
}

#[tokio::test]
async fn a_file_with_bad_rows_names_every_row_column_and_reason_and_writes_nothing_by_default() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let yanggu = user(&app, "county.yanggu").await;
        let mut rows = vec![enterprise_header(), enterprise_row(1, "好企业一", "371521")];
        let mut bad_check = enterprise_row(2, "校验位错", "371521");
        let wrong = if bad_check[0].ends_with('0') {
            "1"
        } else {
            "0"
        };
        bad_check[0].replace_range(17..18, wrong);
        rows.push(bad_check);
        rows.push(vec![
            code(3),
            String::new(),
            "371599".into(),
            "C3831".into(),
            "2022-13-45".into(),
            "也许".into(),
            "12".into(),
        ]);
        rows.push(enterprise_row(4, "莘县企业", "371522"));
        rows.push(enterprise_row(1, "重复的好企业一", "371521"));
        rows.push(enterprise_row(6, "好企业二", "371521"));
        let before = enterprise_count(&app).await;
        let bytes = csv_text(&rows).into_bytes();
        let report = run(
            &app,
            &yanggu,
            ImportKind::Enterprises,
            &bytes,
            ImportOptions::default(),
        )
        .await;
        let got: Vec<(u32, &str, &str)> = report
            .errors
            .iter()
            .map(|e| (e.row, e.column.as_str(), e.message_key.as_str()))
            .collect();
        let want = [
            (3, "统一社会信用代码", "uscc.check"),
            (4, "企业名称", "common.required"),
            (4, "区县代码", "region.unknown"),
            (4, "成立日期", "common.date_format"),
            (4, "是否规上", "common.bool_format"),
            (4, "联系电话", "common.phone_format"),
            (5, "区县代码", "region.out_of_scope"),
            (6, "统一社会信用代码", "import.duplicate_in_file"),
        ];
        assert_eq!(got, want, "every problem of every row, by row then column");
        assert_eq!(
            report.errors[7].params,
            [("row".to_string(), "2".to_string())],
            "the duplicate names the first row"
        );
        assert_eq!(
            (
                report.total,
                report.rejected,
                report.accepted,
                report.created,
                report.written
            ),
            (6, 4, 0, 0, false),
            "all or nothing"
        );
        assert_eq!(
            enterprise_count(&app).await,
            before,
            "nothing written (the demo's enterprises only)"
        );

        let dry = run(
            &app,
            &yanggu,
            ImportKind::Enterprises,
            &bytes,
            ImportOptions {
                mode: ImportMode::ValidOnly,
                dry_run: true,
                ..Default::default()
            },
        )
        .await;
        assert_eq!(
            (dry.created, dry.accepted, dry.written),
            (2, 2, false),
            "a dry run tells what would be created"
        );
        assert_eq!(
            enterprise_count(&app).await,
            before,
            "a dry run writes nothing"
        );

        let valid = run(
            &app,
            &yanggu,
            ImportKind::Enterprises,
            &bytes,
            ImportOptions {
                mode: ImportMode::ValidOnly,
                ..Default::default()
            },
        )
        .await;
        assert_eq!(
            (valid.created, valid.rejected, valid.written),
            (2, 4, true),
            "valid rows only"
        );
        assert_eq!(
            enterprise_count(&app).await,
            before + 2,
            "the two good rows were written"
        );
        assert!(
            crate::enterprise::get_enterprise(&app, &system(), &code(6))
                .await
                .is_ok()
        );

        let sheet = error_sheet_xlsx(
            ImportKind::Enterprises,
            &bytes,
            &report,
            Lang::Zh,
            &message_zh,
        )
        .unwrap();
        let cells = read_xlsx(&sheet);
        let err_col = enterprise_header().len();
        assert_eq!(cells[0][err_col], "错误说明", "the added column");
        assert_eq!(cells[1][err_col], "", "a good row has no message");
        assert_eq!(cells[2][0], rows[2][0], "the uploaded cells are kept");
        assert!(
            cells[2][err_col].starts_with("统一社会信用代码：统一社会信用代码校验位错误，应为 "),
            "{}",
            cells[2][err_col]
        );
        assert_eq!(
            cells[3][err_col].lines().count(),
            5,
            "one line per problem of row 4"
        );
        assert!(
            cells[3][err_col].contains("区县代码：区划 371599 不存在"),
            "{}",
            cells[3][err_col]
        );
        assert_eq!(cells[4][err_col], "区县代码：该区划不在您的管理范围内");
        assert_eq!(cells[5][err_col], "统一社会信用代码：与第 2 行重复");
    })
    .await;
}

#[tokio::test]
async fn an_existing_code_is_an_error_unless_updating_and_an_update_is_audited_with_its_diff() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let first = csv_text(&[
            enterprise_header(),
            enterprise_row(1, "阳谷示例电缆有限公司", "371521"),
        ]);
        run(
            &app,
            &system(),
            ImportKind::Enterprises,
            first.as_bytes(),
            ImportOptions::default(),
        )
        .await;
        let renamed = csv_text(&[
            enterprise_header(),
            enterprise_row(1, "阳谷示例电缆集团有限公司", "371521"),
        ]);
        let refused = run(
            &app,
            &system(),
            ImportKind::Enterprises,
            renamed.as_bytes(),
            ImportOptions::default(),
        )
        .await;
        let keys: Vec<_> = refused
            .errors
            .iter()
            .map(|e| (e.row, e.message_key.as_str()))
            .collect();
        assert_eq!(
            keys,
            [(2, "enterprise.exists")],
            "update off: an existing code is an error"
        );
        let dry = run(
            &app,
            &system(),
            ImportKind::Enterprises,
            renamed.as_bytes(),
            ImportOptions {
                dry_run: true,
                ..update()
            },
        )
        .await;
        assert_eq!(
            (dry.updated, dry.written),
            (1, false),
            "a dry run reports the update"
        );
        let done = run(
            &app,
            &system(),
            ImportKind::Enterprises,
            renamed.as_bytes(),
            update(),
        )
        .await;
        assert_eq!(
            (done.updated, done.created, done.written),
            (1, 0, true),
            "update on"
        );
        let v = crate::enterprise::get_enterprise(&app, &system(), &code(1))
            .await
            .unwrap();
        assert_eq!(v.name, "阳谷示例电缆集团有限公司");
        let audit = audit_entries(&app, "enterprise").await;
        let upd: Vec<_> = audit
            .iter()
            .filter(|a| a.action == "enterprise.update")
            .collect();
        assert_eq!(upd.len(), 1, "one audit entry for the update");
        assert!(
            upd[0].diff.contains("阳谷示例电缆有限公司")
                && upd[0].diff.contains("阳谷示例电缆集团有限公司"),
            "before and after: {}",
            upd[0].diff
        );
        assert!(
            !upd[0].diff.contains("industry_code"),
            "only changed fields: {}",
            upd[0].diff
        );
    })
    .await;
}

fn financial_header() -> Vec<X> {
    [
        "统一社会信用代码",
        "年度",
        "营业收入(万元)",
        "从业人员数",
        "数字化水平",
        "研发机构级别",
        "自主品牌",
    ]
    .into_iter()
    .map(X::S)
    .collect()
}

#[tokio::test]
async fn financials_for_three_years_derive_the_size_class_from_the_latest_year() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let county = user(&app, "county.yanggu").await;
        let e = csv_text(&[
            enterprise_header(),
            enterprise_row(1, "阳谷示例电缆有限公司", "371521"),
        ]);
        run(
            &app,
            &county,
            ImportKind::Enterprises,
            e.as_bytes(),
            ImportOptions::default(),
        )
        .await;
        let linqing = Uscc::with_check(crate::demo::ENTERPRISES[0].uscc_body)
            .unwrap()
            .to_string();
        // The demo records figures of its own (the chain demo's enterprises).
        let audited_before = audit_entries(&app, "financial").await.len();
        let bytes = xlsx(&[
            financial_header(),
            vec![
                X::T(code(1)),
                X::N(2022.0),
                X::N(50000.0),
                X::N(1200.0),
                X::S("3"),
                X::S("省级"),
                X::S("是"),
            ],
            vec![
                X::T(code(1)),
                X::S("2023"),
                X::S("40000.5"),
                X::N(800.0),
                X::N(4.0),
                X::S("市级"),
                X::S("否"),
            ],
            vec![
                X::T(code(1)),
                X::N(2024.0),
                X::N(2000.0),
                X::N(300.0),
                X::S(""),
                X::S(""),
                X::S(""),
            ],
            vec![X::T(linqing.clone()), X::N(2024.0), X::N(1.0), X::N(1.0)],
            vec![X::T(code(9)), X::N(2024.0), X::N(1.0), X::N(1.0)],
        ]);
        let report = run(
            &app,
            &county,
            ImportKind::Financials,
            &bytes,
            ImportOptions {
                mode: ImportMode::ValidOnly,
                ..Default::default()
            },
        )
        .await;
        let keys: Vec<_> = report
            .errors
            .iter()
            .map(|e| (e.row, e.message_key.as_str()))
            .collect();
        assert_eq!(
            keys,
            [(5, "enterprise.not_found"), (6, "enterprise.not_found")],
            "another county's enterprise and an unknown one"
        );
        assert_eq!((report.created, report.written), (3, true));
        let v = crate::enterprise::get_enterprise(&app, &county, &code(1))
            .await
            .unwrap();
        assert_eq!(
            v.size_class.as_deref(),
            Some("medium"),
            "2024: 300 staff and 2000万 → medium"
        );
        assert_eq!(v.size_basis["year"], 2024);
        let years = crate::enterprise::financials_of(&app, &county, &code(1))
            .await
            .unwrap();
        assert_eq!(years[1].values["revenue_wan_yuan"], "40000.5");
        assert_eq!(years[2].values["rd_institution_level"], "provincial");
        assert_eq!(years[2].values["own_brand"], true);
        assert_eq!(
            audit_entries(&app, "financial").await.len() - audited_before,
            3,
            "one audit entry per year"
        );
        let again = run(
            &app,
            &county,
            ImportKind::Financials,
            &bytes,
            ImportOptions {
                mode: ImportMode::ValidOnly,
                ..Default::default()
            },
        )
        .await;
        assert_eq!(
            again
                .errors
                .iter()
                .filter(|e| e.message_key == "financial.exists")
                .count(),
            3,
            "existing years are errors unless updating"
        );
    })
    .await;
}

#[tokio::test]
async fn dates_in_four_written_forms_excel_serials_and_date_cells_are_read() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let e = csv_text(&[
            enterprise_header(),
            enterprise_row(1, "阳谷示例电缆有限公司", "371521"),
        ]);
        run(
            &app,
            &system(),
            ImportKind::Enterprises,
            e.as_bytes(),
            ImportOptions::default(),
        )
        .await;
        let header = [
            "统一社会信用代码",
            "称号",
            "级别",
            "年度",
            "有效期起",
            "有效期止",
        ]
        .into_iter()
        .map(X::S)
        .collect();
        let cases: Vec<(&str, X)> = vec![
            ("ISO", X::S("2022-01-05")),
            ("slashes", X::S("2022/1/5")),
            ("Chinese", X::S("2022年1月5日")),
            ("dots", X::S("2022.1.5")),
            ("an Excel serial typed as a number", X::N(44566.0)),
            ("an Excel serial as text", X::S("44566")),
            ("a date cell", X::D(2022, 1, 5)),
        ];
        let mut rows = vec![header];
        let titles = [
            "tech_sme",
            "innovative",
            "specialized",
            "gazelle",
            "high_tech",
            "green_factory",
            "tech_center",
        ];
        for ((_, date), title) in cases.into_iter().zip(titles) {
            rows.push(vec![
                X::T(code(1)),
                X::S(title),
                X::S("省级"),
                X::N(2022.0),
                date,
                X::S("2025-01-04"),
            ]);
        }
        let report = run(
            &app,
            &system(),
            ImportKind::Honors,
            &xlsx(&rows),
            ImportOptions::default(),
        )
        .await;
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        let honors = crate::enterprise::honors_of(&app, &system(), &code(1))
            .await
            .unwrap();
        assert_eq!(honors.len(), 7);
        for h in &honors {
            assert_eq!(
                h.valid_from,
                chrono::NaiveDate::from_ymd_opt(2022, 1, 5),
                "{}: valid from 2022-01-05",
                h.title
            );
        }
        let bad = xlsx(&[
            [
                "统一社会信用代码",
                "称号",
                "级别",
                "年度",
                "有效期起",
                "有效期止",
            ]
            .into_iter()
            .map(X::S)
            .collect(),
            vec![
                X::T(code(1)),
                X::S("瞪羚企业"),
                X::S("市级"),
                X::N(2023.0),
                X::S("2024-01-01"),
                X::S("2023-01-01"),
            ],
            vec![X::T(code(1)), X::S("瞪羚企业"), X::S("省级"), X::N(2022.0)],
        ]);
        let report = run(
            &app,
            &system(),
            ImportKind::Honors,
            &bad,
            ImportOptions::default(),
        )
        .await;
        let keys: Vec<_> = report
            .errors
            .iter()
            .map(|e| (e.row, e.column.as_str(), e.message_key.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                (2, "有效期止", "honor.ends_before_start"),
                (3, "称号", "honor.exists")
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn an_export_round_trips_through_import_as_unchanged_and_masks_phones_without_the_contact_permission()
 {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let admin = user(&app, "admin").await;
        // What the demo already holds in 阳谷县 (its cultivation records), per kind.
        let in_yanggu = ListQuery {
            region: Some("371521".into()),
            ..Default::default()
        };
        let mut base = std::collections::HashMap::new();
        for kind in ImportKind::ALL {
            let n = export(
                &app,
                &admin,
                kind,
                &in_yanggu,
                ExportFormat::Csv,
                Lang::Zh,
                Vec::new(),
            )
            .await
            .unwrap();
            base.insert(kind.as_str(), n);
        }
        let mut rows = vec![enterprise_header()];
        rows.extend((1..=30).map(|n| enterprise_row(n, &format!("阳谷示例企业{n}"), "371521")));
        run(
            &app,
            &admin,
            ImportKind::Enterprises,
            csv_text(&rows).as_bytes(),
            ImportOptions::default(),
        )
        .await;
        let mut fin = vec![financial_header()];
        for n in 1..=30 {
            fin.push(vec![
                X::T(code(n)),
                X::N(2024.0),
                X::S("1234.56"),
                X::N(f64::from(n)),
                X::S("2"),
                X::S("无"),
                X::S("是"),
            ]);
        }
        run(
            &app,
            &admin,
            ImportKind::Financials,
            &xlsx(&fin),
            ImportOptions::default(),
        )
        .await;
        let honors = csv_text(&[
            vec![
                "uscc".into(),
                "title".into(),
                "level".into(),
                "year".into(),
                "valid_from".into(),
            ],
            vec![
                code(1),
                "专精特新\"小巨人\"企业".into(),
                "国家级".into(),
                "2023".into(),
                "2023-07-01".into(),
            ],
        ]);
        let r = run(
            &app,
            &admin,
            ImportKind::Honors,
            honors.as_bytes(),
            ImportOptions::default(),
        )
        .await;
        assert!(
            r.errors.is_empty(),
            "JSON keys serve as headers: {:?}",
            r.errors
        );
        let q = ListQuery {
            region: Some("371521".into()),
            ..Default::default()
        };
        for kind in ImportKind::ALL {
            for format in [ExportFormat::Xlsx, ExportFormat::Csv] {
                let mut buf = Vec::new();
                let n = export(&app, &admin, kind, &q, format, Lang::Zh, &mut buf)
                    .await
                    .unwrap();
                let expected = if kind == ImportKind::Honors { 1 } else { 30 }
                    + base.get(kind.as_str()).copied().unwrap_or(0);
                assert_eq!(n, expected, "{kind:?} {format:?}: rows written");
                if format == ExportFormat::Csv {
                    assert!(buf.starts_with(b"\xEF\xBB\xBF"), "CSV starts with a BOM");
                }
                let back = run(&app, &admin, kind, &buf, update()).await;
                assert!(
                    back.errors.is_empty(),
                    "{kind:?} {format:?}: {:?}",
                    back.errors
                );
                assert_eq!(
                    (back.unchanged, back.updated, back.created),
                    (expected as usize, 0, 0),
                    "{kind:?} {format:?}: round trip is unchanged"
                );
            }
        }
        let hr = user(&app, "hrbureau").await;
        let mut buf = Vec::new();
        export(
            &app,
            &hr,
            ImportKind::Enterprises,
            &q,
            ExportFormat::Csv,
            Lang::En,
            &mut buf,
        )
        .await
        .unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(
            text.contains("Contact phone") && text.contains("139****5678"),
            "masked for a reader without enterprise:contact"
        );
        assert!(!text.contains("13912345678"));
        let leader = user(&app, "leader").await;
        let denied = export(
            &app,
            &leader,
            ImportKind::Enterprises,
            &q,
            ExportFormat::Csv,
            Lang::Zh,
            Vec::new(),
        )
        .await;
        assert!(
            matches!(denied, Err(AppError::Forbidden(_))),
            "no enterprise:read, no export"
        );
    })
    .await;
}

#[tokio::test]
async fn a_file_that_is_not_a_sheet_of_this_kind_is_refused_with_the_reason() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let cases: [(&str, &[u8], &str); 3] = [
            ("no known header", b"a,b,c\n1,2,3\n", "import.no_header"),
            (
                "a required column missing",
                "企业名称,区县代码\n某企业,371521\n".as_bytes(),
                "import.missing_column",
            ),
            (
                "a broken xlsx",
                b"PK\x03\x04broken",
                "import.not_spreadsheet",
            ),
        ];
        for (what, bytes, key) in cases {
            let err = import(
                &app,
                &system(),
                &RequestMeta::default(),
                ImportKind::Enterprises,
                "x",
                bytes,
                ImportOptions::default(),
                None,
            )
            .await
            .unwrap_err();
            assert!(
                matches!(&err, AppError::Invalid(e) if e[0].key == key),
                "{what}: {err:?}"
            );
        }
        let leader = user(&app, "leader").await;
        let err = import(
            &app,
            &leader,
            &RequestMeta::default(),
            ImportKind::Enterprises,
            "x",
            b"",
            ImportOptions::default(),
            None,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, AppError::Forbidden(_)),
            "permission is checked before reading"
        );
    })
    .await;
}

#[tokio::test]
async fn large_files_import_in_bulk_and_export_through_the_streaming_path() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        const N: u32 = 10_000;
        let demo_enterprises = enterprise_count(&app).await as u64;
        let mut rows = vec![enterprise_header()];
        rows.extend((1..=N).map(|n| enterprise_row(n, &format!("阳谷示例企业{n}"), "371521")));
        let t = Instant::now();
        let r = run(
            &app,
            &system(),
            ImportKind::Enterprises,
            csv_text(&rows).as_bytes(),
            ImportOptions::default(),
        )
        .await;
        assert_eq!(r.created, N as usize);
        eprintln!(
            "{:?}: {N}-row enterprise CSV imported in {:?}",
            app.db().backend(),
            t.elapsed()
        );
        let mut fin = vec![financial_header()];
        for n in 1..=N {
            fin.push(vec![
                X::T(code(n)),
                X::N(2024.0),
                X::N(f64::from(n)),
                X::N(f64::from(n % 900)),
                X::S("2"),
                X::S("无"),
                X::S("是"),
            ]);
        }
        let sheet = xlsx(&fin);
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let stages = std::sync::Mutex::new(Vec::new());
        let progress = |stage: crate::io::ImportStage| {
            calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            stages.lock().unwrap().push(stage);
        };
        let t = Instant::now();
        let r = import(
            &app,
            &system(),
            &RequestMeta::default(),
            ImportKind::Financials,
            "f.xlsx",
            &sheet,
            ImportOptions::default(),
            Some(&progress),
        )
        .await
        .unwrap();
        assert_eq!(r.created, N as usize);
        assert!(
            calls.load(std::sync::atomic::Ordering::Relaxed) > 10,
            "progress is reported"
        );
        let stages = stages.into_inner().unwrap();
        use crate::io::ImportStage::{Checking, Finished, Writing};
        let total = N as usize;
        assert_eq!(stages.first(), Some(&Checking { done: 0, total }));
        assert_eq!(stages.last(), Some(&Finished { total }));
        assert_eq!(
            stages[stages.len() - 2],
            Writing { total },
            "writing comes after checking"
        );
        assert!(
            stages.windows(2).all(|w| match (w[0], w[1]) {
                (Checking { done: a, .. }, Checking { done: b, .. }) => a < b,
                _ => true,
            }),
            "checking only moves forward"
        );
        eprintln!(
            "{:?}: {N}-row financials xlsx imported in {:?}",
            app.db().backend(),
            t.elapsed()
        );
        let t = Instant::now();
        let file = tempfile::tempfile().unwrap();
        let n = export(
            &app,
            &system(),
            ImportKind::Enterprises,
            &ListQuery::default(),
            ExportFormat::Xlsx,
            Lang::Zh,
            std::io::BufWriter::new(file),
        )
        .await
        .unwrap();
        assert_eq!(
            n,
            u64::from(N) + demo_enterprises,
            "with the demo's enterprises"
        );
        eprintln!(
            "{:?}: {n} enterprises exported to xlsx in {:?}",
            app.db().backend(),
            t.elapsed()
        );
    })
    .await;
}

#[test]
fn the_import_and_export_futures_can_run_on_a_multi_threaded_server() {
    fn is_send<T: Send>(_: &T) {}
    #[allow(dead_code)]
    fn check(app: &App, actor: &Actor, q: &ListQuery, meta: &RequestMeta) {
        is_send(&export(
            app,
            actor,
            ImportKind::Enterprises,
            q,
            ExportFormat::Xlsx,
            Lang::Zh,
            Vec::new(),
        ));
        is_send(&import(
            app,
            actor,
            meta,
            ImportKind::Enterprises,
            "",
            b"",
            ImportOptions::default(),
            None,
        ));
    }
}
