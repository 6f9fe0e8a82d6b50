//! Stopping with SIGTERM: the built server stops accepting connections at once, a request in
//! flight (a sign-in whose body is still arriving) finishes and is stored, and the process
//! exits 0; a request that never finishes is cut off after the grace.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use sqlx::Connection;

use crate::helpers::{PASSWORD, RESIDENT};
use crate::server_process::{fresh_database_url, serving, ServerProcess};

fn start(database_url: &str, dir: &std::path::Path, grace_secs: &str) -> ServerProcess {
    let mut server = serving(database_url, dir, "demo");
    server.args(["--shutdown-grace-secs", grace_secs]);
    ServerProcess::start(server)
}

/// Sends a sign-in's headers and the first half of its body: the request is in the server's
/// hands, its handler waiting for the rest.
fn half_sent_sign_in(server: &ServerProcess) -> (TcpStream, Vec<u8>) {
    let body = serde_json::json!({ "phone": RESIDENT, "password": PASSWORD }).to_string();
    let host = server.address.strip_prefix("http://").unwrap();
    let mut stream = TcpStream::connect(host).unwrap();
    write!(
        stream,
        "POST /api/v1/sessions HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    let (first, rest) = body.as_bytes().split_at(body.len() / 2);
    stream.write_all(first).unwrap();
    stream.flush().unwrap();
    (stream, rest.to_vec())
}

async fn sessions(database_url: &str) -> i64 {
    sqlx::any::install_default_drivers();
    let mut connection = sqlx::AnyConnection::connect(database_url).await.unwrap();
    sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&mut connection)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_request_in_flight_finishes_after_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database_url(dir.path()).await;
    let mut server = start(&database_url, dir.path(), "20");
    let before = sessions(&database_url).await;
    let (mut stream, rest) = half_sent_sign_in(&server);
    std::thread::sleep(Duration::from_millis(300));

    server.terminate();
    // No new connections once the signal is heard.
    let host = server.address.strip_prefix("http://").unwrap().to_owned();
    let deadline = Instant::now() + Duration::from_secs(5);
    while TcpStream::connect(&host).is_ok() {
        assert!(
            Instant::now() < deadline,
            "still accepting 5 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        server.wait_for_exit(Duration::from_millis(500)).is_none(),
        "it stopped with a request in flight"
    );

    stream.write_all(&rest).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    assert!(answer.contains("\"token\""), "{answer}");

    let status = server
        .wait_for_exit(Duration::from_secs(10))
        .expect("it stops");
    assert!(status.success(), "{status}");
    let log = server.stdout().join("\n");
    assert!(log.contains("shutting down"), "{log}");
    assert!(log.contains("stopped"), "{log}");
    assert_eq!(
        sessions(&database_url).await,
        before + 1,
        "the sign-in is stored"
    );
}

#[tokio::test]
async fn a_request_that_never_finishes_is_cut_off_after_the_grace() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database_url(dir.path()).await;
    let mut server = start(&database_url, dir.path(), "1");
    let (_stream, _never_sent) = half_sent_sign_in(&server);
    std::thread::sleep(Duration::from_millis(300));

    let signalled = Instant::now();
    server.terminate();
    let status = server
        .wait_for_exit(Duration::from_secs(10))
        .expect("it stops");
    assert!(status.success(), "{status}");
    let took = signalled.elapsed();
    assert!(
        took >= Duration::from_secs(1),
        "it did not wait the grace: {took:?}"
    );
    let log = server.stdout().join("\n");
    assert!(log.contains("still in flight"), "{log}");
}
