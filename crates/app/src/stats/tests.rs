//! The statistics use cases on the demo: the seed facts through the aggregates, scope,
//! writes with their audit entries and validation, the catch-up of the aggregate, imports.

use super::demo::{CHIPING, YANGGU};
use super::seed_facts::seed_fact_checks;
use super::*;
use crate::io::{ImportKind, ImportMode, ImportOptions, import};
use crate::test_support::{demo_actor, demo_app};
use crate::{Actor, AppError, RequestMeta};
use store::testing::on_each_backend;

fn meta() -> RequestMeta {
    RequestMeta::cli("test")
}

fn q(region: &str) -> OutputQuery {
    OutputQuery {
        region: Some(region.into()),
        year: Some(2022),
        ..Default::default()
    }
}

fn fig(uscc: &str, indicator: &str, year: i32, month: i64, value: &str) -> FigureInput {
    FigureInput {
        uscc: uscc.into(),
        indicator: indicator.into(),
        year,
        month,
        value: value.into(),
    }
}

fn keys(e: &AppError) -> Vec<(String, String)> {
    match e {
        AppError::Invalid(v) => v.iter().map(|f| (f.field.clone(), f.key.clone())).collect(),
        other => panic!("expected invalid, got {other:?}"),
    }
}

#[tokio::test]
async fn the_demo_reproduces_the_seed_facts_through_the_aggregates() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let leader = demo_actor(&app, "leader").await;
        let chiping = output(&app, &leader, &q(CHIPING)).await.unwrap();
        assert_eq!(chiping.total_yi_yuan.as_deref(), Some("1216.8"));
        assert_eq!(chiping.total_wan_yuan.as_deref(), Some("12168000.00"));
        assert_eq!(chiping.yoy_pct, Some(13.4));
        assert_eq!(chiping.method.basis, "comparable");
        assert!(
            chiping.method.text.contains("可比口径"),
            "{}",
            chiping.method.text
        );
        assert_eq!(chiping.enterprises, chiping.reported);
        assert!(
            chiping.completion_pct.unwrap() > 100.0,
            "above the district's target"
        );
        // The chains as the chain maps hold them (`group_by=chain`), the hook the same.
        let by_chain = OutputQuery {
            group_by: Some("chain".into()),
            ..q(CHIPING)
        };
        let chains = output(&app, &leader, &by_chain).await.unwrap();
        let sets = members::chain_sets(&app, CHIPING).await.unwrap();
        let hook = member_figures(&app, &leader, &q(CHIPING), sets)
            .await
            .unwrap();
        assert_eq!(hook.total, chains.total);
        assert_eq!(chains.total_yi_yuan.as_deref(), Some("1044.9"));
        assert_eq!(chains.rows.len(), 6);
        for r in &chains.rows {
            assert!(
                r.completion_pct.unwrap() > 100.0,
                "{} above its target",
                r.name
            );
        }
        let yanggu = output(&app, &leader, &q(YANGGU)).await.unwrap();
        assert_eq!(yanggu.total_yi_yuan.as_deref(), Some("551.1"));
        let groups = output(
            &app,
            &leader,
            &OutputQuery {
                group_by: Some("group".into()),
                ..q(YANGGU)
            },
        )
        .await
        .unwrap();
        assert_eq!(
            groups.group_set.as_deref(),
            Some("yanggu_leading"),
            "the county's own set"
        );
        let growth: Vec<(&str, Option<f64>)> = groups
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.yoy_pct))
            .collect();
        assert_eq!(
            growth,
            [
                ("光电信息", Some(7.8)),
                ("食品加工", Some(10.9)),
                ("塑料化工", Some(22.6))
            ]
        );
        let admin = demo_actor(&app, "admin").await;
        let checks = seed_fact_checks(&app, &admin).await.unwrap();
        for row in &checks {
            assert!(
                row.matches,
                "{} {}: seed {} computed {}",
                row.section, row.label, row.seed, row.computed
            );
        }
        // The chains' figures open the district's chain list, not all its enterprises.
        for seed in ["1044.9亿元", ">100%"] {
            let row = checks.iter().find(|r| r.seed == seed).unwrap();
            assert_eq!(
                row.href,
                format!("/chains?region={CHIPING}&year=2022"),
                "{seed}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn periods_groupings_records_and_the_grid_agree_with_each_other() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let leader = demo_actor(&app, "leader").await;
        let city = output(
            &app,
            &leader,
            &OutputQuery {
                region: Some("371500".into()),
                year: Some(2022),
                group_by: Some("county".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(
            city.rows.len(),
            9,
            "eight counties and the development zone"
        );
        let sum: i128 = city
            .rows
            .iter()
            .map(|r| policy::stats::parse_quantity(&r.total, 6).unwrap() as i128)
            .sum();
        assert_eq!(
            policy::stats::parse_quantity(&city.total, 6).unwrap() as i128,
            sum
        );
        let donge = city.rows.iter().find(|r| r.key == "371524").unwrap();
        assert!(
            donge.yoy_pct.unwrap() < 0.0 && donge.alert == "alert",
            "a decline is red"
        );
        // Year-to-date March is the sum of January to March of the trend.
        let ytd = output(
            &app,
            &leader,
            &OutputQuery {
                month: Some(3),
                ..q(CHIPING)
            },
        )
        .await
        .unwrap();
        assert_eq!(ytd.period_label, "2022-01~03");
        assert!(ytd.method.text.contains("1-3月累计"));
        let year = output(&app, &leader, &q(CHIPING)).await.unwrap();
        let jan_mar: i128 = year.months[..3]
            .iter()
            .map(|v| policy::stats::parse_quantity(v, 6).unwrap() as i128)
            .sum();
        assert_eq!(
            policy::stats::parse_quantity(&ytd.total, 6).unwrap() as i128,
            jan_mar
        );
        let march = output(
            &app,
            &leader,
            &OutputQuery {
                month: Some(3),
                period: Some("month".into()),
                ..q(CHIPING)
            },
        )
        .await
        .unwrap();
        assert_eq!(march.total, year.months[2]);
        // The records behind the figure add up to it, a page at a time.
        let page = records(
            &app,
            &leader,
            &OutputQuery {
                limit: Some(10),
                ..q(CHIPING)
            },
        )
        .await
        .unwrap();
        assert_eq!(page.total, year.total);
        assert_eq!(
            (page.items.len(), page.count),
            (10, year.enterprises as usize)
        );
        assert_eq!(page.next_cursor.as_deref(), Some("10"));
        let rest = records(
            &app,
            &leader,
            &OutputQuery {
                limit: Some(500),
                cursor: Some("10".into()),
                ..q(CHIPING)
            },
        )
        .await
        .unwrap();
        assert_eq!(rest.items.len(), page.count - 10);
        assert!(rest.next_cursor.is_none());
        // A group's records are the group's enterprises.
        let food = records(
            &app,
            &leader,
            &OutputQuery {
                group_by: Some("group".into()),
                key: Some("food".into()),
                ..q(YANGGU)
            },
        )
        .await
        .unwrap();
        assert_eq!(food.count, 5);
        assert_eq!(food.key_name.as_deref(), Some("食品加工"));
        assert_eq!(food.yoy_pct, Some(10.9));
        // The county × group grid: each cell equals the group's row of that county.
        let grid = county_group_months(
            &app,
            &leader,
            &OutputQuery {
                region: Some("371500".into()),
                year: Some(2022),
                group_set: Some("city_clusters".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(grid.cells.len(), 9 * 4);
        let linqing = output(
            &app,
            &leader,
            &OutputQuery {
                group_by: Some("group".into()),
                group_set: Some("city_clusters".into()),
                ..q("371581")
            },
        )
        .await
        .unwrap();
        for r in &linqing.rows {
            let cell = grid
                .cells
                .iter()
                .find(|c| c.county == "371581" && c.group == r.key)
                .unwrap();
            assert_eq!(
                (&cell.total, cell.yoy_pct),
                (&r.total, r.yoy_pct),
                "{}",
                r.key
            );
        }
        let industry = output(
            &app,
            &leader,
            &OutputQuery {
                group_by: Some("industry".into()),
                ..q(CHIPING)
            },
        )
        .await
        .unwrap();
        assert!(
            industry
                .rows
                .iter()
                .any(|r| r.key == "C32" && r.name.contains("有色金属"))
        );
        assert!(industry.rows.iter().all(|r| r.enterprises > 0));
    })
    .await;
}

#[tokio::test]
async fn a_county_sees_its_own_county_only_and_bad_queries_are_named() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let county = demo_actor(&app, "county.yanggu").await;
        let own = output(
            &app,
            &county,
            &OutputQuery {
                year: Some(2022),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(own.region, YANGGU, "the county's own region by default");
        for other in [CHIPING, "371500"] {
            assert!(
                matches!(
                    output(&app, &county, &q(other)).await,
                    Err(AppError::NotFound)
                ),
                "{other}"
            );
        }
        let all = records(
            &app,
            &county,
            &OutputQuery {
                limit: Some(500),
                ..q(YANGGU)
            },
        )
        .await
        .unwrap();
        assert!(all.items.iter().all(|r| r.region_code.starts_with(YANGGU)));
        let chain = demo_actor(&app, "chain").await;
        assert!(
            output(&app, &chain, &q(CHIPING)).await.is_ok(),
            "the chain office's listed region"
        );
        assert!(matches!(
            output(&app, &chain, &q(YANGGU)).await,
            Err(AppError::NotFound)
        ));
        let enterprise = demo_actor(&app, "enterprise").await;
        assert!(matches!(
            output(&app, &enterprise, &q(YANGGU)).await,
            Err(AppError::Forbidden(_))
        ));
        let leader = demo_actor(&app, "leader").await;
        for (query, field, key) in [
            (
                OutputQuery {
                    month: Some(13),
                    ..q(YANGGU)
                },
                "month",
                "stats.month_range",
            ),
            (
                OutputQuery {
                    indicator: Some("gdp".into()),
                    ..q(YANGGU)
                },
                "indicator",
                "stats.indicator_unknown",
            ),
            (
                OutputQuery {
                    group_by: Some("town".into()),
                    ..q(YANGGU)
                },
                "group_by",
                "stats.group_by_unknown",
            ),
            (
                OutputQuery {
                    basis: Some("nominal".into()),
                    ..q(YANGGU)
                },
                "basis",
                "stats.basis_unknown",
            ),
            (
                OutputQuery {
                    region: Some("999999".into()),
                    ..q(YANGGU)
                },
                "region",
                "region.unknown",
            ),
            (
                OutputQuery {
                    period: Some("week".into()),
                    month: Some(2),
                    ..q(YANGGU)
                },
                "period",
                "stats.period_kind",
            ),
            (
                OutputQuery {
                    group_by: Some("group".into()),
                    group_set: Some("nope".into()),
                    ..q(YANGGU)
                },
                "group_set",
                "stats.group_set_unknown",
            ),
        ] {
            let e = output(&app, &leader, &query).await.unwrap_err();
            assert_eq!(keys(&e), [(field.to_string(), key.to_string())]);
        }
    })
    .await;
}

#[tokio::test]
async fn figures_are_checked_all_or_nothing_audited_per_enterprise_month_and_seen_at_once() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let county = demo_actor(&app, "county.yanggu").await;
        let opto = crate::service::demo::cultivation_uscc(0)
            .unwrap()
            .to_string();
        let chiping =
            super::demo::chain_members(&super::demo::CHIPING_CHAINS[0]).unwrap()[0].to_string();
        let before = output(&app, &county, &q(YANGGU)).await.unwrap();
        // Every problem is named; nothing is written.
        let e = record_figures(
            &app,
            &county,
            &meta(),
            vec![
                fig(&opto, "gdp", 2022, 1, "1"),
                fig(&opto, "output", 2022, 1, "1.0000001"),
                fig(&opto, "output", 2022, 2, "-5"),
                fig(&opto, "electricity", 2022, 3, "1.00001"),
                fig(&chiping, "output", 2022, 1, "5"),
                fig(&opto, "output", 2099, 1, "5"),
                fig(&opto, "output", 2022, 13, "5"),
                fig(&opto, "output", 2022, 5, "abc"),
                fig(&opto, "output", 2022, 1, "7"),
            ],
            true,
        )
        .await
        .unwrap_err();
        assert_eq!(
            keys(&e),
            [
                ("figures[0].indicator", "stats.indicator_unknown"),
                ("figures[1].value", "stats.value_precision"),
                ("figures[2].value", "stats.value_negative"),
                ("figures[3].value", "stats.value_precision"),
                ("figures[4].uscc", "enterprise.not_found"),
                ("figures[5].month", "stats.month_future"),
                ("figures[6].month", "stats.month_range"),
                ("figures[7].value", "stats.value_format"),
                ("figures[8].uscc", "import.duplicate_in_file"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        let same = output(&app, &county, &q(YANGGU)).await.unwrap();
        assert_eq!(same.total, before.total, "nothing written");
        // An existing figure is only replaced when asked.
        let e = record_figures(
            &app,
            &county,
            &meta(),
            vec![fig(&opto, "output", 2022, 1, "1")],
            false,
        )
        .await
        .unwrap_err();
        assert_eq!(keys(&e)[0].1, "stats.figure_exists");
        let jan = |v: &OutputView| policy::stats::parse_quantity(&v.months[0], 6).unwrap();
        let r = record_figures(
            &app,
            &county,
            &meta(),
            vec![
                fig(&opto, "output", 2022, 1, "1"),
                fig(&opto, "profit", 2022, 1, "-3.5"),
                fig(&opto, "revenue", 2022, 1, "0"),
            ],
            true,
        )
        .await
        .unwrap();
        assert_eq!((r.created, r.updated), (0, 3));
        // The aggregate caught up from the audit log.
        let after = output(&app, &county, &q(YANGGU)).await.unwrap();
        let old_jan =
            store::stats::figures_for_years(app.db().conn(), std::slice::from_ref(&opto), &[2022])
                .await
                .unwrap()
                .into_iter()
                .find(|((_, i, _, m), _)| i == "output" && *m == 1)
                .unwrap()
                .1;
        assert_eq!(old_jan, 1_000_000, "stored in fen");
        assert!(jan(&after) < jan(&before));
        // One audit entry for the enterprise-month, naming each figure changed.
        let entries = store::audit::search(
            app.db().conn(),
            &policy::org::Scope::all(),
            &store::audit::AuditQuery {
                entity_type: Some("stats_figure".into()),
                entity_id: Some(format!("{opto}/2022-01")),
                ..Default::default()
            },
            store::page::PageRequest::new(10, None),
        )
        .await
        .unwrap()
        .items;
        let last = &entries[0];
        assert_eq!(
            (last.action.as_str(), last.actor_name.as_str()),
            ("stats_figure.update", "county.yanggu")
        );
        assert_eq!(last.region_code.as_deref(), Some(YANGGU));
        for field in ["output", "profit", "revenue"] {
            assert!(
                last.diff.contains(&format!("\"{field}\"")),
                "{field} in {}",
                last.diff
            );
        }
        assert!(last.diff.contains("-3.500000"));
        // Nobody without stats:write writes.
        let leader = demo_actor(&app, "leader").await;
        assert!(matches!(
            record_figures(
                &app,
                &leader,
                &meta(),
                vec![fig(&opto, "output", 2022, 1, "2")],
                true
            )
            .await,
            Err(AppError::Forbidden(_))
        ));
    })
    .await;
}

#[tokio::test]
async fn a_registry_change_reaches_the_population_and_the_bases_differ_as_documented() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let system = Actor::system("test");
        let leader = demo_actor(&app, "leader").await;
        let before = output(&app, &leader, &q(YANGGU)).await.unwrap();
        // One enterprise becomes above size only in 2022 (its 2021 figures stay recorded).
        let code = crate::service::demo::cultivation_uscc(19).unwrap().to_string();
        let csv = format!(
            "uscc,name,region_code,industry_code,above_size,above_size_since\n{code},阳谷示例包装材料有限公司,371521,C2231,是,2022\n"
        );
        let r = import(&app, &system, &meta(), ImportKind::Enterprises, "x.csv", csv.as_bytes(),
            ImportOptions { update_existing: true, ..Default::default() }, None).await.unwrap();
        assert!(r.written);
        let comparable = output(&app, &leader, &q(YANGGU)).await.unwrap();
        assert_eq!(comparable.total, before.total, "still in 2022's population");
        assert_eq!(comparable.yoy_pct, before.yoy_pct, "compared with its own 2021");
        let reported = output(&app, &leader, &OutputQuery { basis: Some("reported".into()), ..q(YANGGU) })
            .await
            .unwrap();
        assert_eq!(reported.total, before.total);
        assert!(reported.yoy_pct.unwrap() > comparable.yoy_pct.unwrap(), "2021's population lacks it");
        assert!(reported.method.text.contains("各期口径"));
        // Leaving the population removes it at once.
        let csv = format!(
            "uscc,name,region_code,industry_code,above_size\n{code},阳谷示例包装材料有限公司,371521,C2231,否\n"
        );
        import(&app, &system, &meta(), ImportKind::Enterprises, "x.csv", csv.as_bytes(),
            ImportOptions { update_existing: true, ..Default::default() }, None).await.unwrap();
        let fewer = output(&app, &leader, &q(YANGGU)).await.unwrap();
        assert_eq!(fewer.enterprises + 1, before.enterprises);
    })
    .await;
}

#[tokio::test]
async fn figures_import_through_the_registry_machinery_with_row_errors_dry_run_and_valid_only() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        let county = demo_actor(&app, "county.yanggu").await;
        let opto = crate::service::demo::cultivation_uscc(0).unwrap().to_string();
        let other = super::demo::chain_members(&super::demo::CHIPING_CHAINS[0]).unwrap()[0].to_string();
        let csv = format!(
            "统一社会信用代码,指标代码,年度,月份,数值\n{opto},output,2023,1月,1200.5\n{opto},output,2023,2,1100\n{opto},OUTPUT,2023,2,1\n{other},output,2023,1,5\n{opto},gdp,2023,1,5\n{opto},electricity,2023,1,1.23456\n"
        );
        let run = |mode, dry_run| {
            let app = app.clone();
            let county = county.clone();
            let csv = csv.clone();
            async move {
                import(&app, &county, &meta(), ImportKind::Figures, "f.csv", csv.as_bytes(),
                    ImportOptions { mode, update_existing: false, dry_run }, None).await.unwrap()
            }
        };
        let r = run(ImportMode::AllOrNothing, false).await;
        assert!(!r.written);
        let errs: Vec<(u32, &str, &str)> = r
            .errors
            .iter()
            .map(|e| (e.row, e.field.as_str(), e.message_key.as_str()))
            .collect();
        assert_eq!(
            errs,
            [
                (4, "uscc", "import.duplicate_in_file"),
                (5, "uscc", "enterprise.not_found"),
                (6, "indicator", "stats.indicator_unknown"),
                (7, "value", "stats.value_precision"),
            ]
        );
        let dry = run(ImportMode::ValidOnly, true).await;
        assert_eq!((dry.created, dry.written), (2, false));
        let r = run(ImportMode::ValidOnly, false).await;
        assert_eq!((r.created, r.rejected, r.written), (2, 4, true));
        let jan = output(&app, &county, &OutputQuery {
            year: Some(2023),
            month: Some(1),
            period: Some("month".into()),
            ..q(YANGGU)
        })
        .await
        .unwrap();
        assert_eq!(jan.total_wan_yuan.as_deref(), Some("1200.50"));
        assert_eq!(jan.enterprises, 20);
        assert_eq!(jan.reported, 1);
        assert!(!jan.reporting_complete, "1 of 20 is below the quality threshold");
        // The template names the columns; a leader may not import figures.
        let t = crate::io::template_xlsx(ImportKind::Figures, crate::io::Lang::Zh).unwrap();
        assert!(!t.is_empty());
        let leader = demo_actor(&app, "leader").await;
        assert!(matches!(
            import(&app, &leader, &meta(), ImportKind::Figures, "f.csv", csv.as_bytes(), ImportOptions::default(), None).await,
            Err(AppError::Forbidden(_))
        ));
    })
    .await;
}

#[tokio::test]
async fn indicator_cards_groups_and_targets_are_edited_in_scope_and_audited() {
    on_each_backend(|db| async move {
        let app = demo_app(db).await;
        assert_eq!(
            load_shipped(&app).await.unwrap(),
            0,
            "a second load changes nothing"
        );
        let admin = demo_actor(&app, "admin").await;
        let county = demo_actor(&app, "county.yanggu").await;
        let cards = list_indicators(&app, &county).await.unwrap();
        assert_eq!(cards.len(), 6);
        let mut form = IndicatorForm {
            name_zh: "工业总产值（当年价格）".into(),
            name_en: "Gross industrial output".into(),
            unit_zh: "万元".into(),
            unit_en: "10k yuan".into(),
            frequency: "monthly".into(),
            owner: "运行监测科 张三".into(),
            red_below_yoy_pct: Some("-1".into()),
            orange_below_yoy_pct: Some("6.5".into()),
            ..Default::default()
        };
        assert!(matches!(
            update_indicator(&app, &county, &meta(), "output", form.clone()).await,
            Err(AppError::Forbidden(_))
        ));
        let v = update_indicator(&app, &admin, &meta(), "output", form.clone())
            .await
            .unwrap();
        assert_eq!((v.source.as_str(), v.revision), ("edited", 2));
        assert_eq!(v.orange_below_yoy_pct.as_deref(), Some("6.5"));
        assert_eq!(
            load_shipped(&app).await.unwrap(),
            0,
            "an edited card survives a load"
        );
        form.orange_below_yoy_pct = Some("-5".into());
        let e = update_indicator(&app, &admin, &meta(), "output", form)
            .await
            .unwrap_err();
        assert_eq!(keys(&e)[0].1, "stats.indicator_thresholds");
        // A county keeps its own group sets, not another county's.
        let set = GroupSetForm {
            code: "yanggu_test".into(),
            name_zh: "测试分组".into(),
            name_en: String::new(),
            region_code: YANGGU.into(),
            groups: vec![GroupForm {
                code: "cables".into(),
                name_zh: "电线电缆".into(),
                name_en: String::new(),
                prefixes: vec!["c3831".into()],
            }],
        };
        save_group_set(&app, &county, &meta(), set.clone())
            .await
            .unwrap();
        let by = output(
            &app,
            &county,
            &OutputQuery {
                group_by: Some("group".into()),
                group_set: Some("yanggu_test".into()),
                ..q(YANGGU)
            },
        )
        .await
        .unwrap();
        assert_eq!((by.rows.len(), by.rows[0].enterprises), (1, 1));
        let mut elsewhere = set.clone();
        elsewhere.region_code = CHIPING.into();
        assert!(matches!(
            save_group_set(&app, &county, &meta(), elsewhere).await,
            Err(AppError::NotFound)
        ));
        let mut bad = set;
        bad.groups[0].prefixes = vec!["38".into()];
        assert_eq!(
            keys(
                &save_group_set(&app, &county, &meta(), bad)
                    .await
                    .unwrap_err()
            )[0]
            .1,
            "stats.group_prefix"
        );
        // Targets: a county sets its own, the figure shows completion.
        let t = TargetForm {
            kind: "region".into(),
            key: YANGGU.into(),
            year: 2022,
            indicator: None,
            value: "5511000".into(),
            region_code: None,
            note: String::new(),
        };
        set_target(&app, &county, &meta(), t.clone()).await.unwrap();
        let v = output(&app, &county, &q(YANGGU)).await.unwrap();
        assert_eq!(v.completion_pct, Some(100.0));
        let listed = list_targets(&app, &county, 2022).await.unwrap();
        assert!(listed.iter().all(|t| t.region_code.starts_with(YANGGU)));
        assert_eq!(
            listed
                .iter()
                .find(|t| t.key == YANGGU)
                .unwrap()
                .completion_pct,
            Some(100.0)
        );
        let mut other = t.clone();
        other.key = CHIPING.into();
        assert!(matches!(
            set_target(&app, &county, &meta(), other).await,
            Err(AppError::NotFound)
        ));
        let mut zero = t;
        zero.value = "0".into();
        assert_eq!(
            keys(&set_target(&app, &county, &meta(), zero).await.unwrap_err())[0].1,
            "stats.target_positive"
        );
    })
    .await;
}
