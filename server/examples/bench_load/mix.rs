//! The request mix: 90 % reads of what the app's tabs load, 10 % writes the way the app sends
//! them (each with its own `Idempotency-Key`), spread over every signed-in user.
//!
//! Every write is one the server must accept, so anything but its success status is an error:
//! marking read answers 204; joining and withdrawing alternate per user and task and both
//! answer 200 (a full task puts the user on the waitlist, still 200); an order is placed for a
//! free service (201) and the next order step of that user cancels it again (200).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

use rand::rngs::StdRng;
use rand::Rng;
use reqwest::{Client, Method, StatusCode};

use crate::setup::{order_draft, World};
use crate::stats::Outcome;

/// (weight out of 1000, what): reads sum to 900, writes to 100.
const WEIGHTS: [(u32, Kind); 12] = [
    (200, Kind::Get("GET /api/v1/notices")),
    (170, Kind::Get("GET /api/v1/tasks")),
    (120, Kind::Get("GET /api/v1/me/points")),
    (100, Kind::Get("GET /api/v1/me")),
    (100, Kind::NoticeDetail),
    (80, Kind::Get("GET /api/v1/services")),
    (60, Kind::TaskDetail),
    (40, Kind::Get("GET /api/v1/me/orders")),
    (30, Kind::Get("GET /api/v1/me/ledger")),
    (40, Kind::MarkRead),
    (40, Kind::Enrollment),
    (20, Kind::Order),
];

#[derive(Clone, Copy)]
enum Kind {
    Get(&'static str),
    NoticeDetail,
    TaskDetail,
    MarkRead,
    Enrollment,
    Order,
}

#[derive(Clone, Copy)]
pub struct Request {
    kind: Kind,
    user: usize,
    /// The notice or the index of the task in the user's list, for the kinds that need one.
    item: usize,
}

impl Request {
    pub fn is_write(&self) -> bool {
        matches!(self.kind, Kind::MarkRead | Kind::Enrollment | Kind::Order)
    }
}

pub struct Mix {
    client: Client,
    /// The servers, each given every n-th request in turn (a load balancer's round robin).
    bases: Vec<String>,
    sent: AtomicU64,
    world: World,
    /// Per user and task: whether the next enrollment step is a withdrawal.
    joined: Vec<Vec<AtomicBool>>,
    /// Per user: orders placed and not yet cancelled.
    open_orders: Vec<Mutex<Vec<i64>>>,
    keys: AtomicU64,
    with_notices: Vec<usize>,
    with_tasks: Vec<usize>,
    ordering: Vec<usize>,
}

impl Mix {
    pub fn new(client: Client, bases: Vec<String>, world: World) -> Self {
        let users = &world.users;
        let which = |f: &dyn Fn(usize) -> bool| (0..users.len()).filter(|&i| f(i)).collect();
        Self {
            joined: users
                .iter()
                .map(|u| u.tasks.iter().map(|_| AtomicBool::new(false)).collect())
                .collect(),
            open_orders: users.iter().map(|_| Mutex::new(Vec::new())).collect(),
            keys: AtomicU64::new(0),
            with_notices: which(&|i| !users[i].notices.is_empty()),
            with_tasks: which(&|i| !users[i].tasks.is_empty()),
            ordering: which(&|i| users[i].free_service.is_some()),
            client,
            bases,
            sent: AtomicU64::new(0),
            world,
        }
    }

    pub fn pick(&self, rng: &mut StdRng) -> Request {
        let mut roll = rng.gen_range(0..1000);
        let kind = WEIGHTS
            .iter()
            .find(|(weight, _)| {
                let hit = roll < *weight;
                roll = roll.saturating_sub(*weight);
                hit
            })
            .map_or(Kind::Get("GET /api/v1/me"), |(_, kind)| *kind);
        let everyone: Vec<usize> = (0..self.world.users.len()).collect();
        let eligible = match kind {
            Kind::Get(_) => &everyone,
            Kind::NoticeDetail | Kind::MarkRead => &self.with_notices,
            Kind::TaskDetail | Kind::Enrollment => &self.with_tasks,
            Kind::Order => &self.ordering,
        };
        let user = match eligible.len() {
            0 => None,
            n => Some(eligible[rng.gen_range(0..n)]),
        };
        // The setup found nothing of that kind: read the profile instead.
        let Some(user) = user else {
            return Request {
                kind: Kind::Get("GET /api/v1/me"),
                user: 0,
                item: 0,
            };
        };
        let items = match kind {
            Kind::NoticeDetail | Kind::MarkRead => self.world.users[user].notices.len(),
            Kind::TaskDetail | Kind::Enrollment => self.world.users[user].tasks.len(),
            _ => 1,
        };
        Request {
            kind,
            user,
            item: rng.gen_range(0..items),
        }
    }

    /// Sends `request`; returns its label (method and route) and how it went.
    pub async fn send(&self, request: Request) -> (&'static str, Outcome) {
        let user = &self.world.users[request.user];
        let (label, method, path, expected, body) = match request.kind {
            // The label is "GET <path>".
            Kind::Get(label) => (
                label,
                Method::GET,
                label[4..].to_owned(),
                StatusCode::OK,
                None,
            ),
            Kind::NoticeDetail => {
                let id = user.notices[request.item];
                (
                    "GET /api/v1/notices/{id}",
                    Method::GET,
                    format!("/api/v1/notices/{id}"),
                    StatusCode::OK,
                    None,
                )
            }
            Kind::TaskDetail => {
                let id = user.tasks[request.item];
                (
                    "GET /api/v1/tasks/{id}",
                    Method::GET,
                    format!("/api/v1/tasks/{id}"),
                    StatusCode::OK,
                    None,
                )
            }
            Kind::MarkRead => {
                let id = user.notices[request.item];
                let path = format!("/api/v1/notices/{id}/read");
                (
                    "PUT /api/v1/notices/{id}/read",
                    Method::PUT,
                    path,
                    StatusCode::NO_CONTENT,
                    None,
                )
            }
            Kind::Enrollment => {
                let id = user.tasks[request.item];
                let path = format!("/api/v1/tasks/{id}/enrollment");
                let was_joined =
                    self.joined[request.user][request.item].fetch_xor(true, Ordering::Relaxed);
                if was_joined {
                    (
                        "DELETE /api/v1/tasks/{id}/enrollment",
                        Method::DELETE,
                        path,
                        StatusCode::OK,
                        None,
                    )
                } else {
                    (
                        "PUT /api/v1/tasks/{id}/enrollment",
                        Method::PUT,
                        path,
                        StatusCode::OK,
                        None,
                    )
                }
            }
            Kind::Order => {
                let open = self.open_orders[request.user].lock().expect("orders").pop();
                match (open, user.free_service) {
                    (Some(order), _) => {
                        let path = format!("/api/v1/orders/{order}/cancel");
                        (
                            "POST /api/v1/orders/{id}/cancel",
                            Method::POST,
                            path,
                            StatusCode::OK,
                            None,
                        )
                    }
                    (None, service) => {
                        let draft = order_draft(service.unwrap_or_default());
                        (
                            "POST /api/v1/orders",
                            Method::POST,
                            "/api/v1/orders".to_owned(),
                            StatusCode::CREATED,
                            Some(draft),
                        )
                    }
                }
            }
        };
        let turn = self.sent.fetch_add(1, Ordering::Relaxed) as usize;
        let base = &self.bases[turn % self.bases.len()];
        let mut builder = self
            .client
            .request(method.clone(), format!("{base}{path}"))
            .bearer_auth(&user.token);
        // What WeChat's webview and Chrome send, so the server compresses as it would for
        // the app; except for a new order, whose id the driver must read.
        if method != Method::POST || body.is_none() {
            builder = builder.header("Accept-Encoding", "gzip, deflate, br");
        }
        if request.is_write() {
            let key = self.keys.fetch_add(1, Ordering::Relaxed);
            builder = builder.header(
                "Idempotency-Key",
                format!("bench-{}-{key}", std::process::id()),
            );
        }
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        let response = match builder.send().await {
            Ok(response) => response,
            Err(error) => return (label, Outcome::Failed(format!("{error:?}"))),
        };
        let status = response.status();
        // Compressed bodies are not decoded (reqwest is built without decoders here): only an
        // order's id is read, and an error's body is shown as far as it is readable.
        let text =
            String::from_utf8_lossy(&response.bytes().await.unwrap_or_default()).into_owned();
        if status != expected {
            return (
                label,
                Outcome::Status(status.as_u16(), text.chars().take(300).collect()),
            );
        }
        if matches!(request.kind, Kind::Order) && status == StatusCode::CREATED {
            let id = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|order| order["id"].as_i64());
            if let Some(id) = id {
                self.open_orders[request.user]
                    .lock()
                    .expect("orders")
                    .push(id);
            }
        }
        (label, Outcome::Ok)
    }
}
