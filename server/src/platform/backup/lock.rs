//! Whether a server has the SQLite file open, told by a lock file beside it (`linli.db.lock`):
//! each server holds a shared lock on it while it runs, a restore needs the exclusive one. An
//! advisory `flock`, released by the kernel when the process ends, even by a crash. (Not on
//! the database file itself: SQLite's own POSIX locks on it would be dropped when another
//! descriptor of the file closes.)

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// A lock held until dropped.
#[derive(Debug)]
pub struct ServerLock {
    _file: File,
}

fn lock_file(database: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path(database))
}

fn path(database: &Path) -> PathBuf {
    super::with_suffix(database, ".lock")
}

/// Held by a serving server; refused while a restore replaces the file.
pub fn hold_shared(database: &Path) -> Result<ServerLock, String> {
    let file = lock_file(database).map_err(|error| {
        format!(
            "DATABASE_URL (--database-url): cannot open {} beside the database: {error}",
            path(database).display()
        )
    })?;
    match file.try_lock_shared() {
        Ok(()) => Ok(ServerLock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(format!(
            "{} is being restored (`linli-server restore` holds {}): start the server when it \
             has finished",
            database.display(),
            path(database).display()
        )),
        Err(TryLockError::Error(error)) => {
            Err(format!("cannot lock {}: {error}", path(database).display()))
        }
    }
}

/// Taken by a restore: refused while any server runs on the file.
pub(super) fn take_exclusive(database: &Path) -> Result<ServerLock, String> {
    let file = lock_file(database)
        .map_err(|error| format!("cannot open {}: {error}", path(database).display()))?;
    match file.try_lock() {
        Ok(()) => Ok(ServerLock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(format!(
            "{} is in use by a running Linli server: stop the server first, then restore",
            database.display()
        )),
        Err(TryLockError::Error(error)) => {
            Err(format!("cannot lock {}: {error}", path(database).display()))
        }
    }
}
