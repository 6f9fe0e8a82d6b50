//! Server processes for the tests about several servers on one database: the built server
//! binary (not this test process's in-process server), started against a test's database with
//! the flags a test gives, and stopped when the test ends, passing or not.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use linli_server::config::{Config, SeedMode};
use linli_server::platform::db::Db;
use linli_server::Application;
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{fresh_postgres_database, PASSWORD};

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
        let url = match std::env::var("LINLI_TEST_POSTGRES_URL") {
            Ok(server_url) => fresh_postgres_database(&server_url).await,
            Err(_) => format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("linli.db").display()
            ),
        };
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
        ServerProcess::start(&self.url, self.dir.path(), flags).await
    }
}

/// A running `linli-server` process, killed on drop.
pub struct ServerProcess {
    child: Child,
    /// `http://127.0.0.1:PORT`, as the server announced it.
    pub address: String,
    http: reqwest::Client,
    /// What the process printed (its warnings and errors), for a failing test to show.
    log: Arc<Mutex<Vec<String>>>,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl ServerProcess {
    /// Starts the binary on `database_url` with the app and photos in `dir`, on a free port,
    /// logging warnings, and waits until it has bound its port.
    pub async fn start(database_url: &str, dir: &Path, flags: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_linli-server"))
            .args(["--addr", "127.0.0.1:0", "--seed", "none"])
            .arg("--database-url")
            .arg(database_url)
            .arg("--dist")
            .arg(dir.join("no-dist"))
            .arg("--photo-dir")
            .arg(PathBuf::from(dir).join("photos"))
            .args(flags)
            .env("RUST_LOG", "linli_server=warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server binary starts");
        // The welcome names the port; the rest of stdout (the log) is kept, and read so a
        // full pipe never stalls the server.
        let stdout = child.stdout.take().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (found, address) = mpsc::channel();
        let kept = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some((_, url)) = line.split_once("is running at ") {
                    let _ = found.send(url.trim().to_owned());
                }
                kept.lock().unwrap().push(line);
            }
        });
        let address =
            tokio::task::spawn_blocking(move || address.recv_timeout(Duration::from_secs(60)))
                .await
                .unwrap()
                .unwrap_or_else(|_| {
                    panic!(
                        "the server process did not start: {:?}",
                        log.lock().unwrap()
                    )
                });
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        Self {
            child,
            address,
            http,
            log,
        }
    }

    /// Whether the process still runs.
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// The lines it logged at warning or error level.
    pub fn warnings(&self) -> Vec<String> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|line| line.contains("WARN") || line.contains("ERROR"))
            .cloned()
            .collect()
    }

    /// A request to `/api/v1{path}` on this server, with `token` when given.
    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let request = self
            .http
            .request(method, format!("{}/api/v1{path}", self.address));
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

/// A signed-in user, usable on any of the servers.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub user_id: i64,
}
