//! Settings checked at start, each refusal naming the setting (flag and environment variable),
//! the value and what is accepted, so an operator can fix it from the message alone. The
//! server prints them and exits with status 2 (src/main.rs), no backtrace.

use std::net::SocketAddr;
use std::path::Path;

use sqlx::Connection;

const DATABASE_URL: &str = "DATABASE_URL (--database-url)";

/// The schemes the server speaks.
pub fn database_url(url: &str) -> Result<(), String> {
    let scheme_ok = url.starts_with("sqlite:")
        || url.starts_with("postgres://")
        || url.starts_with("postgresql://");
    if scheme_ok {
        return Ok(());
    }
    Err(format!(
        "{DATABASE_URL} is \"{}\": only SQLite and PostgreSQL are supported, as \
         sqlite://PATH?mode=rwc (e.g. sqlite://data/linli.db?mode=rwc) or \
         postgres://USER:PASSWORD@HOST:PORT/DATABASE",
        redacted(url)
    ))
}

/// The URL without its password, for messages and logs.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split(':').next().unwrap_or_default();
            let hidden = if user_info.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{hidden}@{host}{tail}")
        }
        None => url.to_owned(),
    }
}

/// Why the database could not be opened, with the driver's own reason. The pool's error after
/// its retries is only "timed out", so one direct connection is tried for the real one.
pub async fn unreachable_database(url: &str, pool_error: sqlx::Error) -> String {
    let reason = match sqlx::AnyConnection::connect(url).await {
        Err(error) => error.to_string(),
        Ok(_) => pool_error.to_string(),
    };
    format!(
        "{DATABASE_URL}: cannot open the database at {}: {reason}. Check that the database \
         server runs and the URL's host, port, user, password and database name, or for \
         SQLite that the file's folder can be written",
        redacted(url)
    )
}

/// Why the listen address could not be bound.
pub fn bind_failed(addr: SocketAddr, error: &std::io::Error) -> String {
    let why = match error.kind() {
        std::io::ErrorKind::AddrInUse => {
            "the port is in use by another program (another Linli server?): stop it or \
             choose a free port"
                .to_owned()
        }
        std::io::ErrorKind::AddrNotAvailable => {
            "no network interface of this machine has that address: use 127.0.0.1 (this \
             machine only) or 0.0.0.0 (every interface)"
                .to_owned()
        }
        std::io::ErrorKind::PermissionDenied => {
            "ports below 1024 need privileges: use a port such as 8080 behind a reverse proxy"
                .to_owned()
        }
        _ => error.to_string(),
    };
    format!("LINLI_ADDR (--addr) is {addr}: cannot listen there: {why}")
}

/// The photo folder exists (made if missing) and a file can be written in it: finding out at
/// the first upload would refuse a resident's photo instead.
pub fn photo_dir(dir: &Path) -> Result<(), String> {
    let refuse = |error: std::io::Error| {
        format!(
            "LINLI_PHOTO_DIR (--photo-dir) is {}: the server cannot write there ({error}): \
             give the server's user write access, or choose another folder",
            dir.display()
        )
    };
    std::fs::create_dir_all(dir).map_err(refuse)?;
    // Named for this start: servers starting together on one folder check it at once.
    static STARTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let start = STARTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let probe = dir.join(format!(".linli-write-check-{}-{start}", std::process::id()));
    std::fs::write(&probe, b"").map_err(refuse)?;
    std::fs::remove_file(&probe).map_err(refuse)
}

/// A warning, not a refusal: the API works without the built app.
pub fn dist_dir_warning(dir: &Path) -> Option<String> {
    (!dir.join("index.html").exists()).then(|| {
        format!(
            "LINLI_DIST_DIR (--dist) is {}, which has no index.html: the app's pages are not \
             served (the API is). Build the app with `trunk build --release` or point --dist \
             at its dist/ folder",
            dir.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sqlite_and_postgres_urls_pass() {
        for good in [
            "sqlite://data/linli.db?mode=rwc",
            "sqlite::memory:",
            "postgres://u@h/db",
            "postgresql://u:p@h:5432/db",
        ] {
            assert!(database_url(good).is_ok(), "{good}");
        }
        let refusal = database_url("mysql://root:hunter2@db/linli").unwrap_err();
        assert!(refusal.contains("DATABASE_URL"), "{refusal}");
        assert!(refusal.contains("mysql://root:***@db/linli"), "{refusal}");
        assert!(!refusal.contains("hunter2"), "{refusal}");
        assert!(refusal.contains("postgres://"), "{refusal}");
    }

    #[test]
    fn passwords_are_left_out_of_urls() {
        assert_eq!(
            redacted("postgres://u:pw@h:5/db"),
            "postgres://u:***@h:5/db"
        );
        assert_eq!(redacted("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redacted("sqlite://data/a.db"), "sqlite://data/a.db");
    }

    #[test]
    fn a_busy_port_is_named() {
        let error = std::io::Error::from(std::io::ErrorKind::AddrInUse);
        let message = bind_failed("127.0.0.1:8080".parse().unwrap(), &error);
        assert!(message.contains("--addr") && message.contains("127.0.0.1:8080"));
        assert!(message.contains("in use"), "{message}");
    }
}
