//! Test databases: every store, app and web test runs on a fresh SQLite file, and again on a
//! fresh PostgreSQL database when `STRONGCITY_TEST_DATABASE_URL` names a server.

use crate::{Backend, Db, DbTarget};
use sea_orm::{ConnectionTrait, Database};
use std::future::Future;
use std::sync::Once;

/// The variable that switches on the PostgreSQL runs.
pub const PG_URL_VAR: &str = "STRONGCITY_TEST_DATABASE_URL";

static SKIP_NOTICE: Once = Once::new();

/// A migrated database that removes itself when dropped (the SQLite file) or when
/// [`TestDb::cleanup`] runs (the PostgreSQL database).
pub struct TestDb {
    /// The database.
    pub db: Db,
    /// Where it is.
    pub target: DbTarget,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestDb {
    /// A fresh, migrated SQLite database in a temporary directory.
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let target = DbTarget::SqliteFile(dir.path().join("test.sqlite"));
        let db = Db::open_or_create(&target)
            .await
            .unwrap_or_else(|e| panic!("open sqlite: {e}"));
        db.migrate()
            .await
            .unwrap_or_else(|e| panic!("migrate: {e}"));
        TestDb {
            db,
            target,
            _dir: Some(dir),
            pg: None,
        }
    }

    /// A fresh, migrated PostgreSQL database `t_<uuid>` on the server of `admin_url`.
    pub async fn postgres(admin_url: &str) -> TestDb {
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(admin_url)
            .await
            .unwrap_or_else(|e| panic!("connect {PG_URL_VAR}: {e}"));
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap_or_else(|e| panic!("create database: {e}"));
        let _ = admin.close().await;
        let url = replace_db_name(admin_url, &name);
        let target = DbTarget::Postgres(url);
        let db = Db::open(&target)
            .await
            .unwrap_or_else(|e| panic!("open postgres: {e}"));
        db.migrate()
            .await
            .unwrap_or_else(|e| panic!("migrate: {e}"));
        TestDb {
            db,
            target,
            _dir: None,
            pg: Some((admin_url.to_string(), name)),
        }
    }

    /// Drops a PostgreSQL test database (SQLite files go with their directory).
    pub async fn cleanup(self) {
        let TestDb { db, pg, .. } = self;
        let _ = db.close().await;
        if let Some((admin_url, name)) = pg
            && let Ok(admin) = Database::connect(admin_url.as_str()).await
        {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
            let _ = admin.close().await;
        }
    }
}

impl TestDb {
    /// A fresh SQLite database holding a copy of the template `seed` builds, once per test
    /// process and `key`, into a migrated database. Copying a file is much cheaper than
    /// seeding the demo again for every test.
    pub async fn sqlite_seeded<F, Fut>(key: &'static str, seed: F) -> TestDb
    where
        F: FnOnce(Db) -> Fut,
        Fut: Future<Output = ()>,
    {
        let cell = template_cell(&SQLITE_TEMPLATES, key);
        let template = cell
            .get_or_init(|| async {
                let dir = template_dir(key);
                let path = dir.join("template.sqlite");
                let t = DbTarget::SqliteFile(path.clone());
                let db = Db::open_or_create(&t)
                    .await
                    .unwrap_or_else(|e| panic!("open template: {e}"));
                db.migrate()
                    .await
                    .unwrap_or_else(|e| panic!("migrate template: {e}"));
                seed(db.clone()).await;
                // Fold the write-ahead log into the file, so the file alone is the template.
                db.conn()
                    .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                    .await
                    .unwrap_or_else(|e| panic!("checkpoint template: {e}"));
                let _ = db.close().await;
                path.display().to_string()
            })
            .await;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let path = dir.path().join("test.sqlite");
        std::fs::copy(template, &path).unwrap_or_else(|e| panic!("copy template: {e}"));
        let target = DbTarget::SqliteFile(path);
        let db = Db::open(&target)
            .await
            .unwrap_or_else(|e| panic!("open copy: {e}"));
        TestDb {
            db,
            target,
            _dir: Some(dir),
            pg: None,
        }
    }

    /// A fresh PostgreSQL database created from a template database that `seed` builds, once
    /// per test process and `key` (`CREATE DATABASE … TEMPLATE …`).
    pub async fn postgres_seeded<F, Fut>(admin_url: &str, key: &'static str, seed: F) -> TestDb
    where
        F: FnOnce(Db) -> Fut,
        Fut: Future<Output = ()>,
    {
        let cell = template_cell(&PG_TEMPLATES, key);
        let template = cell
            .get_or_init(|| async {
                drop_stale_pg_templates(admin_url).await;
                let t = TestDb::postgres(admin_url).await;
                seed(t.db.clone()).await;
                let TestDb { db, pg, .. } = t;
                let _ = db.close().await;
                let (_, name) = pg.unwrap_or_else(|| panic!("a PostgreSQL test database"));
                let template = format!("t_tpl_{}_{key}_{}", std::process::id(), &name[2..10]);
                let admin = Database::connect(admin_url)
                    .await
                    .unwrap_or_else(|e| panic!("connect {PG_URL_VAR}: {e}"));
                admin
                    .execute_unprepared(&format!("ALTER DATABASE {name} RENAME TO {template}"))
                    .await
                    .unwrap_or_else(|e| panic!("rename template: {e}"));
                let _ = admin.close().await;
                template
            })
            .await;
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(admin_url)
            .await
            .unwrap_or_else(|e| panic!("connect {PG_URL_VAR}: {e}"));
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .await
            .unwrap_or_else(|e| panic!("create database from template: {e}"));
        let _ = admin.close().await;
        let target = DbTarget::Postgres(replace_db_name(admin_url, &name));
        let db = Db::open(&target)
            .await
            .unwrap_or_else(|e| panic!("open postgres: {e}"));
        TestDb {
            db,
            target,
            _dir: None,
            pg: Some((admin_url.to_string(), name)),
        }
    }
}

type Templates = std::sync::Mutex<
    std::collections::HashMap<&'static str, std::sync::Arc<tokio::sync::OnceCell<String>>>,
>;

static SQLITE_TEMPLATES: std::sync::LazyLock<Templates> =
    std::sync::LazyLock::new(Default::default);
static PG_TEMPLATES: std::sync::LazyLock<Templates> = std::sync::LazyLock::new(Default::default);

/// The cell of one template; each test runs on its own runtime, so the cell (not a pool)
/// is what they share.
fn template_cell(
    templates: &Templates,
    key: &'static str,
) -> std::sync::Arc<tokio::sync::OnceCell<String>> {
    templates
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .entry(key)
        .or_default()
        .clone()
}

/// `$TMPDIR/strongcity-tpl-<pid>-<key>`, after removing the directories of processes that
/// have ended (statics are never dropped, so a template outlives its test binary).
fn template_dir(key: &str) -> std::path::PathBuf {
    let tmp = std::env::temp_dir();
    if let Ok(entries) = std::fs::read_dir(&tmp) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if let Some(pid) = name
                .strip_prefix("strongcity-tpl-")
                .and_then(|rest| rest.split('-').next())
                && !process_alive(pid)
            {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    let dir = tmp.join(format!("strongcity-tpl-{}-{key}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("template dir: {e}"));
    dir
}

fn process_alive(pid: &str) -> bool {
    std::path::Path::new("/proc").join(pid).exists()
}

/// Drops the template databases of test processes that have ended.
async fn drop_stale_pg_templates(admin_url: &str) {
    let Ok(admin) = Database::connect(admin_url).await else {
        return;
    };
    let rows = admin
        .query_all_raw(sea_orm::Statement::from_string(
            admin.get_database_backend(),
            "SELECT datname FROM pg_database WHERE datname LIKE 't\\_tpl\\_%'",
        ))
        .await
        .unwrap_or_default();
    for row in rows {
        let Ok(name) = row.try_get::<String>("", "datname") else {
            continue;
        };
        let pid = name
            .trim_start_matches("t_tpl_")
            .split('_')
            .next()
            .unwrap_or("");
        if !process_alive(pid) {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
        }
    }
    let _ = admin.close().await;
}

/// The URL of the same server with another database name.
pub fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = base[scheme_end..]
        .find('/')
        .map(|i| i + scheme_end)
        .unwrap_or(base.len());
    let mut out = format!("{}/{}", &base[..path_start], name);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// The PostgreSQL URL for tests, printing once per test binary when it is absent.
pub fn postgres_url() -> Option<String> {
    match std::env::var(PG_URL_VAR) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            SKIP_NOTICE.call_once(|| {
                // Straight to stderr: the test harness hides `eprintln!` of passing tests, and
                // a skipped suite must say so.
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "PostgreSQL runs skipped: set {PG_URL_VAR}=postgres://… to enable them"
                );
            });
            None
        }
    }
}

/// Runs `body` on a fresh SQLite database, then on a fresh PostgreSQL one when configured.
pub async fn on_each_backend<F, Fut>(body: F)
where
    F: Fn(Db) -> Fut,
    Fut: Future<Output = ()>,
{
    let t = TestDb::sqlite().await;
    assert_eq!(t.db.backend(), Backend::Sqlite);
    body(t.db.clone()).await;
    t.cleanup().await;
    if let Some(url) = postgres_url() {
        let t = TestDb::postgres(&url).await;
        body(t.db.clone()).await;
        t.cleanup().await;
    }
}

/// Moves a ticket's receipt and every event of its log `days` calendar days into the past, as
/// if it had been raised that long ago (tests of deadlines and escalation).
pub async fn backdate_ticket<C: sea_orm::ConnectionTrait>(
    conn: &C,
    ticket_id: i64,
    days: u32,
) -> Result<(), sea_orm::DbErr> {
    let backend = conn.get_database_backend();
    for (table, col, key) in [
        ("ticket_event", "at", "ticket_id"),
        ("ticket", "received_at", "id"),
    ] {
        let sql = match backend {
            sea_orm::DatabaseBackend::Postgres => format!(
                "UPDATE {table} SET {col} = {col} - INTERVAL '{days} days' WHERE {key} = {ticket_id}"
            ),
            _ => format!(
                "UPDATE {table} SET {col} = strftime('%Y-%m-%d %H:%M:%f+00:00', {col}, '-{days} days') WHERE {key} = {ticket_id}"
            ),
        };
        conn.execute_raw(sea_orm::Statement::from_string(backend, sql))
            .await?;
    }
    // The log was rewritten behind the application's back: its clock columns, derived from
    // the log, are marked for re-derivation by the next reader.
    conn.execute_raw(sea_orm::Statement::from_string(
        backend,
        format!("UPDATE ticket SET clock_basis = '' WHERE id = {ticket_id}"),
    ))
    .await?;
    Ok(())
}

/// Moves the latest public notice of a subject so that it ended `days_ago` days ago (and began
/// ten days before that), as if its working days had run out (tests of what follows a notice).
pub async fn end_notice<C: sea_orm::ConnectionTrait>(
    conn: &C,
    subject_kind: &str,
    subject_id: i64,
    days_ago: u32,
) -> Result<(), sea_orm::DbErr> {
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    let Some(n) = crate::notice::find_by_subject(conn, subject_kind, subject_id).await? else {
        return Ok(());
    };
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let end = today - chrono::Days::new(u64::from(days_ago));
    let mut am = n.into_active_model();
    am.start_date = Set(end - chrono::Days::new(10));
    am.end_date = Set(end);
    am.update(conn).await?;
    Ok(())
}
