//! `linli-server backup` and `restore` (SQLite), and PostgreSQL's pg_dump / pg_restore as
//! docs/operations.md describes them: a backup taken while requests write holds every row
//! committed before it, table by table; a restore into a new path is that backup, row for
//! row, and serves; bad backups and a served target are refused.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use sha2::{Digest, Sha256};
use sqlx::{Connection, Row};

use crate::helpers::*;
use crate::server_process::{command, run};

/// Each table's row count and a checksum of its rows (every column, rows in a fixed order).
type Snapshot = BTreeMap<String, (i64, String)>;

async fn sqlite_snapshot(file: &Path) -> Snapshot {
    let url = format!("sqlite://{}?mode=ro", file.display());
    let mut connection = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(&mut connection)
    .await
    .unwrap();
    let mut snapshot = Snapshot::new();
    for table in tables {
        let columns: Vec<String> = sqlx::query(&format!("PRAGMA table_info(\"{table}\")"))
            .fetch_all(&mut connection)
            .await
            .unwrap()
            .iter()
            .map(|row| row.get::<String, _>("name"))
            .collect();
        let row_text = columns
            .iter()
            .map(|column| format!("quote(\"{column}\")"))
            .collect::<Vec<_>>()
            .join(" || ',' || ");
        // Ordered by the row's text: a total order, whatever the table's keys.
        let rows: Vec<String> =
            sqlx::query_scalar(&format!("SELECT {row_text} FROM \"{table}\" ORDER BY 1"))
                .fetch_all(&mut connection)
                .await
                .unwrap();
        let mut hash = Sha256::new();
        for row in &rows {
            hash.update(row.as_bytes());
            hash.update(b"\n");
        }
        snapshot.insert(table, (rows.len() as i64, hex::encode(hash.finalize())));
    }
    snapshot
}

fn sqlite_file(database_url: &str) -> PathBuf {
    let rest = database_url.strip_prefix("sqlite://").unwrap();
    PathBuf::from(rest.split('?').next().unwrap())
}

/// Runs the binary off the runtime's thread: the in-process server keeps serving meanwhile.
async fn linli(args: Vec<String>) -> (std::process::ExitStatus, String, String) {
    tokio::task::spawn_blocking(move || {
        let mut server = command();
        server.args(args);
        run(server)
    })
    .await
    .unwrap()
}

fn args(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| item.to_string()).collect()
}

/// Tables a sign-in writes: the only ones that may move on after the backup's moment.
const SIGN_IN_WRITES: &[&str] = &[
    "sessions",
    "known_devices",
    "sign_in_attempts",
    "sign_in_limits",
    "users",
    "messages",
];

#[tokio::test]
async fn a_backup_while_requests_write_restores_row_for_row_and_serves() {
    let app = spawn_app().await;
    if app.database_url.starts_with("postgres") {
        return; // pg_dump_and_pg_restore_round_trip below.
    }
    let live = sqlite_file(&app.database_url);
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("linli-backup.db");

    // Sign-ins write sessions, devices and attempts as fast as they can, all through the backup.
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicUsize::new(0));
    let client = app.client.clone();
    let url = app.url("/api/v1/sessions");
    let writer = tokio::spawn({
        let (stop, written) = (stop.clone(), written.clone());
        async move {
            let phones = [
                RESIDENT,
                VOLUNTEER,
                BUILDING_HEAD,
                STAFF,
                UNIT_HEAD,
                RESIDENT_5,
            ];
            for phone in phones.iter().cycle() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let response = client
                    .post(&url)
                    .json(&serde_json::json!({ "phone": phone, "password": PASSWORD }))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), StatusCode::CREATED);
                written.fetch_add(1, Ordering::Relaxed);
            }
        }
    });
    while written.load(Ordering::Relaxed) < 5 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let before_backup = sqlite_snapshot(&live).await;
    let writes_before = written.load(Ordering::Relaxed);
    let (status, stdout, stderr) = linli(vec![
        "backup".into(),
        "--database-url".into(),
        app.database_url.clone(),
        "--to".into(),
        backup.display().to_string(),
    ])
    .await;
    assert!(status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("backed up to"), "{stdout}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, Ordering::Relaxed);
    writer.await.unwrap();
    assert!(
        written.load(Ordering::Relaxed) > writes_before,
        "no write ran during the backup"
    );

    // Every table the sign-ins leave alone is the live one exactly; the others hold at least
    // what was committed before the backup began, and at most what is there now.
    let saved = sqlite_snapshot(&backup).await;
    let now = sqlite_snapshot(&live).await;
    assert_eq!(
        saved.keys().collect::<Vec<_>>(),
        now.keys().collect::<Vec<_>>()
    );
    let moved: BTreeSet<&str> = saved
        .iter()
        .filter(|(table, rows)| now[*table] != **rows)
        .map(|(table, _)| table.as_str())
        .collect();
    assert!(
        moved.contains("sessions"),
        "the writes did not reach sessions"
    );
    for table in &moved {
        assert!(
            SIGN_IN_WRITES.contains(table),
            "{table} differs from the live database"
        );
        let (rows, _) = saved[*table];
        assert!(
            rows >= before_backup[*table].0,
            "{table} lost rows committed before"
        );
        assert!(rows <= now[*table].0, "{table}");
    }

    // Restored into a new path: the backup, table by table, and a server on it serves.
    let restored = dir.path().join("restored/linli.db");
    let restored_url = format!("sqlite://{}?mode=rwc", restored.display());
    let (status, stdout, stderr) = linli(vec![
        "restore".into(),
        "--database-url".into(),
        restored_url.clone(),
        "--from".into(),
        backup.display().to_string(),
    ])
    .await;
    assert!(status.success(), "{stdout}{stderr}");
    assert_eq!(sqlite_snapshot(&restored).await, saved);
    let served = spawn_app_with(|config| {
        config.database_url = restored_url.clone();
        config.seed = linli_server::config::SeedMode::None;
    })
    .await;
    let grant = served.signed_in(RESIDENT).await;
    assert_eq!(
        served.get_me(Some(&grant.token)).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn restore_refuses_what_is_not_a_linli_backup_and_a_served_database() {
    let app = spawn_app().await;
    if app.database_url.starts_with("postgres") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let target = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("target.db").display()
    );

    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "not a database at all, but long enough to look like a file",
    )
    .unwrap();
    let empty = dir.path().join("empty.db");
    let mut connection =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=rwc", empty.display()))
            .await
            .unwrap();
    sqlx::query("CREATE TABLE t (x)")
        .execute(&mut connection)
        .await
        .unwrap();
    connection.close().await.unwrap();
    for (from, why) in [
        (&text, "not a SQLite database"),
        (&empty, "not a Linli database"),
        (&dir.path().join("missing.db"), "no such file"),
    ] {
        let (status, _, stderr) = linli(vec![
            "restore".into(),
            "--database-url".into(),
            target.clone(),
            "--from".into(),
            from.display().to_string(),
        ])
        .await;
        assert_eq!(status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(why), "{why}: {stderr}");
    }
    assert!(!dir.path().join("target.db").exists());

    // A good backup, refused over the database a server is serving.
    let backup = dir.path().join("good.db");
    let (status, _, stderr) = linli(args(&[
        "backup",
        "--database-url",
        &app.database_url,
        "--to",
        &backup.display().to_string(),
    ]))
    .await;
    assert!(status.success(), "{stderr}");
    let (status, _, stderr) = linli(args(&[
        "backup",
        "--database-url",
        &app.database_url,
        "--to",
        &backup.display().to_string(),
    ]))
    .await;
    assert_eq!(status.code(), Some(2), "a backup overwrote a file");
    assert!(stderr.contains("exists"), "{stderr}");
    let live = sqlite_file(&app.database_url);
    let before = sqlite_snapshot(&live).await;
    let (status, _, stderr) = linli(args(&[
        "restore",
        "--database-url",
        &app.database_url,
        "--from",
        &backup.display().to_string(),
    ]))
    .await;
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("stop the server first"), "{stderr}");
    assert_eq!(sqlite_snapshot(&live).await, before);
    let aside = std::fs::read_dir(live.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .any(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .contains("before-restore")
        });
    assert!(!aside, "the served file was moved");
    assert_eq!(app.get_me(None).await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn backup_and_restore_point_postgres_to_its_tools() {
    for (command, tool) in [("backup", "pg_dump"), ("restore", "pg_restore")] {
        let flag = if command == "backup" {
            "--to"
        } else {
            "--from"
        };
        let (status, _, stderr) = linli(args(&[
            command,
            "--database-url",
            "postgres://linli@127.0.0.1:1/linli",
            flag,
            "/tmp/never-written.db",
        ]))
        .await;
        assert_eq!(status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(tool), "{stderr}");
        assert!(stderr.contains("docs/operations.md"), "{stderr}");
    }
}

/// Each table's row count and an md5 of its rows in text form, on PostgreSQL.
async fn postgres_snapshot(url: &str) -> Snapshot {
    let mut connection = sqlx::PgConnection::connect(url).await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    )
    .fetch_all(&mut connection)
    .await
    .unwrap();
    let mut snapshot = Snapshot::new();
    for table in tables {
        let (rows, sum): (i64, Option<String>) = sqlx::query_as(&format!(
            "SELECT COUNT(*), md5(string_agg(t::text, E'\\n' ORDER BY t::text)) FROM \"{table}\" t"
        ))
        .fetch_one(&mut connection)
        .await
        .unwrap();
        snapshot.insert(table, (rows, sum.unwrap_or_default()));
    }
    snapshot
}

/// docs/operations.md's PostgreSQL backup, tried: pg_dump of a served database, pg_restore
/// into a fresh one, the two compared table by table, a server started on the copy. Runs under
/// scripts/with-postgres.sh, which says where its PostgreSQL tools are.
#[tokio::test]
async fn pg_dump_and_pg_restore_round_trip() {
    let (Ok(server_url), Ok(bin)) = (
        std::env::var("LINLI_TEST_POSTGRES_URL"),
        std::env::var("LINLI_TEST_PG_BIN"),
    ) else {
        return;
    };
    let app = spawn_app().await;
    let resident = app.signed_in(RESIDENT).await;
    assert_eq!(
        app.get_me(Some(&resident.token)).await.status(),
        StatusCode::OK
    );
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("linli.dump");
    let bin = PathBuf::from(bin);

    let tool = |name: &str, args: Vec<String>| {
        let bin = bin.join(name);
        async move {
            tokio::task::spawn_blocking(move || {
                std::process::Command::new(bin).args(args).output().unwrap()
            })
            .await
            .unwrap()
        }
    };
    let dumped = tool(
        "pg_dump",
        vec![
            "--format=custom".into(),
            format!("--file={}", dump.display()),
            app.database_url.clone(),
        ],
    )
    .await;
    assert!(
        dumped.status.success(),
        "{}",
        String::from_utf8_lossy(&dumped.stderr)
    );
    let copy_url = fresh_postgres_database(&server_url).await;
    let restored = tool(
        "pg_restore",
        vec![
            "--no-owner".into(),
            "--exit-on-error".into(),
            format!("--dbname={copy_url}"),
            dump.display().to_string(),
        ],
    )
    .await;
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );

    let original = postgres_snapshot(&app.database_url).await;
    assert!(original["sessions"].0 >= 1);
    assert_eq!(postgres_snapshot(&copy_url).await, original);
    let served = spawn_app_with(|config| {
        config.database_url = copy_url.clone();
        config.seed = linli_server::config::SeedMode::None;
    })
    .await;
    // The session signed in before the dump is valid on the copy.
    assert_eq!(
        served.get_me(Some(&resident.token)).await.status(),
        StatusCode::OK
    );
}
