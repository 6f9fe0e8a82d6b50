//! The built server binary as an operator runs it: started with flags and environment
//! variables, its address read from what it prints, its output kept for the test to read,
//! killed when the test ends (passing or not).

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BINARY: &str = env!("CARGO_BIN_EXE_linli-server");

/// A command running the server binary with a quiet environment: none of the test process's
/// own settings leak in.
pub fn command() -> Command {
    let mut command = Command::new(BINARY);
    for (name, _) in std::env::vars() {
        if name.starts_with("LINLI_") || name == "DATABASE_URL" || name == "RUST_LOG" {
            command.env_remove(name);
        }
    }
    command.stdin(Stdio::null());
    command
}

/// A fresh database for a server process: the test's PostgreSQL when set, else a SQLite file
/// in `dir`.
pub async fn fresh_database_url(dir: &std::path::Path) -> String {
    match std::env::var("LINLI_TEST_POSTGRES_URL") {
        Ok(server) => crate::helpers::fresh_postgres_database(&server).await,
        Err(_) => format!("sqlite://{}?mode=rwc", dir.join("linli.db").display()),
    }
}

/// A running server process.
pub struct ServerProcess {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub address: String,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Keeps every line `from` writes, and sends each to `lines` too.
fn collect(
    from: impl Read + Send + 'static,
    into: Arc<Mutex<Vec<String>>>,
    lines: mpsc::Sender<String>,
) {
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines().map_while(Result::ok) {
            into.lock().unwrap().push(line.clone());
            let _ = lines.send(line);
        }
    });
}

impl ServerProcess {
    /// Starts `command` and waits (up to a minute) for it to say where it listens, in text
    /// ("is running at http://…") or JSON (`"url":"http://…"`).
    pub fn start(mut command: Command) -> ServerProcess {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server binary starts");
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let (lines, heard) = mpsc::channel();
        collect(child.stdout.take().unwrap(), stdout.clone(), lines.clone());
        collect(child.stderr.take().unwrap(), stderr.clone(), lines);
        let deadline = Instant::now() + Duration::from_secs(60);
        let address = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match heard.recv_timeout(left) {
                Ok(line) => {
                    if let Some(address) = address_in(&line) {
                        break address;
                    }
                }
                Err(_) => panic!(
                    "the server did not start; it wrote:\n{}\n{}",
                    stdout.lock().unwrap().join("\n"),
                    stderr.lock().unwrap().join("\n")
                ),
            }
        };
        ServerProcess {
            child,
            address,
            stdout,
            stderr,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGTERM, as systemd or Docker stopping it would.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// Waits up to `limit` for the process to end.
    pub fn wait_for_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }

    pub fn stdout(&self) -> Vec<String> {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr(&self) -> Vec<String> {
        self.stderr.lock().unwrap().clone()
    }
}

fn address_in(line: &str) -> Option<String> {
    if let Some((_, rest)) = line.split_once("is running at ") {
        return Some(rest.trim().to_owned());
    }
    let json: serde_json::Value = serde_json::from_str(line).ok()?;
    json.get("url")?.as_str().map(str::to_owned)
}

/// Runs `command` to its end: its status, stdout and stderr.
pub fn run(mut command: Command) -> (ExitStatus, String, String) {
    let output = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("the server binary runs");
    (
        output.status,
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A GET's status over a fresh connection, without an async runtime.
pub fn http_status(url: &str) -> u16 {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = std::net::TcpStream::connect(host).expect("the server accepts");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
        .get(9..12)
        .and_then(|code| code.parse().ok())
        .expect("an HTTP status line")
}
