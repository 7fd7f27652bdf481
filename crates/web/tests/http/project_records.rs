//! The support-fund and digital-record pages (figures, filters, totals, the record forms with
//! Chinese refusals, xlsx exports) linked from the land page and the seed-facts page, and the
//! edit of a key project over the API and through its form.

use crate::common::on_each_backend;
use crate::support::{get, post_form, send_json};
use calamine::{Reader, Xlsx};
use serde_json::{Value, json};
use std::io::Cursor;

fn rows_of(bytes: Vec<u8>) -> usize {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("an xlsx");
    let name = wb.sheet_names()[0].clone();
    wb.worksheet_range(&name).unwrap().rows().count()
}

#[tokio::test]
async fn the_fund_and_digital_pages_show_the_apis_figures_and_export_what_they_list() {
    on_each_backend(async |app| {
        let (leader, _) = app.login("leader").await;
        let q = "region=371581&year=2022";
        let funds: Value = get(app, &leader, &format!("/api/v1/support-funds/stats?{q}"))
            .await
            .json();
        let page = get(app, &leader, &format!("/support-funds?{q}")).await;
        assert_eq!(page.status, 200, "{}", page.text());
        let html = page.text();
        assert!(
            html.contains(&format!(r#"id="funds-payments">{}<"#, funds["payments"])),
            "the payments counted"
        );
        let first = funds["by_programme"][0]["programme"].as_str().unwrap();
        assert!(html.contains(first), "the totals by programme");
        assert!(html.contains(r#"id="tab-funds""#) && html.contains("aria-current"));
        assert!(
            !html.contains(r#"id="payment-form""#),
            "the leader only reads"
        );
        // Filtering by a programme lists only its payments.
        let one = get(
            app,
            &leader,
            &format!("/api/v1/support-funds?{q}&kind={first}&limit=500"),
        )
        .await
        .json();
        let x = get(
            app,
            &leader,
            &format!("/support-funds/export.xlsx?{q}&programme={first}"),
        )
        .await;
        assert_eq!(x.status, 200);
        assert_eq!(
            rows_of(x.bytes) - 1,
            one["items"].as_array().unwrap().len(),
            "one row a listed payment"
        );
        // The digital page: figures as the API counts them, and the export.
        let digital: Value = get(app, &leader, &format!("/api/v1/digital/stats?{q}"))
            .await
            .json();
        let d = get(app, &leader, &format!("/digital-records?{q}")).await;
        assert_eq!(d.status, 200);
        assert!(d.text().contains(&format!(
            r#"id="figure-base_station_5g">{}<"#,
            digital["base_stations_5g"]
        )));
        let x = get(
            app,
            &leader,
            &format!("/digital-records/export.xlsx?{q}&kind=dcmm_certification"),
        )
        .await;
        assert_eq!(
            rows_of(x.bytes) - 1,
            digital["dcmm_certified"].as_u64().unwrap() as usize
        );
        // The land page and the seed facts link here.
        let land = get(app, &leader, &format!("/land?{q}")).await.text();
        assert!(land.contains("/support-funds?region=371581&amp;year=2022"));
        assert!(land.contains("/digital-records?region=371581&amp;year=2022"));
        let seeds = get(app, &leader, "/api/v1/stats/seed-facts").await.json();
        let hrefs: Vec<&str> = seeds
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["href"].as_str())
            .collect();
        assert!(hrefs.iter().any(|h| h.starts_with("/support-funds?")));
        assert!(hrefs.iter().any(|h| h.starts_with("/digital-records?")));
        // A bad year is named, not a 500.
        let bad = get(app, &leader, "/support-funds?year=abc").await;
        assert_eq!(bad.status, 422);
    })
    .await;
}

#[tokio::test]
async fn a_county_records_a_payment_and_a_batch_through_the_forms_and_bad_input_is_named() {
    on_each_backend(async |app| {
        let (county, csrf) = app.login("county.yanggu").await;
        let q = "/api/v1/support-funds/stats?region=371521&year=2022";
        let before: Value = get(app, &county, q).await.json();
        let page = get(app, &county, "/support-funds?year=2022").await;
        assert!(
            page.text().contains(r#"id="payment-form""#),
            "a writer sees the form"
        );
        let a = post_form(
            app,
            &county,
            "/support-funds",
            Some(&csrf),
            &[
                ("programme", "技改专项"),
                ("enterprise_uscc", "91371521MD3T0A001X"),
                ("amount_wan_yuan", "-3"),
                ("paid_on", "2022-13-01"),
            ],
        )
        .await;
        assert_eq!(a.status, 422);
        let html = a.text();
        assert!(html.contains("金额不能为负"), "the amount named in Chinese");
        assert!(html.contains(r#"data-field="paid_on""#), "the date named");
        assert!(html.contains(r#"value="技改专项""#), "values kept");
        assert_eq!(get(app, &county, q).await.json(), before, "nothing written");
        let a = post_form(
            app,
            &county,
            "/support-funds",
            Some(&csrf),
            &[
                ("programme", "技改专项"),
                ("enterprise_uscc", "91371521MD3T0A001J"),
                ("amount_wan_yuan", "12.5"),
                ("paid_on", "2022-06-01"),
            ],
        )
        .await;
        assert_eq!(a.status, 303, "{}", a.text());
        let after: Value = get(app, &county, q).await.json();
        assert_eq!(
            after["payments"],
            json!(before["payments"].as_u64().unwrap() + 1)
        );
        // A base-station batch without its count is refused; with it, counted.
        let d = "/api/v1/digital/stats?region=371521&year=2022";
        let before: Value = get(app, &county, d).await.json();
        let a = post_form(
            app,
            &county,
            "/digital-records",
            Some(&csrf),
            &[
                ("kind", "base_station_5g"),
                ("region_code", "371521"),
                ("recorded_on", "2022-07-01"),
                ("source", "移动公司台账"),
            ],
        )
        .await;
        assert_eq!(a.status, 422);
        assert!(a.text().contains(r#"data-field="quantity""#));
        let a = post_form(
            app,
            &county,
            "/digital-records",
            Some(&csrf),
            &[
                ("kind", "base_station_5g"),
                ("region_code", "371521"),
                ("quantity", "4"),
                ("recorded_on", "2022-07-01"),
                ("source", "移动公司台账"),
            ],
        )
        .await;
        assert_eq!(a.status, 303, "{}", a.text());
        let after: Value = get(app, &county, d).await.json();
        assert_eq!(
            after["base_stations_5g"].as_i64().unwrap(),
            before["base_stations_5g"].as_i64().unwrap() + 4
        );
    })
    .await;
}

#[tokio::test]
async fn a_key_project_is_edited_over_the_api_and_through_its_form() {
    on_each_backend(async |app| {
        let (county, csrf) = app.login("county.linqing").await;
        let p: Value = get(app, &county, "/api/v1/projects/1").await.json();
        let rec = get(app, &county, "/projects/1").await.text();
        assert!(
            rec.contains(r#"id="edit-project""#),
            "a writer sees the edit link"
        );
        let form = get(app, &county, "/projects/1/edit").await;
        assert_eq!(form.status, 200);
        assert!(
            form.text()
                .contains(&format!(r#"value="{}""#, p["name"].as_str().unwrap()))
        );
        // Over the API: a bad level and date are named, nothing changes.
        let body = json!({"name": "临清更名项目", "level": "town", "region_code": p["region_code"],
            "industry_code": p["industry_code"], "started_on": "2022-02-30"});
        let a = send_json(
            app,
            &county,
            reqwest::Method::POST,
            "/api/v1/projects/1",
            &csrf,
            &body,
        )
        .await;
        assert_eq!(a.status, 422, "{}", a.text());
        let err = a.json();
        let fields: Vec<&str> = err["error"]["details"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["field"].as_str())
            .collect();
        assert!(
            fields.contains(&"level") && fields.contains(&"started_on"),
            "{fields:?}"
        );
        let body = json!({"name": "临清更名项目", "level": "city", "region_code": p["region_code"],
            "enterprise_uscc": p["enterprise_uscc"], "industry_code": p["industry_code"],
            "total_investment_wan_yuan": "5000"});
        let a = send_json(
            app,
            &county,
            reqwest::Method::POST,
            "/api/v1/projects/1",
            &csrf,
            &body,
        )
        .await;
        assert_eq!(a.status, 200, "{}", a.text());
        let v: Value = a.json();
        assert_eq!(
            (v["name"].as_str(), v["level"].as_str(), v["stage"].clone()),
            (Some("临清更名项目"), Some("city"), p["stage"].clone())
        );
        // Through the form: refused in Chinese with the values kept, then saved.
        let a = post_form(
            app,
            &county,
            "/projects/1/edit",
            Some(&csrf),
            &[
                ("name", ""),
                ("level", "city"),
                ("region_code", p["region_code"].as_str().unwrap()),
                ("industry_code", p["industry_code"].as_str().unwrap()),
                ("total_investment_wan_yuan", "7777"),
            ],
        )
        .await;
        assert_eq!(a.status, 422);
        assert!(a.text().contains(r#"value="7777""#), "values kept");
        assert!(a.text().contains(r#"data-field="name""#), "the name named");
        let a = post_form(
            app,
            &county,
            "/projects/1/edit",
            Some(&csrf),
            &[
                ("name", "临清表单项目"),
                ("level", "county"),
                ("region_code", p["region_code"].as_str().unwrap()),
                ("industry_code", p["industry_code"].as_str().unwrap()),
                ("stage", p["stage"].as_str().unwrap()),
                ("plan_year", "2024"),
                ("planned_wan_yuan", "321"),
            ],
        )
        .await;
        assert_eq!(a.status, 303, "{}", a.text());
        let v: Value = get(app, &county, "/api/v1/projects/1").await.json();
        assert_eq!(v["name"], json!("临清表单项目"));
        assert!(
            v["plans"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["year"] == json!(2024) && p["planned_wan_yuan"] == json!("321.00"))
        );
        // The leader reads the project but gets no edit link or form.
        let (leader, _) = app.login("leader").await;
        assert!(
            !get(app, &leader, "/projects/1")
                .await
                .text()
                .contains(r#"id="edit-project""#)
        );
        assert_eq!(get(app, &leader, "/projects/1/edit").await.status, 403);
    })
    .await;
}
