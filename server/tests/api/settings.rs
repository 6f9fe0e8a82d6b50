//! Bad settings at start: the built binary refuses each with a message naming the setting
//! (flag and environment variable), the bad value and what is accepted, exit status 2, and no
//! panic or backtrace. A missing app build is only a warning.

use std::process::Command;
use std::time::Duration;

use crate::server_process::{command, http_status, run, serving, sqlite_url, ServerProcess};

/// Runs the server with `configure`'s settings (on a free port and a SQLite file in a temp
/// folder unless they say otherwise) and returns its stderr, asserting the refusal's form.
fn refused(configure: impl FnOnce(&mut Command)) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut server = command();
    server
        .env("LINLI_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", sqlite_url(dir.path()))
        .env("LINLI_DIST_DIR", dir.path())
        .env("LINLI_PHOTO_DIR", dir.path().join("photos"));
    configure(&mut server);
    let (status, _, stderr) = run(server);
    assert_eq!(status.code(), Some(2), "stderr: {stderr}");
    for sign in ["panicked", "backtrace", "RUST_BACKTRACE"] {
        assert!(!stderr.contains(sign), "{stderr}");
    }
    stderr
}

fn says(stderr: &str, words: &[&str]) {
    for word in words {
        assert!(stderr.contains(word), "{word:?} is not in: {stderr}");
    }
}

#[test]
fn a_database_url_of_another_kind_is_named_without_its_password() {
    let stderr = refused(|server| {
        server.env("DATABASE_URL", "mysql://root:hunter2@db.example/linli");
    });
    says(
        &stderr,
        &[
            "DATABASE_URL",
            "mysql://root:***@db.example/linli",
            "sqlite://",
            "postgres://",
        ],
    );
    assert!(!stderr.contains("hunter2"), "{stderr}");
}

#[test]
fn an_unreachable_database_is_named_with_the_reason() {
    // Port 1 on loopback: nothing listens there.
    let stderr = refused(|server| {
        server.env("DATABASE_URL", "postgres://linli:secret@127.0.0.1:1/linli");
    });
    says(
        &stderr,
        &[
            "DATABASE_URL",
            "postgres://linli:***@127.0.0.1:1/linli",
            "refused",
        ],
    );
    assert!(!stderr.contains("secret"), "{stderr}");
}

#[test]
fn a_port_in_use_is_named() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let stderr = refused(|server| {
        server.args(["--addr", &addr]);
    });
    says(&stderr, &["--addr", "LINLI_ADDR", &addr, "in use"]);
}

#[test]
fn an_unwritable_photo_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    // A file where a folder should be: refused even for root, who may write anywhere.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let photos = file.join("photos");
    let stderr = refused(|server| {
        server.env("LINLI_PHOTO_DIR", &photos);
    });
    says(
        &stderr,
        &[
            "LINLI_PHOTO_DIR",
            "--photo-dir",
            &photos.display().to_string(),
            "cannot write",
        ],
    );
}

#[test]
fn the_demo_on_an_address_others_reach_is_refused() {
    let stderr = refused(|server| {
        server.args(["--addr", "0.0.0.0:0", "--seed", "demo"]);
    });
    says(&stderr, &["0.0.0.0:0", "LINLI_SEED", "127.0.0.1"]);
}

#[test]
fn bad_values_from_the_environment_name_flag_and_variable() {
    let stderr = refused(|server| {
        server.env("LINLI_ADDR", "nowhere");
    });
    says(&stderr, &["nowhere", "--addr", "LINLI_ADDR"]);
    let stderr = refused(|server| {
        server.env("LINLI_LOG_FORMAT", "xml");
    });
    says(
        &stderr,
        &["xml", "--log-format", "LINLI_LOG_FORMAT", "text", "json"],
    );
    let stderr = refused(|server| {
        server.args(["--shutdown-grace-secs", "soon"]);
    });
    says(
        &stderr,
        &["soon", "--shutdown-grace-secs", "LINLI_SHUTDOWN_GRACE_SECS"],
    );
}

#[test]
fn a_missing_app_build_is_a_warning_and_the_api_serves() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(serving(&sqlite_url(dir.path()), dir.path(), "none"));
    let health = http_status(&server.url("/api/v1/health"));
    assert_eq!(health, 200);
    let warning = server.stdout().join("\n");
    assert!(warning.contains("LINLI_DIST_DIR"), "{warning}");
    assert!(warning.contains("WARN"), "{warning}");
    server.terminate();
    let status = server
        .wait_for_exit(Duration::from_secs(20))
        .expect("it stops");
    assert!(status.success(), "{status}");
}
