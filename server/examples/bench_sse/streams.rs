//! The benchmark's clients: each resident trades their session for a ticket and holds a live
//! stream open over a plain TCP connection (no HTTP client's pool in between), noting the
//! moment the first `message` event arrives.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

/// How many streams are open right now.
pub static OPEN: AtomicUsize = AtomicUsize::new(0);

/// What became of one stream after the write.
pub enum Outcome {
    /// The message arrived at this moment.
    Received(Instant),
    /// The server closed the stream first.
    Closed,
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// A new ticket for the session `token`.
pub async fn ticket(client: &reqwest::Client, base: &str, token: &str) -> Result<String, String> {
    let response = client
        .post(format!("{base}/api/v1/messages/stream-ticket"))
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| format!("ticket: {e}"))?;
    if !response.status().is_success() {
        return Err(format!("ticket: {}", response.status()));
    }
    let body: serde_json::Value = response.json().await.map_err(|e| e.to_string())?;
    body["ticket"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "ticket: no ticket in the answer".to_owned())
}

/// Opens a stream with `ticket` and waits for its first event (`unread`); then a task reads on
/// and reports on `outcomes` when the first message arrives or the stream ends.
pub async fn open(
    addr: SocketAddr,
    ticket: &str,
    outcomes: mpsc::UnboundedSender<Outcome>,
) -> Result<(), String> {
    let mut tcp = TcpStream::connect(addr)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let request = format!(
        "GET /api/v1/messages/stream?ticket={ticket}&lang=zh HTTP/1.1\r\nHost: {addr}\r\n\
         Accept: text/event-stream\r\n\r\n"
    );
    tcp.write_all(request.as_bytes())
        .await
        .map_err(|e| format!("send: {e}"))?;
    let mut seen = Vec::with_capacity(1024);
    let mut buffer = [0u8; 2048];
    while !contains(&seen, b"event: unread") && !contains(&seen, b"event:unread") {
        let read = tcp
            .read(&mut buffer)
            .await
            .map_err(|e| format!("read: {e}"))?;
        if read == 0 {
            return Err(format!(
                "the stream closed before its first event: {}",
                String::from_utf8_lossy(&seen)
            ));
        }
        seen.extend_from_slice(&buffer[..read]);
    }
    if !seen.starts_with(b"HTTP/1.1 200") {
        return Err(format!("refused: {}", String::from_utf8_lossy(&seen)));
    }
    OPEN.fetch_add(1, Ordering::SeqCst);
    tokio::spawn(async move {
        let mut seen = Vec::with_capacity(1024);
        let mut buffer = [0u8; 2048];
        let outcome = loop {
            match tcp.read(&mut buffer).await {
                Ok(0) | Err(_) => break Outcome::Closed,
                Ok(read) => {
                    seen.extend_from_slice(&buffer[..read]);
                    if contains(&seen, b"event: message") || contains(&seen, b"event:message") {
                        break Outcome::Received(Instant::now());
                    }
                }
            }
        };
        OPEN.fetch_sub(1, Ordering::SeqCst);
        let _ = outcomes.send(outcome);
    });
    Ok(())
}

/// Opens a stream for each of `tokens`, `parallel` at a time.
pub async fn open_all(
    base: Arc<str>,
    addr: SocketAddr,
    tokens: Vec<String>,
    parallel: usize,
    outcomes: mpsc::UnboundedSender<Outcome>,
) -> Result<(), String> {
    let client = reqwest::Client::new();
    let gate = Arc::new(tokio::sync::Semaphore::new(parallel));
    let mut opening = tokio::task::JoinSet::new();
    for token in tokens {
        let permit = Arc::clone(&gate)
            .acquire_owned()
            .await
            .map_err(|e| e.to_string())?;
        let (client, base, outcomes) = (client.clone(), Arc::clone(&base), outcomes.clone());
        opening.spawn(async move {
            let _permit = permit;
            let ticket = ticket(&client, &base, &token).await?;
            open(addr, &ticket, outcomes).await
        });
    }
    while let Some(opened) = opening.join_next().await {
        opened.map_err(|e| e.to_string())??;
    }
    Ok(())
}
