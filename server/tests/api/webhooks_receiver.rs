//! A community's webhook receiver, as small as one can be: an HTTP server on 127.0.0.1 that
//! records every request and answers 204, or 500 while it is told to fail (the first N
//! requests, or all of them until it recovers). Beside it, what a receiver does with a
//! request: verify the signature.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use hmac::{Hmac, Mac};
use linli_api_types::WebhookPayload;
use sha2::Sha256;

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    pub headers: HeaderMap,
    pub body: Bytes,
    /// What the receiver answered.
    pub answered: u16,
}

impl Received {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("no {name} header"))
            .to_str()
            .unwrap()
    }

    pub fn payload(&self) -> WebhookPayload {
        serde_json::from_slice(&self.body).expect("a WebhookPayload")
    }

    pub fn delivery_id(&self) -> i64 {
        self.header("x-linli-delivery").parse().unwrap()
    }
}

#[derive(Default)]
struct Plan {
    received: Mutex<Vec<Received>>,
    fail_first: AtomicUsize,
    fail_always: AtomicBool,
}

pub struct Receiver {
    /// `http://127.0.0.1:<port>/hook`.
    pub url: String,
    /// `http://127.0.0.1:<port>/moved`: answers 303 to `/hook`, records nothing.
    pub moved_url: String,
    /// `http://127.0.0.1:<port>/slow`: answers after 11 s, past the sender's time-out.
    pub slow_url: String,
    plan: Arc<Plan>,
}

impl Receiver {
    pub async fn start() -> Receiver {
        let plan = Arc::new(Plan::default());
        let router = Router::new()
            .route("/hook", post(receive))
            .route(
                "/moved",
                post(|| async { axum::response::Redirect::to("/hook") }),
            )
            .route(
                "/slow",
                post(|| async {
                    tokio::time::sleep(std::time::Duration::from_secs(11)).await;
                    StatusCode::NO_CONTENT
                }),
            )
            .with_state(plan.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await });
        Receiver {
            url: format!("http://{address}/hook"),
            moved_url: format!("http://{address}/moved"),
            slow_url: format!("http://{address}/slow"),
            plan,
        }
    }

    /// Answers 500 to the next `n` requests.
    pub fn fail_first(&self, n: usize) {
        self.plan.fail_first.store(n, Ordering::SeqCst);
    }

    /// Answers 500 to every request until told otherwise.
    pub fn fail_always(&self, failing: bool) {
        self.plan.fail_always.store(failing, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.plan.received.lock().unwrap().clone()
    }
}

async fn receive(State(plan): State<Arc<Plan>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let failing = plan.fail_always.load(Ordering::SeqCst)
        || plan
            .fail_first
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
    let status = if failing {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::NO_CONTENT
    };
    plan.received.lock().unwrap().push(Received {
        headers,
        body,
        answered: status.as_u16(),
    });
    status
}

/// What a receiver checks (docs/webhooks.md): `t=<unix>,v1=<hex>` with v1 the HMAC-SHA256 of
/// `"<t>.<body>"` under the secret.
pub fn signature_verifies(received: &Received, secret: &str) -> bool {
    let header = received.header("x-linli-signature");
    let mut t = None;
    let mut v1 = None;
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", value)) => t = Some(value),
            Some(("v1", value)) => v1 = Some(value),
            _ => {}
        }
    }
    let (Some(t), Some(v1)) = (t, v1) else {
        return false;
    };
    let Ok(expected) = hex::decode(v1) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(t.as_bytes());
    mac.update(b".");
    mac.update(&received.body);
    mac.verify_slice(&expected).is_ok()
}
