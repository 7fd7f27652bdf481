//! A competition run from its pages: the organiser creates it, a research team registers, the
//! judges are assigned, the expert scores on the page, the final and the awards follow and a
//! signing is recorded; refused forms name their problems and change nothing.

use crate::common::{TestApp, on_each_backend};
use crate::support::{get, has_chinese, post_form};
use app::Actor;

/// The competition called `title`, read as the system.
async fn competition_named(app: &TestApp, title: &str) -> Option<app::innovation::CompetitionView> {
    app::innovation::list_competitions(&app.app, &Actor::system("test"))
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.title == title)
}

/// Scores every project assigned to the demo expert in `round` through the page.
async fn score_on_the_page(app: &TestApp, id: i64, round: &str) -> usize {
    let (expert, csrf) = app.login("expert").await;
    let page = get(app, &expert, &format!("/innovation/competitions/{id}")).await;
    assert_eq!(page.status, 200);
    let projects = app::innovation::list_projects(&app.app, &Actor::system("test"), id, None)
        .await
        .unwrap();
    let mut scored = 0;
    for p in &projects {
        if !page.text().contains(&format!("id=\"score-{}\"", p.id)) {
            continue;
        }
        let pid = p.id.to_string();
        let r = post_form(
            app,
            &expert,
            &format!("/innovation/competitions/{id}/scores"),
            Some(&csrf),
            &[
                ("project_id", &pid),
                ("round", round),
                ("c_innovation", "25"),
                ("c_market", "20"),
                ("c_team", "15"),
                ("c_feasibility", "15"),
                ("comment", "思路清晰"),
            ],
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.text());
        scored += 1;
    }
    scored
}

#[tokio::test]
async fn an_organiser_runs_a_competition_from_its_pages_to_a_signing() {
    on_each_backend(async |app: &TestApp| {
        let (admin, csrf) = app.login("admin").await;
        let title = "2026年页面测试创新创业大赛";
        // A form without a title or dates is refused, every problem named, nothing created.
        let bad = post_form(
            app,
            &admin,
            "/innovation/competitions",
            Some(&csrf),
            &[
                ("title", ""),
                ("organisers", "团市委"),
                ("region_code", "371500"),
            ],
        )
        .await;
        assert_eq!(bad.status, 422, "{}", bad.text());
        assert!(has_chinese(&bad.text()) && bad.text().contains("form-errors"));
        assert!(
            bad.text().contains("团市委"),
            "the form keeps what was typed"
        );
        // Every judge of the pool on every project, so that the demo expert judges ours.
        let pool = app::innovation::list_experts(&app.app, &Actor::system("test"))
            .await
            .unwrap()
            .len();
        assert!((1..=15).contains(&pool), "{pool}");
        let judges = pool.to_string();
        let created = post_form(
            app,
            &admin,
            "/innovation/competitions",
            Some(&csrf),
            &[
                ("title", title),
                ("year", "2026"),
                ("organisers", "团市委，市科技局"),
                ("region_code", "371500"),
                ("registration_opens", "2026-01-01"),
                ("registration_closes", "2026-12-31"),
                ("judges_per_project", &judges),
            ],
        )
        .await;
        assert_eq!(created.status, 303, "{}", created.text());
        let c = competition_named(app, title).await.expect("created");
        assert_eq!(
            created.location(),
            format!("/innovation/competitions/{}", c.id)
        );
        let base = format!("/innovation/competitions/{}", c.id);

        // A research team registers on the page; a registration without a title changes nothing.
        let (team, team_csrf) = app.login("research").await;
        let page = get(app, &team, &base).await;
        assert!(page.text().contains("id=\"register-form\""));
        assert!(!page.text().contains("id=\"manage\""), "no organiser panel");
        let form = |title: &'static str| {
            vec![
                ("track", "startup_project"),
                ("title", title),
                ("team_name", "页面测试团队"),
                ("employer", "页面测试大学"),
                (
                    "members",
                    "张三，负责人，页面测试大学\n李四，成员，页面测试大学",
                ),
                ("description", "基于机器视觉的铸件缺陷检测"),
                ("stage", "prototype"),
            ]
        };
        let refused = post_form(
            app,
            &team,
            &format!("{base}/projects"),
            Some(&team_csrf),
            &form(""),
        )
        .await;
        assert_eq!(refused.status, 422, "{}", refused.text());
        assert!(has_chinese(&refused.text()));
        let ok = post_form(
            app,
            &team,
            &format!("{base}/projects"),
            Some(&team_csrf),
            &form("铸件缺陷视觉检测"),
        )
        .await;
        assert_eq!(ok.status, 303, "{}", ok.text());
        let projects = app::innovation::list_projects(&app.app, &Actor::system("test"), c.id, None)
            .await
            .unwrap();
        assert_eq!(projects.len(), 1, "the refused registration left nothing");
        assert_eq!(projects[0].members.len(), 2);
        assert_eq!(projects[0].members[1].role, "成员");

        // The organiser assigns the preliminary judges; the expert scores on the page.
        let page = get(app, &admin, &base).await;
        assert!(page.text().contains("id=\"manage\""));
        let assigned = post_form(
            app,
            &admin,
            &format!("{base}/assign"),
            Some(&csrf),
            &[("round", "preliminary")],
        )
        .await;
        assert_eq!(assigned.status, 303, "{}", assigned.text());
        assert_eq!(score_on_the_page(app, c.id, "preliminary").await, 1);
        let advanced = post_form(app, &admin, &format!("{base}/advance"), Some(&csrf), &[]).await;
        assert_eq!(advanced.status, 303, "{}", advanced.text());
        let assigned = post_form(
            app,
            &admin,
            &format!("{base}/assign"),
            Some(&csrf),
            &[("round", "final")],
        )
        .await;
        assert_eq!(assigned.status, 303, "{}", assigned.text());
        assert_eq!(score_on_the_page(app, c.id, "final").await, 1);
        let awarded = post_form(app, &admin, &format!("{base}/awards"), Some(&csrf), &[]).await;
        assert_eq!(awarded.status, 303, "{}", awarded.text());
        let c = competition_named(app, title).await.unwrap();
        assert_eq!(c.stage, "awarded");

        // A signing with the development zone, and a bad amount refused with nothing recorded.
        let pid = projects[0].id.to_string();
        let deal = |amount: &'static str| {
            [
                ("project_id", pid.clone()),
                ("kind", "investment_agreement".to_string()),
                ("amount_wan_yuan", amount.to_string()),
                ("counterpart", "聊城经济技术开发区".to_string()),
                ("signed_on", "2026-11-20".to_string()),
            ]
        };
        for (amount, status) in [("一千万", 422), ("1200", 303)] {
            let d = deal(amount);
            let fields: Vec<(&str, &str)> = d.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = post_form(app, &admin, &format!("{base}/deals"), Some(&csrf), &fields).await;
            assert_eq!(r.status, status, "{amount}: {}", r.text());
        }
        let stats = app::innovation::competition_stats(&app.app, &Actor::system("test"), c.id)
            .await
            .unwrap();
        assert_eq!(
            (stats.signed, stats.signed_wan_yuan.as_str()),
            (1, "1200.00")
        );
        let page = get(app, &admin, &base).await;
        assert!(page.text().contains("1200.00") && page.text().contains("一等奖"));
    })
    .await;
}

#[tokio::test]
async fn the_expert_pool_page_adds_an_expert_and_names_what_is_missing() {
    on_each_backend(async |app: &TestApp| {
        let (admin, csrf) = app.login("admin").await;
        let before = app::innovation::list_experts(&app.app, &Actor::system("test"))
            .await
            .unwrap()
            .len();
        let bad = post_form(
            app,
            &admin,
            "/innovation/experts",
            Some(&csrf),
            &[("name", ""), ("employer", "")],
        )
        .await;
        assert_eq!(bad.status, 422, "{}", bad.text());
        assert!(has_chinese(&bad.text()) && bad.text().contains("form-errors"));
        let ok = post_form(
            app,
            &admin,
            "/innovation/experts",
            Some(&csrf),
            &[
                ("name", "页面专家"),
                ("employer", "聊城大学"),
                ("fields", "机器视觉，铸造"),
            ],
        )
        .await;
        assert_eq!(ok.status, 303, "{}", ok.text());
        let after = app::innovation::list_experts(&app.app, &Actor::system("test"))
            .await
            .unwrap();
        assert_eq!(after.len(), before + 1);
        let page = get(app, &admin, "/innovation/experts").await;
        assert!(page.text().contains("页面专家"));
        // Judges and teams do not reach the pool.
        let (expert, _) = app.login("expert").await;
        assert_eq!(get(app, &expert, "/innovation/experts").await.status, 403);
    })
    .await;
}
