//! The deadline status of many open tickets, computed the way the list, the reports and the
//! deadline job compute it: each ticket's event log folded into its clock
//! (`policy::service::TicketClock::fold`, working days from the shipped calendar) and read
//! against today (`status_on`).
//!
//! Two measurements:
//! 1. in memory: N ticket logs already loaded (the pure computation);
//! 2. with `--db PATH`: the same tickets written to a fresh SQLite database, then loaded with
//!    their events by `store::service::ticket::with_events` (open tickets, scope all) and folded.
//!
//! Usage: `cargo run --release -p app --example ticket_deadlines -- [N] [--db /tmp/t.sqlite]`
//! (N defaults to 100,000; see BENCHMARKS.md).

use chrono::{Days, NaiveDate, TimeZone, Utc};
use policy::calendar::WorkdayCalendar;
use policy::service::{TicketAction, TicketClock, TicketEvent};
use sea_orm::{EntityTrait, Set};
use std::collections::BTreeMap;
use std::time::Instant;

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
    let mut db_path: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--db" {
            db_path = args.next();
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
    let Some(path) = db_path else {
        return Ok(());
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let _ = std::fs::remove_file(&path);
        let db = store::Db::open_or_create(&store::DbTarget::parse_url(&format!("sqlite://{path}"))?).await?;
        db.migrate().await?;
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
        println!("written in {:?}", t.elapsed());
        for _ in 0..3 {
            let t = Instant::now();
            let loaded = store::service::ticket::with_events(
                conn,
                &policy::org::Scope::all(),
                &store::service::ticket::TicketQuery {
                    open: Some(true),
                    ..Default::default()
                },
            )
            .await?;
            let load = t.elapsed();
            let mut overdue = 0usize;
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
                    overdue += 1;
                }
            }
            println!(
                "SQLite: loaded {} open tickets with their events in {load:?}, loaded and folded in {:?} ({overdue} overdue)",
                loaded.len(),
                t.elapsed()
            );
        }
        Ok::<(), Box<dyn std::error::Error>>(())
    })
}
