//! Committees, the draw, the quorum and the secret ballot, on both engines.

use super::tests::{id_number, recommended};
use super::*;
use crate::test_support::{demo_actor as actor, demo_app as demo};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::NaiveDate;
use store::testing::on_each_backend;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// An expert account in the pool, with an employer and declared conflicts.
pub(crate) async fn expert(app: &App, n: u32, employer: &str, conflicts: Vec<Conflict>) -> Actor {
    let sys = Actor::system("test");
    let meta = RequestMeta::default();
    let username = format!("t.expert{n}");
    crate::org::create_user(
        app,
        &sys,
        &meta,
        crate::org::NewUserForm {
            username: username.clone(),
            display_name: Some(format!("专家{n}")),
            password: crate::demo::DEMO_PASSWORD.into(),
            role: "expert".into(),
            region: Some("371500".into()),
            enterprise: None,
            phone: None,
            must_change_password: false,
        },
    )
    .await
    .unwrap();
    add_expert(
        app,
        &sys,
        &meta,
        &ExpertForm {
            username: username.clone(),
            name: format!("专家{n}"),
            employer_uscc: employer.into(),
            employer_name: String::new(),
            series: "engineering".into(),
            specialty: "foundry".into(),
            conflicts,
        },
    )
    .await
    .unwrap();
    actor(app, &username).await
}

/// An intermediate ordinary application of the demo foundry, qualified by the HR bureau.
async fn qualified(app: &App, name: &str, id_body: &str) -> i64 {
    let ent = actor(app, "enterprise").await;
    let hr = actor(app, "hrbureau").await;
    let meta = RequestMeta::default();
    let mut f = recommended(name, id_body);
    f.route = "ordinary".into();
    f.recommendation = None;
    f.level = "intermediate".into();
    let a = create_application(app, &ent, &meta, &f).await.unwrap();
    start_internal_notice(app, &ent, &meta, a.id, d("2026-11-02"), d("2026-11-06"))
        .await
        .unwrap();
    send_application(app, &ent, &meta, a.id).await.unwrap();
    check_qualification(app, &hr, &meta, a.id, "pass", "")
        .await
        .unwrap();
    a.id
}

fn committee(size: u32, level: &str) -> CommitteeForm {
    CommitteeForm {
        name: "聊城市工程技术系列铸造专业评审委员会".into(),
        series: "engineering".into(),
        specialty: "foundry".into(),
        org: "specialty".into(),
        level: level.into(),
        size,
        approved_on: d("2025-01-01"),
        expires_on: d("2027-12-31"),
        approval_document: "聊人社字〔2025〕1号".into(),
    }
}

fn ballot(ids: &[(i64, &str)]) -> Vec<BallotChoice> {
    ids.iter()
        .map(|(id, c)| BallotChoice {
            application_id: *id,
            choice: (*c).into(),
        })
        .collect()
}

#[tokio::test]
async fn committees_are_refused_outside_the_rules() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let hr = actor(&app, "hrbureau").await;
        let meta = RequestMeta::default();
        let err = create_committee(&app, &hr, &meta, &committee(10, "full_senior"))
            .await
            .unwrap_err();
        let AppError::Invalid(f) = err else { panic!() };
        let keys: Vec<&str> = f.iter().map(|e| e.key.as_str()).collect();
        assert!(
            keys.contains(&"talent.committee_even_size")
                && keys.contains(&"talent.committee_too_small")
        );
        let mut long = committee(11, "full_senior");
        long.expires_on = d("2028-01-02");
        assert!(create_committee(&app, &hr, &meta, &long).await.is_err());
        assert!(
            create_committee(&app, &hr, &meta, &committee(11, "full_senior"))
                .await
                .is_ok()
        );
        let ent = actor(&app, "enterprise").await;
        assert!(matches!(
            create_committee(&app, &ent, &meta, &committee(11, "full_senior")).await,
            Err(AppError::Forbidden(_))
        ));
    })
    .await;
}

#[tokio::test]
async fn a_meeting_draws_without_conflicts_needs_its_quorum_and_counts_a_secret_ballot() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let hr = actor(&app, "hrbureau").await;
        let meta = RequestMeta::default();
        let foundry = crate::talent::tests::foundry();
        let a = qualified(&app, "甲工", "37158119800101011").await;
        let b = qualified(&app, "乙工", "37158119800101012").await;
        // Pool: one of the foundry (same employer), one kin of 甲工, one with an interest in the
        // foundry, and three without conflict.
        let kin = Conflict {
            kind: "kin".into(),
            id_number: id_number("37158119800101011"),
            ..Default::default()
        };
        let interest = Conflict {
            kind: "interest".into(),
            uscc: foundry.clone(),
            ..Default::default()
        };
        expert(&app, 1, &foundry, vec![]).await;
        expert(&app, 2, "", vec![kin]).await;
        expert(&app, 3, "", vec![interest]).await;
        let e4 = expert(&app, 4, "", vec![]).await;
        let e5 = expert(&app, 5, "", vec![]).await;
        let e6 = expert(&app, 6, "", vec![]).await;
        let c = create_committee(&app, &hr, &meta, &committee(3, "intermediate"))
            .await
            .unwrap();
        let form = MeetingForm {
            committee_id: c.id,
            held_on: d("2026-11-20"),
            application_ids: vec![a, b],
        };
        let m = create_meeting(&app, &hr, &meta, &form).await.unwrap();
        let drawn: Vec<i64> = m
            .experts
            .iter()
            .filter(|e| e.drawn)
            .map(|e| e.expert_id)
            .collect();
        assert_eq!(drawn.len(), 3);
        let reasons: Vec<&str> = m
            .experts
            .iter()
            .filter(|e| !e.drawn)
            .map(|e| e.excluded_reason.as_str())
            .collect();
        assert!(
            reasons.iter().any(|r| r.starts_with("same_employer")),
            "{reasons:?}"
        );
        assert!(reasons.iter().any(|r| r.starts_with("kin")), "{reasons:?}");
        assert!(
            reasons.iter().any(|r| r.starts_with("interest")),
            "{reasons:?}"
        );
        assert_eq!(
            get_application(&app, &hr, a).await.unwrap().state,
            "scheduled"
        );
        // One present of three: one short of the quorum of two; the ballot does not open.
        record_attendance(&app, &hr, &meta, m.id, &drawn[..1])
            .await
            .unwrap();
        let err = open_ballot(&app, &hr, &meta, m.id).await.unwrap_err();
        assert!(
            matches!(err, AppError::Invalid(ref f) if f[0].key == "talent.quorum_not_met"),
            "{err:?}"
        );
        // An absent expert cannot vote; nobody votes before the ballot opens.
        let all = record_attendance(&app, &hr, &meta, m.id, &drawn)
            .await
            .unwrap();
        assert_eq!(all.attending, 3);
        assert!(matches!(
            cast_ballot(&app, &e4, &meta, m.id, &ballot(&[(a, "yes"), (b, "yes")])).await,
            Err(AppError::Conflict(_))
        ));
        open_ballot(&app, &hr, &meta, m.id).await.unwrap();
        // 甲工: yes, yes, no → exactly two thirds of three: passes. 乙工: yes, no, abstain: fails.
        let votes = [
            (&e4, [(a, "yes"), (b, "yes")]),
            (&e5, [(a, "yes"), (b, "no")]),
            (&e6, [(a, "no"), (b, "abstain")]),
        ];
        for (who, choices) in &votes {
            cast_ballot(&app, who, &meta, m.id, &ballot(choices))
                .await
                .unwrap();
        }
        assert!(
            matches!(
                cast_ballot(&app, &e4, &meta, m.id, &ballot(&[(a, "no"), (b, "no")])).await,
                Err(AppError::Conflict(_))
            ),
            "a vote cannot be changed"
        );
        let excluded = actor(&app, "t.expert1").await;
        assert!(
            matches!(
                cast_ballot(
                    &app,
                    &excluded,
                    &meta,
                    m.id,
                    &ballot(&[(a, "yes"), (b, "yes")])
                )
                .await,
                Err(AppError::NotFound)
            ),
            "an expert not drawn cannot vote"
        );
        // While open, nobody sees a tally; the expert sees the agenda only.
        let open = get_meeting(&app, &hr, m.id).await.unwrap();
        assert!(open.candidates.iter().all(|c| c.yes.is_none()));
        assert_eq!(open.voted, 3);
        assert!(
            get_meeting(&app, &e4, m.id)
                .await
                .unwrap()
                .experts
                .is_empty()
        );
        let closed = close_ballot(&app, &hr, &meta, m.id).await.unwrap();
        let ca = closed
            .candidates
            .iter()
            .find(|c| c.application_id == a)
            .unwrap();
        let cb = closed
            .candidates
            .iter()
            .find(|c| c.application_id == b)
            .unwrap();
        assert_eq!(
            (ca.yes, ca.no, ca.abstain, ca.outcome.as_deref()),
            (Some(2), Some(1), Some(0), Some("passed"))
        );
        assert_eq!(
            (cb.yes, cb.no, cb.abstain, cb.outcome.as_deref()),
            (Some(1), Some(1), Some(1), Some("failed"))
        );
        assert_eq!(get_application(&app, &hr, a).await.unwrap().state, "passed");
        assert_eq!(get_application(&app, &hr, b).await.unwrap().state, "failed");
        assert!(
            matches!(
                cast_ballot(&app, &e5, &meta, m.id, &ballot(&[(a, "no"), (b, "no")])).await,
                Err(AppError::Conflict(_))
            ),
            "no vote after the ballot closes"
        );
        let xlsx = minutes_xlsx(&app, &hr, m.id).await.unwrap();
        assert!(xlsx.starts_with(b"PK"));
        // Nothing stored ties an expert to a choice.
        use sea_orm::EntityTrait;
        let audit = store::entity::audit_log::Entity::find()
            .all(app.db().conn())
            .await
            .unwrap();
        for r in audit.iter().filter(|r| r.action == "talent_meeting.vote") {
            assert!(
                !r.diff.contains("yes")
                    && !r.diff.contains("\"no\"")
                    && !r.diff.contains("abstain"),
                "{}",
                r.diff
            );
        }
    })
    .await;
}

#[tokio::test]
async fn a_passed_title_goes_on_notice_and_is_granted_only_once_the_notice_has_cleared() {
    on_each_backend(|db| async move {
        let app = demo(db).await;
        let hr = actor(&app, "hrbureau").await;
        let ent = actor(&app, "enterprise").await;
        let meta = RequestMeta::default();
        let a = qualified(&app, "丙工", "37158119800101013").await;
        let e: Vec<Actor> = vec![
            expert(&app, 7, "", vec![]).await,
            expert(&app, 8, "", vec![]).await,
            expert(&app, 9, "", vec![]).await,
        ];
        let c = create_committee(&app, &hr, &meta, &committee(3, "intermediate"))
            .await
            .unwrap();
        let form = MeetingForm {
            committee_id: c.id,
            held_on: d("2026-11-20"),
            application_ids: vec![a],
        };
        let m = create_meeting(&app, &hr, &meta, &form).await.unwrap();
        let mut drawn: Vec<i64> = m
            .experts
            .iter()
            .filter(|x| x.drawn)
            .map(|x| x.expert_id)
            .collect();
        drawn.sort_unstable();
        record_attendance(&app, &hr, &meta, m.id, &drawn)
            .await
            .unwrap();
        open_ballot(&app, &hr, &meta, m.id).await.unwrap();
        // Demo experts may share the pool: vote with whoever was drawn among ours.
        let mut votes = 0;
        for x in &e {
            if cast_ballot(&app, x, &meta, m.id, &ballot(&[(a, "yes")]))
                .await
                .is_ok()
            {
                votes += 1;
            }
        }
        assert!(votes >= 2, "two of three yes votes are needed");
        close_ballot(&app, &hr, &meta, m.id).await.unwrap();
        assert!(
            conclude_notice(&app, &hr, &meta, a).await.is_err(),
            "no notice yet"
        );
        let on = publish_result(&app, &hr, &meta, a).await.unwrap();
        assert_eq!(on.state, "public_notice");
        let notices = crate::notice::list_notices(
            &app,
            Some(SUBJECT_KIND),
            crate::PageRequest::new(50, None),
        )
        .await
        .unwrap();
        assert!(
            notices
                .items
                .iter()
                .any(|n| n.subject_id == a && n.items[0].contains("丙工"))
        );
        // Still running: refused.
        let running = conclude_notice(&app, &hr, &meta, a).await.unwrap_err();
        assert!(matches!(running, AppError::Invalid(ref f) if f[0].key == "talent.notice_running"));
        // The notice ends (its dates moved into the past): the title is granted.
        use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter};
        let n = store::entity::public_notice::Entity::find()
            .filter(store::entity::public_notice::Column::SubjectKind.eq(SUBJECT_KIND))
            .filter(store::entity::public_notice::Column::SubjectId.eq(a))
            .one(app.db().conn())
            .await
            .unwrap()
            .unwrap();
        let mut am = n.into_active_model();
        am.start_date = sea_orm::ActiveValue::Set(d("2026-10-12"));
        am.end_date = sea_orm::ActiveValue::Set(d("2026-10-16"));
        am.update(app.db().conn()).await.unwrap();
        let granted = conclude_notice(&app, &hr, &meta, a).await.unwrap();
        assert_eq!(granted.state, "granted");
        assert_eq!(granted.granted_on, Some(today()));
        // The title shows in the enterprise's record.
        let f = ApplicationFilter {
            state: Some("granted".into()),
            ..Default::default()
        };
        let mine = list_applications(&app, &ent, &f).await.unwrap();
        assert!(mine.iter().any(|v| v.id == a && v.granted_on.is_some()));
    })
    .await;
}
