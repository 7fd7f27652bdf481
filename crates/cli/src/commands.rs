//! What each command does.

use crate::config::Config;
use crate::{
    CalendarCommand, Cli, Command, DbArgs, JobsCommand, RegionsCommand, ReportKind, UserCommand,
};
use anyhow::{Context, bail};
use app::{Actor, App, Db, DbTarget, RequestMeta};
use std::path::Path;

/// The database a command opens: `--db`, else `--database-url`, else the `DATABASE_URL`
/// variable. The variable is read here rather than by clap so that a `DATABASE_URL` left in
/// the environment does not make an explicit `--db` conflict with it.
fn target(args: &DbArgs) -> anyhow::Result<DbTarget> {
    let from_env = std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty());
    match (&args.db, args.database_url.as_ref().or(from_env.as_ref())) {
        (Some(path), _) => Ok(DbTarget::SqliteFile(path.clone())),
        (None, Some(url)) => Ok(DbTarget::parse_url(url)?),
        (None, None) => bail!(
            "say which database: --db PATH (SQLite) or --database-url postgres://… (or DATABASE_URL)"
        ),
    }
}

/// Opens an existing database and applies pending migrations.
async fn open(args: &DbArgs, config: &Config) -> anyhow::Result<App> {
    let db = Db::open(&target(args)?).await?;
    db.migrate().await.context("migrations")?;
    Ok(App::new(db, config.security.clone()))
}

fn sqlite_files(path: &Path) -> [std::path::PathBuf; 3] {
    let s = path.display().to_string();
    [
        path.to_path_buf(),
        format!("{s}-wal").into(),
        format!("{s}-shm").into(),
    ]
}

/// Runs one command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::ConfigExample => {
            print!("{}", Config::example());
            Ok(())
        }
        Command::Serve { db, listen } => serve(&db, &config, listen).await,
        Command::Demo { db, force } => demo(&db, &config, force).await,
        Command::Migrate {
            db,
            create,
            seed_roles,
        } => {
            let t = target(&db)?;
            let opened = if create {
                Db::open_or_create(&t).await?
            } else {
                Db::open(&t).await?
            };
            opened.migrate().await?;
            let app = App::new(opened, config.security.clone());
            if seed_roles {
                let n = app::org::load_builtin_roles(&app).await?;
                println!("{n} built-in roles loaded");
                let n = app::cultivation::load_shipped_rule_sets(&app).await?;
                println!("{n} cultivation rule sets loaded");
                let n = app::stats::load_shipped(&app).await?;
                println!("{n} statistics indicator cards and group sets loaded");
            }
            println!("migrations applied");
            Ok(())
        }
        Command::User { action } => user(action, &config).await,
        Command::Backup { db, to } => {
            if to.exists() {
                bail!(
                    "{} exists already: choose a new file for the backup",
                    to.display()
                );
            }
            let opened = Db::open(&DbTarget::SqliteFile(db.clone())).await?;
            opened.backup_sqlite_to(&to).await.context("backup")?;
            println!("backup of {} written to {}", db.display(), to.display());
            Ok(())
        }
        Command::Restore { from, db, force } => restore(&from, &db, force).await,
        Command::Regions {
            action: RegionsCommand::Import { db, file },
        } => {
            let app = open(&db, &config).await?;
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let r = app::org::import_regions_csv(
                &app,
                &Actor::system("cli"),
                &RequestMeta::cli("regions import"),
                &bytes,
            )
            .await
            .map_err(describe)?;
            println!("{} rows read, {} regions written", r.rows, r.written);
            Ok(())
        }
        Command::Calendar {
            action: CalendarCommand::Import { db, file },
        } => {
            let app = open(&db, &config).await?;
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let n = app::calendar::import_calendar_csv(
                &app,
                &Actor::system("cli"),
                &RequestMeta::cli("calendar import"),
                &text,
            )
            .await
            .map_err(describe)?;
            println!("{n} calendar days loaded");
            Ok(())
        }
        Command::Import {
            db,
            kind,
            file,
            dry_run,
            valid_only,
            update_existing,
            error_sheet,
        } => {
            let app = open(&db, &config).await?;
            let options = app::io::ImportOptions {
                mode: if valid_only {
                    app::io::ImportMode::ValidOnly
                } else {
                    app::io::ImportMode::AllOrNothing
                },
                update_existing,
                dry_run,
            };
            import(&app, &kind, &file, options, error_sheet.as_deref()).await
        }
        Command::Export {
            db,
            kind,
            to,
            region,
            q,
        } => {
            let app = open(&db, &config).await?;
            let kind = app::io::ImportKind::parse(&kind)
                .ok_or_else(|| anyhow::anyhow!("kind must be enterprises, financials or honors"))?;
            let format = if to.extension().is_some_and(|e| e == "csv") {
                app::io::ExportFormat::Csv
            } else {
                app::io::ExportFormat::Xlsx
            };
            let query = app::enterprise::ListQuery {
                region,
                q,
                ..Default::default()
            };
            let file = std::fs::File::create(&to)
                .with_context(|| format!("cannot write {}", to.display()))?;
            let n = app::io::export(
                &app,
                &Actor::system("cli"),
                kind,
                &query,
                format,
                app::io::Lang::Zh,
                std::io::BufWriter::new(file),
            )
            .await
            .map_err(describe)?;
            println!("{n} rows written to {}", to.display());
            Ok(())
        }
        Command::BenchData {
            db,
            enterprises,
            last_year,
            seed,
        } => {
            let app = open(&db, &config).await?;
            let bar = indicatif::ProgressBar::new(enterprises as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} enterprises {elapsed}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            let started = std::time::Instant::now();
            let n =
                app::synthetic::generate_enterprises(&app, enterprises, last_year, seed, &|done| {
                    bar.set_position(done as u64)
                })
                .await
                .map_err(describe)?;
            bar.finish_and_clear();
            println!(
                "{n} enterprises with three years of financials generated in {:.1}s",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::BenchStats {
            db,
            enterprises,
            months,
            last_year,
            seed,
            runs,
            sql_runs,
            skip_generate,
        } => {
            let app = open(&db, &config).await?;
            app::stats::load_shipped(&app).await.map_err(describe)?;
            if !skip_generate {
                let started = std::time::Instant::now();
                let (n, figures) = app::stats::bench::generate(
                    &app,
                    enterprises,
                    months,
                    last_year,
                    seed,
                    &|_| {},
                )
                .await
                .map_err(describe)?;
                println!(
                    "{n} enterprises with {figures} monthly figures generated in {:.1}s",
                    started.elapsed().as_secs_f64()
                );
            }
            let r = app::stats::bench::measure(&app, "371500", last_year, runs, sql_runs)
                .await
                .map_err(describe)?;
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
            println!(
                "population {} enterprises, {} county × group cells",
                r.enterprises, r.cells
            );
            println!(
                "cold (aggregate built from the database, then the table): {:.1} ms",
                ms(r.cold)
            );
            println!(
                "warm, {} runs: median {:.2} ms, min {:.2} ms, max {:.2} ms",
                r.warm.len(),
                ms(r.warm_median()),
                r.warm.first().map(|d| ms(*d)).unwrap_or(0.0),
                r.warm.last().map(|d| ms(*d)).unwrap_or(0.0)
            );
            println!(
                "hand-written SQL, {} runs: median {:.1} ms, min {:.1} ms, max {:.1} ms",
                r.sql.len(),
                ms(r.sql_median()),
                r.sql.first().map(|d| ms(*d)).unwrap_or(0.0),
                r.sql.last().map(|d| ms(*d)).unwrap_or(0.0)
            );
            if !r.warm.is_empty() && !r.sql.is_empty() {
                println!(
                    "ratio SQL / warm aggregate: {:.0}×",
                    ms(r.sql_median()) / ms(r.warm_median()).max(1e-9)
                );
            }
            println!("same sums: {}", r.equal);
            Ok(())
        }
        Command::Report {
            kind,
            db,
            region,
            year,
            month,
            format,
            out,
        } => {
            let q = app::stats::report::ReportQuery {
                region,
                year,
                month,
                format: Some(format),
            };
            let format = q.format().map_err(describe)?;
            let app = open(&db, &config).await?;
            let actor = Actor::system("cli");
            let started = std::time::Instant::now();
            let doc = match kind {
                ReportKind::CountyAnnual => app::stats::report::county_annual(&app, &actor, &q)
                    .await
                    .map_err(describe)?
                    .document(),
                ReportKind::CityMonthly => app::stats::report::city_monthly(&app, &actor, &q)
                    .await
                    .map_err(describe)?
                    .document(),
            };
            let bytes = report::render(&doc, format)?;
            std::fs::write(&out, &bytes)
                .with_context(|| format!("cannot write {}", out.display()))?;
            println!(
                "{}: {} bytes written to {} in {:.2}s",
                doc.title,
                bytes.len(),
                out.display(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Jobs {
            action: JobsCommand::RunOnce { db },
        } => {
            let app = open(&db, &config).await?;
            let holder = format!("cli:{}", std::process::id());
            for o in app::jobs::run_once(&app, &holder).await.map_err(describe)? {
                println!(
                    "{:<20} {:<5} {}",
                    o.name,
                    if o.ok { "ok" } else { "FAIL" },
                    o.message
                );
            }
            Ok(())
        }
    }
}

async fn import(
    app: &App,
    kind: &str,
    file: &Path,
    options: app::io::ImportOptions,
    error_sheet: Option<&Path>,
) -> anyhow::Result<()> {
    let kind = app::io::ImportKind::parse(kind)
        .ok_or_else(|| anyhow::anyhow!("kind must be enterprises, financials or honors"))?;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows {msg} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let progress = |stage: app::io::ImportStage| match stage {
        app::io::ImportStage::Checking { done, total } => {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            bar.set_message("checked");
        }
        app::io::ImportStage::Writing { total } | app::io::ImportStage::Finished { total } => {
            bar.set_length(total as u64);
            bar.set_position(total as u64);
            bar.set_message("checked; writing");
        }
    };
    let report = app::io::import(
        app,
        &Actor::system("cli"),
        &RequestMeta::cli("import"),
        kind,
        &name,
        &bytes,
        options,
        Some(&progress),
    )
    .await
    .map_err(describe)?;
    bar.finish_and_clear();
    let tr = web::i18n::Tr::new(web::i18n::Lang::En);
    for e in &report.errors {
        println!(
            "row {:>6}  {:<24} {}",
            e.row,
            e.column,
            tr.fmt_owned(&e.message_key, &e.params)
        );
    }
    println!(
        "{} rows: {} accepted, {} rejected; {} created, {} updated, {} unchanged{}",
        report.total,
        report.accepted,
        report.rejected,
        report.created,
        report.updated,
        report.unchanged,
        if report.dry_run {
            " (dry run: nothing written)"
        } else if report.written {
            ""
        } else {
            " (nothing written)"
        }
    );
    if let (Some(out), false) = (error_sheet, report.errors.is_empty()) {
        let zh = web::i18n::Tr::new(web::i18n::Lang::Zh);
        let translate = |key: &str, params: &[(String, String)]| zh.fmt_owned(key, params);
        let sheet = app::io::error_sheet_xlsx(kind, &bytes, &report, app::io::Lang::Zh, &translate)
            .map_err(describe)?;
        std::fs::write(out, sheet).with_context(|| format!("cannot write {}", out.display()))?;
        println!("the sheet with an error column is in {}", out.display());
    }
    if !report.errors.is_empty() && !report.written && !report.dry_run {
        bail!("nothing was imported because of the errors above");
    }
    Ok(())
}

/// Puts an application error into words for the terminal: each bad field (or import row) on
/// its own line with the English message from the catalogue the web interface uses, followed
/// by the catalogue key for scripts.
fn describe(e: app::AppError) -> anyhow::Error {
    match e {
        app::AppError::Invalid(fields) => {
            let tr = web::i18n::Tr::new(web::i18n::Lang::En);
            let lines: Vec<String> = fields
                .iter()
                .map(|f| {
                    format!(
                        "  {}: {} [{}]",
                        f.field,
                        tr.fmt_owned(&f.key, &f.params),
                        f.key
                    )
                })
                .collect();
            anyhow::anyhow!("invalid input, nothing was written:\n{}", lines.join("\n"))
        }
        other => anyhow::anyhow!("{other}"),
    }
}

/// The id of a user by login name, or an error that names the login.
async fn user_named(app: &App, actor: &Actor, username: &str) -> anyhow::Result<i64> {
    match app::org::user_id_by_name(app, actor, username).await {
        Ok(id) => Ok(id),
        Err(app::AppError::NotFound) => bail!("no user named '{username}'"),
        Err(e) => Err(describe(e)),
    }
}

/// Where the search index of an SQLite database is kept: beside the file, so a restart reuses it.
fn index_dir(db: &Path) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("{}.search", db.display()))
}

/// Removes the search index of a database that is being replaced (it would describe the old one).
fn remove_index(db: &Path) -> anyhow::Result<()> {
    let dir = index_dir(db);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .with_context(|| format!("cannot remove {}", dir.display()))?;
    }
    Ok(())
}

async fn serve(db: &DbArgs, config: &Config, listen: Option<String>) -> anyhow::Result<()> {
    let t = target(db)?;
    let opened = Db::open(&t).await?;
    opened.migrate().await.context("migrations")?;
    let dir = match (&t, config.server.search_index_dir.trim()) {
        (_, configured) if !configured.is_empty() => Some(std::path::PathBuf::from(configured)),
        // SQLite: one server per file, so the index can live beside it and survive restarts.
        (DbTarget::SqliteFile(path), _) => Some(index_dir(path)),
        // PostgreSQL may have several instances: each keeps its own index, in memory unless
        // it is given a directory of its own.
        _ => None,
    };
    let app = match dir {
        Some(dir) => App::with_index_dir(opened.clone(), config.security.clone(), &dir)
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, dir = %dir.display(), "search index kept in memory instead");
                App::new(opened, config.security.clone())
            }),
        None => App::new(opened, config.security.clone()),
    };
    let addr = listen.unwrap_or_else(|| config.server.listen.clone());
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let bound = listener.local_addr()?;
    if config.server.jobs_interval_seconds > 0 {
        let holder = format!("serve:{bound}:{}", std::process::id());
        let every = std::time::Duration::from_secs(config.server.jobs_interval_seconds);
        tokio::spawn(app::jobs::run_forever(app.clone(), holder, every));
    }
    println!("strongcity listening on http://{bound}/");
    tracing::info!(%bound, "listening");
    let opts = web::ServeOptions {
        secure_cookies: config.server.secure_cookies,
        body_limit: config.server.body_limit_mib * 1024 * 1024,
    };
    web::serve(app, listener, opts).await?;
    Ok(())
}

async fn demo(args: &DbArgs, config: &Config, force: bool) -> anyhow::Result<()> {
    let t = target(args)?;
    if let DbTarget::SqliteFile(path) = &t
        && path.exists()
    {
        if !force {
            bail!(
                "{} exists: pass --force to replace it with a fresh demo database",
                path.display()
            );
        }
        for f in sqlite_files(path) {
            if f.exists() {
                std::fs::remove_file(&f)
                    .with_context(|| format!("cannot remove {}", f.display()))?;
            }
        }
    }
    if let DbTarget::SqliteFile(path) = &t {
        remove_index(path)?;
    }
    let db = Db::open_or_create(&t).await?;
    if db.has_users().await? {
        if !force {
            bail!(
                "the database already holds users: pass --force to drop every table and start again"
            );
        }
        db.reset().await?;
    }
    db.migrate().await?;
    let app = App::new(db, config.security.clone());
    let started = std::time::Instant::now();
    let accounts = app::demo::seed_demo(&app).await.map_err(describe)?;
    println!(
        "demo database of 聊城市 ready in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    println!("accounts (password for all: {}):", app::demo::DEMO_PASSWORD);
    for a in accounts {
        println!("  {:<22} {:<14} {}", a.username, a.role, a.description);
    }
    Ok(())
}

async fn user(action: UserCommand, config: &Config) -> anyhow::Result<()> {
    let actor = Actor::system("cli");
    match action {
        UserCommand::Add {
            db,
            username,
            password,
            role,
            region,
            enterprise,
            display_name,
        } => {
            let app = open(&db, config).await?;
            let form = app::org::NewUserForm {
                username,
                display_name,
                password,
                role,
                region,
                enterprise,
                phone: None,
                must_change_password: false,
            };
            let v = app::org::create_user(&app, &actor, &RequestMeta::cli("user add"), form)
                .await
                .map_err(describe)?;
            println!(
                "user {} created (id {}, role {})",
                v.username,
                v.id,
                v.roles.join(",")
            );
        }
        UserCommand::Passwd {
            db,
            username,
            password,
            keep,
        } => {
            let app = open(&db, config).await?;
            let id = user_named(&app, &actor, &username).await?;
            app::org::reset_password(
                &app,
                &actor,
                &RequestMeta::cli("user passwd"),
                id,
                &password,
                !keep,
            )
            .await
            .map_err(describe)?;
            println!(
                "password of {username} set{}",
                if keep {
                    ""
                } else {
                    "; it must be changed at next login"
                }
            );
        }
        UserCommand::Disable {
            db,
            username,
            reason,
            enable,
        } => {
            let app = open(&db, config).await?;
            let id = user_named(&app, &actor, &username).await?;
            app::org::disable_user(
                &app,
                &actor,
                &RequestMeta::cli("user disable"),
                id,
                !enable,
                &reason,
            )
            .await
            .map_err(describe)?;
            println!(
                "{username} {}",
                if enable {
                    "enabled"
                } else {
                    "disabled; their sessions ended"
                }
            );
        }
    }
    Ok(())
}

async fn restore(from: &Path, db: &Path, force: bool) -> anyhow::Result<()> {
    if !from.exists() {
        bail!("no backup at {}", from.display());
    }
    let check = Db::open_sqlite_read_only(from).await?;
    if !check.sqlite_integrity_ok().await? {
        bail!(
            "{} fails SQLite's integrity check: not restored",
            from.display()
        );
    }
    check.close().await?;
    if db.exists() && !force {
        bail!(
            "{} exists: stop the server and pass --force to replace it",
            db.display()
        );
    }
    for f in sqlite_files(db) {
        if f.exists() {
            std::fs::remove_file(&f).with_context(|| format!("cannot remove {}", f.display()))?;
        }
    }
    remove_index(db)?;
    std::fs::copy(from, db).with_context(|| format!("cannot write {}", db.display()))?;
    let restored = Db::open(&DbTarget::SqliteFile(db.to_path_buf())).await?;
    restored.migrate().await?;
    println!("{} restored from {}", db.display(), from.display());
    Ok(())
}
