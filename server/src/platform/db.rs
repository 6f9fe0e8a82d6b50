//! One code path for SQLite and PostgreSQL: `AnyPool`, runtime queries, portable column types.

use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Connection, Executor};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Self {
        if url.starts_with("postgres") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Reads go to `read`; every write and write transaction goes to `write`. On SQLite `write` is
/// one connection, so writers queue in the pool instead of failing with SQLITE_BUSY; on
/// PostgreSQL both are the same pool.
#[derive(Clone, Debug)]
pub struct Db {
    pub read: AnyPool,
    pub write: AnyPool,
    pub backend: Backend,
}

const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";

/// How the connection pools behave; `Config` carries them (`LINLI_DB_MAX_CONNECTIONS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolSettings {
    /// PostgreSQL connections per server; `None` is [`default_postgres_connections`].
    /// SQLite always has one writer and eight readers.
    pub max_connections: Option<u32>,
    /// How long a request waits for a free connection before it is answered 503 `overloaded`.
    pub acquire_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_connections: None,
            acquire_timeout: ACQUIRE_TIMEOUT,
        }
    }
}

/// Long enough that a busy moment on a small machine does not refuse anyone (the load
/// benchmark's worst wait is well below it), short enough that an overloaded server says so
/// at once instead of holding every request for seconds: the app retries a 503 with the same
/// Idempotency-Key after 1, 2, 4, 8 s.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);

/// A connection that sat idle this long is pinged before it is handed out, so one the
/// database dropped meanwhile is replaced instead of failing a request. A busy connection is
/// not: sqlx's default pings on *every* checkout, a round trip per statement (sqlx also pings
/// each connection when it comes back to the pool, which cannot be turned off).
const PING_WHEN_IDLE_FOR: Duration = Duration::from_secs(30);

/// PostgreSQL backends are processes: more of them than twice the cores that run them only
/// queue in the kernel instead of in the pool, and each switch costs. On the 2-core load
/// benchmark (server and database on one machine) 16 connections used 40 % more database CPU
/// per request than 4 and drove the machine into a queue of half a second; 2 × the cores this
/// server sees, at least 4, suits a database with at least as many cores. A larger database
/// machine: set `LINLI_DB_MAX_CONNECTIONS`.
pub fn default_postgres_connections() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    u32::try_from(cores * 2).unwrap_or(u32::MAX).max(4)
}

impl Db {
    pub async fn connect(url: &str) -> Result<Self, sqlx::Error> {
        Self::connect_with(url, PoolSettings::default()).await
    }

    pub async fn connect_with(url: &str, settings: PoolSettings) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url);
        let options = |max| {
            AnyPoolOptions::new()
                .max_connections(max)
                .acquire_timeout(settings.acquire_timeout)
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for >= PING_WHEN_IDLE_FOR {
                            conn.ping().await?;
                        }
                        Ok(true)
                    })
                })
        };
        match backend {
            Backend::Sqlite => {
                create_parent_dir(url)?;
                let sqlite = |max| {
                    options(max).after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute(SQLITE_PRAGMAS).await?;
                            Ok(())
                        })
                    })
                };
                // The writer connects first so the file exists and is in WAL mode before readers open it.
                let write = sqlite(1).connect(url).await?;
                let read = sqlite(8).connect(url).await?;
                Ok(Db {
                    read,
                    write,
                    backend,
                })
            }
            Backend::Postgres => {
                let max = settings
                    .max_connections
                    .unwrap_or_else(default_postgres_connections);
                let pool = options(max).connect(url).await?;
                Ok(Db {
                    read: pool.clone(),
                    write: pool,
                    backend,
                })
            }
        }
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&self.write).await,
            Backend::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.write)
                    .await
            }
        }
    }

    /// Whether the database answers, within two seconds.
    pub async fn is_reachable(&self) -> bool {
        let ping = sqlx::query("SELECT 1").execute(&self.read);
        matches!(
            tokio::time::timeout(Duration::from_secs(2), ping).await,
            Ok(Ok(_))
        )
    }
}

/// `sqlite://data/linli.db?mode=rwc` → creates `data/`, which SQLite will not do itself.
fn create_parent_dir(url: &str) -> Result<(), sqlx::Error> {
    let path = url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    match std::path::Path::new(path).parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)
        }
        _ => Ok(()),
    }
}

/// Now, as stored in `*_at` columns: milliseconds since the Unix epoch, UTC.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// A stored `*_at` value as a time; one beyond chrono's range (never written) reads as the latest.
pub fn time(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or(chrono::DateTime::<chrono::Utc>::MAX_UTC)
}

/// `($1, $2), ($3, $4)`: placeholders for a multi-row INSERT of `rows` rows of `columns` values.
pub fn value_rows(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let cells: Vec<String> = (1..=columns)
                .map(|col| format!("${}", row * columns + col))
                .collect();
            format!("({})", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_follows_the_url_scheme() {
        assert_eq!(Backend::of_url("postgres://u@h/db"), Backend::Postgres);
        assert_eq!(Backend::of_url("postgresql://u@h/db"), Backend::Postgres);
        assert_eq!(
            Backend::of_url("sqlite://data/linli.db?mode=rwc"),
            Backend::Sqlite
        );
    }

    #[test]
    fn value_rows_numbers_placeholders_row_by_row() {
        assert_eq!(value_rows(2, 2), "($1, $2), ($3, $4)");
        assert_eq!(value_rows(1, 3), "($1, $2, $3)");
    }
}
