//! The statistics benchmark (`strongcity bench-stats`): a synthetic city of above-size
//! enterprises with monthly output figures, and the county × group × month dashboard query
//! measured through the in-memory aggregate (cold and warm) against one hand-written SQL
//! statement over the same rows, in the same run.
//!
//! The data is written in bulk by the system with one audit entry per table (`*`: a bulk
//! generation, which makes every aggregate rebuild), not one per enterprise-month.

use super::output::OutputQuery;
use crate::audit::{AuditRecord, record};
use crate::{Actor, App, AppError, RequestMeta};
use chrono::Utc;
use policy::enterprise::Uscc;
use sea_orm::ActiveValue::Set;
use serde::Serialize;
use std::time::{Duration, Instant};
use store::entity::{enterprise, stats_figure};

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Industry codes of the generated enterprises: the city's four clusters and others.
const INDUSTRIES: &[&str] = &[
    "C3130", "C3140", "C3252", "C3216", "C3311", "C1391", "C1351", "C1431", "C2614", "C2651",
    "C2669", "C3976", "C3831", "C3451", "C3670", "C1713", "C2221", "C3021", "C3042", "D4411",
];

/// Generates `count` above-size enterprises in the counties of the database with `months`
/// months of output figures ending December of `last_year`; returns (enterprises, figures).
pub async fn generate(
    app: &App,
    count: usize,
    months: usize,
    last_year: i32,
    seed: u64,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<(usize, usize), AppError> {
    let regions = store::org::region::all(app.db().conn()).await?;
    let counties: Vec<String> = regions
        .iter()
        .filter(|r| r.level == "county")
        .map(|r| r.code.clone())
        .collect();
    if counties.is_empty() {
        return Err(AppError::invalid("regions", "bench.no_regions"));
    }
    let mut rng = Rng(seed);
    let now = Utc::now();
    let first_year = last_year - (months.div_ceil(12) as i32) + 1;
    let (mut written, mut figures) = (0, 0);
    let batch = 1_000;
    while written < count {
        let n = batch.min(count - written);
        let mut ents = Vec::with_capacity(n);
        let mut rows = Vec::with_capacity(n * months);
        for i in 0..n {
            let serial = written + i + 1;
            let county = &counties[rng.below(counties.len())];
            let uscc = Uscc::with_check(&format!("91{county}BK{serial:07}"))
                .map_err(|e| AppError::Internal(e.to_string()))?;
            let industry = INDUSTRIES[rng.below(INDUSTRIES.len())];
            // Yearly output in 万元: log-normal around 3亿元, growing 0-15% a year.
            let normal = (-2.0 * rng.unit().max(1e-12).ln()).sqrt()
                * (std::f64::consts::TAU * rng.unit()).cos();
            let yearly = (10.3 + 1.0 * normal).exp().clamp(2_000.0, 5_000_000.0);
            let growth = 1.0 + rng.unit() * 0.15;
            ents.push(enterprise::ActiveModel {
                uscc: Set(uscc.to_string()),
                name: Set(format!("基准企业{serial:07}有限公司")),
                region_code: Set(county.clone()),
                status: Set("operating".into()),
                created_at: Set(now),
                former_names: Set("[]".into()),
                county_code: Set(county.clone()),
                address: Set(String::new()),
                industry_code: Set(industry.into()),
                size_class: Set(None),
                size_basis: Set("{}".into()),
                above_size: Set(true),
                above_size_since: Set(Some(first_year - 1 - rng.below(5) as i32)),
                founded_on: Set(None),
                legal_rep: Set(String::new()),
                contact_name: Set(String::new()),
                contact_phone: Set(String::new()),
                main_products: Set(String::new()),
                niche_market: Set(String::new()),
                niche_since_year: Set(None),
                strategic_emerging: Set(false),
                capabilities: Set("{}".into()),
                status_date: Set(None),
                status_reason: Set(String::new()),
                updated_at: Set(Some(now)),
            });
            for t in 0..months {
                let year = last_year - ((months - 1 - t) / 12) as i32;
                let month = 12 - ((months - 1 - t) % 12) as i16;
                let years_back = last_year - year;
                let monthly = yearly / 12.0 / growth.powi(years_back) * (0.85 + 0.3 * rng.unit());
                rows.push(stats_figure::ActiveModel {
                    uscc: Set(uscc.to_string()),
                    indicator: Set("output".into()),
                    year: Set(year),
                    month: Set(month),
                    value: Set((monthly * 1_000_000.0).round() as i64),
                    updated_at: Set(now),
                });
            }
        }
        figures += rows.len();
        let tx = app.db().begin_write().await?;
        store::enterprise::profile::insert_many(&tx, ents).await?;
        store::stats::upsert_figures(&tx, rows).await?;
        tx.commit().await?;
        written += n;
        progress(written);
    }
    let tx = app.db().begin_write().await?;
    for entity in ["enterprise", "stats_figure"] {
        record(
            &tx,
            &Actor::system("bench-stats"),
            &RequestMeta::cli("bench-stats"),
            AuditRecord {
                action: "bench_stats.generate",
                entity_type: entity,
                entity_id: "*".into(),
                region_code: None,
                before: serde_json::Value::Null,
                after: serde_json::json!({"enterprises": written, "months": months, "seed": seed}),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok((written, figures))
}

/// What one benchmark run measured.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// Above-size enterprises of the year in the region.
    pub enterprises: u32,
    /// County × group cells of the table.
    pub cells: usize,
    /// The first query: the aggregate read from the database, then the table.
    pub cold: Duration,
    /// Warm queries (the aggregate current), sorted.
    pub warm: Vec<Duration>,
    /// The hand-written SQL statement, each run, sorted.
    pub sql: Vec<Duration>,
    /// Whether both gave the same sums.
    pub equal: bool,
}

fn median(v: &[Duration]) -> Duration {
    v.get(v.len() / 2).copied().unwrap_or_default()
}

impl BenchReport {
    /// Median warm time.
    pub fn warm_median(&self) -> Duration {
        median(&self.warm)
    }
    /// Median SQL time.
    pub fn sql_median(&self) -> Duration {
        median(&self.sql)
    }
}

/// Measures the county × group × month table of `region` (the city) for `year` with growth
/// (group set `city_clusters`): cold, `runs` warm, and `sql_runs` of the hand-written SQL.
pub async fn measure(
    app: &App,
    region: &str,
    year: i32,
    runs: usize,
    sql_runs: usize,
) -> Result<BenchReport, AppError> {
    let actor = Actor::system("bench-stats");
    let q = OutputQuery {
        region: Some(region.into()),
        year: Some(year),
        group_set: Some("city_clusters".into()),
        ..Default::default()
    };
    let started = Instant::now();
    let grid = super::county_group_months(app, &actor, &q).await?;
    let cold = started.elapsed();
    let mut warm = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let g = super::county_group_months(app, &actor, &q).await?;
        warm.push(t.elapsed());
        std::hint::black_box(g);
    }
    warm.sort();
    let set = store::stats::find_group_set(app.db().conn(), "city_clusters")
        .await?
        .and_then(|s| super::setup::set_def(&s))
        .ok_or_else(|| AppError::Internal("group set city_clusters missing".into()))?;
    let groups: Vec<(String, Vec<String>)> = set
        .group
        .iter()
        .map(|g| (g.code.clone(), g.prefixes.clone()))
        .collect();
    let prefix = policy::org::RegionCode::parse(region)
        .map(|r| r.subtree_prefix().to_string())
        .map_err(|_| AppError::invalid("region", "region_code.format"))?;
    let mut sql = Vec::with_capacity(sql_runs);
    let mut rows = Vec::new();
    for _ in 0..sql_runs {
        let t = Instant::now();
        rows =
            store::stats::bench::dashboard_sql(app.db().conn(), &prefix, year, "output", &groups)
                .await?;
        sql.push(t.elapsed());
    }
    sql.sort();
    let sql_total: i128 = rows.iter().map(|r| r.3 as i128).sum();
    let grid_total: i128 = grid
        .cells
        .iter()
        .map(|c| policy::stats::parse_quantity(&c.total, 6).unwrap_or(0) as i128)
        .sum();
    let population = super::output(
        app,
        &actor,
        &OutputQuery {
            region: Some(region.into()),
            year: Some(year),
            ..Default::default()
        },
    )
    .await?
    .enterprises;
    Ok(BenchReport {
        enterprises: population,
        cells: grid.cells.len(),
        cold,
        warm,
        sql,
        equal: sql_runs == 0 || sql_total == grid_total,
    })
}
