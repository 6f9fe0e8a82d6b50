//! Live-stream benchmark (scripts/bench-sse.sh): a release server on a fresh SQLite file with
//! the demo community and BENCH_STREAMS (2,000) residents of one building, a stream open for
//! each, then one message written to all of them. Prints the streams held, the server's
//! resident memory before and after opening them (and so per stream), and the delivery latency
//! from the write's commit to each stream's receipt (p50 / p99 / max).
//!
//! The message is written by this process through `notify()` on the same database file, as
//! another server sharing the database would write it: the server under test learns of it
//! only by polling the table (every BENCH_POLL_MS, default 1,000 ms: the server's default), so
//! the latency includes up to one poll interval. Messages written by the server itself wake
//! its poller at once instead.

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use linli_api_types::{MessageKind, MessageSubject, SubjectKind};
use linli_server::features::messages::{notify, NewMessage};
use linli_server::platform::db::{now_ms, Db};
use tokio::sync::mpsc;

mod streams;
mod world;

use streams::Outcome;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// The server process, stopped however the bench ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The resident memory of process `pid` in KiB (Linux).
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], pct: usize) -> Duration {
    let index = (sorted.len() * pct / 100).min(sorted.len().saturating_sub(1));
    sorted.get(index).copied().unwrap_or_default()
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let n = usize::try_from(env_number("BENCH_STREAMS", 2000)).map_err(|e| e.to_string())?;
    let poll_ms = env_number("BENCH_POLL_MS", 1000);
    let server_bin = std::env::var("BENCH_SERVER_BIN")
        .map_err(|_| "BENCH_SERVER_BIN: the server binary to measure".to_owned())?;
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    let url = format!(
        "sqlite://{}?mode=rwc",
        work.path().join("bench.db").display()
    );

    let db = Db::connect(&url).await.map_err(|e| e.to_string())?;
    let setup = Instant::now();
    let world = world::build(&db, n).await?;
    println!(
        "bench-sse: the demo community and {n} residents of 3栋 in {:.1} s",
        setup.elapsed().as_secs_f64()
    );

    let addr: SocketAddr = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
        probe.local_addr().map_err(|e| e.to_string())?
    };
    let log = std::fs::File::create(work.path().join("server.log")).map_err(|e| e.to_string())?;
    let server = Server(
        Command::new(&server_bin)
            .arg("--addr")
            .arg(addr.to_string())
            .arg("--database-url")
            .arg(&url)
            .arg("--dist")
            .arg(work.path().join("no-dist"))
            .args(["--seed", "none", "--message-poll-ms", &poll_ms.to_string()])
            .env("RUST_LOG", "linli_server=warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("start {server_bin}: {e}"))?,
    );
    let base: Arc<str> = format!("http://{addr}").into();
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while client
        .get(format!("{base}/api/v1/health"))
        .send()
        .await
        .map_or(true, |r| !r.status().is_success())
    {
        if Instant::now() > deadline {
            let log = std::fs::read_to_string(work.path().join("server.log")).unwrap_or_default();
            return Err(format!("the server did not answer within a minute:\n{log}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let pid = server.0.id();
    let rss_before = rss_kib(pid);

    let (outcomes, mut results) = mpsc::unbounded_channel();
    let opening = Instant::now();
    let tokens = world.residents.iter().map(|r| r.token.clone()).collect();
    streams::open_all(Arc::clone(&base), addr, tokens, 32, outcomes).await?;
    println!(
        "bench-sse: {n} streams opened in {:.1} s",
        opening.elapsed().as_secs_f64()
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_after = rss_kib(pid);
    let held = streams::OPEN.load(std::sync::atomic::Ordering::SeqCst);

    // One important notice's message to everyone, as a feature writes it in its transaction.
    let notice: i64 = sqlx::query_scalar("SELECT MIN(id) FROM notices")
        .fetch_one(&db.read)
        .await
        .map_err(|e| e.to_string())?;
    let recipients: Vec<i64> = world.residents.iter().map(|r| r.user_id).collect();
    let message = NewMessage::new(
        world.community_id,
        MessageKind::NoticeImportant,
        MessageSubject {
            kind: SubjectKind::Notice,
            id: notice,
        },
        now_ms(),
    )
    .with("title", "停水通知");
    let writing = Instant::now();
    let mut tx = db.write.begin().await.map_err(|e| e.to_string())?;
    let written = notify(&mut tx, &message, &recipients)
        .await
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    let committed = Instant::now();

    let mut latencies = Vec::with_capacity(n);
    let mut closed = 0;
    let wait_until = committed + Duration::from_secs(30);
    while latencies.len() + closed < held {
        let left = wait_until.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, results.recv()).await {
            Ok(Some(Outcome::Received(at))) => {
                latencies.push(at.saturating_duration_since(committed))
            }
            Ok(Some(Outcome::Closed)) => closed += 1,
            Ok(None) | Err(_) => break,
        }
    }
    latencies.sort_unstable();
    let per_stream = (rss_after.saturating_sub(rss_before) as f64) / held.max(1) as f64;
    println!();
    println!("  streams held:          {held} of {n}");
    println!(
        "  server RSS:            {:.1} MiB before, {:.1} MiB with the streams open",
        rss_before as f64 / 1024.0,
        rss_after as f64 / 1024.0
    );
    println!("  memory per stream:     {per_stream:.1} KiB");
    println!(
        "  the write:             {written} messages in one transaction, {}",
        ms(committed - writing)
    );
    println!(
        "  delivered:             {} of {held} ({closed} closed before)",
        latencies.len()
    );
    println!(
        "  latency (commit → receipt, poll every {poll_ms} ms): p50 {}  p99 {}  max {}",
        ms(percentile(&latencies, 50)),
        ms(percentile(&latencies, 99)),
        ms(latencies.last().copied().unwrap_or_default())
    );
    println!(
        "SUMMARY streams={held} rss_before_kib={rss_before} rss_after_kib={rss_after} per_stream_kib={per_stream:.1} delivered={} p50_ms={:.1} p99_ms={:.1} max_ms={:.1}",
        latencies.len(),
        percentile(&latencies, 50).as_secs_f64() * 1000.0,
        percentile(&latencies, 99).as_secs_f64() * 1000.0,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1000.0,
    );
    drop(server);
    if latencies.len() < held {
        return Err(format!(
            "{} streams did not get the message",
            held - latencies.len()
        ));
    }
    Ok(())
}
