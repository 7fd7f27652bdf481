//! The chain pages remember what they read until the next write (`super::memo`): a second
//! read gives the same answer, and each kind of write (a map link, a title, a figure) shows
//! in the very next read, while permission and scope are still checked per request.

use super::demo::{CHAINS, CHIPING};
use super::*;
use crate::test_support::{demo_actor, on_each_demo, raw};
use crate::{AppError, RequestMeta};
use std::collections::HashSet;

fn query(year: &str) -> ChainListQuery {
    ChainListQuery {
        region: Some(CHIPING.into()),
        year: Some(year.into()),
    }
}

/// A figure in 万元 as fen.
fn fen(wan: Option<&str>) -> i64 {
    wan.map_or(0, |w| policy::stats::parse_quantity(w, 6).unwrap())
}

fn item<'a>(l: &'a ChainListView, code: &str) -> &'a ChainSummaryView {
    l.items.iter().find(|c| c.code == code).unwrap()
}

fn on_map(d: &ChainDetail) -> impl Iterator<Item = &NodeEnterpriseView> {
    d.map
        .segments
        .iter()
        .flat_map(|s| s.nodes.iter())
        .flat_map(|n| n.enterprises.iter())
}

#[tokio::test]
async fn a_remembered_chain_shows_a_new_link_title_and_figure_in_the_next_read() {
    on_each_demo(|app| async move {
        let leader = demo_actor(&app, "leader").await;
        let office = demo_actor(&app, "chain").await;
        let county = demo_actor(&app, "county.chiping").await;
        let m = RequestMeta::cli("test");
        let first = list_chains(&app, &leader, &query("2022")).await.unwrap();
        let again = list_chains(&app, &leader, &query("2022")).await.unwrap();
        assert_eq!(
            serde_json::to_value(&first).unwrap(),
            serde_json::to_value(&again).unwrap(),
            "nothing written: the same answer"
        );
        let (a, b) = (item(&first, CHAINS[0].code), item(&first, CHAINS[1].code));
        let da = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        let db = get_chain(&app, &leader, b.id, Some("2022")).await.unwrap();
        let on_a: HashSet<&str> = on_map(&da).map(|e| e.uscc.as_str()).collect();
        let newcomer = on_map(&db)
            .find(|e| {
                e.local && !e.titled && e.output_wan_yuan.is_some() && !on_a.contains(&*e.uscc)
            })
            .expect("a local untitled firm of chain B with output, not on chain A")
            .clone();
        let node = da.map.segments[0].nodes[0].id;

        // A link: the firm counts on chain A at once, with its output.
        attach_enterprise(
            &app,
            &office,
            &m,
            a.id,
            node,
            AttachForm {
                enterprise_uscc: newcomer.uscc.clone(),
                role: "supplier".into(),
                note: String::new(),
            },
        )
        .await
        .unwrap();
        let linked = list_chains(&app, &leader, &query("2022")).await.unwrap();
        let la = item(&linked, CHAINS[0].code);
        assert_eq!(la.figures.enterprise_count, a.figures.enterprise_count + 1);
        assert_eq!(
            fen(la.figures.output_wan_yuan.as_deref()),
            fen(a.figures.output_wan_yuan.as_deref()) + fen(newcomer.output_wan_yuan.as_deref()),
            "its output is added"
        );
        let d = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        assert!(on_map(&d).any(|e| e.uscc == newcomer.uscc), "on the map");

        // A title: it becomes a titled firm of the chain.
        crate::enterprise::add_honor(
            &app,
            &county,
            &m,
            &raw(&[
                ("uscc", &newcomer.uscc),
                ("title", "专精特新中小企业"),
                ("level", "省级"),
                ("year", "2022"),
                ("valid_from", "2022-01-01"),
                ("valid_to", "2025-12-31"),
            ]),
        )
        .await
        .unwrap();
        let titled = list_chains(&app, &leader, &query("2022")).await.unwrap();
        assert_eq!(
            item(&titled, CHAINS[0].code)
                .figures
                .titled_enterprise_count,
            la.figures.titled_enterprise_count + 1
        );
        let d = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        let shown = on_map(&d).find(|e| e.uscc == newcomer.uscc).unwrap();
        assert!(shown.titled && !shown.titles.is_empty(), "{shown:?}");

        // A figure: December 2022 raised by 1000 万元.
        let old = {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            use store::entity::stats_figure;
            stats_figure::Entity::find()
                .filter(stats_figure::Column::Uscc.eq(newcomer.uscc.as_str()))
                .filter(stats_figure::Column::Indicator.eq("output"))
                .filter(stats_figure::Column::Year.eq(2022))
                .filter(stats_figure::Column::Month.eq(12))
                .one(app.db().conn())
                .await
                .unwrap()
                .map_or(0, |f| f.value)
        };
        let raised = i128::from(old) + 1_000_000_000;
        crate::stats::record_figures(
            &app,
            &county,
            &m,
            vec![crate::stats::FigureInput {
                uscc: newcomer.uscc.clone(),
                indicator: "output".into(),
                year: 2022,
                month: 12,
                value: policy::stats::format_quantity(raised, 6, 6),
            }],
            true,
        )
        .await
        .unwrap();
        let figured = list_chains(&app, &leader, &query("2022")).await.unwrap();
        assert_eq!(
            fen(item(&figured, CHAINS[0].code)
                .figures
                .output_wan_yuan
                .as_deref()),
            fen(la.figures.output_wan_yuan.as_deref()) + 1_000_000_000,
            "1000 万元 more"
        );
        let d = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        let shown = on_map(&d).find(|e| e.uscc == newcomer.uscc).unwrap();
        assert_eq!(
            fen(shown.output_wan_yuan.as_deref()),
            fen(newcomer.output_wan_yuan.as_deref()) + 1_000_000_000
        );

        // Remembered data is not a pass: another county's reader is still refused.
        let other = demo_actor(&app, "county.yanggu").await;
        assert!(matches!(
            get_chain(&app, &other, a.id, Some("2022")).await,
            Err(AppError::NotFound)
        ));
        let theirs = list_chains(&app, &other, &query("2022")).await.unwrap();
        assert!(theirs.items.is_empty(), "no chain of 茌平区 for 阳谷县");
    })
    .await;
}

/// How often the memory computed each part: structures, snapshots, figures.
fn loads(app: &crate::App) -> (u64, u64, u64) {
    use std::sync::atomic::Ordering::Relaxed;
    let l = &app.chain_memo().loads;
    (
        l.structures.load(Relaxed),
        l.snapshots.load(Relaxed),
        l.figures.load(Relaxed),
    )
}

/// How often enterprises' outputs were derived from the statistics aggregate.
fn outputs_derived(app: &crate::App) -> u64 {
    app.chain_memo()
        .loads
        .outputs
        .load(std::sync::atomic::Ordering::Relaxed)
}

/// A one-row CSV import.
async fn import_csv(app: &crate::App, actor: &crate::Actor, kind: &str, csv: &str) {
    let report = crate::io::import(
        app,
        actor,
        &RequestMeta::cli("test"),
        crate::io::ImportKind::parse(kind).unwrap(),
        "test.csv",
        csv.as_bytes(),
        crate::io::ImportOptions {
            update_existing: true,
            ..Default::default()
        },
        None,
    )
    .await
    .unwrap();
    assert!(report.errors.is_empty(), "{kind}: {:?}", report.errors);
}

#[tokio::test]
async fn a_write_the_chain_pages_do_not_read_keeps_what_they_remember_and_each_source_shows_at_once()
 {
    on_each_demo(|app| async move {
        let leader = demo_actor(&app, "leader").await;
        let office = demo_actor(&app, "chain").await;
        let county = demo_actor(&app, "county.chiping").await;
        let m = RequestMeta::cli("test");
        let first = list_chains(&app, &leader, &query("2022")).await.unwrap();
        let a = item(&first, CHAINS[0].code).clone();
        let da = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        let scope = policy::org::Scope::all();
        let chain = store::chain::record::find(app.db().conn(), &scope, a.id)
            .await
            .unwrap()
            .unwrap();
        let stamps = super::memo::Stamps::read(app.db().conn()).await.unwrap();
        let rules = title_rules().unwrap();
        let snap = super::snapshot::Snapshot::read(&app, &stamps, &scope, chain.clone(), 2022, rules)
            .await
            .unwrap();
        let before = loads(&app);

        // Writes of types no part is computed from: a user's language, a department.
        crate::org::set_locale(&app, &leader, &m, "en").await.unwrap();
        let admin = demo_actor(&app, "admin").await;
        crate::org::upsert_department(&app, &admin, &m, "test-dept", "测试科", CHIPING)
            .await
            .unwrap();
        let again = list_chains(&app, &leader, &query("2022")).await.unwrap();
        let da_again = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        assert_eq!(
            serde_json::to_value(&first).unwrap(),
            serde_json::to_value(&again).unwrap()
        );
        assert_eq!(
            serde_json::to_value(&da.map).unwrap(),
            serde_json::to_value(&da_again.map).unwrap()
        );
        assert_eq!(loads(&app), before, "nothing computed again");
        let stamps_now = super::memo::Stamps::read(app.db().conn()).await.unwrap();
        assert_eq!(stamps_now, stamps, "no source written");
        let same = super::snapshot::Snapshot::read(&app, &stamps_now, &scope, chain, 2022, rules)
            .await
            .unwrap();
        assert!(std::sync::Arc::ptr_eq(&snap, &same), "the same snapshot");

        // A target: the figures are computed again, the maps and outputs are not.
        set_chain_target(
            &app,
            &office,
            &m,
            a.id,
            TargetForm {
                year: 2022,
                target_wan_yuan: "123456".into(),
            },
        )
        .await
        .unwrap();
        let targeted = list_chains(&app, &leader, &query("2022")).await.unwrap();
        assert_eq!(
            item(&targeted, CHAINS[0].code)
                .figures
                .target_wan_yuan
                .as_deref(),
            Some("123456.00")
        );
        let d = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        assert_eq!(d.figures.target_wan_yuan.as_deref(), Some("123456.00"));
        let after = loads(&app);
        assert_eq!((after.0, after.1), (before.0, before.1), "{after:?}");
        assert!(after.2 > before.2, "figures computed again");

        // An enterprise renamed (the registry's own edit): the map shows the new name.
        let e = on_map(&da).find(|e| e.local).unwrap().clone();
        let row = store::enterprise::profile::find(app.db().conn(), &scope, &e.uscc)
            .await
            .unwrap()
            .unwrap();
        crate::enterprise::update_enterprise(
            &app,
            &county,
            &m,
            &e.uscc,
            &raw(&[
                ("uscc", &e.uscc),
                ("name", "茌平改名测试有限公司"),
                ("region_code", &row.region_code),
                ("industry_code", &row.industry_code),
            ]),
        )
        .await
        .unwrap();
        let d = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        let shown = on_map(&d).find(|x| x.uscc == e.uscc).unwrap();
        assert_eq!(shown.name, "茌平改名测试有限公司");

        // Renamed again through the enterprise import.
        import_csv(
            &app,
            &county,
            "enterprises",
            &format!(
                "统一社会信用代码,企业名称,区县代码,行业代码\n{},茌平导入改名有限公司,{},{}\n",
                e.uscc, row.region_code, row.industry_code
            ),
        )
        .await;
        let d = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        let shown = on_map(&d).find(|x| x.uscc == e.uscc).unwrap();
        assert_eq!(shown.name, "茌平导入改名有限公司");

        // A title through the honor import: the firm counts as titled at once.
        let untitled = on_map(&d)
            .find(|x| x.local && !x.titled)
            .expect("an untitled local firm")
            .clone();
        let titled_before = item(
            &list_chains(&app, &leader, &query("2022")).await.unwrap(),
            CHAINS[0].code,
        )
        .figures
        .titled_enterprise_count;
        import_csv(
            &app,
            &county,
            "honors",
            &format!(
                "统一社会信用代码,称号,级别,年度,有效期起,有效期止\n{},专精特新中小企业,省级,2022,2022-01-01,2025-12-31\n",
                untitled.uscc
            ),
        )
        .await;
        let l = list_chains(&app, &leader, &query("2022")).await.unwrap();
        assert_eq!(
            item(&l, CHAINS[0].code).figures.titled_enterprise_count,
            titled_before + 1
        );
        let d = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        assert!(on_map(&d).find(|x| x.uscc == untitled.uscc).unwrap().titled);

        // A link removed: the chain has one enterprise less at once.
        let link = on_map(&d).next().unwrap().uscc.clone();
        let node = d
            .map
            .segments
            .iter()
            .flat_map(|s| s.nodes.iter())
            .find(|n| n.enterprises.iter().any(|e| e.uscc == link))
            .unwrap()
            .id;
        let count = on_map(&d).filter(|e| e.uscc == link).count();
        let (structures, derived) = (loads(&app).0, outputs_derived(&app));
        detach_enterprise(&app, &office, &m, a.id, node, &link)
            .await
            .unwrap();
        let d = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        assert_eq!(on_map(&d).filter(|e| e.uscc == link).count(), count - 1);
        assert_eq!(loads(&app).0, structures + 1, "the map is read again");
        assert_eq!(
            outputs_derived(&app),
            derived,
            "no enterprise new on the map: the outputs are remembered"
        );

        // A titled firm of another chain attached: its name and titles are read with it.
        let on_a: HashSet<String> = on_map(&d).map(|e| e.uscc.clone()).collect();
        let b = item(&first, CHAINS[1].code).id;
        let db = get_chain(&app, &leader, b, Some("2022")).await.unwrap();
        let titled = on_map(&db)
            .find(|e| e.local && e.titled && !on_a.contains(&e.uscc))
            .expect("a titled local firm of chain B not on chain A")
            .clone();
        let titled_before = item(
            &list_chains(&app, &leader, &query("2022")).await.unwrap(),
            CHAINS[0].code,
        )
        .figures
        .titled_enterprise_count;
        attach_enterprise(
            &app,
            &office,
            &m,
            a.id,
            node,
            AttachForm {
                enterprise_uscc: titled.uscc.clone(),
                role: "supplier".into(),
                note: String::new(),
            },
        )
        .await
        .unwrap();
        let l = list_chains(&app, &leader, &query("2022")).await.unwrap();
        assert_eq!(
            item(&l, CHAINS[0].code).figures.titled_enterprise_count,
            titled_before + 1
        );
        let d = get_chain(&app, &leader, a.id, Some("2022")).await.unwrap();
        let shown = on_map(&d).find(|e| e.uscc == titled.uscc).unwrap();
        let sorted = |e: &NodeEnterpriseView| {
            let mut t: Vec<(String, String)> = e
                .titles
                .iter()
                .map(|t| (t.title.clone(), t.level.clone()))
                .collect();
            t.sort();
            (e.name.clone(), t, e.titled, e.output_wan_yuan.clone())
        };
        assert_eq!(sorted(shown), sorted(&titled));

        // Another county's reader is still refused.
        let other = demo_actor(&app, "county.yanggu").await;
        assert!(matches!(
            get_chain(&app, &other, a.id, Some("2022")).await,
            Err(AppError::NotFound)
        ));
    })
    .await;
}
