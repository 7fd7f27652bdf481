//! Helpers: running the binary in a sandbox directory and opening what it wrote.

use app::{App, Db, DbTarget};
use sea_orm::ConnectionTrait;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = app::demo::DEMO_PASSWORD;

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// Whether it exited with status 0.
    pub ok: bool,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Asserts success and returns standard output.
    #[track_caller]
    pub fn success(&self) -> &str {
        assert!(
            self.ok,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        &self.stdout
    }

    /// Asserts failure and returns standard error.
    #[track_caller]
    pub fn failure(&self) -> &str {
        assert!(
            !self.ok,
            "expected failure\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        &self.stderr
    }
}

/// The binary, with no settings leaking in from the environment of the test run.
pub fn strongcity() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_strongcity"));
    for (k, _) in std::env::vars() {
        if k.starts_with("STRONGCITY_") || k == "DATABASE_URL" {
            cmd.env_remove(k);
        }
    }
    cmd.env("STRONGCITY_LOG", "warn");
    cmd
}

/// A temporary directory the binary runs in.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    /// A new, empty sandbox.
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A path inside the sandbox.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs the binary with `args`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// Runs the binary with `args` and extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = strongcity();
        cmd.current_dir(self.dir.path()).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Run::from(cmd.output().expect("run strongcity"))
    }

    /// Creates the demo database `name` with the binary and returns its path.
    pub fn demo(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        self.run(&["demo", "--db", s(&path)]).success();
        path
    }

    /// Creates an empty, migrated database `name` (no roles, no regions).
    pub fn empty_db(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        self.run(&["migrate", "--create", "--db", s(&path)])
            .success();
        path
    }
}

/// A path as an argument.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Opens an SQLite database the binary wrote, the way the server does.
pub async fn open(path: &Path) -> App {
    let db = Db::open(&DbTarget::SqliteFile(path.to_path_buf()))
        .await
        .expect("open database");
    App::new(db, app::Settings::default())
}

/// A single number from SQL, e.g. `SELECT COUNT(*) FROM app_user`.
pub async fn count(app: &App, sql: &str) -> i64 {
    let row = app
        .db()
        .conn()
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            sql,
        ))
        .await
        .expect(sql)
        .expect("one row");
    row.try_get_by_index::<i64>(0).expect("a number")
}

/// The SQLite file and its `-wal` and `-shm` companions.
pub fn sqlite_files(path: &Path) -> [PathBuf; 3] {
    let p = s(path);
    [
        path.to_path_buf(),
        PathBuf::from(format!("{p}-wal")),
        PathBuf::from(format!("{p}-shm")),
    ]
}

/// Signs in through the use case the web layer calls.
pub async fn login(
    app: &App,
    username: &str,
    password: &str,
) -> Result<app::auth::LoginOutcome, app::AppError> {
    app::auth::login(
        app,
        username,
        password,
        &app::RequestMeta::cli("test login"),
    )
    .await
}
