//! Tests of editing a key project and of the support-fund and digital-record exports, on
//! SQLite and PostgreSQL.

use super::demo::{LINQING, YEAR};
use super::*;
use crate::audit::{AuditSearch, search_audit};
use crate::test_support::{demo_actor, on_each_demo};
use crate::{Actor, App, AppError, RequestMeta};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

fn meta() -> RequestMeta {
    RequestMeta::cli("test")
}

fn keys(e: AppError) -> Vec<(String, String)> {
    match e {
        AppError::Invalid(es) => es.into_iter().map(|e| (e.field, e.key)).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

/// The edit form filled with a project as it is.
fn form_of(v: &KeyProjectView) -> KeyProjectForm {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    KeyProjectForm {
        name: v.name.clone(),
        level: v.level.clone(),
        region_code: v.region_code.clone(),
        enterprise_uscc: v.enterprise_uscc.clone().unwrap_or_default(),
        industry_code: v.industry_code.clone(),
        total_investment_wan_yuan: v.total_investment_wan_yuan.clone().unwrap_or_default(),
        construction: v.construction.clone(),
        stage: v.stage.clone(),
        started_on: date(v.started_on),
        completed_on: date(v.completed_on),
        in_production_on: date(v.in_production_on),
        plan_year: None,
        planned_wan_yuan: String::new(),
    }
}

/// The `key_project.update` entries of a project, newest first.
async fn updates(app: &App, id: i64) -> Vec<crate::audit::AuditEntryView> {
    let admin = demo_actor(app, "admin").await;
    search_audit(
        app,
        &admin,
        &AuditSearch {
            entity_type: Some("key_project".into()),
            entity_id: Some(id.to_string()),
            action: Some("key_project.update".into()),
            ..Default::default()
        },
        crate::PageRequest::new(100, None),
    )
    .await
    .unwrap()
    .items
}

async fn first_linqing_project(app: &App, county: &Actor) -> KeyProjectView {
    let q = ProjectListQuery {
        region: Some(LINQING.into()),
        year: Some(YEAR),
        limit: Some(1),
        ..Default::default()
    };
    let id = list_key_projects(app, county, &q).await.unwrap().items[0].id;
    get_key_project(app, county, id).await.unwrap()
}

#[tokio::test]
async fn a_key_project_is_edited_in_one_audited_change_and_bad_input_is_named_at_once() {
    on_each_demo(|app| async move {
        let county = demo_actor(&app, "county.linqing").await;
        let v = first_linqing_project(&app, &county).await;
        // Every problem at once, nothing written.
        let bad = KeyProjectForm {
            name: " ".into(),
            level: "town".into(),
            total_investment_wan_yuan: "-1".into(),
            stage: "planned".into(),
            started_on: "2022-01-01".into(),
            plan_year: Some(1800),
            planned_wan_yuan: "10".into(),
            ..form_of(&v)
        };
        let e = keys(
            update_key_project(&app, &county, &meta(), v.id, bad)
                .await
                .unwrap_err(),
        );
        for (field, key) in [
            ("name", "common.required"),
            ("level", "common.choice"),
            ("total_investment_wan_yuan", "project.amount_negative"),
            ("started_on", "project.stage_date_unreached"),
            ("plan_year", "common.year_range"),
        ] {
            assert!(
                e.iter().any(|(f, k)| f == field && k == key),
                "{field} {key} in {e:?}"
            );
        }
        assert_eq!(
            get_key_project(&app, &county, v.id).await.unwrap().name,
            v.name
        );
        // A county cannot move its project into another county.
        let e = keys(
            update_key_project(
                &app,
                &county,
                &meta(),
                v.id,
                KeyProjectForm {
                    region_code: "371521".into(),
                    ..form_of(&v)
                },
            )
            .await
            .unwrap_err(),
        );
        assert!(
            e.contains(&("region_code".into(), "region.out_of_scope".into())),
            "{e:?}"
        );
        // A good edit changes the fields and the year's plan, audited with before and after.
        let renamed = format!("{}（扩建）", v.name);
        let good = KeyProjectForm {
            name: renamed.clone(),
            total_investment_wan_yuan: "12345.67".into(),
            stage: String::new(),
            plan_year: Some(2024),
            planned_wan_yuan: "800".into(),
            ..form_of(&v)
        };
        let after = update_key_project(&app, &county, &meta(), v.id, good.clone())
            .await
            .unwrap();
        assert_eq!(after.name, renamed);
        assert_eq!(after.total_investment_wan_yuan.as_deref(), Some("12345.67"));
        assert_eq!(after.stage, v.stage, "an empty stage keeps the current one");
        assert!(
            after
                .plans
                .iter()
                .any(|p| p.year == 2024 && p.planned_wan_yuan == "800.00"),
            "{:?}",
            after.plans
        );
        let audit = updates(&app, v.id).await;
        assert_eq!(audit.len(), 1, "one entry for the edit");
        let name = audit[0]
            .changes
            .iter()
            .find(|c| c.field == "name")
            .expect("the name change");
        assert_eq!(
            (&name.before, &name.after),
            (&serde_json::json!(v.name), &serde_json::json!(renamed))
        );
        // Saving the same form again changes nothing and leaves no entry.
        update_key_project(&app, &county, &meta(), v.id, good.clone())
            .await
            .unwrap();
        assert_eq!(updates(&app, v.id).await.len(), 1);
        // Another county does not reach it; a reader may not write.
        let yanggu = demo_actor(&app, "county.yanggu").await;
        assert!(matches!(
            update_key_project(&app, &yanggu, &meta(), v.id, good.clone()).await,
            Err(AppError::NotFound)
        ));
        let leader = demo_actor(&app, "leader").await;
        assert!(matches!(
            update_key_project(&app, &leader, &meta(), v.id, good).await,
            Err(AppError::Forbidden(_))
        ));
    })
    .await;
}

fn sheet(bytes: Vec<u8>) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("a number, got {other:?}"),
    }
}

#[tokio::test]
async fn the_fund_and_digital_exports_hold_what_the_figures_count_in_scope() {
    on_each_demo(|app| async move {
        let leader = demo_actor(&app, "leader").await;
        let q = RecordListQuery {
            region: Some(LINQING.into()),
            year: Some(YEAR),
            ..Default::default()
        };
        let funds = support_fund_stats(&app, &leader, Some(LINQING), Some(YEAR))
            .await
            .unwrap();
        let rows = sheet(payments_xlsx(&app, &leader, &q).await.unwrap());
        assert_eq!(
            rows[0][0],
            Data::String("资金项目".into()),
            "Chinese headers"
        );
        assert_eq!(rows.len() as u64 - 1, funds.payments, "one row a payment");
        let paid: f64 = rows[1..].iter().map(|r| number(&r[4])).sum();
        let total: f64 = funds.total_wan_yuan.parse().unwrap();
        assert!((paid - total).abs() < 1e-6, "{paid} against {total}");
        // One programme only.
        let programme = funds.by_programme[0].clone();
        let one = sheet(
            payments_xlsx(
                &app,
                &leader,
                &RecordListQuery {
                    kind: Some(programme.programme.clone()),
                    ..q.clone()
                },
            )
            .await
            .unwrap(),
        );
        assert_eq!(one.len() as u64 - 1, programme.payments);
        assert!(
            one[1..]
                .iter()
                .all(|r| r[0] == Data::String(programme.programme.clone()))
        );

        let digital = digital_stats(&app, &leader, Some(LINQING), Some(YEAR))
            .await
            .unwrap();
        let rows = sheet(digital_xlsx(&app, &leader, &q).await.unwrap());
        let quantity = |kind: &str| -> f64 {
            rows[1..]
                .iter()
                .filter(|r| r[0] == Data::String(kind.into()))
                .map(|r| number(&r[4]))
                .sum()
        };
        assert_eq!(quantity("5G基站"), digital.base_stations_5g as f64);
        assert_eq!(quantity("企业上云"), digital.cloud_enterprises as f64);
        assert_eq!(quantity("DCMM贯标"), digital.dcmm_certified as f64);

        // 阳谷县 exports only its own records; a role without project:read none.
        let yanggu = demo_actor(&app, "county.yanggu").await;
        let all = RecordListQuery {
            year: Some(YEAR),
            ..Default::default()
        };
        let mine = sheet(payments_xlsx(&app, &yanggu, &all).await.unwrap());
        assert!(
            mine[1..]
                .iter()
                .all(|r| matches!(&r[3], Data::String(c) if c.starts_with("371521"))),
            "{mine:?}"
        );
        let hr = demo_actor(&app, "hrbureau").await;
        assert!(matches!(
            digital_xlsx(&app, &hr, &all).await,
            Err(AppError::Forbidden(_))
        ));
    })
    .await;
}
