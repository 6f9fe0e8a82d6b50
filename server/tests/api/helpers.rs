use std::time::Duration;

use linli_api_types::{Problem, SessionGrant, PROBLEM_CONTENT_TYPE};
use linli_server::config::{Config, SeedMode};
use linli_server::demo;
use linli_server::platform::clock::Clock;
use linli_server::platform::db::Db;
use linli_server::Application;
use rand::distributions::{Alphanumeric, DistString};
use reqwest::header::CONTENT_TYPE;
use reqwest::{RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sqlx::{Connection, Executor};

// For `Client::request`.
pub use reqwest::Method;

// The demo's people, as the seed defines them (server/src/demo/accounts.rs).
pub const PASSWORD: &str = demo::DEMO_PASSWORD;
/// 王秀英, resident of 3栋 1单元 1502.
pub const RESIDENT: &str = demo::WANG_XIUYING.phone;
/// 张建国, volunteer of 3栋.
pub const VOLUNTEER: &str = demo::ZHANG_JIANGUO.phone;
/// 刘伟忠, building head of 3栋.
pub const BUILDING_HEAD: &str = demo::LIU_WEIZHONG.phone;
/// 许各利, staff of 井湘社区.
pub const STAFF: &str = demo::XU_GELI.phone;
/// 尚建超, unit head of 3栋 1单元.
pub const UNIT_HEAD: &str = demo::SHANG_JIANCHAO.phone;
/// 陈丽华, resident of 5栋.
pub const RESIDENT_5: &str = demo::CHEN_LIHUA.phone;
/// 李桂芳, staff of the other community, 通化街社区.
pub const OTHER_STAFF: &str = demo::LI_GUIFANG.phone;
/// 赵志明, resident of 通化街社区.
pub const OTHER_RESIDENT: &str = demo::ZHAO_ZHIMING.phone;
/// 李淑珍: a volunteer offering 法律咨询 only.
pub const LEGAL_VOLUNTEER: &str = demo::LI_SHUZHEN.phone;
/// 黄建华, resident of 3栋, joined none of the demo's tasks of 3栋.
pub const HUANG_JIANHUA: &str = demo::HUANG_JIANHUA.phone;
/// 何丽萍, the second staff member of 井湘社区 (staff changes need two).
pub const STAFF_SECOND: &str = demo::HE_LIPING.phone;

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub database_url: String,
    /// The server's own pools, to hold its connections as a load it cannot keep up with would.
    pub db: Db,
    /// The server's clock: `app.clock.advance(..)` moves reports' deadlines' "now".
    pub clock: Clock,
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
    config.photo_dir = data_dir.path().join("photos");
    config.clock = Clock::adjustable();
    // Opening a fresh database migrates and seeds it through the pool; on a 2-core CI machine
    // running two tests and a build beside them that has taken longer than the production 2 s
    // wait, failing tests at start-up that test nothing about it. The overload test sets 2 s.
    config.pool.acquire_timeout = Duration::from_secs(15);
    configure(&mut config);

    let application = Application::build(config)
        .await
        .expect("application builds");
    let address = format!("http://{}", application.addr());
    let db = application.state().db.clone();
    let clock = application.state().clock.clone();
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
        clock,
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

/// A signed-in user talking to `/api/v1`: the one HTTP client of these tests. Its requests
/// carry the user's token and, after [`Client::english`], `Accept-Language: en`.
pub struct Client<'a> {
    pub app: &'a TestApp,
    pub token: String,
    pub user_id: i64,
    lang: Option<&'static str>,
}

impl<'a> Client<'a> {
    /// Signs `phone` in with the demo password.
    pub async fn new(app: &'a TestApp, phone: &str) -> Client<'a> {
        let grant = app.signed_in(phone).await;
        Client {
            app,
            token: grant.token,
            user_id: grant.me.id,
            lang: None,
        }
    }

    /// The same user, asking for English answers.
    pub fn english(mut self) -> Self {
        self.lang = Some("en");
        self
    }

    /// A request to `/api/v1{path}` with the token, the language and, when given, the
    /// Idempotency-Key.
    pub fn request(&self, method: Method, path: &str, key: Option<&str>) -> RequestBuilder {
        let url = self.app.url(&format!("/api/v1{path}"));
        let mut request = self
            .app
            .client
            .request(method, url)
            .bearer_auth(&self.token);
        if let Some(lang) = self.lang {
            request = request.header("accept-language", lang);
        }
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        request
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        key: Option<&str>,
    ) -> Response {
        let mut request = self.request(method, path, key);
        if let Some(body) = body {
            request = request.json(body);
        }
        request.send().await.expect("request sent")
    }

    pub async fn get(&self, path: &str) -> Response {
        self.send(Method::GET, path, None, None).await
    }

    /// A GET that must answer 200, with its body.
    pub async fn get_ok<T: DeserializeOwned>(&self, path: &str) -> T {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.expect("the body")
    }

    pub async fn post(&self, path: &str, body: Option<&Value>, key: Option<&str>) -> Response {
        self.send(Method::POST, path, body, key).await
    }

    pub async fn put(&self, path: &str, body: Option<&Value>, key: Option<&str>) -> Response {
        self.send(Method::PUT, path, body, key).await
    }

    pub async fn delete(&self, path: &str, key: Option<&str>) -> Response {
        self.send(Method::DELETE, path, None, key).await
    }
}

/// A fresh connection to the test server's database, to arrange what the API cannot and to
/// check what it stored.
pub async fn db(app: &TestApp) -> Db {
    Db::connect(&app.database_url).await.unwrap()
}

/// A user's id, by phone.
pub async fn user_id(app: &TestApp, phone: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}
