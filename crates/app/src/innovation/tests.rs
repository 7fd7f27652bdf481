use super::*;
use crate::test_support::{demo_actor, demo_app};
use crate::{AppError, RequestMeta};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use store::testing::on_each_backend;

fn meta() -> RequestMeta {
    RequestMeta::cli("test")
}

fn act(action: &str) -> ChallengeActionForm {
    ChallengeActionForm {
        action: action.into(),
        ..Default::default()
    }
}

pub(super) fn posting(budget: &str, tranches: [&str; 3]) -> NewChallengeForm {
    let kinds = ["signing", "mid_term", "final"];
    NewChallengeForm {
        title: "造型线砂型强度在线检测".into(),
        problem: "砂型强度波动导致铸件缺陷".into(),
        indicators: "检测精度 ±2%".into(),
        acceptance: "连续运行 30 天".into(),
        budget_wan_yuan: budget.into(),
        fields: "铸造，机器视觉".into(),
        deadline: today().checked_add_days(chrono::Days::new(30)),
        period_months: Some(12),
        milestones: kinds
            .iter()
            .zip(tranches)
            .enumerate()
            .map(|(i, (k, a))| MilestoneForm {
                kind: (*k).into(),
                title: format!("节点{i}"),
                target: "按指标".into(),
                due_month: Some(i as u32 * 6),
                amount_wan_yuan: a.into(),
            })
            .collect(),
        submit: true,
        ..Default::default()
    }
}

#[tokio::test]
async fn a_challenge_goes_from_posting_to_completion_with_its_tranches() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let ent = demo_actor(&app, "enterprise").await;
        let admin = demo_actor(&app, "admin").await;
        let t1 = demo_actor(&app, "research").await;
        let t2 = demo_actor(&app, "research2").await;
        let expert = demo_actor(&app, "expert").await;
        let leader = demo_actor(&app, "leader").await;

        // Tranches that do not add up to the budget are refused, naming the plan.
        let err = post_challenge(&app, &ent, &meta(), posting("100", ["30", "30", "30"])).await;
        match err {
            Err(AppError::Invalid(f)) => assert_eq!(f[0].key, "challenge.tranches_sum", "{f:?}"),
            other => panic!("{other:?}"),
        }
        let c = post_challenge(&app, &ent, &meta(), posting("100", ["30", "30", "40"]))
            .await
            .unwrap();
        assert_eq!(c.status, "submitted");
        assert_eq!(c.budget_fen, 100_000_000);
        // Not public yet: a team does not see it; the leader may not publish it.
        assert!(matches!(get_challenge(&app, &t1, c.id).await, Err(AppError::NotFound)));
        assert!(matches!(
            act_on_challenge(&app, &leader, &meta(), c.id, act("publish")).await,
            Err(AppError::Forbidden(_))
        ));
        let c = act_on_challenge(&app, &admin, &meta(), c.id, act("publish")).await.unwrap();
        assert_eq!(c.status, "published");
        let form = |plan: &str| ApplicationForm { plan: plan.into() };
        apply_to_challenge(&app, &t1, &meta(), c.id, form("视觉+超声联合检测")).await.unwrap();
        let again = apply_to_challenge(&app, &t1, &meta(), c.id, form("再来一次")).await;
        assert!(matches!(again, Err(AppError::Invalid(ref f)) if f[0].key == "challenge.already_applied"), "{again:?}");
        let v = apply_to_challenge(&app, &t2, &meta(), c.id, form("激光散斑测量")).await.unwrap();
        // A team sees its own application only.
        assert_eq!(v.applications.len(), 1);
        let c = act_on_challenge(&app, &admin, &meta(), c.id, act("close_applications")).await.unwrap();
        assert_eq!(c.applications.len(), 2);
        let (a1, a2) = (c.applications[0].id, c.applications[1].id);
        for (a, passed) in [(a1, true), (a2, true)] {
            act_on_challenge(&app, &admin, &meta(), c.id, ChallengeActionForm {
                action: "formal_check".into(),
                application_id: Some(a),
                passed: Some(passed),
                ..Default::default()
            })
            .await
            .unwrap();
        }
        let score = |a: i64, s: i32| ChallengeActionForm {
            action: "score".into(),
            application_id: Some(a),
            score: Some(s),
            comment: "方案可行".into(),
            ..Default::default()
        };
        act_on_challenge(&app, &expert, &meta(), c.id, score(a1, 88)).await.unwrap();
        let twice = act_on_challenge(&app, &expert, &meta(), c.id, score(a1, 90)).await;
        assert!(matches!(twice, Err(AppError::Invalid(ref f)) if f[0].key == "challenge.already_scored"), "{twice:?}");
        let high = act_on_challenge(&app, &expert, &meta(), c.id, score(a2, 101)).await;
        assert!(matches!(high, Err(AppError::Invalid(_))));
        let v = act_on_challenge(&app, &expert, &meta(), c.id, score(a2, 75)).await.unwrap();
        assert_eq!(v.applications[0].mean_score.as_deref(), Some("88.0"));
        let v = act_on_challenge(&app, &admin, &meta(), c.id, ChallengeActionForm {
            action: "select_winner".into(),
            application_id: Some(a1),
            ..Default::default()
        })
        .await
        .unwrap();
        assert_eq!(v.status, "notice");
        assert!(v.notice_id.is_some(), "the winner is on public notice");
        let sign = ChallengeActionForm {
            action: "sign".into(),
            agreement_no: Some("LC-2026-001".into()),
            ..Default::default()
        };
        let early = act_on_challenge(&app, &admin, &meta(), c.id, sign.clone()).await;
        assert!(matches!(early, Err(AppError::Invalid(ref f)) if f[0].key == "challenge.notice_running"), "{early:?}");
        store::testing::end_notice(app.db().conn(), "challenge", c.id, 1).await.unwrap();
        let v = act_on_challenge(&app, &admin, &meta(), c.id, sign).await.unwrap();
        assert_eq!((v.status.as_str(), v.signed_on), ("signed", Some(today())));
        let ms: Vec<i64> = v.milestones.iter().map(|m| m.id).collect();
        let check = |m: i64, passed: bool| ChallengeActionForm {
            action: "check_milestone".into(),
            milestone_id: Some(m),
            passed: Some(passed),
            comment: "对照榜单指标".into(),
            ..Default::default()
        };
        let release = |m: i64| ChallengeActionForm {
            action: "release_tranche".into(),
            milestone_id: Some(m),
            ..Default::default()
        };
        // The final acceptance cannot come before the mid-term check; an unchecked tranche
        // cannot be released.
        let out_of_order = act_on_challenge(&app, &admin, &meta(), c.id, check(ms[2], true)).await;
        assert!(matches!(out_of_order, Err(AppError::Invalid(ref f)) if f[0].key == "challenge.milestone_order"));
        let unpaid = act_on_challenge(&app, &admin, &meta(), c.id, release(ms[1])).await;
        assert!(matches!(unpaid, Err(AppError::Invalid(ref f)) if f[0].key == "challenge.tranche_not_due"));
        act_on_challenge(&app, &admin, &meta(), c.id, release(ms[0])).await.unwrap();
        act_on_challenge(&app, &admin, &meta(), c.id, check(ms[1], false)).await.unwrap();
        act_on_challenge(&app, &admin, &meta(), c.id, check(ms[1], true)).await.unwrap();
        act_on_challenge(&app, &admin, &meta(), c.id, release(ms[1])).await.unwrap();
        let v = act_on_challenge(&app, &admin, &meta(), c.id, check(ms[2], true)).await.unwrap();
        assert_eq!(v.status, "completed");
        let v = act_on_challenge(&app, &admin, &meta(), c.id, release(ms[2])).await.unwrap();
        assert_eq!(v.paid_fen, v.budget_fen, "every tranche released");
        let actions: Vec<&str> = v.events.iter().map(|e| e.action.as_str()).collect();
        for a in ["post", "submit", "publish", "apply", "close_applications", "formal_check", "score", "select_winner", "sign", "check_milestone", "release_tranche", "complete"] {
            assert!(actions.contains(&a), "{a} in the log: {actions:?}");
        }
        // The winning team's record now counts a completed challenge.
        let team = my_team(&app, &t1).await.unwrap().unwrap();
        assert_eq!(team.completed, 1);
    })
    .await;
}

#[tokio::test]
async fn the_demo_competition_has_the_2022_figures_computed_from_its_records() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let leader = demo_actor(&app, "leader").await;
        let c = list_competitions(&app, &leader).await.unwrap();
        let c = c
            .iter()
            .find(|c| c.title == demo::COMPETITION_2022)
            .unwrap();
        let s = competition_stats(&app, &leader, c.id).await.unwrap();
        assert_eq!(s.projects, 144);
        assert_eq!(s.by_track.len(), 3);
        assert_eq!(s.by_track.values().sum::<usize>(), 144);
        assert_eq!(s.matched_enterprises, 47);
        assert_eq!(s.agreements, 13);
        assert_eq!(
            (s.negotiated, s.investment_agreements, s.letters_of_intent),
            (8, 3, 5)
        );
        assert_eq!(s.signed, 8);
        assert_eq!(s.signed_wan_yuan, "95000.00");
        assert_eq!(c.stage, "awarded");
        // The assignment of the preliminary round: five judges a project, none conflicted.
        let conn = app.db().conn();
        let pairs = store::innovation::competition::assignments(conn, c.id, "preliminary", None)
            .await
            .unwrap();
        let projects = store::innovation::competition::projects_of(conn, c.id)
            .await
            .unwrap();
        let experts = store::innovation::competition::experts(conn).await.unwrap();
        for p in &projects {
            let judges: Vec<i64> = pairs
                .iter()
                .filter(|a| a.project_id == p.id)
                .map(|a| a.expert_id)
                .collect();
            assert_eq!(judges.len(), 5, "project {}", p.id);
            for j in judges {
                let e = experts.iter().find(|e| e.id == j).unwrap();
                assert_ne!(
                    e.employer, p.employer,
                    "judge {} on project {}",
                    e.name, p.id
                );
            }
        }
        // Awards per track from the final's normalised ranking; anyone may read it now.
        let r = ranking(&app, &leader, c.id, "final").await.unwrap();
        for t in &r {
            let firsts = t
                .rows
                .iter()
                .filter(|row| row.project.award.as_deref() == Some("first"))
                .count();
            assert_eq!(firsts, 1, "{}", t.track);
        }
    })
    .await;
}

#[tokio::test]
async fn the_open_challenge_is_matched_with_vision_and_foundry_teams_and_reasons() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let ent = demo_actor(&app, "enterprise").await;
        let page = list_challenges(
            &app,
            &ent,
            &ChallengeListQuery {
                status: Some("published".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let open = page
            .items
            .iter()
            .find(|c| c.title.contains("铸件气孔"))
            .unwrap();
        let m = match_teams(&app, &ent, open.id, 5).await.unwrap();
        assert_eq!(m.len(), 5);
        let top = &m[0];
        assert!(
            top.reasons.iter().any(|r| r.code == "match.tags"),
            "{top:?}"
        );
        assert!(
            m.iter()
                .take(3)
                .all(|x| x.name.contains("机器视觉") || x.name.contains("铸造")),
            "{m:?}"
        );
        // A team's own list of open challenges puts this one first.
        let t = demo_actor(&app, "research").await;
        let mine = my_team(&app, &t).await.unwrap().unwrap();
        let fits = match_challenges(&app, &t, mine.id, 5).await.unwrap();
        assert!(
            fits.iter().all(|f| f.id == open.id),
            "only the open challenge: {fits:?}"
        );
        // Another team's list is not for this account.
        let other = demo_actor(&app, "research2").await;
        assert!(matches!(
            match_challenges(&app, &other, mine.id, 5).await,
            Err(AppError::NotFound)
        ));
        // The match index catches up with a new team.
        let admin = demo_actor(&app, "admin").await;
        let new = save_team(
            &app,
            &admin,
            &meta(),
            None,
            TeamForm {
                name: "铸件缺陷视觉检测攻关队".into(),
                institution: "某新研究院".into(),
                kind: "institute".into(),
                region_code: "371500".into(),
                fields: "机器视觉,铸造".into(),
                summary: "铸件表面气孔砂眼在线视觉检测，深度学习缺陷识别".into(),
                capacity: Some(2),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let m = match_teams(&app, &ent, open.id, 5).await.unwrap();
        assert_eq!(m[0].id, new.id, "{m:?}");
    })
    .await;
}

#[tokio::test]
async fn an_attendee_rates_once_anonymously_and_the_tally_shows_at_the_close() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let admin = demo_actor(&app, "admin").await;
        let m = create_meeting(
            &app,
            &admin,
            &meta(),
            MeetingForm {
                title: "述职评议".into(),
                held_on: Some(today()),
                scale: "grade".into(),
                subjects: vec![
                    SubjectForm {
                        name: "甲".into(),
                        position: "书记".into(),
                        organisation: "甲公司".into(),
                    },
                    SubjectForm {
                        name: "乙".into(),
                        position: "书记".into(),
                        organisation: "乙公司".into(),
                    },
                ],
                attendees: 3,
            },
        )
        .await
        .unwrap();
        assert_eq!(m.codes.len(), 3);
        let (s1, s2) = (
            m.meeting.subjects[0].id.to_string(),
            m.meeting.subjects[1].id.to_string(),
        );
        let form = |code: &str, a: &str, b: &str| RatingForm {
            code: code.into(),
            ratings: [(s1.clone(), a.to_string()), (s2.clone(), b.to_string())]
                .into_iter()
                .collect(),
        };
        let sheet = rating_sheet(&app, &m.codes[0].to_lowercase())
            .await
            .unwrap();
        assert_eq!(sheet.subjects.len(), 2);
        rate(&app, &meta(), form(&m.codes[0], "good", "fair"))
            .await
            .unwrap();
        let twice = rate(&app, &meta(), form(&m.codes[0], "poor", "poor")).await;
        assert!(
            matches!(twice, Err(AppError::Invalid(ref f)) if f[0].key == "meeting.code_used"),
            "{twice:?}"
        );
        let partial = rate(
            &app,
            &meta(),
            RatingForm {
                code: m.codes[1].clone(),
                ratings: [(s1.clone(), "good".to_string())].into_iter().collect(),
            },
        )
        .await;
        assert!(matches!(partial, Err(AppError::Invalid(_))));
        let bad = rate(&app, &meta(), form("NOPE1234", "good", "good")).await;
        assert!(matches!(bad, Err(AppError::Invalid(ref f)) if f[0].key == "meeting.code_invalid"));
        rate(&app, &meta(), form(&m.codes[1], "fairly_good", "poor"))
            .await
            .unwrap();
        // While open: turnout only, no tally.
        let v = get_meeting(&app, &admin, m.meeting.id).await.unwrap();
        assert_eq!((v.codes_issued, v.rated), (3, 2));
        assert!(v.subjects.iter().all(|s| s.tally.is_none()));
        let v = close_meeting(&app, &admin, &meta(), m.meeting.id)
            .await
            .unwrap();
        let t1 = v.subjects[0].tally.unwrap();
        assert_eq!((t1.good, t1.fairly_good, t1.fair, t1.poor), (1, 1, 0, 0));
        assert_eq!(v.subjects[0].approval_pct.as_deref(), Some("100.0%"));
        assert_eq!(v.subjects[1].approval_pct.as_deref(), Some("0.0%"));
        assert_eq!(v.subjects[0].rank, Some(1));
        let late = rate(&app, &meta(), form(&m.codes[2], "good", "good")).await;
        assert!(matches!(late, Err(AppError::Invalid(ref f)) if f[0].key == "meeting.closed"));
        // The audit log knows only that someone rated.
        let rows = store::entity::audit_log::Entity::find()
            .filter(store::entity::audit_log::Column::Action.eq("evaluation_meeting.rate"))
            .filter(store::entity::audit_log::Column::EntityId.eq(m.meeting.id.to_string()))
            .all(app.db().conn())
            .await
            .unwrap();
        assert_eq!(rows.len(), 2);
        for r in rows {
            assert_eq!(r.actor_name, "anonymous");
            assert!(
                !r.diff.contains("good") && !r.diff.contains(&m.codes[0]),
                "{}",
                r.diff
            );
        }
        // The demo's meeting of the 13 secretaries is closed with its tally.
        let all = list_meetings(&app, &admin).await.unwrap();
        let demo = all.iter().find(|m| m.title.contains("党委书记")).unwrap();
        assert_eq!(
            (demo.subjects.len(), demo.status.as_str(), demo.rated),
            (13, "closed", 32)
        );
    })
    .await;
}

#[tokio::test]
async fn a_judge_scores_only_assigned_projects_within_the_rubric() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let admin = demo_actor(&app, "admin").await;
        let expert = demo_actor(&app, "expert").await;
        let c = create_competition(
            &app,
            &admin,
            &meta(),
            CompetitionForm {
                title: "2026年创新创业大赛".into(),
                year: Some(2026),
                organisers: "团市委，市科技局".into(),
                region_code: "371500".into(),
                registration_opens: Some(today()),
                registration_closes: today().checked_add_days(chrono::Days::new(10)),
                judges_per_project: Some(3),
            },
        )
        .await
        .unwrap();
        let t = demo_actor(&app, "research").await;
        let mut ids = Vec::new();
        for i in 0..4 {
            let p = register_project(
                &app,
                &t,
                &meta(),
                c.id,
                ProjectForm {
                    track: "startup_project".into(),
                    title: format!("项目{i}"),
                    team_name: format!("团队{i}"),
                    employer: if i == 0 {
                        "山东省科学院".into()
                    } else {
                        format!("单位{i}")
                    },
                    members: vec![MemberForm {
                        name: "张三".into(),
                        role: "负责人".into(),
                        employer: "某单位".into(),
                    }],
                    description: "d".into(),
                    stage: "idea".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
            ids.push(p.id);
        }
        let s = assign_round(&app, &admin, &meta(), c.id, "preliminary")
            .await
            .unwrap();
        assert_eq!((s.projects, s.per_project), (4, 3));
        let mine = my_assignments(&app, &expert, c.id).await.unwrap();
        // The expert works for 山东省科学院: never on project 0.
        assert!(mine.iter().all(|a| a.project.id != ids[0]));
        assert!(!mine.is_empty());
        let rules = innovation_rules().unwrap();
        let full: std::collections::BTreeMap<String, u32> = rules
            .competition
            .criteria
            .iter()
            .map(|k| (k.code.clone(), k.max))
            .collect();
        let v = submit_score(
            &app,
            &expert,
            &meta(),
            c.id,
            ScoreForm {
                project_id: mine[0].project.id,
                round: "preliminary".into(),
                criteria: full.clone(),
                comment: "优秀".into(),
            },
        )
        .await
        .unwrap();
        assert_eq!(v.total, 100);
        let mut over = full.clone();
        over.insert("innovation".into(), 31);
        let err = submit_score(
            &app,
            &expert,
            &meta(),
            c.id,
            ScoreForm {
                project_id: mine[0].project.id,
                round: "preliminary".into(),
                criteria: over,
                comment: String::new(),
            },
        )
        .await;
        assert!(matches!(err, Err(AppError::Invalid(_))));
        let err = submit_score(
            &app,
            &expert,
            &meta(),
            c.id,
            ScoreForm {
                project_id: ids[0],
                round: "preliminary".into(),
                criteria: full,
                comment: String::new(),
            },
        )
        .await;
        assert!(matches!(err, Err(AppError::NotFound)), "{err:?}");
        // The score is in the audit log.
        let audited = store::entity::audit_log::Entity::find()
            .filter(store::entity::audit_log::Column::Action.eq("competition.score"))
            .filter(store::entity::audit_log::Column::ActorName.eq("expert"))
            .all(app.db().conn())
            .await
            .unwrap();
        assert_eq!(audited.len(), 1);
    })
    .await;
}

/// `cargo test -p app --lib innovation::tests::demo_seeding_time -- --ignored --nocapture`:
/// how long building the demo takes on SQLite (the median of three).
#[tokio::test]
#[ignore = "a measurement"]
async fn demo_seeding_time() {
    let mut times = Vec::new();
    for _ in 0..3 {
        let db = store::testing::TestDb::sqlite().await;
        let t = std::time::Instant::now();
        let _app = demo_app(db.db.clone()).await;
        times.push(t.elapsed());
        db.cleanup().await;
    }
    times.sort();
    println!(
        "demo_app on SQLite: median {:.2} s of {times:?}",
        times[1].as_secs_f64()
    );
}
