//! Cultivation use cases on SQLite and PostgreSQL, acting as the demo's users.

use super::*;
use crate::test_support::{demo_actor as actor, demo_app as demo};
use crate::{App, AppError, RequestMeta};
use policy::enterprise::Uscc;
use std::collections::HashMap;
use store::testing::on_each_backend;

fn foundry() -> String {
    Uscc::with_check(crate::demo::ENTERPRISES[0].uscc_body)
        .unwrap()
        .to_string()
}

fn aluminium() -> String {
    Uscc::with_check(crate::demo::ENTERPRISES[1].uscc_body)
        .unwrap()
        .to_string()
}

/// Three years of figures for the foundry: 2025 revenue 12000万, R&D 312万 (2.6%).
async fn figures(app: &App, uscc: &str) {
    let admin = actor(app, "admin").await;
    for (year, revenue, main, rd) in [
        ("2025", "12000", "9000", "312"),
        ("2024", "11000", "8000", "300"),
        ("2023", "10000", "7000", "250"),
    ] {
        let raw: HashMap<String, String> = [
            ("uscc", uscc),
            ("year", year),
            ("revenue_wan_yuan", revenue),
            ("main_revenue_wan_yuan", main),
            ("rd_expense_wan_yuan", rd),
            ("net_profit_wan_yuan", "1200"),
            ("total_assets_wan_yuan", "10000"),
            ("total_liabilities_wan_yuan", "5000"),
            ("staff", "200"),
            ("rd_staff", "30"),
            ("tech_staff", "40"),
            ("equity_financing_wan_yuan", "0"),
            ("ip_class1_high_value", "0"),
            ("ip_class1_self_developed", "0"),
            ("ip_class1", "1"),
            ("ip_class2", "3"),
            ("digital_level", "2"),
            ("rd_institution_level", "city"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        crate::enterprise::save_financial(app, &admin, &RequestMeta::default(), &raw)
            .await
            .unwrap();
    }
}

fn request(uscc: &str, tier: &str) -> AssessRequest {
    AssessRequest {
        uscc: uscc.to_string(),
        tier: tier.to_string(),
        year: 2025,
        ..Default::default()
    }
}

#[tokio::test]
async fn shipped_rule_sets_load_once() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        assert_eq!(
            load_shipped_rule_sets(&app).await.unwrap(),
            0,
            "demo loaded them"
        );
        let admin = actor(&app, "admin").await;
        let all = list_rule_sets(&app, &admin).await.unwrap();
        assert_eq!(all.len(), policy::cultivation::shipped::FILES.len());
        assert!(
            all.iter()
                .all(|r| r.revision == 1 && r.status == "published")
        );
    })
    .await;
}

#[tokio::test]
async fn an_enterprise_assesses_itself_and_sees_the_gap_in_money() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        figures(&app, &foundry()).await;
        let me = actor(&app, "enterprise").await;
        let meta = RequestMeta::default();
        let v = assess(&app, &me, &meta, &request(&foundry(), "innovative"))
            .await
            .unwrap();
        assert_eq!(
            v.rule_set.code, "innovative-2026-2",
            "in force on today's date"
        );
        // ip 10 + R&D 10 = 20; growth 15 + debt 10 = 25; field 5 (not strategic) + share 20.
        assert_eq!(v.total, 70);
        assert!(v.qualified);
        let rd = v.indicators.iter().find(|i| i.code == "rd_ratio").unwrap();
        let lever = rd.gap.unwrap().lever.unwrap();
        assert!((lever.amount - 48.0).abs() < 1e-6);
        let again = get_assessment(&app, &me, v.id).await.unwrap();
        assert_eq!(again.total, 70);
        assert_eq!(again.rule_set.code, v.rule_set.code);
        // Not its own enterprise: the same answer as a missing one.
        let other = assess(&app, &me, &meta, &request(&aluminium(), "innovative")).await;
        assert!(matches!(other, Err(AppError::NotFound)), "{other:?}");
        let lines = assessments_of(&app, &me, &foundry()).await.unwrap();
        assert_eq!(lines.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_county_assesses_only_its_subtree_and_reads_only_its_assessments() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        figures(&app, &foundry()).await;
        let meta = RequestMeta::default();
        let linqing = actor(&app, "county.linqing").await;
        let chiping = actor(&app, "county.chiping").await;
        let v = assess(&app, &linqing, &meta, &request(&foundry(), "specialized"))
            .await
            .unwrap();
        assert!(!v.qualified);
        let rd = v.conditions.iter().find(|c| c.code == "rd").unwrap();
        assert_eq!(rd.met, Some(false));
        let out = assess(&app, &chiping, &meta, &request(&foundry(), "specialized")).await;
        assert!(matches!(out, Err(AppError::NotFound)), "{out:?}");
        let read = get_assessment(&app, &chiping, v.id).await;
        assert!(matches!(read, Err(AppError::NotFound)), "{read:?}");
        let specialist = actor(&app, "specialist").await;
        let denied = assess(
            &app,
            &specialist,
            &meta,
            &request(&foundry(), "specialized"),
        )
        .await;
        assert!(matches!(denied, Err(AppError::Forbidden(_))), "{denied:?}");
    })
    .await;
}

#[tokio::test]
async fn bad_requests_name_every_field() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let admin = actor(&app, "admin").await;
        let mut req = request("91371581MA3C0F00X", "heroic");
        req.year = 1999;
        req.declared.insert("no_such_metric".into(), 1.0);
        let err = assess(&app, &admin, &RequestMeta::default(), &req)
            .await
            .unwrap_err();
        let AppError::Invalid(fields) = err else {
            panic!("{err:?}")
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, vec!["uscc", "tier", "year", "declared"]);
    })
    .await;
}

#[tokio::test]
async fn an_administrator_copies_edits_and_publishes_a_rule_set() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        figures(&app, &foundry()).await;
        let admin = actor(&app, "admin").await;
        let meta = RequestMeta::default();
        let all = list_rule_sets(&app, &admin).await.unwrap();
        let source = all.iter().find(|r| r.code == "innovative-2026-2").unwrap();
        let county = actor(&app, "county.linqing").await;
        let refused = copy_rule_set(&app, &county, &meta, source.id).await;
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{refused:?}"
        );
        let draft = copy_rule_set(&app, &admin, &meta, source.id).await.unwrap();
        assert_eq!((draft.status.as_str(), draft.revision), ("draft", 0));
        let twice = copy_rule_set(&app, &admin, &meta, source.id).await;
        assert!(matches!(twice, Err(AppError::Conflict(_))), "{twice:?}");
        let body = rule_set(&app, &admin, draft.id).await.unwrap().body;
        let bad = body.replace("{ min = 3, points = 15 }", "{ min = 6, points = 15 }");
        let err = save_rule_set_draft(&app, &admin, &meta, draft.id, &bad)
            .await
            .unwrap_err();
        let AppError::Invalid(f) = err else {
            panic!("{err:?}")
        };
        assert_eq!(f[0].key, "cultivation.rules.band_order");
        let stricter = body.replace("pass_mark = 60", "pass_mark = 80");
        save_rule_set_draft(&app, &admin, &meta, draft.id, &stricter)
            .await
            .unwrap();
        let published = publish_rule_set(&app, &admin, &meta, draft.id)
            .await
            .unwrap();
        assert_eq!(
            (published.status.as_str(), published.revision),
            ("published", 2)
        );
        let v = assess(&app, &admin, &meta, &request(&foundry(), "innovative"))
            .await
            .unwrap();
        assert_eq!(v.rule_set.revision, 2, "the newest revision is in force");
        assert_eq!(v.pass_mark, Some(80));
        assert!(!v.qualified, "70 < 80");
        let mut old = request(&foundry(), "innovative");
        old.rule_set = Some("innovative-2022-63".into());
        let v = assess(&app, &admin, &meta, &old).await.unwrap();
        assert_eq!(
            v.rule_set.code, "innovative-2022-63",
            "the user picks another set"
        );
        assert!(v.qualified);
        // The stored assessment reproduces from its snapshot after the registry changes.
        let before = get_assessment(&app, &admin, v.id).await.unwrap();
        let mut raw = HashMap::new();
        raw.insert("uscc".to_string(), foundry());
        raw.insert("year".to_string(), "2025".to_string());
        raw.insert("rd_expense_wan_yuan".to_string(), "1".to_string());
        crate::enterprise::save_financial(&app, &admin, &meta, &raw)
            .await
            .unwrap();
        let after = get_assessment(&app, &admin, v.id).await.unwrap();
        assert_eq!(after.total, before.total);
        assert_eq!(after.inputs, before.inputs);
    })
    .await;
}

#[tokio::test]
async fn the_radar_screens_only_the_scope_and_the_tiers_not_held() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        figures(&app, &foundry()).await;
        let q = ScreenQuery {
            year: 2025,
            tier: None,
            limit: 100,
        };
        let linqing = actor(&app, "county.linqing").await;
        let r = screen(&app, &linqing, &q).await.unwrap();
        // 临清 holds the foundry and whatever else the demo put there (the cultivation
        // workflow's demo adds its titled enterprises): the radar screens every one.
        let in_linqing = crate::enterprise::list_enterprises(
            &app,
            &linqing,
            &crate::enterprise::ListQuery::default(),
            None,
            1,
        )
        .await
        .unwrap()
        .total
        .unwrap();
        assert_eq!(r.enterprises, in_linqing, "every enterprise of 临清");
        assert!(
            r.evaluated >= 6,
            "at least the foundry's six tiers, none held"
        );
        let innovative = r
            .rows
            .iter()
            .find(|x| x.tier == "innovative" && x.uscc == foundry())
            .unwrap();
        assert_eq!(
            (innovative.status.as_str(), innovative.distance),
            ("qualified", 0)
        );
        assert!(
            r.rows.windows(2).all(|w| w[0].distance <= w[1].distance),
            "closest first"
        );
        let chiping = actor(&app, "county.chiping").await;
        let r = screen(&app, &chiping, &q).await.unwrap();
        assert!(r.rows.iter().all(|x| x.uscc != foundry()));
        let me = actor(&app, "enterprise").await;
        assert!(matches!(
            screen(&app, &me, &q).await,
            Err(AppError::Forbidden(_))
        ));
        let bytes = screen_xlsx(&app, &linqing, &q).await.unwrap();
        assert_eq!(&bytes[..2], b"PK", "an xlsx (zip) file");
    })
    .await;
}
