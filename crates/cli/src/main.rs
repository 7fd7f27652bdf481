//! `strongcity`: the one binary. Web server, demo data, migrations, user administration,
//! backups, reference-data imports and background jobs.

mod commands;
mod config;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// strongcity: the manufacturing-strong-city platform (制造强市综合服务平台).
#[derive(Parser, Debug)]
#[command(
    name = "strongcity",
    version,
    about = "strongcity: the manufacturing-strong-city platform (制造强市综合服务平台). \
             One binary: web interface and JSON API, demo data, migrations, user administration, \
             SQLite backup and restore, reference-data imports and background jobs.",
    after_help = "Every command that opens the database takes --db PATH (an SQLite file) or \
                  --database-url postgres://… (or the DATABASE_URL variable).\n\n\
                  Quick start:\n  \
                  strongcity demo --db demo.sqlite\n  \
                  strongcity serve --db demo.sqlite --listen 127.0.0.1:8080"
)]
struct Cli {
    /// Settings file (TOML); see config.example.toml. STRONGCITY_<SECTION>__<KEY> variables override it.
    #[arg(long, global = true, env = "STRONGCITY_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// Which database to open.
#[derive(Args, Debug, Clone)]
pub struct DbArgs {
    /// SQLite database file (the default engine).
    #[arg(long, conflicts_with = "database_url")]
    db: Option<PathBuf>,
    /// postgres://user@host/db for a shared deployment (or sqlite://PATH). When neither this
    /// nor --db is given, the DATABASE_URL variable is used; --db wins over the variable.
    #[arg(long)]
    database_url: Option<String>,
}

/// The reports `strongcity report` writes.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum ReportKind {
    /// 区县工业经济年度报告.
    CountyAnnual,
    /// 全市工业经济月报.
    CityMonthly,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the web interface and the API (migrations run first).
    Serve {
        #[command(flatten)]
        db: DbArgs,
        /// Address to listen on, e.g. 127.0.0.1:8080 (overrides server.listen).
        #[arg(long)]
        listen: Option<String>,
    },
    /// Create the demo database of Liaocheng city (聊城市) and print its accounts.
    Demo {
        #[command(flatten)]
        db: DbArgs,
        /// Replace an existing database (SQLite: the file; PostgreSQL: every table).
        #[arg(long)]
        force: bool,
    },
    /// Apply pending migrations.
    Migrate {
        #[command(flatten)]
        db: DbArgs,
        /// Create the SQLite file if it does not exist.
        #[arg(long)]
        create: bool,
        /// Also load (or refresh) the built-in roles.
        #[arg(long)]
        seed_roles: bool,
    },
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Take a consistent copy of a running SQLite database.
    Backup {
        /// The live SQLite database.
        #[arg(long)]
        db: PathBuf,
        /// The copy to write (must not exist).
        #[arg(long)]
        to: PathBuf,
    },
    /// Restore an SQLite database from a backup (the server must be stopped).
    Restore {
        /// The backup file.
        #[arg(long)]
        from: PathBuf,
        /// The database file to restore into.
        #[arg(long)]
        db: PathBuf,
        /// Replace an existing database file.
        #[arg(long)]
        force: bool,
    },
    /// Reference data: regions and departments.
    Regions {
        #[command(subcommand)]
        action: RegionsCommand,
    },
    /// The working-day calendar.
    Calendar {
        #[command(subcommand)]
        action: CalendarCommand,
    },
    /// Background jobs.
    Jobs {
        #[command(subcommand)]
        action: JobsCommand,
    },
    /// Import enterprises, yearly financials or honors from xlsx, xls or CSV (UTF-8 or GBK).
    /// Nothing is written unless every row is valid, unless --valid-only.
    Import {
        #[command(flatten)]
        db: DbArgs,
        /// What the file holds: enterprises, financials or honors.
        kind: String,
        /// The file.
        file: PathBuf,
        /// Check and report only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Write the valid rows and report the others.
        #[arg(long)]
        valid_only: bool,
        /// Update enterprises that already exist (otherwise an existing code is an error).
        #[arg(long)]
        update_existing: bool,
        /// Write the sheet with an added error column here when there are errors.
        #[arg(long)]
        error_sheet: Option<PathBuf>,
    },
    /// Export enterprises, financials or honors (of the enterprises the filters select).
    Export {
        #[command(flatten)]
        db: DbArgs,
        /// enterprises, financials or honors.
        kind: String,
        /// The file to write; .csv writes CSV with a BOM, anything else xlsx.
        #[arg(long)]
        to: PathBuf,
        /// Only this region and below (GB/T 2260 code).
        #[arg(long)]
        region: Option<String>,
        /// Only enterprises whose text matches (names, products, niche).
        #[arg(long)]
        q: Option<String>,
    },
    /// Generate a synthetic province for benchmarks: N enterprises with three years of figures.
    BenchData {
        #[command(flatten)]
        db: DbArgs,
        /// How many enterprises.
        #[arg(long)]
        enterprises: usize,
        /// The last of the three financial years.
        #[arg(long, default_value_t = 2025)]
        last_year: i32,
        /// Seed of the generator (the same seed gives the same data).
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Benchmark the statistics: generate N above-size enterprises with monthly output figures
    /// (unless --skip-generate), then time the county × group × month dashboard for a year
    /// through the in-memory aggregate (cold and warm) and one hand-written SQL statement.
    BenchStats {
        #[command(flatten)]
        db: DbArgs,
        /// How many enterprises to generate.
        #[arg(long, default_value_t = 50_000)]
        enterprises: usize,
        /// Months of figures per enterprise, ending December of --last-year.
        #[arg(long, default_value_t = 60)]
        months: usize,
        /// The last year of figures (the dashboard's year).
        #[arg(long, default_value_t = 2025)]
        last_year: i32,
        /// Seed of the generator.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Warm runs of the dashboard query.
        #[arg(long, default_value_t = 50)]
        runs: usize,
        /// Runs of the hand-written SQL.
        #[arg(long, default_value_t = 5)]
        sql_runs: usize,
        /// Measure the data already in the database.
        #[arg(long)]
        skip_generate: bool,
    },
    /// Write a report: `county-annual` (--region, --year) or `city-monthly` (--region, --year,
    /// --month), as PDF or xlsx, computed as the dashboards compute it (as the system, all
    /// regions).
    Report {
        /// `county-annual` or `city-monthly`.
        #[arg(value_enum)]
        kind: ReportKind,
        #[command(flatten)]
        db: DbArgs,
        /// Region code (371503); the city monthly report defaults to the city.
        #[arg(long)]
        region: Option<String>,
        /// Year (2022); the county report defaults to the latest year with figures.
        #[arg(long)]
        year: Option<String>,
        /// Month 1-12 (city monthly report).
        #[arg(long)]
        month: Option<String>,
        /// `pdf` or `xlsx`.
        #[arg(long, default_value = "pdf")]
        format: String,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Print an example settings file with every key and its default.
    ConfigExample,
}

#[derive(Subcommand, Debug)]
enum UserCommand {
    /// Create a user. The password is the administrator's choice and need not be changed at
    /// first login; the audit log records that.
    Add {
        #[command(flatten)]
        db: DbArgs,
        /// Login name.
        #[arg(long)]
        username: String,
        /// Password (10+ characters, three of: upper, lower, digits, symbols).
        #[arg(long)]
        password: String,
        /// Role: city_admin, county_admin, chain_office, specialist, enterprise, title_admin, expert, research_team, leader.
        #[arg(long)]
        role: String,
        /// Unit region code (GB/T 2260), e.g. 371521.
        #[arg(long)]
        region: Option<String>,
        /// Enterprise credit code (for the enterprise role).
        #[arg(long)]
        enterprise: Option<String>,
        /// Name shown in the interface.
        #[arg(long)]
        display_name: Option<String>,
    },
    /// Set a new password for a user (they must change it at next login unless --keep).
    Passwd {
        #[command(flatten)]
        db: DbArgs,
        /// Login name.
        #[arg(long)]
        username: String,
        /// New password.
        #[arg(long)]
        password: String,
        /// Do not force a change at next login.
        #[arg(long)]
        keep: bool,
    },
    /// Disable a user (or enable again with --enable); their sessions end.
    Disable {
        #[command(flatten)]
        db: DbArgs,
        /// Login name.
        #[arg(long)]
        username: String,
        /// Why the account is disabled or enabled (kept in the audit log).
        #[arg(long)]
        reason: String,
        /// Enable instead of disable.
        #[arg(long)]
        enable: bool,
    },
}

#[derive(Subcommand, Debug)]
enum RegionsCommand {
    /// Import regions from CSV: code,name,parent_code,level[,kind] (like liaocheng-regions.csv).
    Import {
        #[command(flatten)]
        db: DbArgs,
        /// The CSV file.
        file: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum CalendarCommand {
    /// Import holidays and make-up days from CSV: date,kind,festival (replaces those years).
    Import {
        #[command(flatten)]
        db: DbArgs,
        /// The CSV file.
        file: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum JobsCommand {
    /// Run every background job once and print what each did.
    RunOnce {
        #[command(flatten)]
        db: DbArgs,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("STRONGCITY_LOG").unwrap_or_else(|_| {
                tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn")
            }),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match commands::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
