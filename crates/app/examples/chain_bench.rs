//! Gap analysis and chain figures for one chain of 5,000 enterprises on 200 nodes, the way the
//! chain list and the chain page compute them.
//!
//! A fresh database gets 茌平区, N above-size enterprises with 24 months of output figures
//! (`app::stats::bench::generate`, the statistics benchmark's generator; the figures are what
//! chain output is summed from), a tenth of them titled, and one chain whose map has 200
//! nodes (three segments, links and products below them); every enterprise is attached to a
//! node in a role, and a few nodes stay empty. Then, each several times:
//!
//! 1. `app::chain::list_chains` for the region and year: the chain (map, registry facts,
//!    titles) with its figures from the statistics aggregate (the source in force) and its
//!    gap analysis — what the "under 50 ms" is about — read again with nothing
//!    written since (remembered, `app::chain::memo`), and as the first read after a write:
//!    of a type the chain pages do not read (a department), of the chain's target (the
//!    figures are computed again), of a map link (the chain's structure is read again);
//! 2. `app::chain::get_chain`: the whole chain page (map view, monthly trend, gaps with
//!    targets, lists, patrols), likewise each way;
//! 3. `app::stats::output` with `group_by=chain`: the same figures through the statistics API;
//! 4. in memory: `policy::chain::find_gaps` over the loaded rows;
//! 5. the SVG drawing of the map.
//!
//! Usage: `cargo run --release -p app --example chain_bench -- [ENTERPRISES] [NODES]`
//! (defaults 5000 and 200) on SQLite in a temporary directory; with
//! `STRONGCITY_TEST_DATABASE_URL=postgres://…` set, on a fresh PostgreSQL database (dropped
//! afterwards). See BENCHMARKS.md.

use app::chain::{ChainForm, ChainListQuery};
use app::{Actor, App, RequestMeta, Settings};
use policy::chain::{EnterpriseRole, LinkInput, NodeInput, Segment, find_gaps};
use sea_orm::ActiveValue::Set;
use std::time::{Duration, Instant};
use store::entity::{chain_node, chain_node_enterprise, honor};

const RUNS: usize = 9;

fn median(mut v: Vec<Duration>) -> (Duration, Duration, Duration) {
    v.sort();
    (v[0], v[v.len() / 2], v[v.len() - 1])
}

/// An audited write between reads: the chain's 2022 target, a different figure each time.
async fn write(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    chain_id: i64,
    i: usize,
) -> Result<(), String> {
    let form = app::chain::TargetForm {
        year: 2022,
        target_wan_yuan: format!("{}", 200_000_000 + i),
    };
    app::chain::set_chain_target(app, actor, meta, chain_id, form)
        .await
        .map_err(|e| format!("{e}"))
}

/// An audited write of a type no chain page reads: a department renamed.
async fn unrelated_write(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    i: usize,
) -> Result<(), String> {
    app::org::upsert_department(
        app,
        actor,
        meta,
        "bench-dept",
        &format!("基准科{i}"),
        "371503",
    )
    .await
    .map_err(|e| format!("{e}"))
}

/// A map link written: `uscc` attached to `node` (even `i`) or detached again (odd `i`).
async fn link_write(
    app: &App,
    actor: &Actor,
    meta: &RequestMeta,
    chain_id: i64,
    node: i64,
    uscc: &str,
    i: usize,
) -> Result<(), String> {
    if i.is_multiple_of(2) {
        let form = app::chain::AttachForm {
            enterprise_uscc: uscc.into(),
            role: "supplier".into(),
            note: String::new(),
        };
        app::chain::attach_enterprise(app, actor, meta, chain_id, node, form)
            .await
            .map(|_| ())
    } else {
        app::chain::detach_enterprise(app, actor, meta, chain_id, node, uscc).await
    }
    .map_err(|e| format!("{e}"))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let enterprises: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(5000);
    let node_count: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(200);
    let test_db = match store::testing::postgres_url() {
        Some(url) => store::testing::TestDb::postgres(&url).await,
        None => store::testing::TestDb::sqlite().await,
    };
    let engine = match test_db.target {
        store::DbTarget::Postgres(_) => "PostgreSQL",
        store::DbTarget::SqliteFile(_) => "SQLite",
    };
    let app = App::new(test_db.db.clone(), Settings::default());
    let actor = Actor::system("bench");
    let meta = RequestMeta::cli("bench");
    app::org::import_regions_csv(
        &app,
        &actor,
        &meta,
        "code,name,parent_code,level\n371500,聊城市,,city\n371503,茌平区,371500,county\n"
            .as_bytes(),
    )
    .await
    .map_err(|e| format!("{e}"))?;
    let setup = Instant::now();
    app::stats::load_shipped(&app)
        .await
        .map_err(|e| format!("{e}"))?;
    app::stats::bench::generate(&app, enterprises, 24, 2022, 7, &|_| {})
        .await
        .map_err(|e| format!("{e}"))?;
    let conn = app.db().conn();
    let codes: Vec<String> = {
        use sea_orm::{EntityTrait, QuerySelect};
        store::entity::enterprise::Entity::find()
            .select_only()
            .column(store::entity::enterprise::Column::Uscc)
            .into_tuple()
            .all(conn)
            .await?
    };
    // A tenth titled (provincial 专精特新), valid through the year.
    for (i, u) in codes.iter().enumerate().filter(|(i, _)| i % 10 == 0) {
        store::enterprise::honor::insert(
            conn,
            honor::ActiveModel {
                uscc: Set(u.clone()),
                title: Set(if i % 20 == 0 {
                    "specialized"
                } else {
                    "high_tech"
                }
                .into()),
                level: Set("provincial".into()),
                batch: Set("2022年".into()),
                year: Set(2022),
                certificate_no: Set(String::new()),
                valid_from: Set(chrono::NaiveDate::from_ymd_opt(2022, 1, 1)),
                valid_to: Set(chrono::NaiveDate::from_ymd_opt(2030, 12, 31)),
                status: Set("valid".into()),
                status_reason: Set(String::new()),
                source_document: Set("bench".into()),
                created_at: Set(chrono::Utc::now()),
                ..Default::default()
            },
        )
        .await?;
    }
    let c = app::chain::create_chain(
        &app,
        &actor,
        &meta,
        ChainForm {
            code: "BENCH-1".into(),
            name: "基准产业链".into(),
            region_code: "371503".into(),
            ..Default::default()
        },
    )
    .await
    .map_err(|e| format!("{e}"))?;
    // 200 nodes: per segment, top links with children and products below them.
    let now = chrono::Utc::now();
    let mut rows = Vec::new();
    for i in 0..node_count {
        rows.push(chain_node::ActiveModel {
            chain_id: Set(c.id),
            parent_id: Set(None),
            segment: Set(Segment::ALL[i % 3].as_str().into()),
            kind: Set(if i % 4 == 3 { "product" } else { "node" }.into()),
            name: Set(format!("环节{i:03}")),
            position: Set(i as i32),
            note: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        });
    }
    store::chain::map::insert_nodes(conn, rows).await?;
    let nodes = store::chain::map::nodes_of(conn, &policy::org::Scope::all(), c.id).await?;
    // Nodes 0..30 are tops; each later node hangs under an earlier one of its segment.
    for (i, n) in nodes.iter().enumerate().skip(30) {
        let parent = &nodes[(i % 30) - (i % 30) % 3 + i % 3];
        let mut am: chain_node::ActiveModel = n.clone().into();
        am.parent_id = Set(Some(parent.id));
        am.segment = Set(parent.segment.clone());
        store::chain::map::update_node(conn, am).await?;
    }
    let leaves: Vec<i64> = nodes.iter().skip(30).map(|n| n.id).collect();
    let links: Vec<chain_node_enterprise::ActiveModel> = codes
        .iter()
        .enumerate()
        .map(|(i, u)| chain_node_enterprise::ActiveModel {
            chain_id: Set(c.id),
            // Every seventh leaf stays empty: gaps to find.
            node_id: Set(leaves[(i * 6 / 7 + i % 7) % leaves.len()]),
            enterprise_uscc: Set(u.clone()),
            role: Set(EnterpriseRole::ALL[[0, 1, 1, 2, 2, 2, 2][i % 7]]
                .as_str()
                .into()),
            note: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    store::chain::map::insert_links(conn, links).await?;
    println!(
        "{engine} setup: {enterprises} enterprises, {} nodes, {} links in {:.1} s",
        nodes.len(),
        enterprises,
        setup.elapsed().as_secs_f64()
    );

    let q = ChainListQuery {
        region: Some("371503".into()),
        year: Some("2022".into()),
    };
    let list = app::chain::list_chains(&app, &actor, &q)
        .await
        .map_err(|e| format!("{e}"))?;
    let item = &list.items[0];
    println!(
        "chain: {} enterprises, {} titled, output {} 万元, yoy {:?}%, {} gaps",
        item.figures.enterprise_count,
        item.figures.titled_enterprise_count,
        item.figures.output_wan_yuan.as_deref().unwrap_or("-"),
        item.figures.yoy_pct,
        item.gap_count
    );
    let mut t_list = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let l = app::chain::list_chains(&app, &actor, &q)
            .await
            .map_err(|e| format!("{e}"))?;
        t_list.push(t.elapsed());
        assert_eq!(l.items[0].gap_count, item.gap_count);
    }
    // The first read after a write: each run first writes (audited) a department, the chain's
    // target, or a map link (an enterprise attached to a second node, then detached again).
    let mut t_list_unrelated = Vec::new();
    let mut t_detail_unrelated = Vec::new();
    for i in 0..RUNS {
        unrelated_write(&app, &actor, &meta, 2 * i).await?;
        let t = Instant::now();
        let l = app::chain::list_chains(&app, &actor, &q)
            .await
            .map_err(|e| format!("{e}"))?;
        t_list_unrelated.push(t.elapsed());
        assert_eq!(l.items[0].gap_count, item.gap_count);
        unrelated_write(&app, &actor, &meta, 2 * i + 1).await?;
        let t = Instant::now();
        app::chain::get_chain(&app, &actor, c.id, Some("2022"))
            .await
            .map_err(|e| format!("{e}"))?;
        t_detail_unrelated.push(t.elapsed());
    }
    let mut t_list_link = Vec::new();
    let mut t_detail_link = Vec::new();
    // The first enterprise sits on a leaf; it is attached to a top node as well.
    let (top, linked) = (nodes[0].id, codes[0].clone());
    for i in 0..RUNS {
        link_write(&app, &actor, &meta, c.id, top, &linked, 2 * i).await?;
        let t = Instant::now();
        app::chain::list_chains(&app, &actor, &q)
            .await
            .map_err(|e| format!("{e}"))?;
        t_list_link.push(t.elapsed());
        link_write(&app, &actor, &meta, c.id, top, &linked, 2 * i + 1).await?;
        let t = Instant::now();
        app::chain::get_chain(&app, &actor, c.id, Some("2022"))
            .await
            .map_err(|e| format!("{e}"))?;
        t_detail_link.push(t.elapsed());
    }
    let mut t_list_cold = Vec::new();
    let mut t_detail_cold = Vec::new();
    for i in 0..RUNS {
        write(&app, &actor, &meta, c.id, i).await?;
        let t = Instant::now();
        let l = app::chain::list_chains(&app, &actor, &q)
            .await
            .map_err(|e| format!("{e}"))?;
        t_list_cold.push(t.elapsed());
        assert_eq!(l.items[0].gap_count, item.gap_count);
        write(&app, &actor, &meta, c.id, i + RUNS).await?;
        let t = Instant::now();
        app::chain::get_chain(&app, &actor, c.id, Some("2022"))
            .await
            .map_err(|e| format!("{e}"))?;
        t_detail_cold.push(t.elapsed());
    }
    let mut t_detail = Vec::new();
    let mut detail = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        let d = app::chain::get_chain(&app, &actor, c.id, Some("2022"))
            .await
            .map_err(|e| format!("{e}"))?;
        t_detail.push(t.elapsed());
        detail = Some(d);
    }
    let d = detail.ok_or("no detail")?;
    let by_chain = app::stats::OutputQuery {
        region: Some("371503".into()),
        year: Some(2022),
        group_by: Some("chain".into()),
        ..Default::default()
    };
    let mut t_stats = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let s = app::stats::output(&app, &actor, &by_chain)
            .await
            .map_err(|e| format!("{e}"))?;
        t_stats.push(t.elapsed());
        assert_eq!(s.total_wan_yuan, item.figures.output_wan_yuan, "one source");
    }
    // Baseline: one hand-written SQL statement summing the chain's monthly figures for the
    // year and the year before (no population rule, no growth basis, no targets).
    let sql = format!(
        "SELECT f.year, SUM(f.value) FROM stats_figure f WHERE f.indicator = 'output' \
         AND f.year IN (2021, 2022) AND f.uscc IN (SELECT enterprise_uscc FROM \
         chain_node_enterprise WHERE chain_id = {}) GROUP BY f.year",
        c.id
    );
    let mut t_sql = Vec::new();
    for _ in 0..RUNS {
        use sea_orm::ConnectionTrait;
        let t = Instant::now();
        let rows = conn
            .query_all_raw(sea_orm::Statement::from_string(
                conn.get_database_backend(),
                sql.clone(),
            ))
            .await?;
        t_sql.push(t.elapsed());
        std::hint::black_box(rows);
    }
    // The pure part over loaded rows.
    let node_inputs: Vec<NodeInput> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| NodeInput {
            id: n.id,
            parent: (i >= 30).then(|| nodes[(i % 30) - (i % 30) % 3 + i % 3].id),
            segment: Segment::ALL[i % 3],
        })
        .collect();
    let link_inputs: Vec<LinkInput> = (0..enterprises)
        .map(|i| LinkInput {
            node: leaves[(i * 6 / 7 + i % 7) % leaves.len()],
            role: EnterpriseRole::ALL[[0, 1, 1, 2, 2, 2, 2][i % 7]],
            local: true,
            titled: i % 10 == 0,
        })
        .collect();
    let mut t_pure = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let g = find_gaps(&node_inputs, &link_inputs);
        t_pure.push(t.elapsed());
        std::hint::black_box(g);
    }
    let labels = app::chain::svg::SvgLabels::zh("基准");
    let mut t_svg = Vec::new();
    let mut size = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        let svg = app::chain::svg::draw(&d.map, &labels);
        t_svg.push(t.elapsed());
        size = svg.len();
    }
    for (what, v) in [
        ("list_chains (one chain: read + figures + gaps)", t_list),
        (
            "list_chains, first read after an unrelated write",
            t_list_unrelated,
        ),
        ("list_chains, first read after a target write", t_list_cold),
        ("list_chains, first read after a link write", t_list_link),
        ("get_chain (the whole chain page)", t_detail),
        (
            "get_chain, first read after an unrelated write",
            t_detail_unrelated,
        ),
        ("get_chain, first read after a target write", t_detail_cold),
        ("get_chain, first read after a link write", t_detail_link),
        ("stats output group_by=chain (same figures)", t_stats),
        (
            "baseline: one SQL sum over the chain's monthly figures",
            t_sql,
        ),
        ("in memory: find_gaps over loaded rows", t_pure),
        ("SVG drawing of the map", t_svg),
    ] {
        let (min, med, max) = median(v);
        println!(
            "{what}: min {} · median {} · max {}",
            ms(min),
            ms(med),
            ms(max)
        );
    }
    println!("SVG: {size} bytes");
    test_db.cleanup().await;
    Ok(())
}
