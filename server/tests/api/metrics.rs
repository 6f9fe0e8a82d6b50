//! `GET /metrics`: Prometheus text from a loopback client, with numbers that move after
//! requests, series by route template (never a raw id), the pools and the timers; a request
//! relayed from elsewhere is answered 404 unless it carries the metrics token.

use reqwest::StatusCode;

use crate::helpers::*;

/// The value of the sample `series` (name and labels exactly as written), if present.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map(|value| value.trim().parse().expect("a number"))
}

async fn scrape(app: &TestApp) -> String {
    let response = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    response.text().await.unwrap()
}

const NOTICE_401: &str =
    r#"linli_http_requests_total{method="GET",route="/api/v1/notices/{id}",status="4xx"}"#;
const NOTICE_LATENCY: &str =
    r#"linli_http_request_duration_seconds_count{method="GET",route="/api/v1/notices/{id}"}"#;

#[tokio::test]
async fn loopback_clients_read_numbers_that_move() {
    let app = spawn_app().await;
    let before = scrape(&app).await;
    let counted = sample(&before, NOTICE_401).unwrap_or(0.0);
    let timed = sample(&before, NOTICE_LATENCY).unwrap_or(0.0);
    for id in [7, 8, 9] {
        let response = app
            .client
            .get(app.url(&format!("/api/v1/notices/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let after = scrape(&app).await;
    // Other tests' servers in this process count too: at least our three.
    assert!(
        sample(&after, NOTICE_401).unwrap() >= counted + 3.0,
        "{after}"
    );
    assert!(
        sample(&after, NOTICE_LATENCY).unwrap() >= timed + 3.0,
        "{after}"
    );
    assert!(
        !after.contains("/api/v1/notices/7"),
        "a raw path became a series"
    );

    // This server's pools, read at the scrape.
    let pools: &[&str] = if app.database_url.starts_with("postgres") {
        &["shared"]
    } else {
        &["read", "write"]
    };
    for pool in pools {
        let max = sample(&after, &format!(r#"linli_db_pool_max{{pool="{pool}"}}"#));
        assert!(max.is_some_and(|max| max >= 1.0), "{pool}: {after}");
        let open = sample(
            &after,
            &format!(r#"linli_db_pool_connections{{pool="{pool}"}}"#),
        );
        assert!(open.is_some_and(|open| open >= 1.0), "{pool}: {after}");
        assert!(after.contains(&format!(r#"linli_db_pool_in_use{{pool="{pool}"}}"#)));
        assert!(after.contains(&format!(r#"linli_db_pool_idle{{pool="{pool}"}}"#)));
    }
    // The order auto-close timer runs at start; its lag is a gauge in seconds.
    let runs = sample(
        &after,
        r#"linli_timer_runs_total{timer="order_auto_close"}"#,
    );
    assert!(runs.is_some_and(|runs| runs >= 1.0), "{after}");
    let lag = sample(
        &after,
        r#"linli_timer_lag_seconds{timer="order_auto_close"}"#,
    )
    .unwrap();
    assert!((0.0..60.0).contains(&lag), "{lag}");
    assert!(sample(&after, "process_resident_memory_bytes").is_some_and(|bytes| bytes > 0.0));
}

#[tokio::test]
async fn a_request_relayed_from_elsewhere_is_refused() {
    // One proxy trusted: the forwarded address is the client's, and it is not this machine.
    let app = spawn_app_with(|config| config.trusted_proxies = 1).await;
    for forwarded in ["203.0.113.7", "127.0.0.1"] {
        let response = app
            .client
            .get(app.url("/metrics"))
            .header("x-forwarded-for", forwarded)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{forwarded}");
        assert!(!response.text().await.unwrap().contains("linli_"));
    }
}

#[tokio::test]
async fn the_token_lets_a_relayed_scraper_in_and_a_wrong_one_does_not() {
    let app = spawn_app_with(|config| {
        config.trusted_proxies = 1;
        config.metrics_token = Some("scrape-me-7Qx".into());
    })
    .await;
    let relayed = |token: Option<&str>| {
        let mut request = app
            .client
            .get(app.url("/metrics"))
            .header("x-forwarded-for", "203.0.113.7");
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request
    };
    let response = relayed(Some("scrape-me-7Qx")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("linli_http_requests_total"));
    for wrong in [Some("scrape-me-7Qy"), Some("scrape-me"), Some(""), None] {
        let response = relayed(wrong).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{wrong:?}");
    }
}
