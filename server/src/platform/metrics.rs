//! `GET /metrics`: what an operator's Prometheus scrapes — requests and latency by route and
//! status class, the connection pools, how late each background timer ran, and the process's
//! CPU, memory and open files. Reachable from a loopback peer or with the metrics token only
//! ([`access`]); anyone else gets a plain 404, as for a path that does not exist.
//!
//! The series live in one registry per process: a production process runs one server, and the
//! timers, spawned deep in the features, record without being handed anything. (The API tests
//! run many servers in one process; their counters add up, which they allow for.) The pools'
//! figures are read from the scraped server's own pools at each scrape.

use std::net::SocketAddr;
use std::sync::LazyLock;
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use prometheus::{
    Encoder, GaugeVec, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};
use sqlx::AnyPool;
use subtle::ConstantTimeEq;

use crate::platform::db::{Backend, Db};
use crate::state::AppState;

/// Latency buckets, in seconds: the load targets are a p99 of 25 ms, so the fine steps are
/// below that; exports and photo uploads take up to seconds.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    in_flight: IntGauge,
    timer_lag: GaugeVec,
    timer_runs: IntCounterVec,
    timer_last_run: GaugeVec,
    timer_duration: GaugeVec,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let registry = Registry::new();
    let requests = IntCounterVec::new(
        Opts::new(
            "linli_http_requests_total",
            "Requests answered, by method, route template and status class",
        ),
        &["method", "route", "status"],
    )
    .expect("valid metric");
    let latency = HistogramVec::new(
        HistogramOpts::new(
            "linli_http_request_duration_seconds",
            "Time from the request's arrival to its response's headers, by method and route template",
        )
        .buckets(LATENCY_BUCKETS.to_vec()),
        &["method", "route"],
    )
    .expect("valid metric");
    let in_flight = IntGauge::new(
        "linli_http_requests_in_flight",
        "Requests received and not yet answered",
    )
    .expect("valid metric");
    let timer_lag = GaugeVec::new(
        Opts::new(
            "linli_timer_lag_seconds",
            "How late the timer's last run started against its schedule",
        ),
        &["timer"],
    )
    .expect("valid metric");
    let timer_runs = IntCounterVec::new(
        Opts::new(
            "linli_timer_runs_total",
            "Runs of the timer since the start",
        ),
        &["timer"],
    )
    .expect("valid metric");
    let timer_last_run = GaugeVec::new(
        Opts::new(
            "linli_timer_last_run_timestamp_seconds",
            "When the timer's last run started, Unix time",
        ),
        &["timer"],
    )
    .expect("valid metric");
    let timer_duration = GaugeVec::new(
        Opts::new(
            "linli_timer_last_run_duration_seconds",
            "How long the timer's last finished run took",
        ),
        &["timer"],
    )
    .expect("valid metric");
    for collector in [
        Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
        Box::new(latency.clone()),
        Box::new(in_flight.clone()),
        Box::new(timer_lag.clone()),
        Box::new(timer_runs.clone()),
        Box::new(timer_last_run.clone()),
        Box::new(timer_duration.clone()),
        Box::new(prometheus::process_collector::ProcessCollector::for_self()),
    ] {
        registry
            .register(collector)
            .expect("each metric registered once");
    }
    Metrics {
        registry,
        requests,
        latency,
        in_flight,
        timer_lag,
        timer_runs,
        timer_last_run,
        timer_duration,
    }
});

pub fn router() -> Router<AppState> {
    Router::new().route("/metrics", get(scrape))
}

/// Counts each request under its route's template (`/api/v1/notices/{id}`), never its raw
/// path: ids would make a series per notice. A layer of the router, so the route is known.
pub async fn record(request: Request, next: Next) -> Response {
    let metrics = &*METRICS;
    let method = method_label(request.method());
    let route = route_label(&request);
    let started = Instant::now();
    metrics.in_flight.inc();
    let response = next.run(request).await;
    metrics.in_flight.dec();
    metrics
        .latency
        .with_label_values(&[method, &route])
        .observe(started.elapsed().as_secs_f64());
    metrics
        .requests
        .with_label_values(&[method, &route, status_class(response.status())])
        .inc();
    response
}

/// Requests of this process received and not yet answered.
pub fn requests_in_flight() -> i64 {
    METRICS.in_flight.get()
}

/// A run of a background timer, begun at `scheduled` by its `tokio::time::Interval` (what
/// `interval.tick().await` returns). Records the lag at once and the run's duration when
/// dropped at the end of the loop's body.
#[must_use = "the run's duration is recorded when this is dropped"]
pub struct TimerRun {
    timer: &'static str,
    started: Instant,
}

pub fn timer_run(timer: &'static str, scheduled: tokio::time::Instant) -> TimerRun {
    let metrics = &*METRICS;
    let lag = tokio::time::Instant::now().saturating_duration_since(scheduled);
    metrics
        .timer_lag
        .with_label_values(&[timer])
        .set(lag.as_secs_f64());
    metrics.timer_runs.with_label_values(&[timer]).inc();
    metrics
        .timer_last_run
        .with_label_values(&[timer])
        .set(crate::platform::db::now_ms() as f64 / 1000.0);
    TimerRun {
        timer,
        started: Instant::now(),
    }
}

impl Drop for TimerRun {
    fn drop(&mut self) {
        METRICS
            .timer_duration
            .with_label_values(&[self.timer])
            .set(self.started.elapsed().as_secs_f64());
    }
}

async fn scrape(State(state): State<AppState>, headers: HeaderMap, request: Request) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| *addr);
    if !access(peer, &headers, state.config.metrics_token.as_deref()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut families = METRICS.registry.gather();
    families.extend(pool_families(&state.db));
    let mut body = Vec::new();
    if let Err(error) = TextEncoder::new().encode(&families, &mut body) {
        tracing::warn!(%error, "encoding the metrics failed");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    ([(header::CONTENT_TYPE, prometheus::TEXT_FORMAT)], body).into_response()
}

/// Who may read the metrics: a client on this machine talking to the socket directly, or
/// anyone with the token. A request relayed by a proxy comes from a loopback peer too, so
/// one carrying a forwarding header is not "on this machine" whatever the header says; it
/// needs the token. The token is compared in constant time: no timing tells its prefix.
pub fn access(peer: Option<SocketAddr>, headers: &HeaderMap, token: Option<&str>) -> bool {
    let relayed = ["x-forwarded-for", "forwarded", "x-real-ip"]
        .iter()
        .any(|name| headers.contains_key(*name));
    if !relayed && peer.is_some_and(|addr| addr.ip().to_canonical().is_loopback()) {
        return true;
    }
    let Some(expected) = token.filter(|token| !token.is_empty()) else {
        return false;
    };
    headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .is_some_and(|given| bool::from(given.as_bytes().ct_eq(expected.as_bytes())))
}

/// The pools' size, idle and in-use connections and ceiling, read now. On PostgreSQL reads
/// and writes share one pool (`pool="shared"`); SQLite has eight readers and one writer.
fn pool_families(db: &Db) -> Vec<prometheus::proto::MetricFamily> {
    let registry = Registry::new();
    let gauge = |name: &str, help: &str| {
        let gauge = IntGaugeVec::new(Opts::new(name, help), &["pool"]).expect("valid metric");
        registry
            .register(Box::new(gauge.clone()))
            .expect("each metric registered once");
        gauge
    };
    let size = gauge("linli_db_pool_connections", "Connections open in the pool");
    let idle = gauge(
        "linli_db_pool_idle",
        "Open connections waiting for a request",
    );
    let in_use = gauge("linli_db_pool_in_use", "Connections lent to a request now");
    let max = gauge("linli_db_pool_max", "The most connections the pool opens");
    let pools: Vec<(&str, &AnyPool)> = match db.backend {
        Backend::Postgres => vec![("shared", &db.read)],
        Backend::Sqlite => vec![("read", &db.read), ("write", &db.write)],
    };
    for (name, pool) in pools {
        let open = i64::from(pool.size());
        let waiting = i64::try_from(pool.num_idle()).unwrap_or(i64::MAX);
        size.with_label_values(&[name]).set(open);
        idle.with_label_values(&[name]).set(waiting);
        in_use
            .with_label_values(&[name])
            .set((open - waiting).max(0));
        max.with_label_values(&[name])
            .set(i64::from(pool.options().get_max_connections()));
    }
    registry.gather()
}

fn route_label(request: &Request) -> String {
    match request.extensions().get::<MatchedPath>() {
        Some(route) => route.as_str().to_owned(),
        None if request.uri().path().starts_with("/api/") => "/api/{*rest}".to_owned(),
        // The app's pages and files, served by the fallback.
        None => "/{*app}".to_owned(),
    }
}

/// Methods outside the standard ones are one series: a client cannot add series at will.
fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

fn status_class(status: StatusCode) -> &'static str {
    match status.as_u16() {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn peer(addr: &str) -> Option<SocketAddr> {
        Some(addr.parse().unwrap())
    }

    #[test]
    fn loopback_peers_without_a_proxy_are_let_in() {
        let none = HeaderMap::new();
        assert!(access(peer("127.0.0.1:4000"), &none, None));
        assert!(access(peer("[::1]:4000"), &none, None));
        assert!(access(peer("[::ffff:127.0.0.1]:4000"), &none, None));
        assert!(!access(peer("192.0.2.9:4000"), &none, None));
        assert!(!access(None, &none, None));
    }

    #[test]
    fn a_relayed_request_needs_the_token_even_from_loopback() {
        let mut relayed = HeaderMap::new();
        relayed.insert("x-forwarded-for", HeaderValue::from_static("127.0.0.1"));
        assert!(!access(peer("127.0.0.1:4000"), &relayed, None));
        relayed.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer s3cret"),
        );
        assert!(access(peer("127.0.0.1:4000"), &relayed, Some("s3cret")));
        assert!(!access(peer("127.0.0.1:4000"), &relayed, Some("s3cret!")));
        assert!(!access(peer("127.0.0.1:4000"), &relayed, Some("")));
    }

    #[test]
    fn status_classes() {
        assert_eq!(status_class(StatusCode::OK), "2xx");
        assert_eq!(status_class(StatusCode::NOT_FOUND), "4xx");
        assert_eq!(status_class(StatusCode::SERVICE_UNAVAILABLE), "5xx");
    }
}
