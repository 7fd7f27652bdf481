//! Opening the database: the URL, the SQLite pragmas, the pool and write transactions.

use crate::migration::Migrator;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Which database engine a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// Where the database is: an SQLite file or a PostgreSQL URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbTarget {
    /// An SQLite file path.
    SqliteFile(PathBuf),
    /// A `postgres://` URL.
    Postgres(String),
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The URL names no engine we support.
    #[error(
        "unsupported database URL scheme in '{0}': use postgres://… or sqlite://PATH (or --db PATH)"
    )]
    Scheme(String),
    /// The SQLite file does not exist and we were not asked to create it.
    #[error(
        "no database file at {0}: create one with `strongcity demo --db {0}` or `strongcity migrate --create --db {0}`"
    )]
    Missing(PathBuf),
    /// The engine refused.
    #[error("could not open the database: {0}")]
    Db(#[from] DbErr),
}

impl DbTarget {
    /// Reads a `DATABASE_URL`-style string: `postgres://`, `postgresql://` or `sqlite://PATH`.
    pub fn parse_url(url: &str) -> Result<DbTarget, OpenError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(DbTarget::Postgres(url.to_string()))
        } else if let Some(path) = url.strip_prefix("sqlite://") {
            let path = path.split('?').next().unwrap_or(path);
            Ok(DbTarget::SqliteFile(PathBuf::from(path)))
        } else {
            Err(OpenError::Scheme(url.to_string()))
        }
    }
}

/// The database: a pool plus what we know about its engine.
#[derive(Debug, Clone)]
pub struct Db {
    conn: DatabaseConnection,
    backend: Backend,
}

impl Db {
    /// Opens an existing database, refusing to create an SQLite file that is not there.
    pub async fn open(target: &DbTarget) -> Result<Db, OpenError> {
        if let DbTarget::SqliteFile(path) = target
            && !path.exists()
        {
            return Err(OpenError::Missing(path.clone()));
        }
        Db::connect(target).await
    }

    /// Opens an SQLite file for reading only (checking a backup): nothing is written to it,
    /// not even a WAL file beside it.
    pub async fn open_sqlite_read_only(path: &Path) -> Result<Db, OpenError> {
        if !path.exists() {
            return Err(OpenError::Missing(path.to_path_buf()));
        }
        let mut opts = ConnectOptions::new(format!("sqlite://{}?mode=ro", path.display()));
        opts.max_connections(1)
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(|o| o.read_only(true).busy_timeout(Duration::from_secs(10)));
        Ok(Db {
            conn: sea_orm::Database::connect(opts).await?,
            backend: Backend::Sqlite,
        })
    }

    /// Opens a database, creating the SQLite file if it is missing.
    pub async fn open_or_create(target: &DbTarget) -> Result<Db, OpenError> {
        Db::connect(target).await
    }

    async fn connect(target: &DbTarget) -> Result<Db, OpenError> {
        let db = match target {
            DbTarget::SqliteFile(path) => Db::connect_sqlite(path).await?,
            DbTarget::Postgres(url) => {
                let mut opts = ConnectOptions::new(url.clone());
                opts.max_connections(16)
                    .min_connections(1)
                    .acquire_timeout(Duration::from_secs(10))
                    .sqlx_logging(false);
                Db {
                    conn: sea_orm::Database::connect(opts).await?,
                    backend: Backend::Postgres,
                }
            }
        };
        Ok(db)
    }

    /// Every SQLite connection gets the same pragmas, in this one place: WAL so readers never
    /// wait for the writer, NORMAL sync (safe with WAL), a busy timeout so a writer waits for
    /// the lock instead of failing, and foreign keys enforced.
    async fn connect_sqlite(path: &Path) -> Result<Db, OpenError> {
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let mut opts = ConnectOptions::new(url);
        opts.max_connections(8)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(|o| {
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
                    .create_if_missing(true)
                    // A province's registry is a gigabyte: a 64 MiB page cache per connection
                    // and a memory-mapped file keep reads off the system-call path.
                    .pragma("cache_size", "-65536")
                    .pragma("mmap_size", "1073741824")
            });
        Ok(Db {
            conn: sea_orm::Database::connect(opts).await?,
            backend: Backend::Sqlite,
        })
    }

    /// The pool, for reads.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// Which engine this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Starts a write transaction. On SQLite it is `BEGIN IMMEDIATE`, which takes the write lock
    /// at once so a read-then-write transaction waits for the lock instead of failing with
    /// "database is locked" when another writer commits in between.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr> {
        self.conn
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..TransactionOptions::default()
            })
            .await
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        Migrator::up(&self.conn, None).await
    }

    /// Whether every migration the binary knows has been applied.
    pub async fn migrations_current(&self) -> Result<bool, DbErr> {
        Ok(Migrator::get_pending_migrations(&self.conn)
            .await?
            .is_empty())
    }

    /// Drops every table and migrates again: an empty database (the demo's `--force`).
    pub async fn reset(&self) -> Result<(), DbErr> {
        Migrator::fresh(&self.conn).await
    }

    /// Whether any user exists (a database in use).
    pub async fn has_users(&self) -> Result<bool, DbErr> {
        use sea_orm::{EntityTrait, PaginatorTrait};
        if !self.migrations_current().await.unwrap_or(false) {
            return Ok(false);
        }
        Ok(crate::entity::user::Entity::find()
            .count(&self.conn)
            .await?
            > 0)
    }

    /// SQLite's own consistency check of the file (`PRAGMA integrity_check`); true when `ok`.
    pub async fn sqlite_integrity_ok(&self) -> Result<bool, DbErr> {
        let row = self
            .conn
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                "PRAGMA integrity_check",
            ))
            .await?;
        Ok(match row {
            Some(r) => r
                .try_get_by_index::<String>(0)
                .map(|s| s == "ok")
                .unwrap_or(false),
            None => false,
        })
    }

    /// A cheap round trip to check the database answers.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.conn.ping().await
    }

    /// A consistent copy of a live SQLite database into a new file (`VACUUM INTO`).
    pub async fn backup_sqlite_to(&self, to: &Path) -> Result<(), DbErr> {
        let to = to.display().to_string().replace('\'', "''");
        self.conn
            .execute_unprepared(&format!("VACUUM INTO '{to}'"))
            .await
            .map(|_| ())
    }

    /// Closes the pool.
    pub async fn close(self) -> Result<(), DbErr> {
        self.conn.close().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_database_urls_and_refuses_unknown_schemes() {
        assert_eq!(
            DbTarget::parse_url("sqlite:///tmp/x.sqlite?mode=rwc").unwrap(),
            DbTarget::SqliteFile(PathBuf::from("/tmp/x.sqlite"))
        );
        assert!(matches!(
            DbTarget::parse_url("postgresql://h/db").unwrap(),
            DbTarget::Postgres(_)
        ));
        assert!(matches!(
            DbTarget::parse_url("mysql://h/db"),
            Err(OpenError::Scheme(_))
        ));
    }

    #[tokio::test]
    async fn never_creates_a_sqlite_file_from_a_typo() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("typo.sqlite");
        let err = Db::open(&DbTarget::SqliteFile(path.clone()))
            .await
            .unwrap_err();
        assert!(matches!(err, OpenError::Missing(_)));
        assert!(!path.exists());
    }
}
