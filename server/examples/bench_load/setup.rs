//! Before the clock starts: sign in every demo account and find, for each, what it can write
//! to without a refusal by design, so that every non-2xx answer during the run is a real error.

use std::time::Duration;

use chrono::{DateTime, Utc};
use linli_server::demo::{DEMO_ACCOUNTS, DEMO_PASSWORD, NEIGHBOURS};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

/// Tasks starting sooner than this are left alone: a join must not meet `task_started`.
const TASK_MARGIN: Duration = Duration::from_secs(3 * 60 * 60);
const TASKS_PER_USER: usize = 3;

pub struct User {
    pub token: String,
    /// Notices this user may mark read (addressed to them, neither withdrawn nor expired).
    pub notices: Vec<i64>,
    /// Upcoming tasks they may join and withdraw from (joined or waitlisted, both 200).
    pub tasks: Vec<i64>,
    /// A free service of their community: an order never meets `insufficient_points`.
    pub free_service: Option<i64>,
}

pub struct World {
    pub users: Vec<User>,
}

impl World {
    pub fn describe(&self) -> String {
        let count = |f: fn(&User) -> bool| self.users.iter().filter(|u| f(u)).count();
        format!(
            "{} users signed in; {} can mark notices read, {} can join tasks, {} can order",
            self.users.len(),
            count(|u| !u.notices.is_empty()),
            count(|u| !u.tasks.is_empty()),
            count(|u| u.free_service.is_some()),
        )
    }
}

type Setup<T> = Result<T, String>;

/// The demo's accounts, or with `BENCH_USERS=FILE` (the accounts file of
/// `scripts/district-data.sh`) `BENCH_USER_COUNT` (200) of the district's, spread evenly over
/// it so every community and role is among them. Sign-ins from one address are limited to 300
/// in 15 minutes (sign_in_limits.rs): more users than that cannot sign in.
fn phones() -> Setup<Vec<String>> {
    let Ok(path) = std::env::var("BENCH_USERS") else {
        return Ok(DEMO_ACCOUNTS
            .iter()
            .map(|account| account.phone.to_owned())
            .chain(NEIGHBOURS.iter().map(|n| n.phone.to_owned()))
            .collect());
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("BENCH_USERS {path}: {e}"))?;
    let all: Vec<&str> = text
        .lines()
        .skip(1)
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split('\t').next())
        .collect();
    let count: usize = crate::env_or("BENCH_USER_COUNT", 200).min(all.len()).max(1);
    let step = all.len() / count;
    Ok((0..count).map(|n| all[n * step].to_owned()).collect())
}

pub async fn discover(client: &Client, base: &str) -> Setup<World> {
    let mut users = Vec::new();
    for phone in phones()? {
        let token = sign_in(client, base, &phone).await?;
        let api = Api {
            client,
            base,
            token: &token,
        };
        users.push(User {
            notices: markable_notices(&api).await?,
            tasks: joinable_tasks(&api).await?,
            free_service: orderable_service(&api).await?,
            token,
        });
    }
    Ok(World { users })
}

async fn sign_in(client: &Client, base: &str, phone: &str) -> Setup<String> {
    let response = client
        .post(format!("{base}/api/v1/sessions"))
        .json(&json!({ "phone": phone, "password": DEMO_PASSWORD }))
        .send()
        .await
        .map_err(|e| format!("sign in {phone}: {e}"))?;
    if response.status() != StatusCode::CREATED {
        return Err(format!("sign in {phone}: {}", response.status()));
    }
    let grant: Value = response.json().await.map_err(|e| e.to_string())?;
    grant["token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "sign in: no token".to_owned())
}

struct Api<'a> {
    client: &'a Client,
    base: &'a str,
    token: &'a str,
}

impl Api<'_> {
    async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Setup<(StatusCode, Value)> {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.map_err(|e| format!("{path}: {e}"))?;
        let status = response.status();
        let body = response.json().await.unwrap_or(Value::Null);
        Ok((status, body))
    }

    async fn get(&self, path: &str) -> Setup<Value> {
        match self.call(Method::GET, path, None).await? {
            (StatusCode::OK, body) => Ok(body),
            (status, _) => Err(format!("GET {path}: {status}")),
        }
    }
}

fn ids(page: &Value) -> impl Iterator<Item = &Value> {
    page["items"].as_array().into_iter().flatten()
}

/// Marking read is idempotent, so trying each one is harmless.
async fn markable_notices(api: &Api<'_>) -> Setup<Vec<i64>> {
    let page = api.get("/api/v1/notices?limit=50").await?;
    let mut found = Vec::new();
    for id in ids(&page).filter_map(|n| n["id"].as_i64()) {
        let path = format!("/api/v1/notices/{id}/read");
        if api.call(Method::PUT, &path, None).await?.0 == StatusCode::NO_CONTENT {
            found.push(id);
        }
    }
    Ok(found)
}

/// Upcoming tasks well before their start that answer join and withdraw with 200 (staff get
/// 403 for a task of a building they do not live in: that is by design, so such are skipped).
async fn joinable_tasks(api: &Api<'_>) -> Setup<Vec<i64>> {
    let page = api.get("/api/v1/tasks?limit=50").await?;
    let soon = Utc::now() + TASK_MARGIN;
    let mut found = Vec::new();
    for task in ids(&page) {
        let starts: Option<DateTime<Utc>> = task["starts_at"].as_str().and_then(|s| s.parse().ok());
        let (Some(id), Some(starts)) = (task["id"].as_i64(), starts) else {
            continue;
        };
        if task["status"] != "upcoming" || starts < soon || found.len() == TASKS_PER_USER {
            continue;
        }
        let path = format!("/api/v1/tasks/{id}/enrollment");
        let joined = api.call(Method::PUT, &path, None).await?.0;
        let withdrawn = api.call(Method::DELETE, &path, None).await?.0;
        if joined == StatusCode::OK && withdrawn == StatusCode::OK {
            found.push(id);
        }
    }
    Ok(found)
}

/// A free service of the user's community that accepts an order (then cancelled again).
async fn orderable_service(api: &Api<'_>) -> Setup<Option<i64>> {
    let menu = api.get("/api/v1/services").await?;
    let free = menu["groups"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|group| group["services"].as_array().into_iter().flatten())
        .find(|service| service["points_price"] == 0)
        .and_then(|service| service["id"].as_i64());
    let Some(service) = free else { return Ok(None) };
    let (status, order) = api
        .call(Method::POST, "/api/v1/orders", Some(order_draft(service)))
        .await?;
    let Some(order) = order["id"]
        .as_i64()
        .filter(|_| status == StatusCode::CREATED)
    else {
        return Ok(None);
    };
    let cancel = format!("/api/v1/orders/{order}/cancel");
    let cancelled = api.call(Method::POST, &cancel, None).await?.0;
    Ok((cancelled == StatusCode::OK).then_some(service))
}

/// 尽快安排 (no slot) at a given address: valid for every user, with or without a household.
pub fn order_draft(service: i64) -> Value {
    json!({ "service_id": service, "address": "3栋 1单元 1502", "note": "压测 load test" })
}
