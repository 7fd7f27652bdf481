//! Cultivation use cases on SQLite and PostgreSQL, acting as the demo's users.

use super::*;
use crate::test_support::{demo_actor as actor, demo_app as demo};
use crate::{AppError, RequestMeta};
use chrono::NaiveDate;
use store::testing::on_each_backend;

const FOUNDRY: &str = "91371581MA3C0F0019";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn req(action: &str, comment: &str) -> ActRequest {
    ActRequest {
        action: action.into(),
        comment: comment.into(),
        pledge_truthful: true,
        pledge_compliant: true,
        evidence: None,
        assessment_id: None,
    }
}

#[tokio::test]
async fn the_demo_reproduces_the_seed_figures_from_its_records() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let leader = actor(&app, "leader").await;
        let s = stats(&app, &leader, Some("371521"), 2022, "specialized")
            .await
            .unwrap();
        assert_eq!((s.pool, s.applied, s.recognised), (100, 27, 26));
        assert_eq!(s.success_rate_pct, Some(96.3));
        assert_eq!(s.reserve, 45);
        let hightech = stats(&app, &leader, Some("371503"), 2022, "high_tech")
            .await
            .unwrap();
        assert_eq!((hightech.applied, hightech.campaigns), (28, 3));
        // A county sees only its own subtree, whatever region it asks for.
        let shenxian = actor(&app, "county.shenxian").await;
        let s = stats(&app, &shenxian, Some("371521"), 2022, "specialized")
            .await
            .unwrap();
        assert_eq!((s.pool, s.applied), (0, 0));
        assert!(matches!(
            stats(&app, &leader, None, 2022, "bogus").await,
            Err(AppError::Invalid(_))
        ));
    })
    .await;
}

#[tokio::test]
async fn each_role_takes_exactly_its_transitions_in_its_scope() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let meta = RequestMeta::default();
        let ent = actor(&app, "enterprise").await;
        let linqing = actor(&app, "county.linqing").await;
        let yanggu = actor(&app, "county.yanggu").await;
        let city = actor(&app, "admin").await;
        let leader = actor(&app, "leader").await;
        let new = NewApplication {
            uscc: FOUNDRY.into(),
            track: "innovative".into(),
            year: 2026,
            evidence: "审计报告".into(),
            ..Default::default()
        };
        // Only the enterprise drafts, and only for itself.
        for who in [&linqing, &city, &leader] {
            assert!(matches!(
                create_application(&app, who, &meta, &new).await,
                Err(AppError::Forbidden(_))
            ));
        }
        let other = NewApplication {
            uscc: "91371503MA3C0A0020".into(),
            ..new.clone()
        };
        let other_code = policy::enterprise::Uscc::with_check("91371503MA3C0A002").unwrap();
        assert!(matches!(
            create_application(
                &app,
                &ent,
                &meta,
                &NewApplication {
                    uscc: other_code.to_string(),
                    ..other
                }
            )
            .await,
            Err(AppError::NotFound)
        ));
        let a = create_application(&app, &ent, &meta, &new).await.unwrap();
        assert_eq!(a.state, "draft");
        assert_eq!(a.actions, vec!["submit", "withdraw"]);
        // Submitting needs the pledges.
        let mut no_pledge = req("submit", "");
        no_pledge.pledge_compliant = false;
        assert!(matches!(
            act(&app, &ent, &meta, a.id, &no_pledge).await,
            Err(AppError::Invalid(e)) if e[0].key == "cultivation.workflow.pledges"
        ));
        // Who may take which step: (user, action, expected).
        let table: Vec<(&crate::Actor, &str, &str)> = vec![
            (&linqing, "submit", "forbidden"),
            (&ent, "submit", "submitted"),
            (&ent, "county_pass", "forbidden"),
            (&yanggu, "county_pass", "not_found"),
            (&city, "county_pass", "forbidden"),
            (&linqing, "county_return", "invalid"), // no reason
            (&linqing, "county_pass", "county_passed"),
            (&linqing, "city_pass", "forbidden"),
            (&ent, "city_pass", "forbidden"),
            (&city, "city_pass", "city_passed"),
            (&ent, "withdraw", "invalid"), // too late
            (&linqing, "province_recognise", "forbidden"),
            (&city, "grant", "invalid"), // no notice yet
            (&city, "province_recognise", "in_notice"),
            (&city, "grant", "invalid"), // the notice runs
        ];
        for (who, action, want) in table {
            let comment = if action == "county_return" {
                ""
            } else {
                "意见"
            };
            let got = match act(&app, who, &meta, a.id, &req(action, comment)).await {
                Ok(v) => v.state,
                Err(AppError::Forbidden(_)) => "forbidden".into(),
                Err(AppError::NotFound) => "not_found".into(),
                Err(AppError::Invalid(_)) => "invalid".into(),
                Err(e) => format!("{e}"),
            };
            assert_eq!(got, want, "{} {action}", who.username);
        }
        let v = get_application(&app, &city, a.id).await.unwrap();
        assert_eq!(
            v.events.len(),
            4,
            "submit, county pass, city pass, recognise"
        );
        assert!(v.notice_id.is_some());
        assert_eq!(v.events[1].actor_name, linqing.display_name);
        // The job grants after the notice (7 working days) has ended, creating the honor.
        let later = crate::notice::today() + chrono::Days::new(30);
        assert_eq!(conclude_notices(&app, later).await.unwrap(), (1, 0));
        let v = get_application(&app, &ent, a.id).await.unwrap();
        assert_eq!(v.state, "recognised");
        let honors = crate::enterprise::honors_of(&app, &ent, FOUNDRY)
            .await
            .unwrap();
        let h = honors.iter().find(|h| Some(h.id) == v.honor_id).unwrap();
        assert_eq!(
            (h.title.as_str(), h.level.as_str()),
            ("innovative", "provincial")
        );
        assert_eq!(h.valid_from, Some(later));
        assert_eq!(
            h.valid_to,
            Some(later + chrono::Months::new(36) - chrono::Days::new(1))
        );
    })
    .await;
}

#[tokio::test]
async fn a_return_goes_back_one_step_and_a_sustained_objection_stops_the_title() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let meta = RequestMeta::default();
        let ent = actor(&app, "enterprise").await;
        let county = actor(&app, "county.linqing").await;
        let city = actor(&app, "admin").await;
        let a = create_application(
            &app,
            &ent,
            &meta,
            &NewApplication {
                uscc: FOUNDRY.into(),
                track: "specialized".into(),
                year: 2026,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        act(&app, &ent, &meta, a.id, &req("submit", ""))
            .await
            .unwrap();
        let back = act(
            &app,
            &county,
            &meta,
            a.id,
            &req("county_return", "缺少审计报告"),
        )
        .await
        .unwrap();
        assert_eq!(back.state, "draft");
        assert_eq!(back.events.last().unwrap().comment, "缺少审计报告");
        let mut fixed = req("submit", "已补充");
        fixed.evidence = Some("审计报告（已补充）".into());
        let v = act(&app, &ent, &meta, a.id, &fixed).await.unwrap();
        assert_eq!(
            (v.state.as_str(), v.evidence.as_str()),
            ("submitted", "审计报告（已补充）")
        );
        act(&app, &county, &meta, a.id, &req("county_pass", ""))
            .await
            .unwrap();
        let up = act(
            &app,
            &city,
            &meta,
            a.id,
            &req("city_return", "请区县核实研发人员数"),
        )
        .await
        .unwrap();
        assert_eq!(up.state, "submitted", "the city returns to the county");
        act(&app, &county, &meta, a.id, &req("county_pass", "已核实"))
            .await
            .unwrap();
        act(&app, &city, &meta, a.id, &req("city_pass", ""))
            .await
            .unwrap();
        let v = act(&app, &city, &meta, a.id, &req("province_recognise", ""))
            .await
            .unwrap();
        let notice = v.notice_id.unwrap();
        let o = crate::notice::lodge_objection(
            &app,
            &RequestMeta {
                client_addr: "10.1.1.1".into(),
                ..Default::default()
            },
            notice,
            &crate::notice::objection::ObjectionForm {
                name: "王五".into(),
                contact: "13700000000".into(),
                content: "该企业存在重大安全生产事故。".into(),
            },
        )
        .await
        .unwrap();
        crate::notice::decide_objection(&app, &county, &meta, o.id, true, "经核实属实")
            .await
            .unwrap();
        let later = crate::notice::today() + chrono::Days::new(30);
        assert_eq!(conclude_notices(&app, later).await.unwrap(), (0, 1));
        let v = get_application(&app, &ent, a.id).await.unwrap();
        assert_eq!((v.state.as_str(), v.honor_id), ("not_recognised", None));
    })
    .await;
}

#[tokio::test]
async fn titles_near_their_end_are_listed_for_re_review_and_lapsed_ones_expire() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let county = actor(&app, "county.linqing").await;
        // The demo's 临清 titles of 2022 end on 2025-12-25.
        let list = re_review_list(&app, &county, d("2025-09-01"), 6)
            .await
            .unwrap();
        assert!(
            list.iter().any(|i| i.title == "specialized"),
            "{}",
            list.len()
        );
        assert!(list.iter().all(|i| i.region_code.starts_with("371581")));
        let yanggu = actor(&app, "county.yanggu").await;
        let theirs = re_review_list(&app, &yanggu, d("2025-09-01"), 6)
            .await
            .unwrap();
        assert!(theirs.iter().all(|i| i.region_code.starts_with("371521")));
        let n = expire_honors(&app, d("2025-12-26")).await.unwrap();
        assert!(n >= 236, "{n}");
        let ent = actor(&app, "enterprise").await;
        let _ = ent;
        let after = re_review_list(&app, &county, d("2025-09-01"), 6)
            .await
            .unwrap();
        assert!(after.is_empty(), "expired titles leave the list");
        // Pools: a county enters and exits only its own enterprises, with reasons.
        let meta = RequestMeta::default();
        let e = add_to_pool(
            &app,
            &county,
            &meta,
            &NewPoolEntry {
                uscc: FOUNDRY.into(),
                track: "small_to_above_size".into(),
                year: 2026,
                list: None,
                reason: "营收接近 2000 万元".into(),
                entered_on: None,
            },
        )
        .await
        .unwrap();
        assert!(matches!(
            exit_pool(&app, &yanggu, &meta, e.id, "x").await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            exit_pool(&app, &county, &meta, e.id, " ").await,
            Err(AppError::Invalid(_))
        ));
        let out = exit_pool(&app, &county, &meta, e.id, "已纳入规上统计")
            .await
            .unwrap();
        assert_eq!(out.status, "exited");
    })
    .await;
}
