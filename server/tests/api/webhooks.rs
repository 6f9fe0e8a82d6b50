//! 消息推送, staff's side: setting the webhook (the secret shown once), refusing URLs that
//! would reach inside a network, rotating the secret, and a test delivery that arrives signed.

use std::time::Duration;

use linli_api_types::{
    DeliveryStatus, WebhookDelivery, WebhookDeliveryPage, WebhookSecret, WebhookSettings,
};
use linli_server::features::outbound::retry::RetrySchedule;
use linli_server::features::outbound::run_due;
use linli_server::features::outbound::webhook::WebhookChannel;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::webhooks_receiver::{signature_verifies, Receiver};

/// A test server whose own worker stays out of the way: the tests run the worker themselves.
pub async fn spawn_quiet_worker_app() -> TestApp {
    spawn_app_with(|config| config.webhook_every = Duration::from_secs(24 * 60 * 60)).await
}

pub fn fresh_key() -> String {
    format!("webhook-{}", rand::random::<u64>())
}

pub async fn put_webhook(staff: &Client<'_>, url: &str, enabled: bool) -> reqwest::Response {
    staff
        .put(
            "/community/webhook",
            Some(&json!({ "url": url, "enabled": enabled })),
            Some(&fresh_key()),
        )
        .await
}

/// Sets the webhook for the first time and answers its secret.
pub async fn set_webhook(staff: &Client<'_>, url: &str) -> String {
    let response = put_webhook(staff, url, true).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let secret: WebhookSecret = response.json().await.unwrap();
    secret.secret
}

#[tokio::test]
async fn the_first_save_shows_the_secret_once_and_later_saves_keep_it() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    let none: WebhookSettings = staff.get_ok("/community/webhook").await;
    assert_eq!(none.url, None);
    assert!(!none.enabled);

    let key = fresh_key();
    let body = json!({ "url": "https://hooks.example.org/linli", "enabled": true });
    let first = staff
        .put("/community/webhook", Some(&body), Some(&key))
        .await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let secret: WebhookSecret = first.json().await.unwrap();
    assert_eq!(secret.secret.len(), 64);
    // A retry of the same request answers the same, and makes no second secret.
    let again = staff
        .put("/community/webhook", Some(&body), Some(&key))
        .await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.json::<WebhookSecret>().await.unwrap(), secret);

    let settings: WebhookSettings = staff.get_ok("/community/webhook").await;
    assert_eq!(
        settings.url.as_deref(),
        Some("https://hooks.example.org/linli")
    );
    assert!(settings.enabled);
    assert_eq!(settings.secret_hint.as_deref(), Some(&secret.secret[60..]));

    let changed = put_webhook(&staff, "https://sms.example.org/in", false).await;
    assert_eq!(changed.status(), StatusCode::OK);
    let changed: WebhookSettings = changed.json().await.unwrap();
    assert_eq!(changed.url.as_deref(), Some("https://sms.example.org/in"));
    assert!(!changed.enabled);
    assert_eq!(changed.secret_hint, settings.secret_hint);
    let stored: String =
        sqlx::query_scalar("SELECT secret FROM webhook_endpoints WHERE community_id = $1")
            .bind(community_of(&app, STAFF).await)
            .fetch_one(&app.db.read)
            .await
            .unwrap();
    assert_eq!(stored, secret.secret);

    let rotated = staff
        .post("/community/webhook/secret", None, Some(&fresh_key()))
        .await;
    assert_eq!(rotated.status(), StatusCode::OK);
    let rotated: WebhookSecret = rotated.json().await.unwrap();
    assert_ne!(rotated.secret, secret.secret);
    let settings: WebhookSettings = staff.get_ok("/community/webhook").await;
    assert_eq!(settings.secret_hint.as_deref(), Some(&rotated.secret[60..]));
    // The other community's webhook is its own: still none.
    let other = Client::new(&app, OTHER_STAFF).await;
    let theirs: WebhookSettings = other.get_ok("/community/webhook").await;
    assert_eq!(theirs.url, None);
    let refused = other
        .post("/community/webhook/secret", None, Some(&fresh_key()))
        .await;
    assert_eq!(
        problem(refused, StatusCode::CONFLICT).await.code,
        "webhook_not_set"
    );
}

#[tokio::test]
async fn urls_that_reach_inside_a_network_or_travel_unencrypted_are_refused_at_the_field() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    for (url, code) in [
        ("", "required"),
        ("hooks.example.org/linli", "bad_format"),
        ("ftp://hooks.example.org/", "bad_scheme"),
        ("http://hooks.example.org/linli", "https_required"),
        ("https://192.168.1.20/hook", "private_address"),
        (
            "https://169.254.169.254/latest/meta-data",
            "private_address",
        ),
        ("https://[fd12::1]/hook", "private_address"),
    ] {
        let refused = problem(
            put_webhook(&staff, url, true).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(refused.errors.len(), 1, "{url}");
        assert_eq!(refused.errors[0].field, "url", "{url}");
        assert_eq!(refused.errors[0].code, code, "{url}");
    }
    let long = format!("https://example.org/{}", "a".repeat(500));
    let refused = problem(
        put_webhook(&staff, &long, true).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors[0].code, "too_long");
    let english = Client::new(&app, STAFF).await.english();
    let refused = problem(
        put_webhook(&english, "http://hooks.example.org/", true).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        refused.errors[0].message.contains("https://"),
        "{refused:?}"
    );
    let refused = problem(
        put_webhook(&staff, "https://10.1.1.1/", true).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.errors[0].message, "不能推送到内网或保留地址");
    // Nothing was stored by any of them.
    let settings: WebhookSettings = staff.get_ok("/community/webhook").await;
    assert_eq!(settings.url, None);
}

#[tokio::test]
async fn a_test_delivery_arrives_signed_and_is_listed_as_delivered() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    let receiver = Receiver::start().await;
    let refused = staff
        .post("/community/webhook/test", None, Some(&fresh_key()))
        .await;
    assert_eq!(
        problem(refused, StatusCode::CONFLICT).await.code,
        "webhook_not_set"
    );
    let secret = set_webhook(&staff, &receiver.url).await;
    put_webhook(&staff, &receiver.url, false).await;
    let refused = staff
        .post("/community/webhook/test", None, Some(&fresh_key()))
        .await;
    assert_eq!(
        problem(refused, StatusCode::CONFLICT).await.code,
        "webhook_off"
    );
    put_webhook(&staff, &receiver.url, true).await;

    let queued = staff
        .post("/community/webhook/test", None, Some(&fresh_key()))
        .await;
    assert_eq!(queued.status(), StatusCode::CREATED);
    let queued: WebhookDelivery = queued.json().await.unwrap();
    assert_eq!(queued.status, DeliveryStatus::Pending);
    assert_eq!(queued.kind, None);
    assert_eq!(queued.title, "测试消息");
    assert_eq!(queued.recipient, None);

    let channel = WebhookChannel::new().unwrap();
    let run = run_due(
        &app.db,
        app.clock.now_ms(),
        &channel,
        &RetrySchedule::default(),
    )
    .await
    .unwrap();
    assert_eq!(run.delivered, 1);
    let received = receiver.received();
    assert_eq!(received.len(), 1);
    let request = &received[0];
    assert!(signature_verifies(request, &secret));
    assert!(!signature_verifies(request, "not-the-secret"));
    assert_eq!(request.header("content-type"), "application/json");
    assert_eq!(request.header("user-agent"), "Linli-Webhook/1");
    assert_eq!(request.delivery_id(), queued.id);
    let payload = request.payload();
    assert_eq!(payload.delivery_id, queued.id);
    assert_eq!(payload.message_id, None);
    assert_eq!(payload.kind, None);
    assert_eq!(payload.recipient, None);
    assert_eq!(payload.community, "井湘社区");
    assert_eq!(payload.title, "测试消息");

    let listed: WebhookDeliveryPage = staff.get_ok("/community/webhook/deliveries").await;
    assert_eq!(listed.items.len(), 1);
    assert_eq!(listed.items[0].status, DeliveryStatus::Delivered);
    assert_eq!(listed.items[0].attempts, 1);
    assert_eq!(listed.items[0].last_status, Some(204));
    assert_eq!(listed.items[0].next_attempt_at, None);
    let pending: WebhookDeliveryPage = staff
        .get_ok("/community/webhook/deliveries?status=pending")
        .await;
    assert!(pending.items.is_empty());
    // Retrying one that arrived is refused.
    let refused = staff
        .post(
            &format!("/community/webhook/deliveries/{}/retry", queued.id),
            None,
            Some(&fresh_key()),
        )
        .await;
    assert_eq!(
        problem(refused, StatusCode::CONFLICT).await.code,
        "webhook_delivery_delivered"
    );
}

#[tokio::test]
async fn pressing_test_again_and_again_queues_only_a_few() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    set_webhook(&staff, "http://127.0.0.1:9/hook").await;
    for _ in 0..3 {
        let queued = staff
            .post("/community/webhook/test", None, Some(&fresh_key()))
            .await;
        assert_eq!(queued.status(), StatusCode::CREATED);
    }
    let refused = staff
        .post("/community/webhook/test", None, Some(&fresh_key()))
        .await;
    assert_eq!(
        problem(refused, StatusCode::TOO_MANY_REQUESTS).await.code,
        "webhook_tests_waiting"
    );
    let settings: WebhookSettings = staff.get_ok("/community/webhook").await;
    assert_eq!(settings.pending, 3);
}

#[tokio::test]
async fn the_delivery_list_pages_newest_first_and_refuses_bad_queries() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    set_webhook(&staff, "http://127.0.0.1:9/hook").await;
    let community = community_of(&app, STAFF).await;
    for i in 0..5 {
        sqlx::query(
            "INSERT INTO webhook_deliveries (community_id, status, next_attempt_at, created_at) \
             VALUES ($1, 'dead', $2, $2)",
        )
        .bind(community)
        .bind(1_000 + i)
        .execute(&app.db.write)
        .await
        .unwrap();
    }
    let first: WebhookDeliveryPage = staff
        .get_ok("/community/webhook/deliveries?status=dead&limit=3")
        .await;
    assert_eq!(first.items.len(), 3);
    assert!(first.items.windows(2).all(|w| w[0].id > w[1].id));
    let cursor = first.next_cursor.expect("a second page");
    let second: WebhookDeliveryPage = staff
        .get_ok(&format!(
            "/community/webhook/deliveries?status=dead&limit=3&cursor={cursor}"
        ))
        .await;
    assert_eq!(second.items.len(), 2);
    assert!(second.items[0].id < first.items[2].id);
    assert_eq!(second.next_cursor, None);
    for query in ["status=gone", "cursor=abc", "limit=0", "limit=51"] {
        let response = staff
            .get(&format!("/community/webhook/deliveries?{query}"))
            .await;
        problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
}

#[tokio::test]
async fn the_servers_own_worker_sends_retries_and_dead_letters_as_configured() {
    let app = spawn_app_with(|config| {
        config.webhook_every = Duration::from_millis(100);
        config.webhook_retry = RetrySchedule::from_secs(&[0]).unwrap();
    })
    .await;
    let staff = Client::new(&app, STAFF).await;
    let receiver = Receiver::start().await;
    receiver.fail_always(true);
    set_webhook(&staff, &receiver.url).await;
    let queued: WebhookDelivery = staff
        .post("/community/webhook/test", None, Some(&fresh_key()))
        .await
        .json()
        .await
        .unwrap();
    let mut dead = WebhookDeliveryPage {
        items: Vec::new(),
        next_cursor: None,
    };
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        dead = staff
            .get_ok("/community/webhook/deliveries?status=dead")
            .await;
        if !dead.items.is_empty() {
            break;
        }
    }
    assert_eq!(dead.items.len(), 1, "dead within 10 s");
    assert_eq!(dead.items[0].id, queued.id);
    assert_eq!(
        dead.items[0].attempts,
        linli_api_types::WEBHOOK_MAX_ATTEMPTS
    );
    assert_eq!(
        receiver.received().len() as i64,
        linli_api_types::WEBHOOK_MAX_ATTEMPTS
    );
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    let receiver = Receiver::start().await;
    set_webhook(&staff, &receiver.moved_url).await;
    let queued = staff
        .post("/community/webhook/test", None, Some(&fresh_key()))
        .await;
    assert_eq!(queued.status(), StatusCode::CREATED);
    let channel = WebhookChannel::new().unwrap();
    let run = run_due(
        &app.db,
        app.clock.now_ms(),
        &channel,
        &RetrySchedule::default(),
    )
    .await
    .unwrap();
    assert_eq!(run.failed, 1);
    assert!(receiver.received().is_empty());
    let pending: WebhookDeliveryPage = staff
        .get_ok("/community/webhook/deliveries?status=pending")
        .await;
    assert_eq!(pending.items[0].last_status, Some(303));
    assert_eq!(pending.items[0].last_error.as_deref(), Some("HTTP 303"));
}

/// Sends one test delivery to `url` and answers how its failure reads for staff.
async fn failure_of_a_test_delivery_to(url: &str) -> Option<String> {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    set_webhook(&staff, url).await;
    let queued = staff
        .post("/community/webhook/test", None, Some(&fresh_key()))
        .await;
    assert_eq!(queued.status(), StatusCode::CREATED);
    let channel = WebhookChannel::new().unwrap();
    let run = run_due(
        &app.db,
        app.clock.now_ms(),
        &channel,
        &RetrySchedule::default(),
    )
    .await
    .unwrap();
    assert_eq!(run.failed, 1);
    let pending: WebhookDeliveryPage = staff
        .get_ok("/community/webhook/deliveries?status=pending")
        .await;
    assert_eq!(pending.items[0].last_status, None);
    pending.items[0].last_error.clone()
}

#[tokio::test]
async fn a_receiver_too_slow_to_answer_is_a_time_out() {
    let receiver = Receiver::start().await;
    // It would answer 204 after 11 s: failing means the sender gave up first.
    let failure = failure_of_a_test_delivery_to(&receiver.slow_url).await;
    assert_eq!(failure.as_deref(), Some("超时"));
}

#[tokio::test]
async fn a_receiver_not_speaking_tls_is_a_tls_failure() {
    let receiver = Receiver::start().await;
    let url = receiver.url.replace("http://", "https://");
    let failure = failure_of_a_test_delivery_to(&url).await;
    assert_eq!(failure.as_deref(), Some("证书或加密连接失败"));
    assert!(receiver.received().is_empty());
}

#[tokio::test]
async fn test_deliveries_past_the_keeping_time_are_pruned_and_recent_ones_kept() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    set_webhook(&staff, "http://127.0.0.1:9/hook").await;
    let community = community_of(&app, STAFF).await;
    let now = app.clock.now_ms();
    let day = 24 * 60 * 60 * 1000;
    for created in [now - 91 * day, now - 89 * day] {
        sqlx::query(
            "INSERT INTO webhook_deliveries (community_id, status, next_attempt_at, created_at) \
             VALUES ($1, 'delivered', $2, $2)",
        )
        .bind(community)
        .bind(created)
        .execute(&app.db.write)
        .await
        .unwrap();
    }
    let pruned = linli_server::features::outbound::prune_test_deliveries(&app.db, now)
        .await
        .unwrap();
    assert_eq!(pruned, 1);
    let left: Vec<i64> = sqlx::query_scalar("SELECT created_at FROM webhook_deliveries")
        .fetch_all(&app.db.read)
        .await
        .unwrap();
    assert_eq!(left, [now - 89 * day]);
}

/// The community of the user with `phone`.
pub async fn community_of(app: &TestApp, phone: &str) -> i64 {
    sqlx::query_scalar("SELECT community_id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}
