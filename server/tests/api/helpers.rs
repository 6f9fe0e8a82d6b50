use std::time::Duration;

use linli_api_types::{Problem, SessionGrant, PROBLEM_CONTENT_TYPE};
use linli_server::config::{Config, SeedMode};
use linli_server::db::Db;
use linli_server::Application;
use rand::distributions::{Alphanumeric, DistString};
use reqwest::header::CONTENT_TYPE;
use reqwest::{Response, StatusCode};
use sqlx::{Connection, Executor};

pub const PASSWORD: &str = "linli2026";
pub const RESIDENT: &str = "13800000001";
pub const VOLUNTEER: &str = "13800000002";
pub const BUILDING_HEAD: &str = "13800000003";
pub const STAFF: &str = "13800000004";
pub const UNIT_HEAD: &str = "13800000005";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub database_url: String,
    /// The server's own pools, to hold its connections as a load it cannot keep up with would.
    pub db: Db,
    _data_dir: tempfile::TempDir,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// A server on a free port with a fresh demo database; `configure` adjusts its settings.
pub async fn spawn_app_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let database_url = match std::env::var("LINLI_TEST_POSTGRES_URL") {
        Ok(server_url) => fresh_postgres_database(&server_url).await,
        Err(_) => format!(
            "sqlite://{}?mode=rwc",
            data_dir.path().join("linli.db").display()
        ),
    };
    let mut config = Config::new(database_url.clone());
    config.addr = "127.0.0.1:0".parse().unwrap();
    config.dist_dir = data_dir.path().join("no-dist");
    config.seed = SeedMode::Demo;
    configure(&mut config);

    let application = Application::build(config)
        .await
        .expect("application builds");
    let address = format!("http://{}", application.addr());
    let db = application.state().db.clone();
    tokio::spawn(application.run());
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    TestApp {
        address,
        client,
        database_url,
        db,
        _data_dir: data_dir,
    }
}

/// `postgres://.../postgres` → a new database with a random name on the same server.
pub async fn fresh_postgres_database(server_url: &str) -> String {
    let name = format!(
        "linli_test_{}",
        Alphanumeric
            .sample_string(&mut rand::thread_rng(), 12)
            .to_lowercase()
    );
    let mut connection = sqlx::PgConnection::connect(server_url)
        .await
        .expect("connect to LINLI_TEST_POSTGRES_URL");
    connection
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    let (base, _) = server_url
        .rsplit_once('/')
        .expect("URL with a database name");
    format!("{base}/{name}")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// `POST /api/v1/sessions` with a raw body, as a misbehaving client might send it.
    pub async fn post_sessions_raw(
        &self,
        content_type: Option<&str>,
        body: impl Into<reqwest::Body>,
    ) -> Response {
        let mut request = self.client.post(self.url("/api/v1/sessions")).body(body);
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        request.send().await.expect("request sent")
    }

    pub async fn sign_in(&self, phone: &str, password: &str) -> Response {
        self.sign_in_as(phone, password, None).await
    }

    pub async fn sign_in_as(&self, phone: &str, password: &str, lang: Option<&str>) -> Response {
        let mut request = self
            .client
            .post(self.url("/api/v1/sessions"))
            .json(&serde_json::json!({ "phone": phone, "password": password }));
        if let Some(lang) = lang {
            request = request.header("accept-language", lang);
        }
        request.send().await.expect("request sent")
    }

    /// Signs in with the demo password and returns the grant, failing the test otherwise.
    pub async fn signed_in(&self, phone: &str) -> SessionGrant {
        let response = self.sign_in(phone, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json().await.expect("a SessionGrant")
    }

    pub async fn get_me(&self, token: Option<&str>) -> Response {
        let mut request = self.client.get(self.url("/api/v1/me"));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request sent")
    }

    pub async fn sign_out(&self, token: &str) -> Response {
        self.client
            .delete(self.url("/api/v1/sessions/current"))
            .bearer_auth(token)
            .send()
            .await
            .expect("request sent")
    }
}

/// The problem in `response`, asserting its status and that it is `application/problem+json`.
pub async fn problem(response: Response, status: StatusCode) -> Problem {
    assert_eq!(response.status(), status);
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .expect("content type")
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, PROBLEM_CONTENT_TYPE);
    let problem: Problem = response.json().await.expect("a Problem body");
    assert_eq!(problem.status, status.as_u16());
    assert_eq!(problem.kind, format!("/problems/{}", problem.code));
    problem
}
