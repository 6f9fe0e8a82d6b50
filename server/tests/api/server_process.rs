//! The built server binary as an operator runs it, for the tests about what only a process
//! shows (settings at start, SIGTERM, JSON logs, backup) and about several servers on one
//! database: started with flags and environment variables, its address read from what it
//! prints, its output kept for the test to read, killed when the test ends (passing or not).
//! On that one process type sit the conveniences of the several-servers tests: a seeded
//! database no server serves yet, API requests and sign-ins, and the warnings logged.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use linli_server::config::{Config, SeedMode};
use linli_server::platform::db::Db;
use linli_server::Application;
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{json, Value};

use crate::helpers::PASSWORD;

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

/// [`command`] serving `database_url` on a free loopback port with `--seed seed`, its photos
/// in `dir` and no app build (the API alone: `dir/no-dist` does not exist).
pub fn serving(database_url: &str, dir: &Path, seed: &str) -> Command {
    let mut command = command();
    command
        .args(["--addr", "127.0.0.1:0", "--seed", seed])
        .args(["--database-url", database_url])
        .arg("--dist")
        .arg(dir.join("no-dist"))
        .arg("--photo-dir")
        .arg(dir.join("photos"));
    command
}

/// A fresh database for a server process: the test's PostgreSQL when set, else a SQLite file
/// in `dir`.
pub async fn fresh_database_url(dir: &Path) -> String {
    match std::env::var("LINLI_TEST_POSTGRES_URL") {
        Ok(server) => crate::helpers::fresh_postgres_database(&server).await,
        Err(_) => sqlite_url(dir),
    }
}

/// The SQLite file `linli.db` in `dir`, made on first use.
pub fn sqlite_url(dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", dir.join("linli.db").display())
}

/// A running server process, killed on drop.
pub struct ServerProcess {
    child: Child,
    /// `http://127.0.0.1:PORT`, as the server announced it.
    pub address: String,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<Vec<String>>>,
    http: reqwest::Client,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Keeps every line `from` writes, and sends each to `lines` too. Reading it all also keeps a
/// full pipe from ever stalling the server.
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
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        ServerProcess {
            child,
            address,
            stdout,
            stderr,
            http,
        }
    }

    /// [`ServerProcess::start`] waiting off the runtime's thread, so that a server the test
    /// runs in process (on the same database) keeps serving while this one starts.
    pub async fn start_async(command: Command) -> ServerProcess {
        tokio::task::spawn_blocking(move || ServerProcess::start(command))
            .await
            .unwrap()
    }

    /// A server on `database_url`, migrated and seeded already, with `flags` added, logging
    /// only warnings and errors (what [`ServerProcess::warnings`] reads).
    pub async fn on_database(database_url: &str, dir: &Path, flags: &[&str]) -> ServerProcess {
        let mut command = serving(database_url, dir, "none");
        command.args(flags).env("RUST_LOG", "linli_server=warn");
        ServerProcess::start_async(command).await
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

    /// Whether the process still runs.
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    pub fn stdout(&self) -> Vec<String> {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr(&self) -> Vec<String> {
        self.stderr.lock().unwrap().clone()
    }

    /// The lines it logged at warning or error level.
    pub fn warnings(&self) -> Vec<String> {
        let mut lines = self.stdout();
        lines.extend(self.stderr());
        lines.retain(|line| line.contains("WARN") || line.contains("ERROR"));
        lines
    }

    /// A request to `/api/v1{path}` on this server, with `token` when given.
    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let request = self
            .http
            .request(method, self.url(&format!("/api/v1{path}")));
        match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    /// `POST /sessions` for `phone` with `password`.
    pub async fn sign_in_with(&self, phone: &str, password: &str) -> reqwest::Response {
        self.request(Method::POST, "/sessions", None)
            .json(&json!({ "phone": phone, "password": password }))
            .send()
            .await
            .expect("request sent")
    }

    /// Signs `phone` in with the demo password on this server.
    pub async fn sign_in(&self, phone: &str) -> Session {
        let response = self.sign_in_with(phone, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::CREATED, "sign in {phone}");
        let grant: Value = response.json().await.unwrap();
        Session {
            token: grant["token"].as_str().unwrap().to_owned(),
            user_id: grant["me"]["id"].as_i64().unwrap(),
        }
    }
}

fn address_in(line: &str) -> Option<String> {
    if let Some((_, rest)) = line.split_once("is running at ") {
        return Some(rest.trim().to_owned());
    }
    let json: Value = serde_json::from_str(line).ok()?;
    json.get("url")?.as_str().map(str::to_owned)
}

/// A signed-in user, usable on any of the servers.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub user_id: i64,
}

/// A fresh demo database (the SQLite file of a temp dir, or under scripts/with-postgres.sh a
/// new PostgreSQL database) that no server serves yet: the processes a test starts are then the
/// only ones reading it and running timers on it.
pub struct SharedDatabase {
    pub url: String,
    /// A pool of the test's own, to arrange what the API cannot and to check what is stored.
    pub db: Db,
    dir: tempfile::TempDir,
}

impl SharedDatabase {
    /// Migrated and seeded with the demo community by building (not running) an application.
    pub async fn seeded() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = fresh_database_url(dir.path()).await;
        let mut config = Config::new(url.clone());
        config.addr = "127.0.0.1:0".parse().unwrap();
        config.seed = SeedMode::Demo;
        config.dist_dir = dir.path().join("no-dist");
        config.photo_dir = dir.path().join("photos");
        drop(Application::build(config).await.expect("the demo seeds"));
        let db = Db::connect(&url).await.unwrap();
        Self { url, db, dir }
    }

    /// A server process on this database with `flags` added.
    pub async fn start(&self, flags: &[&str]) -> ServerProcess {
        ServerProcess::on_database(&self.url, self.dir.path(), flags).await
    }
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
    use std::io::Write;
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
