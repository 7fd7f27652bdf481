//! Use-case tests of projects, investment and land, on SQLite and PostgreSQL.

use super::demo::{LINQING, YEAR};
use super::*;
use crate::io::{ImportMode, ImportOptions};
use crate::test_support::{demo_actor, demo_app};
use crate::{AppError, RequestMeta};
use store::testing::on_each_backend;

fn meta() -> RequestMeta {
    RequestMeta::cli("test")
}

fn keys(e: AppError) -> Vec<(String, String)> {
    match e {
        AppError::Invalid(es) => es.into_iter().map(|e| (e.field, e.key)).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn has(errors: &[(String, String)], field: &str, key: &str) -> bool {
    errors.iter().any(|(f, k)| f == field && k == key)
}

/// A project of 临清 built by the demo's foundry, with a 2023 plan.
fn project(name: &str) -> KeyProjectForm {
    KeyProjectForm {
        name: name.into(),
        level: "county".into(),
        region_code: LINQING.into(),
        industry_code: "C3423".into(),
        plan_year: Some(2023),
        planned_wan_yuan: "1000".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn the_demo_computes_linqing_2022_from_its_records() {
    on_each_backend(|db| async move {
        let started = std::time::Instant::now();
        let app = demo_app(db).await;
        eprintln!("demo_app took {:?}", started.elapsed());
        let leader = demo_actor(&app, "leader").await;
        let p = project_stats(&app, &leader, Some(LINQING), Some(YEAR))
            .await
            .unwrap();
        assert_eq!(p.count, 56);
        assert_eq!(p.invested_wan_yuan, "1072000.00");
        assert_eq!(p.planned_wan_yuan, "676680.00");
        assert_eq!(p.completion_pct, Some(158.42));
        // The city counts the other counties' projects too; 2021 is another list.
        let city = project_stats(&app, &leader, Some("371500"), Some(YEAR))
            .await
            .unwrap();
        assert_eq!(city.count, 61);
        assert_eq!(
            project_stats(&app, &leader, Some(LINQING), Some(2021))
                .await
                .unwrap()
                .count,
            1
        );
        let i = investment_stats(&app, &leader, Some(LINQING), Some(YEAR), Some("10000"))
            .await
            .unwrap();
        assert_eq!(i.signed_count, 39);
        assert_eq!(i.planned_wan_yuan, "1799000.00");
        assert_eq!(i.in_place_wan_yuan, "420000.00");
        assert_eq!(i.in_place_pct, Some(23.35));
        let stage = |s: &str| i.by_stage.iter().find(|r| r.stage == s).unwrap().count;
        assert_eq!(
            (stage("signed"), stage("started"), stage("in_production")),
            (33, 4, 2)
        );
        assert_eq!((i.negotiating, i.pending_reports), (5, 1));
        let t = &i.targets[0];
        assert_eq!(
            (t.region_code.as_str(), t.actual_signed_count),
            (LINQING, 39)
        );
        assert_eq!(t.signed_completion_pct, Some(111.43));
        // Without the 1亿元 line the small projects count too.
        let all = investment_stats(&app, &leader, Some(LINQING), Some(YEAR), None)
            .await
            .unwrap();
        assert_eq!(all.signed_count, 45);
        let l = land_stats(&app, &leader, Some(LINQING), Some(YEAR))
            .await
            .unwrap();
        assert_eq!(l.disposed_mu, "1211.00");
        assert_eq!(l.inefficient_surveyed_mu, "13148.00");
        assert_eq!(l.inefficient_entered_mu, "771.62");
        assert_eq!((l.disposals, l.inefficient_entered), (26, 7));
        let f = support_fund_stats(&app, &leader, Some(LINQING), Some(YEAR))
            .await
            .unwrap();
        assert_eq!(f.total_wan_yuan, "2036.45");
        assert_eq!(f.payments, 36);
        assert_eq!(f.by_programme.len(), 5);
        let d = digital_stats(&app, &leader, Some(LINQING), Some(YEAR))
            .await
            .unwrap();
        assert_eq!(
            (
                d.base_stations_5g,
                d.base_station_batches,
                d.cloud_enterprises,
                d.integration_certified,
                d.dcmm_certified
            ),
            (800, 10, 202, 2, 1)
        );
        // Another county has none of it.
        let y = land_stats(&app, &leader, Some("371521"), Some(YEAR))
            .await
            .unwrap();
        assert_eq!((y.disposed_mu.as_str(), y.unsupplied_parcels), ("0.00", 0));
    })
    .await;
}

#[tokio::test]
async fn counties_see_and_write_their_own_enterprises_their_own_and_leaders_read_all() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let yanggu = demo_actor(&app, "county.yanggu").await;
        let linqing = demo_actor(&app, "county.linqing").await;
        let enterprise = demo_actor(&app, "enterprise").await;
        let leader = demo_actor(&app, "leader").await;
        let q = ProjectListQuery {
            year: Some(YEAR),
            limit: Some(500),
            ..Default::default()
        };
        assert_eq!(
            list_key_projects(&app, &yanggu, &q)
                .await
                .unwrap()
                .items
                .len(),
            3
        );
        let mine = list_key_projects(&app, &linqing, &q).await.unwrap();
        assert_eq!(mine.items.len(), 56);
        let id = mine.items[0].id;
        assert!(matches!(
            get_key_project(&app, &yanggu, id).await,
            Err(AppError::NotFound)
        ));
        // The enterprise user sees the two projects of its own enterprise, read-only.
        let own = list_key_projects(&app, &enterprise, &q).await.unwrap();
        assert_eq!(own.items.len(), 2);
        let v = get_key_project(&app, &enterprise, own.items[0].id)
            .await
            .unwrap();
        assert!(!v.can_write);
        assert!(matches!(
            set_plan(
                &app,
                &enterprise,
                &meta(),
                v.id,
                PlanForm {
                    year: Some(2023),
                    planned_wan_yuan: "1".into()
                }
            )
            .await,
            Err(AppError::Forbidden(_))
        ));
        // A county writes only its own region.
        let e = create_key_project(&app, &yanggu, &meta(), project("越界项目"))
            .await
            .unwrap_err();
        assert!(has(&keys(e), "region_code", "region.out_of_scope"));
        assert!(get_key_project(&app, &linqing, id).await.unwrap().can_write);
        // The leader reads everything and writes nothing.
        assert_eq!(
            list_key_projects(&app, &leader, &q)
                .await
                .unwrap()
                .items
                .len(),
            61
        );
        assert!(matches!(
            create_key_project(&app, &leader, &meta(), project("x")).await,
            Err(AppError::Forbidden(_))
        ));
        let hr = demo_actor(&app, "hrbureau").await;
        assert!(matches!(
            list_key_projects(&app, &hr, &q).await,
            Err(AppError::Forbidden(_))
        ));
        // Land and digital records of 临清 are not 阳谷's to see.
        let parcels = list_parcels(&app, &yanggu, None, crate::PageRequest::new(50, None))
            .await
            .unwrap();
        assert!(parcels.items.is_empty());
        let p = list_parcels(&app, &linqing, None, crate::PageRequest::new(50, None))
            .await
            .unwrap();
        assert_eq!(p.items.len(), 24);
    })
    .await;
}

#[tokio::test]
async fn a_key_project_keeps_its_plan_months_and_stages_exactly_and_refuses_bad_input_at_once() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let county = demo_actor(&app, "county.linqing").await;
        let foundry =
            policy::enterprise::Uscc::with_check(crate::demo::ENTERPRISES[0].uscc_body).unwrap();
        // Every problem named at once, nothing written.
        let before = list_key_projects(
            &app,
            &county,
            &ProjectListQuery {
                limit: Some(500),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items
        .len();
        let bad = KeyProjectForm {
            name: " ".into(),
            level: "town".into(),
            region_code: "999999".into(),
            industry_code: "Z99".into(),
            total_investment_wan_yuan: "12.3456789".into(),
            stage: "planned".into(),
            started_on: "2022-02-30".into(),
            plan_year: Some(2023),
            planned_wan_yuan: "-5".into(),
            ..Default::default()
        };
        let e = keys(
            create_key_project(&app, &county, &meta(), bad)
                .await
                .unwrap_err(),
        );
        for (field, key) in [
            ("name", "common.required"),
            ("level", "common.choice"),
            ("region_code", "region.unknown"),
            ("total_investment_wan_yuan", "money.precision"),
            ("started_on", "common.date_format"),
            ("planned_wan_yuan", "project.amount_negative"),
        ] {
            assert!(has(&e, field, key), "{field} {key} in {e:?}");
        }
        let after = list_key_projects(
            &app,
            &county,
            &ProjectListQuery {
                limit: Some(500),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items
        .len();
        assert_eq!(before, after);
        // A date for a stage not reached is refused.
        let e = keys(
            create_key_project(
                &app,
                &county,
                &meta(),
                KeyProjectForm {
                    completed_on: "2023-01-01".into(),
                    ..project("p")
                },
            )
            .await
            .unwrap_err(),
        );
        assert!(has(&e, "completed_on", "project.stage_date_unreached"));
        // The enterprise gives region and industry.
        let v = create_key_project(
            &app,
            &county,
            &meta(),
            KeyProjectForm {
                enterprise_uscc: foundry.to_string(),
                region_code: String::new(),
                industry_code: String::new(),
                ..project("铸造线改造")
            },
        )
        .await
        .unwrap();
        assert_eq!(
            (v.region_code.as_str(), v.industry_code.as_str()),
            (LINQING, "C3423")
        );
        assert_eq!(v.plans[0].planned_wan_yuan, "1000.00");
        // Months in exact fen; a month recorded again replaces its figure.
        let month = |m: u32, amount: &str| ProgressForm {
            year: Some(2023),
            month: Some(m),
            invested_wan_yuan: amount.into(),
        };
        record_progress(&app, &county, &meta(), v.id, month(1, "100.000001"))
            .await
            .unwrap();
        record_progress(&app, &county, &meta(), v.id, month(2, "300"))
            .await
            .unwrap();
        let v2 = record_progress(&app, &county, &meta(), v.id, month(1, "200.5"))
            .await
            .unwrap();
        assert_eq!(v2.progress.len(), 2);
        assert_eq!(v2.plans[0].invested_wan_yuan, "500.50");
        assert_eq!(v2.plans[0].completion_pct, Some(50.05));
        let e = keys(
            record_progress(&app, &county, &meta(), v.id, month(13, "1"))
                .await
                .unwrap_err(),
        );
        assert!(has(&e, "month", "project.month_range"));
        // The change of January is audited with before and after.
        let admin = demo_actor(&app, "admin").await;
        let audit = crate::audit::search_audit(
            &app,
            &admin,
            &crate::audit::AuditSearch {
                entity_type: Some("key_project".into()),
                entity_id: Some(v.id.to_string()),
                ..Default::default()
            },
            crate::PageRequest::new(100, None),
        )
        .await
        .unwrap();
        let actions: Vec<&str> = audit.items.iter().map(|a| a.action.as_str()).collect();
        assert_eq!(
            actions
                .iter()
                .filter(|a| **a == "key_project.progress")
                .count(),
            3,
            "{actions:?}"
        );
        assert!(actions.contains(&"key_project.create") && actions.contains(&"key_project.plan"));
        // Stages go forward with dates in order.
        let stage = |s: &str, on: &str| StageForm {
            stage: s.into(),
            on: on.into(),
        };
        let s = change_stage(
            &app,
            &county,
            &meta(),
            v.id,
            stage("under_construction", "2023-03-01"),
        )
        .await
        .unwrap();
        assert_eq!(
            s.started_on.map(|d| d.to_string()).as_deref(),
            Some("2023-03-01")
        );
        let e = keys(
            change_stage(&app, &county, &meta(), v.id, stage("planned", "2023-04-01"))
                .await
                .unwrap_err(),
        );
        assert!(has(&e, "stage", "project.stage_backward"));
        let e = keys(
            change_stage(
                &app,
                &county,
                &meta(),
                v.id,
                stage("completed", "2023-02-01"),
            )
            .await
            .unwrap_err(),
        );
        assert!(has(&e, "on", "project.stage_date_order"));
        let s = change_stage(
            &app,
            &county,
            &meta(),
            v.id,
            stage("in_production", "2023-09-01"),
        )
        .await
        .unwrap();
        assert_eq!((s.stage.as_str(), s.completed_on), ("in_production", None));
    })
    .await;
}

#[tokio::test]
async fn a_problem_becomes_a_ticket_of_the_projects_enterprise() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let county = demo_actor(&app, "county.linqing").await;
        let enterprise = demo_actor(&app, "enterprise").await;
        let own = list_key_projects(&app, &enterprise, &ProjectListQuery::default())
            .await
            .unwrap();
        let id = own.items[0].id;
        let p = raise_problem(
            &app,
            &county,
            &meta(),
            id,
            ProblemForm {
                title: "用电增容".into(),
                category: "utilities".into(),
                description: "需增容 800 kVA".into(),
            },
        )
        .await
        .unwrap();
        assert_eq!(p.ticket_status, "submitted");
        // The ticket is the enterprise's: it sees it among its tickets.
        let t = crate::service::get_ticket(&app, &enterprise, p.ticket_id)
            .await
            .unwrap();
        assert!(t.description.contains(&format!("#{id}")));
        assert_eq!(t.region_code, LINQING);
        let v = get_key_project(&app, &county, id).await.unwrap();
        assert!(v.problems.iter().any(|q| q.ticket_id == p.ticket_id));
        // A ticket's own rules apply: an unknown category is refused, nothing written.
        let e = keys(
            raise_problem(
                &app,
                &county,
                &meta(),
                id,
                ProblemForm {
                    title: "x".into(),
                    category: "nope".into(),
                    description: "y".into(),
                },
            )
            .await
            .unwrap_err(),
        );
        assert!(has(&e, "category", "ticket.category_unknown"));
        assert_eq!(
            get_key_project(&app, &county, id)
                .await
                .unwrap()
                .problems
                .len(),
            v.problems.len()
        );
        // A project without an enterprise cannot raise one.
        let bare = create_key_project(&app, &county, &meta(), project("无企业项目"))
            .await
            .unwrap();
        let e = keys(
            raise_problem(
                &app,
                &county,
                &meta(),
                bare.id,
                ProblemForm {
                    title: "x".into(),
                    category: "land".into(),
                    description: "y".into(),
                },
            )
            .await
            .unwrap_err(),
        );
        assert!(has(
            &e,
            "enterprise_uscc",
            "project.problem_needs_enterprise"
        ));
    })
    .await;
}

#[tokio::test]
async fn monthly_investment_imports_all_or_nothing_naming_every_bad_row() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let county = demo_actor(&app, "county.linqing").await;
        let yanggu = demo_actor(&app, "county.yanggu").await;
        let a = create_key_project(&app, &county, &meta(), project("导入甲")).await.unwrap().id;
        let b = create_key_project(&app, &county, &meta(), project("导入乙")).await.unwrap().id;
        let opts = ImportOptions::default();
        let bad = format!(
            "项目编号,年度,月份,本月完成投资（万元）\n{a},2023,1,10\n{a},2023,13,5\n999999,2023,2,5\n{b},2023,3,-1\n{a},2023,1,11\n{b},2023,4,abc\n"
        );
        let r = import_progress(&app, &county, &meta(), "p.csv", bad.as_bytes(), opts).await.unwrap();
        assert!(!r.written);
        assert_eq!((r.total, r.rejected, r.accepted), (6, 5, 0));
        let found: Vec<(u32, &str)> = r.errors.iter().map(|e| (e.row, e.message_key.as_str())).collect();
        for want in [(3, "project.month_range"), (4, "project.not_found"), (5, "project.amount_negative"), (6, "import.duplicate_in_file"), (7, "money.format")] {
            assert!(found.contains(&want), "{want:?} in {found:?}");
        }
        assert!(get_key_project(&app, &county, a).await.unwrap().progress.is_empty());
        // Valid rows only, when asked for.
        let r = import_progress(&app, &county, &meta(), "p.csv", bad.as_bytes(), ImportOptions { mode: ImportMode::ValidOnly, ..opts }).await.unwrap();
        assert!(r.written);
        assert_eq!(r.created, 1);
        // Another county's project is not found.
        let r = import_progress(&app, &yanggu, &meta(), "p.csv", format!("project_id,year,month,invested_wan_yuan\n{a},2023,5,1\n").as_bytes(), opts).await.unwrap();
        assert_eq!(r.errors[0].message_key, "project.not_found");
        // A month recorded with another figure is refused unless updating; a dry run writes nothing.
        let again = format!("项目编号,年度,月份,本月完成投资（万元）\n{a},2023,1,12.5\n{b},2023,1,7\n");
        let r = import_progress(&app, &county, &meta(), "p.csv", again.as_bytes(), opts).await.unwrap();
        assert_eq!(r.errors[0].message_key, "project.month_exists");
        let dry = ImportOptions { update_existing: true, dry_run: true, ..opts };
        let r = import_progress(&app, &county, &meta(), "p.csv", again.as_bytes(), dry).await.unwrap();
        assert_eq!((r.created, r.updated, r.written), (1, 1, false));
        let r = import_progress(&app, &county, &meta(), "p.csv", again.as_bytes(), ImportOptions { update_existing: true, ..opts }).await.unwrap();
        assert_eq!((r.created, r.updated, r.written), (1, 1, true));
        assert_eq!(get_key_project(&app, &county, a).await.unwrap().plans[0].invested_wan_yuan, "12.50");
        // The template lists the year's projects in scope.
        let x = progress_template_xlsx(&app, &county, 2023, Some(1), crate::io::Lang::Zh).await.unwrap();
        assert!(x.starts_with(b"PK"));
    })
    .await;
}

/// A user holding the county's report role in 临清 and the city's review role.
async fn reporter_and_reviewer(app: &crate::App) -> crate::Actor {
    let admin = crate::Actor::system("test");
    let u = crate::org::create_user(
        app,
        &admin,
        &meta(),
        crate::org::NewUserForm {
            username: "both.roles".into(),
            display_name: None,
            password: "Both#roles2026".into(),
            role: "county_admin".into(),
            region: Some(LINQING.into()),
            enterprise: None,
            phone: None,
            must_change_password: false,
        },
    )
    .await
    .unwrap();
    let conn = app.db().conn();
    let city = store::org::role::find_by_code(conn, "city_admin")
        .await
        .unwrap()
        .unwrap();
    store::org::role::assign(conn, u.id, city.id).await.unwrap();
    demo_actor(app, "both.roles").await
}

#[tokio::test]
async fn an_attraction_report_counts_only_once_approved_and_a_return_needs_a_reason() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let county = demo_actor(&app, "county.linqing").await;
        let city = demo_actor(&app, "admin").await;
        let stats = |a| investment_stats(&app, a, Some(LINQING), Some(2023), Some("10000"));
        let form = TargetForm {
            name: "示例新材料项目".into(),
            investor: "示例投资方".into(),
            region_code: LINQING.into(),
            stage: "signed".into(),
            stage_on: "2023-03-08".into(),
            planned_wan_yuan: "25000".into(),
            in_place_wan_yuan: "3000".into(),
            chain_node: "铝基新材料".into(),
            ..Default::default()
        };
        // Signing needs its date.
        let e = keys(
            register_targets(
                &app,
                &county,
                &meta(),
                vec![TargetForm {
                    stage_on: String::new(),
                    ..form.clone()
                }],
            )
            .await
            .unwrap_err(),
        );
        assert!(has(&e, "stage_on", "common.required"));
        let id = register_targets(&app, &county, &meta(), vec![form])
            .await
            .unwrap()[0];
        let v = get_target(&app, &county, id).await.unwrap();
        assert_eq!(
            (v.stage, v.pending_stage.as_deref()),
            (None, Some("signed"))
        );
        assert_eq!(v.allowed_actions, Vec::<String>::new());
        assert_eq!(stats(&city).await.unwrap().signed_count, 0);
        // The county does not review; the city does.
        let approve = |ids: Vec<i64>| ReviewForm {
            ids,
            decision: "approve".into(),
            comment: String::new(),
        };
        assert!(matches!(
            review_reports(&app, &county, &meta(), approve(vec![id])).await,
            Err(AppError::Forbidden(_))
        ));
        assert_eq!(
            get_target(&app, &city, id).await.unwrap().allowed_actions,
            vec!["approve", "return"]
        );
        review_reports(&app, &city, &meta(), approve(vec![id]))
            .await
            .unwrap();
        let s = stats(&city).await.unwrap();
        assert_eq!(
            (
                s.signed_count,
                s.planned_wan_yuan.as_str(),
                s.in_place_wan_yuan.as_str()
            ),
            (1, "25000.00", "3000.00")
        );
        // Nothing pending now: a second approval is refused by the state machine.
        let e = keys(
            review_reports(&app, &city, &meta(), approve(vec![id]))
                .await
                .unwrap_err(),
        );
        assert!(e[0].1 == "investment.workflow.state");
        // A later stage without its date is refused; with it, it waits.
        let e = keys(
            report_target(
                &app,
                &county,
                &meta(),
                id,
                ReportForm {
                    stage: "started".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap_err(),
        );
        assert!(has(&e, "stage_on", "common.required"));
        let back = keys(
            report_target(
                &app,
                &county,
                &meta(),
                id,
                ReportForm {
                    stage: "negotiating".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap_err(),
        );
        assert!(has(&back, "stage", "investment.workflow.backward"));
        report_target(
            &app,
            &county,
            &meta(),
            id,
            ReportForm {
                stage: "started".into(),
                stage_on: "2023-06-01".into(),
                in_place_wan_yuan: "9000".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let ret = |comment: &str| ReviewForm {
            ids: vec![id],
            decision: "return".into(),
            comment: comment.into(),
        };
        let e = keys(
            review_reports(&app, &city, &meta(), ret(" "))
                .await
                .unwrap_err(),
        );
        assert_eq!(e[0].1, "common.reason_required");
        review_reports(&app, &city, &meta(), ret("缺少开工证明"))
            .await
            .unwrap();
        let v = get_target(&app, &county, id).await.unwrap();
        assert_eq!(
            (
                v.stage.as_deref(),
                v.pending_stage,
                v.in_place_wan_yuan.as_str()
            ),
            (Some("signed"), None, "3000.00")
        );
        report_target(
            &app,
            &county,
            &meta(),
            id,
            ReportForm {
                stage: "started".into(),
                stage_on: "2023-06-01".into(),
                in_place_wan_yuan: "9000".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        review_reports(&app, &city, &meta(), approve(vec![id]))
            .await
            .unwrap();
        let v = get_target(&app, &city, id).await.unwrap();
        assert_eq!(
            (v.stage.as_deref(), v.in_place_wan_yuan.as_str()),
            (Some("started"), "9000.00")
        );
        assert_eq!(
            v.started_on.map(|d| d.to_string()).as_deref(),
            Some("2023-06-01")
        );
        let actions: Vec<&str> = v.events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            ["report", "approve", "report", "return", "report", "approve"]
        );
        // Nobody reviews their own report.
        let both = reporter_and_reviewer(&app).await;
        report_target(
            &app,
            &both,
            &meta(),
            id,
            ReportForm {
                in_place_wan_yuan: "10000".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let e = keys(
            review_reports(&app, &both, &meta(), approve(vec![id]))
                .await
                .unwrap_err(),
        );
        assert_eq!(e[0].1, "investment.review_own");
        review_reports(&app, &city, &meta(), approve(vec![id]))
            .await
            .unwrap();
        // Other regions see nothing of it.
        let yanggu = demo_actor(&app, "county.yanggu").await;
        assert!(matches!(
            get_target(&app, &yanggu, id).await,
            Err(AppError::NotFound)
        ));
        // Targets: only for a county, only by the reviewer.
        let t = CountyTargetForm {
            region_code: "371500".into(),
            year: Some(2023),
            signed_count: Some(3),
            planned_wan_yuan: "1".into(),
            in_place_wan_yuan: "1".into(),
            ..Default::default()
        };
        let e = keys(
            set_county_target(&app, &city, &meta(), t.clone())
                .await
                .unwrap_err(),
        );
        assert!(has(&e, "region_code", "investment.target_county_only"));
        assert!(matches!(
            set_county_target(&app, &county, &meta(), t.clone()).await,
            Err(AppError::Forbidden(_))
        ));
        let v = set_county_target(
            &app,
            &city,
            &meta(),
            CountyTargetForm {
                region_code: LINQING.into(),
                min_wan_yuan: "10000".into(),
                planned_wan_yuan: "50000".into(),
                ..t
            },
        )
        .await
        .unwrap();
        assert_eq!(
            (
                v.actual_signed_count,
                v.signed_completion_pct,
                v.planned_completion_pct
            ),
            (1, Some(33.33), Some(50.0))
        );
    })
    .await;
}

#[tokio::test]
async fn land_and_digital_records_refuse_what_cannot_be_true() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let county = demo_actor(&app, "county.linqing").await;
        let p = add_parcel(
            &app,
            &county,
            &meta(),
            ParcelForm {
                code: "T-1".into(),
                region_code: LINQING.into(),
                location: "测试地块".into(),
                approved_mu: "100.5".into(),
                approved_on: "2021-05-01".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(p.approved_mu, "100.50");
        let e = keys(
            add_parcel(
                &app,
                &county,
                &meta(),
                ParcelForm {
                    code: "T-1".into(),
                    region_code: LINQING.into(),
                    location: "x".into(),
                    approved_mu: "1.001".into(),
                    approved_on: "2021-05-01".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap_err(),
        );
        assert!(has(&e, "approved_mu", "mu.precision"));
        let dispose = |area: &str, on: &str| DisposalForm {
            parcel_id: p.id,
            area_mu: area.into(),
            method: "supplied".into(),
            disposed_on: on.into(),
            note: String::new(),
        };
        dispose_land(&app, &county, &meta(), vec![dispose("60", "2023-01-05")])
            .await
            .unwrap();
        let e = keys(
            dispose_land(&app, &county, &meta(), vec![dispose("40.51", "2023-02-05")])
                .await
                .unwrap_err(),
        );
        assert!(has(&e, "area_mu", "land.disposal_exceeds"));
        let e = keys(
            dispose_land(&app, &county, &meta(), vec![dispose("1", "2020-02-05")])
                .await
                .unwrap_err(),
        );
        assert!(has(&e, "disposed_on", "land.disposal_before_approval"));
        assert_eq!(
            get_parcel(&app, &county, p.id).await.unwrap().remaining_mu,
            "40.50"
        );
        // Low-efficiency land: entered once, not before its survey.
        let f = InefficientForm {
            code: "T-DX".into(),
            region_code: LINQING.into(),
            location: "x".into(),
            area_mu: "12.34".into(),
            surveyed_on: "2023-03-01".into(),
            ..Default::default()
        };
        survey_inefficient(&app, &county, &meta(), vec![f])
            .await
            .unwrap();
        let q = list_inefficient(&app, &county, None, crate::PageRequest::new(1, None))
            .await
            .unwrap();
        let id = q.items[0].id;
        let e = keys(
            enter_inefficient(&app, &county, &meta(), vec![id], "2023-02-01")
                .await
                .unwrap_err(),
        );
        assert!(e[0].1 == "land.entered_before_survey");
        enter_inefficient(&app, &county, &meta(), vec![id], "2023-04-01")
            .await
            .unwrap();
        let e = keys(
            enter_inefficient(&app, &county, &meta(), vec![id], "2023-04-02")
                .await
                .unwrap_err(),
        );
        assert!(e[0].1 == "land.already_entered");
        let l = land_stats(&app, &county, Some(LINQING), Some(2023))
            .await
            .unwrap();
        assert_eq!(
            (l.disposed_mu.as_str(), l.inefficient_entered_mu.as_str()),
            ("60.00", "12.34")
        );
        // Digital: a base-station batch needs its source; an enterprise is on the cloud once.
        let e = keys(
            record_digital(
                &app,
                &county,
                &meta(),
                vec![DigitalForm {
                    kind: "base_station_5g".into(),
                    region_code: LINQING.into(),
                    quantity: Some(5),
                    recorded_on: "2023-01-01".into(),
                    ..Default::default()
                }],
            )
            .await
            .unwrap_err(),
        );
        assert!(has(&e, "source", "common.required"));
        let first = super::demo::demo_uscc(1).unwrap();
        let e = keys(
            record_digital(
                &app,
                &county,
                &meta(),
                vec![DigitalForm {
                    kind: "cloud_adoption".into(),
                    enterprise_uscc: first,
                    recorded_on: "2023-01-01".into(),
                    ..Default::default()
                }],
            )
            .await
            .unwrap_err(),
        );
        assert!(has(&e, "enterprise_uscc", "digital.duplicate"));
        // Support funds: only to enterprises in scope.
        let yanggu = demo_actor(&app, "county.yanggu").await;
        let pay = PaymentForm {
            programme: "测试".into(),
            enterprise_uscc: super::demo::demo_uscc(3).unwrap(),
            amount_wan_yuan: "10".into(),
            paid_on: "2023-01-01".into(),
            ..Default::default()
        };
        let e = keys(
            pay_support_funds(&app, &yanggu, &meta(), vec![pay.clone()])
                .await
                .unwrap_err(),
        );
        assert!(has(&e, "enterprise_uscc", "project.enterprise_not_found"));
        pay_support_funds(&app, &county, &meta(), vec![pay])
            .await
            .unwrap();
        let f = support_fund_stats(&app, &county, Some(LINQING), Some(2023))
            .await
            .unwrap();
        assert_eq!((f.total_wan_yuan.as_str(), f.enterprises), ("10.00", 1));
    })
    .await;
}

#[test]
fn amounts_are_shown_exactly() {
    assert_eq!(exact_wan_yuan(1_072_000_000_000), "1072000.00");
    assert_eq!(exact_wan_yuan(1), "0.000001");
    assert_eq!(exact_wan_yuan(2_036_450_000), "2036.45");
    assert_eq!(exact_wan_yuan(-1_500_000), "-1.50");
}
