//! `linli-server restore --from FILE`: the backup is checked (a whole SQLite database, Linli's
//! migrations table, no migration this build does not know), the server must be stopped, the
//! current file and its WAL are moved aside (`linli.db.before-restore-<time>`), and the backup
//! is copied in and renamed into place, so the file is never half written.

use std::path::Path;
use std::time::Instant;

use super::{check, lock, open, sqlite_file, with_suffix, Written};

pub async fn restore(database_url: &str, from: &Path) -> Result<Written, String> {
    let started = Instant::now();
    let target = sqlite_file(database_url, "restore")?;
    if !from.is_file() {
        return Err(format!("--from {}: no such file", from.display()));
    }
    check(from)
        .await
        .map_err(|error| format!("--from: {error}"))?;
    migrations_known(from).await?;
    if let Some(dir) = target.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    }
    let _lock = lock::take_exclusive(&target)?;

    if target.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let aside = with_suffix(&target, &format!(".before-restore-{stamp}"));
        // The WAL holds the latest commits until a checkpoint: it moves with its file.
        for suffix in ["", "-wal", "-shm"] {
            let from = with_suffix(&target, suffix);
            if from.exists() {
                std::fs::rename(&from, with_suffix(&aside, suffix))
                    .map_err(|error| format!("cannot move {} aside: {error}", from.display()))?;
            }
        }
        eprintln!(
            "linli-server: the old database is kept as {}",
            aside.display()
        );
    }
    let partial = with_suffix(&target, ".restoring");
    std::fs::copy(from, &partial)
        .and_then(|_| std::fs::File::open(&partial)?.sync_all())
        .map_err(|error| format!("cannot write {}: {error}", partial.display()))?;
    std::fs::rename(&partial, &target)
        .map_err(|error| format!("cannot write {}: {error}", target.display()))?;
    let tables = check(&target).await?;
    Ok(Written {
        bytes: std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0),
        file: target,
        tables,
        took: started.elapsed(),
    })
}

/// Every migration the backup has applied is one of this build's, unchanged: a backup from a
/// newer Linli would meet a server that does not know its tables. An older one is brought up
/// to date by the server's migrations at its next start.
async fn migrations_known(file: &Path) -> Result<(), String> {
    let known = sqlx::migrate!("./migrations/sqlite");
    let mut connection = open(file).await.map_err(|error| error.to_string())?;
    let applied: Vec<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut connection)
            .await
            .map_err(|error| format!("--from: cannot read its migrations: {error}"))?;
    for (version, checksum) in applied {
        match known.iter().find(|migration| migration.version == version) {
            None => {
                return Err(format!(
                    "--from {}: it was made by a newer Linli (migration {version} is unknown \
                     to this server): restore it with that version",
                    file.display()
                ))
            }
            Some(migration) if migration.checksum.as_ref() != checksum.as_slice() => {
                return Err(format!(
                    "--from {}: its migration {version} differs from this server's: it is \
                     not a database of this Linli",
                    file.display()
                ))
            }
            Some(_) => {}
        }
    }
    Ok(())
}
