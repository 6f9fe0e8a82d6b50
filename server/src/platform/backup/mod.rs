//! `linli-server backup` and `restore` for SQLite. The backup is `VACUUM INTO` a new file: a
//! read transaction, so it is one consistent moment of the database while the server keeps
//! reading and writing (WAL mode lets the writer go on). PostgreSQL is backed up with its own
//! tools, pg_dump and pg_restore (docs/operations.md).

mod lock;
mod restore;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};

pub use lock::{hold_shared, ServerLock};
pub use restore::restore;

/// What a backup or a restore wrote, for the operator.
#[derive(Debug)]
pub struct Written {
    pub file: PathBuf,
    pub bytes: u64,
    /// Tables and their rows, by name.
    pub tables: Vec<(String, i64)>,
    pub took: Duration,
}

impl std::fmt::Display for Written {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rows: i64 = self.tables.iter().map(|(_, rows)| rows).sum();
        write!(
            f,
            "{} ({} bytes, {} tables, {rows} rows) in {} ms",
            self.file.display(),
            self.bytes,
            self.tables.len(),
            self.took.as_millis()
        )
    }
}

/// The SQLite file a `sqlite:` URL names; PostgreSQL and in-memory databases are refused with
/// what to do instead.
pub fn sqlite_file(database_url: &str, command: &str) -> Result<PathBuf, String> {
    if database_url.starts_with("postgres") {
        let tool = if command == "restore" {
            "pg_restore"
        } else {
            "pg_dump"
        };
        return Err(format!(
            "{command} works on SQLite only; DATABASE_URL is a PostgreSQL database: use {tool} \
             (docs/operations.md, \"Backup and restore\"), e.g. pg_dump --format=custom \
             --file=linli.dump 'postgres://…' and pg_restore --dbname='postgres://…' linli.dump"
        ));
    }
    let path = database_url
        .strip_prefix("sqlite:")
        .map(|rest| rest.trim_start_matches("//"))
        .map(|rest| rest.split('?').next().unwrap_or_default())
        .filter(|path| !path.is_empty() && !path.starts_with(':'));
    match path {
        Some(path) => Ok(PathBuf::from(path)),
        None => Err(format!(
            "DATABASE_URL (--database-url) is \"{database_url}\", which names no SQLite file: \
             use sqlite://PATH, e.g. sqlite://data/linli.db"
        )),
    }
}

/// Copies the database of `database_url` to the new file `to`, consistently, while a server
/// may be using it.
pub async fn backup(database_url: &str, to: &Path) -> Result<Written, String> {
    let started = Instant::now();
    let source = sqlite_file(database_url, "backup")?;
    if !source.is_file() {
        return Err(format!(
            "DATABASE_URL (--database-url): there is no database at {}",
            source.display()
        ));
    }
    if to.exists() {
        return Err(format!(
            "--to {}: the file exists; a backup never overwrites one: choose a new name",
            to.display()
        ));
    }
    // Written beside the target and renamed when complete: an interrupted backup leaves no
    // file that looks like a good one.
    let partial = with_suffix(to, ".partial");
    let _ = std::fs::remove_file(&partial);
    let mut connection = open(&source)
        .await
        .map_err(|error| format!("cannot open {}: {error}", source.display()))?;
    let target = partial
        .to_str()
        .ok_or_else(|| format!("--to {}: the path is not UTF-8", to.display()))?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(&mut connection)
        .await
        .map_err(|error| format!("--to {}: cannot write the backup: {error}", to.display()))?;
    let _ = connection.close().await;
    let tables = match check(&partial).await {
        Ok(tables) => tables,
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            return Err(format!("the backup failed its check: {error}"));
        }
    };
    std::fs::rename(&partial, to)
        .map_err(|error| format!("--to {}: cannot write the backup: {error}", to.display()))?;
    Ok(Written {
        bytes: std::fs::metadata(to).map(|m| m.len()).unwrap_or(0),
        file: to.to_owned(),
        tables,
        took: started.elapsed(),
    })
}

/// An existing SQLite file, never created, waiting for a busy writer rather than failing.
async fn open(file: &Path) -> Result<SqliteConnection, sqlx::Error> {
    SqliteConnectOptions::new()
        .filename(file)
        .create_if_missing(false)
        .busy_timeout(Duration::from_secs(10))
        .connect()
        .await
}

/// Checks `file` is a whole Linli database (SQLite's integrity check, the migrations table)
/// and counts each table's rows.
async fn check(file: &Path) -> Result<Vec<(String, i64)>, String> {
    let mut connection = open(file)
        .await
        .map_err(|error| format!("{} cannot be opened: {error}", file.display()))?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut connection)
        .await
        .map_err(|error| format!("{} is not a SQLite database: {error}", file.display()))?;
    if integrity != "ok" {
        return Err(format!(
            "{} is damaged (SQLite's integrity check: {integrity})",
            file.display()
        ));
    }
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )
    .fetch_all(&mut connection)
    .await
    .map_err(|error| error.to_string())?;
    if !names.iter().any(|name| name == "_sqlx_migrations") {
        return Err(format!(
            "{} is not a Linli database: it has no migrations table (_sqlx_migrations)",
            file.display()
        ));
    }
    let mut tables = Vec::with_capacity(names.len());
    for name in names {
        let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{name}\""))
            .fetch_one(&mut connection)
            .await
            .map_err(|error| error.to_string())?;
        tables.push((name, rows));
    }
    let _ = connection.close().await;
    Ok(tables)
}

/// `linli.db` → `linli.db<suffix>`, in the same folder.
fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_file("sqlite://data/linli.db?mode=rwc", "backup").unwrap(),
            PathBuf::from("data/linli.db")
        );
        assert_eq!(
            sqlite_file("sqlite:///var/lib/linli.db", "backup").unwrap(),
            PathBuf::from("/var/lib/linli.db")
        );
        assert!(sqlite_file("sqlite::memory:", "backup").is_err());
        let refusal = sqlite_file("postgres://u@h/db", "backup").unwrap_err();
        assert!(refusal.contains("pg_dump"), "{refusal}");
        let refusal = sqlite_file("postgres://u@h/db", "restore").unwrap_err();
        assert!(refusal.contains("pg_restore"), "{refusal}");
    }
}
