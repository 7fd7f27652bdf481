//! The deadline status of many open tickets, computed the way the list, the reports and the
//! deadline job compute it: each ticket's event log folded into its clock
//! (`policy::service::TicketClock::fold`, working days from the shipped calendar) and read
//! against today (`status_on`).
//!
//! Measurements:
//! 1. in memory: N ticket logs already loaded (the pure computation);
//! 2. with `--db`: the same tickets written to a fresh database (SQLite in a temp directory,
//!    or PostgreSQL with `STRONGCITY_TEST_DATABASE_URL`), their clock columns derived once
//!    (setup), then: the baseline — every open ticket loaded with its events and folded — and
//!    the deadline counts from the clock columns (store, and the `deadline_counts` use case),
//!    asserted equal to the fold, and the first page of the overdue list.
//!
//! Usage: `cargo run --release -p app --example ticket_deadlines -- [N] [--db]`
//! (N defaults to 100,000; see BENCHMARKS.md).

use app::{Actor, App, RequestMeta, Settings};
use chrono::{Days, NaiveDate, TimeZone, Utc};
use policy::calendar::WorkdayCalendar;
use policy::org::Scope;
use policy::service::{DeadlineBounds, TicketAction, TicketClock, TicketEvent};
use sea_orm::{EntityTrait, Set};
use std::collections::BTreeMap;
use std::time::Instant;
use store::service::ticket::TicketQuery;

/// A deterministic generator (no randomness crate needed for a benchmark).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// One open ticket's log: raised within the 60 days before `today`, assigned; half responded;
/// a fifth waited on the enterprise (half of those answered); a tenth reminded.
fn log(rng: &mut Lcg, today: NaiveDate) -> Vec<TicketEvent> {
    let start = today - Days::new(rng.next(60));
    let mut out = vec![
        TicketEvent::new(start, TicketAction::Raise),
        TicketEvent::new(start, TicketAction::Assign),
    ];
    let mut d = start;
    let mut step = |rng: &mut Lcg| {
        d = (d + Days::new(rng.next(3))).min(today);
        d
    };
    if rng.next(2) == 0 {
        out.push(TicketEvent::new(step(rng), TicketAction::Respond));
    }
    if rng.next(5) == 0 {
        out.push(TicketEvent::new(step(rng), TicketAction::Wait));
        if rng.next(2) == 0 {
            out.push(TicketEvent::new(step(rng), TicketAction::Resume));
        }
    }
    if rng.next(10) == 0 {
        out.push(TicketEvent::new(step(rng), TicketAction::Remind));
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut n: usize = 100_000;
    let mut with_db = false;
    for a in std::env::args().skip(1) {
        if a == "--db" {
            with_db = true;
        } else {
            n = a.parse()?;
        }
    }
    let entries = app::calendar::parse_calendar_csv(app::calendar::SHIPPED_CALENDAR)
        .map_err(|e| format!("{e}"))?;
    let cal = WorkdayCalendar::new(entries.iter().map(|e| (e.date, e.kind)));
    let rules = app::service::service_rules().map_err(|e| format!("{e}"))?;
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).ok_or("date")?;
    let mut rng = Lcg(2026);
    let codes: Vec<&str> = rules.category.iter().map(|c| c.code.as_str()).collect();
    let tickets: Vec<(usize, Vec<TicketEvent>)> = (0..n)
        .map(|_| (rng.next(codes.len() as u64) as usize, log(&mut rng, today)))
        .collect();
    let fold_all =
        |tickets: &[(usize, Vec<TicketEvent>)]| -> Result<BTreeMap<&'static str, usize>, String> {
            let mut states: BTreeMap<&'static str, usize> = BTreeMap::new();
            for (cat, events) in tickets {
                let rule = &rules.category[*cat];
                let clock =
                    TicketClock::fold(events, rule, &cal).map_err(|e| e.key().to_string())?;
                *states
                    .entry(clock.status_on(today, &cal, &rules).as_str())
                    .or_default() += 1;
            }
            Ok(states)
        };
    let mut times = Vec::new();
    let mut states = BTreeMap::new();
    for _ in 0..7 {
        let t = Instant::now();
        states = fold_all(&tickets)?;
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "in memory: {n} open tickets, deadline status min {:?}, median {:?}, max {:?}; {states:?}",
        times[0],
        times[times.len() / 2],
        times[times.len() - 1]
    );
    if !with_db {
        return Ok(());
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let test_db = match store::testing::postgres_url() {
            Some(url) => store::testing::TestDb::postgres(&url).await,
            None => store::testing::TestDb::sqlite().await,
        };
        let engine = match test_db.target {
            store::DbTarget::Postgres(_) => "PostgreSQL",
            store::DbTarget::SqliteFile(_) => "SQLite",
        };
        let db = test_db.db.clone();
        let conn = db.conn();
        let noon = |d: NaiveDate| {
            Utc.from_utc_datetime(&d.and_hms_opt(4, 0, 0).unwrap_or_default())
        };
        let t = Instant::now();
        for (chunk_no, chunk) in tickets.chunks(2000).enumerate() {
            let tx = db.begin_write().await?;
            store::entity::ticket::Entity::insert_many(chunk.iter().map(|(cat, ev)| {
                store::entity::ticket::ActiveModel {
                    title: Set("bench".into()),
                    category: Set(codes[*cat].to_string()),
                    description: Set(String::new()),
                    enterprise_uscc: Set("91371521MD3T0A001J".into()),
                    region_code: Set("371521".into()),
                    source: Set("staff".into()),
                    visit_id: Set(None),
                    raised_by: Set(None),
                    department_id: Set(None),
                    status: Set("assigned".into()),
                    reply: Set(String::new()),
                    rule_version: Set(rules.version.clone()),
                    received_at: Set(noon(ev[0].on)),
                    updated_at: Set(noon(ev[0].on)),
                    ..Default::default()
                }
            }))
            .exec_without_returning(&tx)
            .await?;
            let first_id = (chunk_no * 2000) as i64 + 1;
            let rows: Vec<store::entity::ticket_event::ActiveModel> = chunk
                .iter()
                .enumerate()
                .flat_map(|(i, (_, ev))| {
                    ev.iter().map(move |e| store::entity::ticket_event::ActiveModel {
                        ticket_id: Set(first_id + i as i64),
                        action: Set(e.action.as_str().into()),
                        actor_id: Set(None),
                        actor_name: Set(String::new()),
                        department_id: Set(None),
                        rating: Set(None),
                        level: Set(None),
                        comment: Set(String::new()),
                        at: Set(noon(e.on)),
                        ..Default::default()
                    })
                })
                .collect();
            for part in rows.chunks(1000) {
                store::entity::ticket_event::Entity::insert_many(part.to_vec())
                    .exec_without_returning(&tx)
                    .await?;
            }
            tx.commit().await?;
        }
        println!("{engine}: written in {:?}", t.elapsed());
        // The shipped calendar, as a deployment has it (the clocks read it from the database).
        let app = App::new(db.clone(), Settings::default());
        let actor = Actor::system("bench");
        app::calendar::import_calendar_csv(
            &app,
            &actor,
            &RequestMeta::cli("bench"),
            app::calendar::SHIPPED_CALENDAR,
        )
        .await?;
        // Setup: every row's clock columns derived from its log once (what the first reader
        // after this release's migration does).
        let t = Instant::now();
        let derived = app::service::catch_up_clocks(&app).await?;
        println!("{engine}: clock columns of {derived} tickets derived in {:?}", t.elapsed());
        // Planner statistics and PostgreSQL's visibility map, as autovacuum leaves a table
        // after a bulk load (without them PostgreSQL counts by visiting every row).
        use sea_orm::ConnectionTrait;
        conn.execute_unprepared(match test_db.target {
            store::DbTarget::Postgres(_) => "VACUUM ANALYZE ticket",
            store::DbTarget::SqliteFile(_) => "ANALYZE",
        })
        .await?;
        // The old way, for comparison: load every open ticket with its events and fold.
        let t = Instant::now();
        let loaded = store::service::ticket::with_events(
            conn,
            &Scope::all(),
            &TicketQuery {
                open: Some(true),
                ..Default::default()
            },
        )
        .await?;
        let mut overdue_by_fold = 0usize;
        for (tk, events) in &loaded {
            let rule = rules.category(&tk.category).ok_or("category")?;
            let evs: Vec<TicketEvent> = events
                .iter()
                .filter_map(|e| {
                    Some(TicketEvent::new(
                        store::service::china_date(e.at),
                        TicketAction::parse(&e.action)?,
                    ))
                })
                .collect();
            let clock = TicketClock::fold(&evs, rule, &cal).map_err(|e| e.key().to_string())?;
            if clock.status_on(today, &cal, &rules).as_str() == "overdue" {
                overdue_by_fold += 1;
            }
        }
        println!(
            "{engine}: baseline, {} open tickets loaded with their events and folded in {:?} ({overdue_by_fold} overdue)",
            loaded.len(),
            t.elapsed()
        );
        // The counts on `today` from the clock columns (store) and through the use case
        // (today's date, permission, the basis probe and the calendar load included).
        let bounds = DeadlineBounds::on(today, &cal, &rules);
        let mut store_times = Vec::new();
        let mut app_times = Vec::new();
        let mut counts = Default::default();
        for _ in 0..7 {
            let t = Instant::now();
            counts = store::service::ticket_clock::deadline_counts(
                conn,
                &Scope::all(),
                &TicketQuery::default(),
                bounds,
            )
            .await?;
            store_times.push(t.elapsed());
            let t = Instant::now();
            app::service::deadline_counts(&app, &actor, None).await?;
            app_times.push(t.elapsed());
        }
        if counts.overdue as usize != overdue_by_fold
            || (counts.overdue + counts.due_soon + counts.on_track + counts.paused) as usize != n
        {
            return Err(format!("counts {counts:?} disagree with the fold ({overdue_by_fold} overdue of {n})").into());
        }
        store_times.sort();
        app_times.sort();
        println!(
            "{engine}: deadline counts from the clock columns min {:?}, median {:?}, max {:?}; {counts:?}",
            store_times[0],
            store_times[3],
            store_times[6]
        );
        println!(
            "{engine}: deadline_counts use case (today) min {:?}, median {:?}, max {:?}",
            app_times[0], app_times[3], app_times[6]
        );
        let mut list_times = Vec::new();
        for _ in 0..7 {
            let t = Instant::now();
            app::service::list_tickets(
                &app,
                &actor,
                &app::service::TicketListQuery {
                    deadline: Some("overdue".into()),
                    ..Default::default()
                },
            )
            .await?;
            list_times.push(t.elapsed());
        }
        list_times.sort();
        println!(
            "{engine}: first page of overdue tickets min {:?}, median {:?}, max {:?}",
            list_times[0], list_times[3], list_times[6]
        );
        Ok::<(), Box<dyn std::error::Error>>(())
    })
}
