//! `--log-format json` / `LINLI_LOG_FORMAT=json`: every line the built server writes is one
//! JSON object, the request log's included (method, route path, status, latency), and the
//! default stays text.

use std::time::Duration;

use serde_json::Value;

use crate::server_process::{http_status, serving, sqlite_url, ServerProcess};

fn start(dir: &std::path::Path, format: Option<&str>) -> ServerProcess {
    let mut server = serving(&sqlite_url(dir), dir, "none");
    if let Some(format) = format {
        server.env("LINLI_LOG_FORMAT", format);
    }
    ServerProcess::start(server)
}

/// Makes one request to a route with an id, then stops the server and returns what it wrote.
fn lines_written(mut server: ServerProcess) -> Vec<String> {
    assert_eq!(http_status(&server.url("/api/v1/notices/4242")), 401);
    server.terminate();
    assert!(server
        .wait_for_exit(Duration::from_secs(20))
        .expect("it stops")
        .success());
    let mut lines = server.stdout();
    lines.extend(server.stderr());
    lines.retain(|line| !line.trim().is_empty());
    lines
}

#[test]
fn json_logs_are_one_object_per_line_with_the_request_fields() {
    let dir = tempfile::tempdir().unwrap();
    let lines = lines_written(start(dir.path(), Some("json")));
    let objects: Vec<Value> = lines
        .iter()
        .map(|line| {
            let value: Value = serde_json::from_str(line)
                .unwrap_or_else(|error| panic!("not JSON ({error}): {line}"));
            assert!(value.is_object(), "{line}");
            value
        })
        .collect();
    let request = objects
        .iter()
        .find(|object| object["span"]["path"] == "/api/v1/notices/4242")
        .unwrap_or_else(|| panic!("no request log line in {lines:#?}"));
    assert_eq!(request["span"]["method"], "GET");
    assert_eq!(request["status"], 401);
    assert!(
        request["latency"].is_string() || request["latency"].is_number(),
        "{request}"
    );
    assert_eq!(request["level"], "INFO");
    assert!(request["timestamp"].is_string(), "{request}");
    assert!(objects.iter().any(|o| o["message"] == "Linli is running"));
    assert!(objects.iter().any(|o| o["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("shutting down"))));
}

#[test]
fn text_stays_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let lines = lines_written(start(dir.path(), None));
    let request = lines
        .iter()
        .find(|line| line.contains("/api/v1/notices/4242"))
        .unwrap_or_else(|| panic!("no request log line in {lines:#?}"));
    assert!(serde_json::from_str::<Value>(request).is_err(), "{request}");
    assert!(request.contains("status=401"), "{request}");
}
