//! Registry use cases on SQLite and PostgreSQL, acting as the demo's users.

use crate::{AppError, RequestMeta};
use policy::enterprise::Uscc;
use std::collections::HashMap;
use store::testing::on_each_backend;

use crate::test_support::{demo_actor as actor, demo_app as demo, raw};

fn code(body: &str) -> String {
    Uscc::with_check(body).unwrap().to_string()
}

fn enterprise(uscc: &str, name: &str, region: &str) -> HashMap<String, String> {
    raw(&[
        ("uscc", uscc),
        ("name", name),
        ("region_code", region),
        ("industry_code", "C3831"),
        ("contact_phone", "13912345678"),
    ])
}

#[tokio::test]
async fn a_county_creates_enterprises_only_in_its_own_county() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let yanggu = actor(&app, "county.yanggu").await;
        let meta = RequestMeta::default();
        let a = code("91371521MA3C00011");
        let v = super::create_enterprise(
            &app,
            &yanggu,
            &meta,
            &enterprise(&a, "阳谷示例电缆有限公司", "371521001"),
        )
        .await
        .unwrap();
        assert_eq!(v.county_code, "371521");
        assert_eq!(v.industry_code, "C3831");
        let b = code("91371522MA3C00012");
        let err =
            super::create_enterprise(&app, &yanggu, &meta, &enterprise(&b, "莘县示例", "371522"))
                .await
                .unwrap_err();
        assert!(
            matches!(err, AppError::Invalid(ref e) if e[0].key == "region.out_of_scope"),
            "{err:?}"
        );
        let again =
            super::create_enterprise(&app, &yanggu, &meta, &enterprise(&a, "重复", "371521"))
                .await
                .unwrap_err();
        assert!(
            matches!(again, AppError::Invalid(ref e) if e[0].key == "enterprise.exists"),
            "{again:?}"
        );
        let shenxian = actor(&app, "county.shenxian").await;
        assert!(
            matches!(
                super::get_enterprise(&app, &shenxian, &a).await,
                Err(AppError::NotFound)
            ),
            "other county: not found"
        );
        let seen = super::get_enterprise(&app, &actor(&app, "admin").await, &a)
            .await
            .unwrap();
        assert_eq!(
            seen.contact_phone, "13912345678",
            "the city admin sees contacts"
        );
        let leader = actor(&app, "leader").await;
        assert!(
            matches!(
                super::get_enterprise(&app, &leader, &a).await,
                Err(AppError::Forbidden(_))
            ),
            "leaders read dashboards only"
        );
        let audit = store::audit::search(
            app.db().conn(),
            &policy::org::Scope::all(),
            &store::audit::AuditQuery {
                entity_type: Some("enterprise".into()),
                entity_id: Some(a.clone()),
                ..Default::default()
            },
            store::page::PageRequest::new(10, None),
        )
        .await
        .unwrap();
        assert_eq!(audit.items.len(), 1);
        assert!(
            audit.items[0].diff.contains("***"),
            "the phone is masked in the audit diff"
        );
        assert!(!audit.items[0].diff.contains("13912345678"));
    })
    .await;
}

#[tokio::test]
async fn financials_derive_the_size_class_and_keep_missing_figures_missing() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let admin = actor(&app, "admin").await;
        let meta = RequestMeta::default();
        let a = code("91371581MA3C00021");
        super::create_enterprise(
            &app,
            &admin,
            &meta,
            &enterprise(&a, "临清示例轴承", "371581"),
        )
        .await
        .unwrap();
        let f = super::save_financial(
            &app,
            &admin,
            &meta,
            &raw(&[
                ("uscc", &a),
                ("year", "2022"),
                ("revenue_wan_yuan", "2000"),
                ("staff", "300"),
                ("rd_expense_wan_yuan", "60.5"),
            ]),
        )
        .await
        .unwrap();
        assert_eq!(f.values["revenue_wan_yuan"], "2000");
        assert_eq!(
            f.values["net_profit_wan_yuan"],
            serde_json::Value::Null,
            "missing stays missing"
        );
        let v = super::get_enterprise(&app, &admin, &a).await.unwrap();
        assert_eq!(
            v.size_class.as_deref(),
            Some("medium"),
            "300 staff and 2000万 reach the medium band"
        );
        assert_eq!(v.size_basis["year"], 2022);
        super::save_financial(
            &app,
            &admin,
            &meta,
            &raw(&[
                ("uscc", &a),
                ("year", "2023"),
                ("revenue_wan_yuan", "1999.99"),
                ("staff", "300"),
            ]),
        )
        .await
        .unwrap();
        let v = super::get_enterprise(&app, &admin, &a).await.unwrap();
        assert_eq!(
            v.size_class.as_deref(),
            Some("small"),
            "the latest year decides"
        );
        assert_eq!(
            super::financials_of(&app, &admin, &a).await.unwrap().len(),
            2
        );
    })
    .await;
}

#[tokio::test]
async fn an_enterprise_proposes_a_change_and_the_county_confirms_or_returns_it() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let meta = RequestMeta::default();
        let ent = actor(&app, "enterprise").await;
        let uscc = ent.enterprise.clone().unwrap().to_string();
        let county = actor(&app, "county.linqing").await;
        let mut proposal = enterprise(&uscc, "临清示例铸造机械有限公司", "371581");
        proposal.insert("main_products".into(), "铸造机械、造型线".into());
        assert!(
            matches!(
                super::update_enterprise(&app, &ent, &meta, &uscc, &proposal).await,
                Err(AppError::Forbidden(_))
            ),
            "an enterprise user cannot edit directly"
        );
        let c = super::submit_change(&app, &ent, &meta, &uscc, None, &proposal)
            .await
            .unwrap();
        assert_eq!(c.status, "pending");
        let fields: Vec<&str> = c
            .changes
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&"main_products"), "{fields:?}");
        let unread = store::notify::unread_count(app.db().conn(), county.user_id)
            .await
            .unwrap();
        assert!(unread >= 1, "the county hears of it");
        let other = actor(&app, "county.yanggu").await;
        assert!(matches!(
            super::decide_change(&app, &other, &meta, c.id, true, "").await,
            Err(AppError::NotFound)
        ));
        assert!(
            matches!(
                super::decide_change(&app, &county, &meta, c.id, false, " ").await,
                Err(AppError::Invalid(_))
            ),
            "a return needs a reason"
        );
        let done = super::decide_change(&app, &county, &meta, c.id, true, "")
            .await
            .unwrap();
        assert_eq!(done.status, "approved");
        assert_eq!(
            super::get_enterprise(&app, &county, &uscc)
                .await
                .unwrap()
                .main_products,
            "铸造机械、造型线"
        );
        assert!(matches!(
            super::decide_change(&app, &county, &meta, c.id, true, "").await,
            Err(AppError::Conflict(_))
        ));
        let f = super::submit_change(
            &app,
            &ent,
            &meta,
            &uscc,
            Some(2022),
            &raw(&[("revenue_wan_yuan", "abc")]),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(f, AppError::Invalid(ref e) if e[0].key == "money.format"),
            "{f:?}"
        );
        let before = super::financials_of(&app, &county, &uscc).await.unwrap();
        let f = super::submit_change(
            &app,
            &ent,
            &meta,
            &uscc,
            Some(2022),
            &raw(&[("revenue_wan_yuan", "5200")]),
        )
        .await
        .unwrap();
        let back = super::decide_change(&app, &county, &meta, f.id, false, "请附审计报告")
            .await
            .unwrap();
        assert_eq!(back.status, "returned");
        assert_eq!(
            super::financials_of(&app, &county, &uscc).await.unwrap(),
            before,
            "returned changes change nothing"
        );
    })
    .await;
}

#[tokio::test]
async fn lists_filter_by_region_honor_and_text_within_scope() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let admin = actor(&app, "admin").await;
        let meta = RequestMeta::default();
        let a = code("91371521MA3C00031");
        let b = code("91371521MA3C00032");
        let c = code("91371522MA3C00033");
        let mut ra = enterprise(&a, "阳谷示例搪瓷有限公司", "371521");
        ra.insert("main_products".into(), "特种搪瓷".into());
        super::create_enterprise(&app, &admin, &meta, &ra)
            .await
            .unwrap();
        super::create_enterprise(
            &app,
            &admin,
            &meta,
            &enterprise(&b, "阳谷示例纺织有限公司", "371521"),
        )
        .await
        .unwrap();
        super::create_enterprise(
            &app,
            &admin,
            &meta,
            &enterprise(&c, "莘县示例搪瓷厂", "371522"),
        )
        .await
        .unwrap();
        super::add_honor(
            &app,
            &admin,
            &meta,
            &raw(&[
                ("uscc", &b),
                ("title", "专精特新中小企业"),
                ("level", "省级"),
                ("year", "2022"),
                ("valid_from", "2022-12-30"),
                ("valid_to", "2025-12-29"),
            ]),
        )
        .await
        .unwrap();
        let q = |f: fn(&mut super::ListQuery)| {
            let mut q = super::ListQuery::default();
            f(&mut q);
            q
        };
        let list =
            super::list_enterprises(&app, &admin, &q(|q| q.q = Some("搪瓷".into())), None, 50)
                .await
                .unwrap();
        let mut got: Vec<String> = list.items.iter().map(|i| i.uscc.clone()).collect();
        got.sort();
        let mut want = vec![a.clone(), c.clone()];
        want.sort();
        assert_eq!(got, want, "a two-character query finds both");
        // Every page of the honor filter (the demo's cultivation and talent records hold
        // hundreds of such titles too).
        let mut honored = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = super::list_enterprises(
                &app,
                &admin,
                &q(|q| {
                    q.honor = Some("specialized".into());
                    q.honor_level = Some("provincial".into());
                }),
                cursor.as_deref(),
                200,
            )
            .await
            .unwrap();
            honored.extend(page.items);
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        // Of this test's enterprises.
        assert_eq!(
            honored
                .iter()
                .map(|i| i.uscc.as_str())
                .filter(|u| [a.as_str(), b.as_str(), c.as_str()].contains(u))
                .collect::<Vec<_>>(),
            [b.as_str()]
        );
        let yanggu = actor(&app, "county.yanggu").await;
        let scoped =
            super::list_enterprises(&app, &yanggu, &q(|q| q.q = Some("搪瓷".into())), None, 50)
                .await
                .unwrap();
        assert_eq!(scoped.items.len(), 1, "the county sees only its own");
        let page1 = super::list_enterprises(
            &app,
            &admin,
            &q(|q| q.region = Some("371500".into())),
            None,
            2,
        )
        .await
        .unwrap();
        assert_eq!(page1.items.len(), 2);
        assert!(page1.total.unwrap() >= 3);
        let page2 = super::list_enterprises(
            &app,
            &admin,
            &q(|q| q.region = Some("371500".into())),
            page1.next_cursor.as_deref(),
            2,
        )
        .await
        .unwrap();
        assert!(
            page2
                .items
                .iter()
                .all(|i| !page1.items.iter().any(|j| j.uscc == i.uscc)),
            "pages do not overlap"
        );
        let bad = super::add_honor(
            &app,
            &admin,
            &meta,
            &raw(&[
                ("uscc", &b),
                ("title", "专精特新中小企业"),
                ("level", "省级"),
                ("year", "2022"),
                ("valid_from", "2022-12-30"),
                ("valid_to", "2021-12-29"),
            ]),
        )
        .await
        .unwrap_err();
        assert!(matches!(bad, AppError::Invalid(ref e) if e[0].key == "honor.ends_before_start"));
    })
    .await;
}

#[tokio::test]
async fn the_search_index_follows_every_write_and_single_characters_fall_back_to_substrings() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let admin = actor(&app, "admin").await;
        let meta = RequestMeta::default();
        let a = code("91371526MA3C00041");
        let search = |text: &'static str| {
            let app = app.clone();
            let admin = admin.clone();
            async move {
                let q = super::ListQuery {
                    q: Some(text.into()),
                    ..Default::default()
                };
                super::list_enterprises(&app, &admin, &q, None, 50)
                    .await
                    .unwrap()
                    .items
                    .into_iter()
                    .map(|i| i.uscc)
                    .collect::<Vec<_>>()
            }
        };
        assert!(search("琥珀").await.is_empty());
        super::create_enterprise(
            &app,
            &admin,
            &meta,
            &enterprise(&a, "高唐示例琥珀有限公司", "371526"),
        )
        .await
        .unwrap();
        assert_eq!(
            search("琥珀").await,
            vec![a.clone()],
            "a new enterprise is found at once"
        );
        assert_eq!(
            search("例琥").await,
            vec![a.clone()],
            "any two-character substring is found"
        );
        let mut renamed = enterprise(&a, "高唐示例琉璃有限公司", "371526");
        renamed.insert("former_names".into(), "高唐示例琥珀有限公司".into());
        super::update_enterprise(&app, &admin, &meta, &a, &renamed)
            .await
            .unwrap();
        assert_eq!(
            search("琉璃").await,
            vec![a.clone()],
            "the new name is found"
        );
        assert_eq!(
            search("琥珀").await,
            vec![a.clone()],
            "the former name still finds it"
        );
        assert!(
            search("璃").await.contains(&a),
            "one character matches by substring"
        );
        super::rebuild_search(&app).await.unwrap();
        assert_eq!(
            search("琉璃").await,
            vec![a],
            "a rebuild gives the same answer"
        );
    })
    .await;
}

#[tokio::test]
async fn the_capability_profile_and_a_status_change_are_kept_with_date_and_reason() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let admin = actor(&app, "admin").await;
        let meta = RequestMeta::default();
        let a = code("91371571MA3C00051");
        let mut fields = enterprise(&a, "开发区示例汽车电子有限公司", "371571");
        fields.insert(
            "test_labs".into(),
            "EMC实验室；温度实验室；防水实验室".into(),
        );
        fields.insert("production_lines".into(), "SMT生产线".into());
        fields.insert(
            "research_bases".into(),
            "产学研基地（合作：聊城大学）".into(),
        );
        super::create_enterprise(&app, &admin, &meta, &fields)
            .await
            .unwrap();
        fields.insert("status".into(), "迁出".into());
        fields.insert("status_date".into(), "2026/3/1".into());
        fields.insert("status_reason".into(), "整体搬迁至济南".into());
        let v = super::update_enterprise(&app, &admin, &meta, &a, &fields)
            .await
            .unwrap();
        assert_eq!(v.test_labs, "EMC实验室；温度实验室；防水实验室");
        assert_eq!(v.research_bases, "产学研基地（合作：聊城大学）");
        assert_eq!(v.status, "moved");
        assert_eq!(v.status_date, chrono::NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(v.status_reason, "整体搬迁至济南");
        let moved = super::list_enterprises(
            &app,
            &admin,
            &super::ListQuery {
                status: Some("moved".into()),
                ..Default::default()
            },
            None,
            10,
        )
        .await
        .unwrap();
        assert_eq!(moved.items.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_text_search_pages_through_every_match_however_many() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let admin = actor(&app, "admin").await;
        crate::synthetic::generate_enterprises(&app, 3_000, 2024, 11, &|_| {})
            .await
            .unwrap();
        let expected =
            store::enterprise::profile::text_matches(app.db().conn(), "有限公司", 1_000_000)
                .await
                .unwrap();
        assert!(
            expected.len() > 400,
            "enough matches to need several chunks: {}",
            expected.len()
        );
        let q = super::ListQuery {
            q: Some("有限公司".into()),
            ..Default::default()
        };
        let mut seen = std::collections::BTreeSet::new();
        let mut cursor: Option<String> = None;
        let mut first = true;
        loop {
            let page = super::list_enterprises(&app, &admin, &q, cursor.as_deref(), 97)
                .await
                .unwrap();
            if first {
                assert_eq!(
                    page.total,
                    Some(expected.len() as u64),
                    "the total counts every match"
                );
                first = false;
            }
            for i in page.items {
                assert!(seen.insert(i.uscc), "no enterprise appears twice");
            }
            match page.next_cursor {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
        let expected: std::collections::BTreeSet<String> = expected.into_iter().collect();
        assert_eq!(
            seen, expected,
            "every enterprise containing the text is listed, none other"
        );
        let scoped = super::ListQuery {
            q: Some("钢铁".into()),
            region: Some("371521".into()),
            ..Default::default()
        };
        let page = super::list_enterprises(&app, &admin, &scoped, None, 500)
            .await
            .unwrap();
        assert!(
            page.items
                .iter()
                .all(|i| i.region_code.starts_with("371521"))
        );
    })
    .await;
}
