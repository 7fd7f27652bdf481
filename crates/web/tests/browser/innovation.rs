//! A challenge in the browser: an enterprise posts it, the city publishes it, two teams apply,
//! the review picks one (its public notice clears), the agreement is signed and the first
//! milestone is accepted; then a judge scores a project of a competition.

use crate::harness::{Browser, with_browser};

async fn status(b: &Browser) -> String {
    b.find("#challenge-status")
        .await
        .attr("data-status")
        .await
        .unwrap()
        .unwrap_or_default()
}

async fn set_value(b: &Browser, id: &str, value: &str) {
    b.c.execute(
        &format!("document.getElementById('{id}').value = '{value}';"),
        vec![],
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn an_enterprise_posts_a_challenge_two_teams_apply_and_the_first_milestone_is_accepted() {
    with_browser("innovation", async |b| {
        // The enterprise posts the challenge with three tranches adding up to the budget.
        b.login("enterprise").await;
        b.goto("/innovation/challenges/new").await;
        b.fill("#title", "砂型强度在线检测").await;
        b.fill("#problem", "砂型强度波动导致铸件缺陷，需要在线检测")
            .await;
        b.fill("#indicators", "检测误差不超过 ±2%").await;
        b.fill("#acceptance", "造型线连续运行 30 天").await;
        b.fill("#budget_wan_yuan", "100").await;
        b.fill("#fields", "铸造，机器视觉").await;
        set_value(b, "deadline", "2099-12-31").await;
        b.fill("#m0_amount", "30").await;
        b.fill("#m1_target", "完成样机").await;
        b.fill("#m1_amount", "30").await;
        b.fill("#m2_target", "按榜单指标验收").await;
        b.fill("#m2_amount", "40").await;
        b.shot_full("challenge-new").await;
        b.click_and_wait("#post-challenge").await;
        let path = b.path().await;
        let id: i64 = path
            .trim_start_matches("/innovation/challenges/")
            .parse()
            .expect("on the challenge's page");
        assert_eq!(status(b).await, "submitted");
        b.logout().await;

        // The city publishes it.
        b.login("admin").await;
        b.goto(&path).await;
        b.click_and_wait("#act-publish button").await;
        assert_eq!(status(b).await, "published");
        b.logout().await;

        // Two research teams apply with their plans.
        for (who, plan) in [
            ("research", "视觉与超声联合在线检测方案"),
            ("research2", "激光散斑测量方案"),
        ] {
            b.login(who).await;
            b.goto(&path).await;
            b.fill("#plan", plan).await;
            b.click_and_wait("#apply-button").await;
            assert!(
                b.text("#applications").await.contains(plan),
                "{who}'s application is listed"
            );
            b.logout().await;
        }

        // The review: close, formal checks, the first team wins; its notice opens.
        b.login("admin").await;
        b.goto(&path).await;
        b.click_and_wait("#act-close_applications button").await;
        assert_eq!(status(b).await, "reviewing");
        b.click_and_wait("form.formal button").await;
        b.click_and_wait("form.formal button").await;
        assert!(
            b.has("#matches").await,
            "the matching is shown to the reviewer"
        );
        b.shot_full("challenge-review").await;
        b.click_and_wait("form.select button").await;
        assert_eq!(status(b).await, "notice");
        assert!(!b.text("#winner").await.is_empty());
        store::testing::end_notice(b.app.app.db().conn(), "challenge", id, 1)
            .await
            .unwrap();
        b.goto(&path).await;
        b.fill("#act-sign input[name=agreement_no]", "LC-JB-2026-001")
            .await;
        b.click_and_wait("#act-sign button").await;
        assert_eq!(status(b).await, "signed");
        // The signing tranche is released, the mid-term milestone accepted.
        b.click_and_wait("#release-1 button").await;
        b.fill("#check-2 input[name=comment]", "样机达到中期指标")
            .await;
        b.click_and_wait("#check-2 button").await;
        let m2 = b
            .find("#milestone-2")
            .await
            .attr("data-status")
            .await
            .unwrap();
        assert_eq!(m2.as_deref(), Some("accepted"));
        let m1 = b
            .find("#milestone-1")
            .await
            .attr("data-status")
            .await
            .unwrap();
        assert_eq!(m1.as_deref(), Some("paid"));
        b.shot_full("challenge-signed").await;
        b.logout().await;

        // A judge scores a project of a new competition.
        let app = &b.app.app;
        let system = app::Actor::system("test");
        let meta = app::RequestMeta::cli("test");
        let today = app::innovation::today();
        let c = app::innovation::create_competition(
            app,
            &system,
            &meta,
            app::innovation::CompetitionForm {
                title: "2026年创新创业大赛".into(),
                year: Some(2026),
                organisers: "团市委，市科技局".into(),
                region_code: "371500".into(),
                registration_opens: Some(today),
                registration_closes: today.checked_add_days(chrono::Days::new(10)),
                judges_per_project: Some(3),
            },
        )
        .await
        .unwrap();
        for i in 0..3 {
            app::innovation::register_project(
                app,
                &system,
                &meta,
                c.id,
                app::innovation::ProjectForm {
                    track: "startup_project".into(),
                    title: format!("智能铸造项目{i}"),
                    team_name: format!("青年团队{i}"),
                    employer: format!("单位{i}"),
                    members: vec![app::innovation::MemberForm {
                        name: "张三".into(),
                        role: "负责人".into(),
                        employer: format!("单位{i}"),
                    }],
                    description: "铸造车间智能化改造".into(),
                    stage: "prototype".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        }
        app::innovation::assign_round(app, &system, &meta, c.id, "preliminary")
            .await
            .unwrap();
        b.login("expert").await;
        b.goto(&format!("/innovation/competitions/{}", c.id)).await;
        let form = "#assigned form.score-form";
        for (name, v) in [
            ("c_innovation", "25"),
            ("c_market", "20"),
            ("c_team", "22"),
            ("c_feasibility", "15"),
        ] {
            b.fill(&format!("{form} input[name={name}]"), v).await;
        }
        b.fill(&format!("{form} input[name=comment]"), "技术路线清晰")
            .await;
        b.click_and_wait(&format!("{form} button")).await;
        assert!(
            b.text("#assigned").await.contains("82"),
            "the total is shown"
        );
        b.shot_full("competition-judge").await;
        b.logout().await;

        // An attendee rates on a phone with a one-time code, without signing in; the
        // organisers see the tally of the demo's closed meeting.
        let m = app::innovation::create_meeting(
            app,
            &system,
            &meta,
            app::innovation::MeetingForm {
                title: "述职评议测试会".into(),
                held_on: Some(today),
                scale: "grade".into(),
                subjects: vec![
                    app::innovation::SubjectForm {
                        name: "甲".into(),
                        position: "党委书记".into(),
                        organisation: "甲公司".into(),
                    },
                    app::innovation::SubjectForm {
                        name: "乙".into(),
                        position: "党委书记".into(),
                        organisation: "乙公司".into(),
                    },
                ],
                attendees: 1,
            },
        )
        .await
        .unwrap();
        b.goto(&format!("/rate/{}", m.codes[0])).await;
        b.c.execute(
            "document.querySelectorAll('input[value=good]').forEach(e => e.checked = true);",
            vec![],
        )
        .await
        .unwrap();
        b.shot_full("meeting-rate").await;
        b.click_and_wait("#submit-rating").await;
        assert!(b.has("#rated").await, "the rating is in");
        b.goto(&format!("/rate/{}", m.codes[0])).await;
        assert!(b.has("#rate-errors").await, "the code works once");
        b.login("admin").await;
        b.goto("/meetings/1").await;
        assert_eq!(
            b.find("#meeting-status")
                .await
                .attr("data-status")
                .await
                .unwrap()
                .as_deref(),
            Some("closed")
        );
        b.shot_full("meeting-tally").await;
        // The 2022 competition's figures and rankings, as the leaders see them.
        b.logout().await;
        b.login("leader").await;
        let all = app::innovation::list_competitions(app, &system)
            .await
            .unwrap();
        let c2022 = all
            .iter()
            .find(|c| c.title == app::innovation::demo::COMPETITION_2022)
            .unwrap();
        b.goto(&format!("/innovation/competitions/{}", c2022.id))
            .await;
        assert_eq!(b.text("#stat-projects").await, "144");
        assert_eq!(b.text("#stat-amount").await, "95000.00");
        b.shot_full("competition-2022").await;
    })
    .await;
}
