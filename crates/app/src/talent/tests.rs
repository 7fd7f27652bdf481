//! Talent use cases on SQLite and PostgreSQL, acting as the demo's users.

use super::*;
use crate::test_support::{demo_actor as actor, demo_app as demo};
use crate::{App, AppError, RequestMeta};
use chrono::Datelike;
use policy::enterprise::Uscc;
use std::collections::HashMap;
use store::testing::on_each_backend;

pub(crate) fn foundry() -> String {
    Uscc::with_check(crate::demo::ENTERPRISES[0].uscc_body)
        .unwrap()
        .to_string()
}

/// Gives the demo foundry an honor valid today.
async fn honor(app: &App, title: &str, level: &str) {
    let today = today();
    let raw: HashMap<String, String> = [
        ("uscc", foundry()),
        ("title", title.to_string()),
        ("level", level.to_string()),
        ("year", (today.year() - 1).to_string()),
        ("valid_from", format!("{}-01-01", today.year() - 1)),
        ("valid_to", format!("{}-12-31", today.year() + 2)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    crate::enterprise::add_honor(
        app,
        &crate::Actor::system("test"),
        &RequestMeta::default(),
        &raw,
    )
    .await
    .unwrap();
}

/// A valid ID number built from a 17-digit body.
pub(crate) fn id_number(body: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

pub(crate) fn recommended(name: &str, id_body: &str) -> ApplicationForm {
    ApplicationForm {
        year: Some(2026),
        person_name: name.into(),
        id_number: id_number(id_body),
        series: "engineering".into(),
        specialty: "foundry".into(),
        level: "full_senior".into(),
        route: "recommendation".into(),
        education: "secondary".into(),
        evidence: Evidence {
            patents: vec![Patent {
                kind: "invention".into(),
                number: "ZL202110000001.1".into(),
                title: "一种铸造砂处理装置".into(),
            }],
            ..Evidence::default()
        },
        recommendation: Some(RecommendationForm {
            recommender_name: "王董事长".into(),
            recommender_role: "chairman".into(),
        }),
        ..ApplicationForm::default()
    }
}

fn quota_error(e: AppError) -> HashMap<String, String> {
    match e {
        AppError::Invalid(f) => {
            assert_eq!(f[0].key, "talent.quota_exceeded", "{f:?}");
            f[0].params.iter().cloned().collect()
        }
        other => panic!("expected the quota refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_national_little_giant_recommends_two_a_year_and_the_third_is_refused_naming_the_two() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let ent = actor(&app, "enterprise").await;
        let meta = RequestMeta::default();
        let none = create_application(&app, &ent, &meta, &recommended("甲", "37158119660101001"))
            .await
            .unwrap_err();
        assert_eq!(quota_error(none)["quota"], "0", "no honor, no quota");
        honor(&app, "little_giant", "national").await;
        let a = create_application(&app, &ent, &meta, &recommended("张工", "37158119660101002"))
            .await
            .unwrap();
        assert_eq!(a.recommendation.as_ref().unwrap().slot, 1);
        assert_eq!(
            a.recommendation.as_ref().unwrap().basis,
            "little_giant/national"
        );
        assert!(a.conditions.is_null(), "the recommendation route is exempt");
        create_application(&app, &ent, &meta, &recommended("李工", "37158119660101003"))
            .await
            .unwrap();
        let third =
            create_application(&app, &ent, &meta, &recommended("赵工", "37158119660101004"))
                .await
                .unwrap_err();
        let p = quota_error(third);
        assert_eq!((p["quota"].as_str(), p["used"].as_str()), ("2", "2"));
        assert!(
            p["holders"].contains("张工") && p["holders"].contains("李工"),
            "{p:?}"
        );
        let q = quota_of(&app, &ent, &foundry(), 2026).await.unwrap();
        assert_eq!((q.quota, q.used), (2, 2));
        // Another year has its own places.
        let mut next = recommended("赵工", "37158119660101004");
        next.year = Some(2027);
        create_application(&app, &ent, &meta, &next).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn two_recommendations_at_the_same_moment_cannot_both_take_the_last_place() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        honor(&app, "specialized", "provincial").await;
        let ent = actor(&app, "enterprise").await;
        let meta = RequestMeta::default();
        for round in 0..3 {
            let year = 2030 + round;
            let mut a = recommended("钱工", "37158119700101005");
            let mut b = recommended("孙工", "37158119700101006");
            a.year = Some(year);
            b.year = Some(year);
            let (ra, rb) = tokio::join!(
                create_application(&app, &ent, &meta, &a),
                create_application(&app, &ent, &meta, &b)
            );
            let ok = [ra.is_ok(), rb.is_ok()];
            assert_eq!(
                ok.iter().filter(|o| **o).count(),
                1,
                "exactly one wins: {ok:?}"
            );
            let loser = match (ra, rb) {
                (Ok(_), Err(e)) | (Err(e), Ok(_)) => e,
                _ => unreachable!("exactly one won"),
            };
            let p = quota_error(loser);
            assert_eq!((p["quota"].as_str(), p["used"].as_str()), ("1", "1"));
            let q = quota_of(&app, &ent, &foundry(), year).await.unwrap();
            assert_eq!(q.used, 1);
        }
        // Only the winners' applications exist: the loser's insert was rolled back.
        let all = list_applications(&app, &ent, &Default::default())
            .await
            .unwrap();
        assert_eq!(all.len(), 3);
    })
    .await;
}

#[tokio::test]
async fn id_numbers_are_masked_except_for_the_title_administrator_and_never_audited() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        honor(&app, "little_giant", "national").await;
        let ent = actor(&app, "enterprise").await;
        let hr = actor(&app, "hrbureau").await;
        let admin = actor(&app, "admin").await;
        let meta = RequestMeta::default();
        let form = recommended("张工", "37158119660101002");
        let id = form.id_number.clone();
        let a = create_application(&app, &ent, &meta, &form).await.unwrap();
        assert_ne!(a.id_number, id);
        assert!(a.id_number.contains('*'));
        assert_eq!(
            get_application(&app, &hr, a.id).await.unwrap().id_number,
            id
        );
        let seen_by_admin = get_application(&app, &admin, a.id).await.unwrap();
        assert_ne!(
            seen_by_admin.id_number, id,
            "the industry bureau is not the title admin"
        );
        let all = list_applications(&app, &ent, &Default::default())
            .await
            .unwrap();
        assert!(all.iter().all(|v| v.id_number != id));
        let rows = store::entity::audit_log::Entity::find()
            .all(app.db().conn())
            .await
            .unwrap();
        use sea_orm::EntityTrait;
        assert!(rows.iter().any(|r| r.entity_type == "talent_application"));
        assert!(
            rows.iter()
                .all(|r| !r.diff.contains(&id) && !r.diff.contains(&id[..14]))
        );
    })
    .await;
}

#[tokio::test]
async fn the_ordinary_route_stores_its_conditions_met_or_not() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let ent = actor(&app, "enterprise").await;
        let meta = RequestMeta::default();
        let mut f = recommended("周工", "37158119800101007");
        f.route = "ordinary".into();
        f.recommendation = None;
        f.level = "intermediate".into();
        f.education = "bachelor".into();
        f.current_title = Some("assistant".into());
        f.years_in_title = 3;
        let a = create_application(&app, &ent, &meta, &f).await.unwrap();
        assert_eq!(a.conditions["met"], serde_json::json!(false));
        assert_eq!(a.conditions["rules"], serde_json::json!("2026-1"));
        f.years_in_title = 4;
        let b = create_application(&app, &ent, &meta, &f).await.unwrap();
        assert_eq!(b.conditions["met"], serde_json::json!(true));
        // A recommendation for an intermediate title is refused by the route rule.
        let mut r = recommended("吴工", "37158119800101008");
        r.level = "intermediate".into();
        match create_application(&app, &ent, &meta, &r).await.unwrap_err() {
            AppError::Invalid(f) => assert!(f.iter().any(|e| e.key == "talent.route_level")),
            other => panic!("{other:?}"),
        }
        // Bad input names every field.
        let bad = ApplicationForm {
            id_number: "123".into(),
            level: "x".into(),
            ..Default::default()
        };
        match create_application(&app, &ent, &meta, &bad)
            .await
            .unwrap_err()
        {
            AppError::Invalid(f) => {
                let fields: Vec<&str> = f.iter().map(|e| e.field.as_str()).collect();
                for want in ["person_name", "id_number", "series", "level", "education"] {
                    assert!(fields.contains(&want), "{want} in {fields:?}");
                }
            }
            other => panic!("{other:?}"),
        }
        // Those without the permission are refused; the expert cannot even read.
        let expert = actor(&app, "expert").await;
        assert!(matches!(
            create_application(&app, &expert, &meta, &f).await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            get_application(&app, &expert, a.id).await,
            Err(AppError::Forbidden(_))
        ));
    })
    .await;
}

#[tokio::test]
async fn the_internal_notice_must_last_five_working_days_before_the_bureau_checks() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        honor(&app, "little_giant", "national").await;
        let ent = actor(&app, "enterprise").await;
        let hr = actor(&app, "hrbureau").await;
        let meta = RequestMeta::default();
        let a = create_application(&app, &ent, &meta, &recommended("张工", "37158119660101002"))
            .await
            .unwrap();
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // Monday 2026-11-02 to Thursday 2026-11-05: four working days.
        let short =
            start_internal_notice(&app, &ent, &meta, a.id, d("2026-11-02"), d("2026-11-05"))
                .await
                .unwrap_err();
        assert!(matches!(short, AppError::Invalid(ref f) if f[0].key == "talent.notice_too_short"));
        // Not before the check: sending a draft is refused by the workflow.
        assert!(matches!(
            send_application(&app, &ent, &meta, a.id).await,
            Err(AppError::Conflict(_))
        ));
        start_internal_notice(&app, &ent, &meta, a.id, d("2026-11-02"), d("2026-11-06"))
            .await
            .unwrap();
        let sent = send_application(&app, &ent, &meta, a.id).await.unwrap();
        assert_eq!(sent.state, "submitted");
        assert!(matches!(
            check_qualification(&app, &hr, &meta, a.id, "return", " ").await,
            Err(AppError::Invalid(_))
        ));
        assert!(matches!(
            check_qualification(&app, &ent, &meta, a.id, "pass", "").await,
            Err(AppError::Forbidden(_))
        ));
        let back = check_qualification(&app, &hr, &meta, a.id, "return", "缺少专利证书")
            .await
            .unwrap();
        assert_eq!(back.state, "returned");
        send_application(&app, &ent, &meta, a.id).await.unwrap();
        let ok = check_qualification(&app, &hr, &meta, a.id, "pass", "")
            .await
            .unwrap();
        assert_eq!(ok.state, "qualified");
        let events = application_events(&app, &ent, a.id).await.unwrap();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "create",
                "start_internal_notice",
                "send",
                "return",
                "resubmit",
                "qualify"
            ]
        );
        assert_eq!(events[3].comment, "缺少专利证书");
    })
    .await;
}
