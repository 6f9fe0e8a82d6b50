//! 消息推送, the worker's side: a message written by `notify()` reaches the community's
//! receiver once, signed, with its words and recipient; a failing receiver gets retries at
//! growing intervals until the delivery is dead, staff retry it and it arrives; two workers at
//! once send each delivery once; muted messages, a webhook turned off and quiet hours hold
//! deliveries back; nothing crosses communities.

use linli_api_types::{
    DeliveryStatus, MessageKind, MessageSubject, SubjectKind, WebhookDelivery, WebhookDeliveryPage,
    WebhookSettings, WEBHOOK_MAX_ATTEMPTS,
};
use linli_server::features::messages::texts;
use linli_server::features::messages::{notify, NewMessage};
use linli_server::features::outbound::retry::{RetrySchedule, DEFAULT_WAITS_SECS};
use linli_server::features::outbound::run_due;
use linli_server::features::outbound::webhook::WebhookChannel;
use linli_server::platform::lang::Lang;
use linli_server::platform::shanghai::{day_start, DAY_MS};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::webhooks::{community_of, fresh_key, put_webhook, set_webhook, spawn_quiet_worker_app};
use crate::webhooks_receiver::{signature_verifies, Receiver};

const HOUR_MS: i64 = 60 * 60 * 1000;

/// Tomorrow at `hour`:00 in Shanghai: a time ahead of the server's clock, so everything the
/// API queues "now" is due by then, and outside the default quiet hours for 7 ≤ hour < 22.
fn tomorrow_at(app: &TestApp, hour: i64) -> i64 {
    day_start(app.clock.now_ms()) + DAY_MS + hour * HOUR_MS
}

/// Writes `kind` about order `order_id` for `recipients` at `at`, as the event's feature does.
async fn write_message(
    app: &TestApp,
    kind: MessageKind,
    order_id: i64,
    recipients: &[i64],
    at: i64,
) -> NewMessage {
    let community = community_of(app, STAFF).await;
    let message = NewMessage::new(
        community,
        kind,
        MessageSubject {
            kind: SubjectKind::Order,
            id: order_id,
        },
        at,
    )
    .with("service", "理发")
    .with("volunteer", "张建国");
    let mut tx = app.db.write.begin().await.unwrap();
    notify(&mut tx, &message, recipients).await.unwrap();
    tx.commit().await.unwrap();
    message
}

async fn deliveries_of(app: &TestApp, message_kind: MessageKind) -> Vec<(i64, String, i64)> {
    sqlx::query_as(
        "SELECT d.id, d.status, d.next_attempt_at FROM webhook_deliveries d \
         JOIN messages m ON m.id = d.message_id WHERE m.kind = $1 ORDER BY d.id",
    )
    .bind(message_kind.as_str())
    .fetch_all(&app.db.read)
    .await
    .unwrap()
}

async fn run(app: &TestApp, now: i64) -> linli_server::features::outbound::Run {
    let channel = WebhookChannel::new().unwrap();
    run_due(&app.db, now, &channel, &RetrySchedule::default())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_message_reaches_the_receiver_once_signed_with_its_words_and_recipient() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    let receiver = Receiver::start().await;
    let secret = set_webhook(&staff, &receiver.url).await;
    let resident = user_id(&app, RESIDENT).await;
    let at = tomorrow_at(&app, 10);
    let message = write_message(&app, MessageKind::OrderAccepted, 77, &[resident], at).await;
    let queued = deliveries_of(&app, MessageKind::OrderAccepted).await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].2, at);

    assert_eq!(
        run(&app, at - 1).await.delivered,
        0,
        "not due before its time"
    );
    assert_eq!(run(&app, at).await.delivered, 1);
    assert_eq!(run(&app, at + 60_000).await.delivered, 0, "sent once");
    let received = receiver.received();
    assert_eq!(received.len(), 1);
    let request = &received[0];
    assert!(signature_verifies(request, &secret));
    assert!(!signature_verifies(request, &"0".repeat(64)));
    assert!(request
        .header("x-linli-signature")
        .starts_with(&format!("t={},v1=", at / 1000)));
    assert_eq!(request.delivery_id(), queued[0].0);
    let payload = request.payload();
    let message_id: i64 =
        sqlx::query_scalar("SELECT message_id FROM webhook_deliveries WHERE id = $1")
            .bind(queued[0].0)
            .fetch_one(&app.db.read)
            .await
            .unwrap();
    assert_eq!(payload.message_id, Some(message_id));
    assert_eq!(payload.kind, Some(MessageKind::OrderAccepted));
    assert_eq!(payload.community, "井湘社区");
    let (title, body) = texts::render(MessageKind::OrderAccepted, &message.params, Lang::Zh);
    assert_eq!((payload.title, payload.body), (title, body));
    assert_eq!(payload.path.as_deref(), Some("/services/orders/77"));
    let recipient = payload.recipient.expect("a recipient");
    assert_eq!(recipient.user_id, resident);
    assert_eq!(recipient.name, "王秀英");
    assert_eq!(recipient.phone, RESIDENT);
    assert_eq!(payload.at.timestamp_millis(), at);
    let stored: (String, i64, Option<i64>) = sqlx::query_as(
        "SELECT status, attempts, delivered_at FROM webhook_deliveries WHERE id = $1",
    )
    .bind(queued[0].0)
    .fetch_one(&app.db.read)
    .await
    .unwrap();
    assert_eq!(stored, ("delivered".to_owned(), 1, Some(at)));
}

#[tokio::test]
async fn a_failing_receiver_gets_growing_retries_then_the_dead_delivery_is_retried_by_staff() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    let receiver = Receiver::start().await;
    receiver.fail_always(true);
    let secret = set_webhook(&staff, &receiver.url).await;
    let resident = user_id(&app, RESIDENT).await;
    let mut now = tomorrow_at(&app, 9);
    write_message(&app, MessageKind::OrderDispatched, 5, &[resident], now).await;
    let id = deliveries_of(&app, MessageKind::OrderDispatched).await[0].0;

    for attempt in 1..=WEBHOOK_MAX_ATTEMPTS {
        let outcome = run(&app, now).await;
        assert_eq!(receiver.received().len() as i64, attempt);
        let (status, attempts, next_at, last_status): (String, i64, i64, Option<i64>) =
            sqlx::query_as(
                "SELECT status, attempts, next_attempt_at, last_status \
                 FROM webhook_deliveries WHERE id = $1",
            )
            .bind(id)
            .fetch_one(&app.db.read)
            .await
            .unwrap();
        assert_eq!(attempts, attempt);
        assert_eq!(last_status, Some(500));
        if attempt == WEBHOOK_MAX_ATTEMPTS {
            assert_eq!(status, "dead");
            assert_eq!(outcome.dead, 1);
            break;
        }
        assert_eq!(status, "pending");
        assert_eq!(outcome.failed, 1);
        let wait = i64::try_from(DEFAULT_WAITS_SECS[attempt as usize - 1]).unwrap() * 1000;
        let waited = next_at - now;
        assert!(
            (waited - wait).abs() <= wait / 10,
            "attempt {attempt}: waits {waited} ms, not about {wait}"
        );
        // Not a moment before its time.
        run(&app, next_at - 1).await;
        assert_eq!(receiver.received().len() as i64, attempt);
        now = next_at;
    }
    // Every attempt was the same delivery, signed each time.
    let received = receiver.received();
    assert!(received.iter().all(|r| r.delivery_id() == id));
    assert!(received.iter().all(|r| signature_verifies(r, &secret)));
    // Dead stays dead, whatever the time.
    run(&app, now + 30 * DAY_MS).await;
    assert_eq!(receiver.received().len() as i64, WEBHOOK_MAX_ATTEMPTS);

    let dead: WebhookDeliveryPage = staff
        .get_ok("/community/webhook/deliveries?status=dead")
        .await;
    assert_eq!(dead.items.len(), 1);
    let letter = &dead.items[0];
    assert_eq!(letter.id, id);
    assert_eq!(letter.kind, Some(MessageKind::OrderDispatched));
    assert_eq!(letter.recipient.as_deref(), Some("王秀英"));
    assert_eq!(letter.attempts, WEBHOOK_MAX_ATTEMPTS);
    assert_eq!(letter.last_status, Some(500));
    assert_eq!(letter.last_error.as_deref(), Some("HTTP 500"));
    assert_eq!(letter.next_attempt_at, None);
    let settings: WebhookSettings = staff.get_ok("/community/webhook").await;
    assert_eq!((settings.pending, settings.dead), (0, 1));

    receiver.fail_always(false);
    let retried = staff
        .post(
            &format!("/community/webhook/deliveries/{id}/retry"),
            None,
            Some(&fresh_key()),
        )
        .await;
    assert_eq!(retried.status(), StatusCode::OK);
    let retried: WebhookDelivery = retried.json().await.unwrap();
    assert_eq!(retried.status, DeliveryStatus::Pending);
    assert_eq!(retried.attempts, 0);
    assert_eq!(run(&app, now + 30 * DAY_MS).await.delivered, 1);
    let received = receiver.received();
    assert_eq!(received.len() as i64, WEBHOOK_MAX_ATTEMPTS + 1);
    assert_eq!(received.last().unwrap().answered, 204);
    assert_eq!(received.last().unwrap().delivery_id(), id);
    let dead: WebhookDeliveryPage = staff
        .get_ok("/community/webhook/deliveries?status=dead")
        .await;
    assert!(dead.items.is_empty());
}

#[tokio::test]
async fn a_receiver_that_recovers_gets_the_delivery_on_a_retry() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    let receiver = Receiver::start().await;
    receiver.fail_first(2);
    set_webhook(&staff, &receiver.url).await;
    let resident = user_id(&app, RESIDENT).await;
    let now = tomorrow_at(&app, 9);
    write_message(&app, MessageKind::OrderStarted, 6, &[resident], now).await;
    assert_eq!(run(&app, now).await.failed, 1);
    assert_eq!(run(&app, now + 40_000).await.failed, 1);
    assert_eq!(run(&app, now + 40_000 + 3 * 60_000).await.delivered, 1);
    let answered: Vec<u16> = receiver.received().iter().map(|r| r.answered).collect();
    assert_eq!(answered, [500, 500, 204]);
}

#[tokio::test]
async fn two_workers_at_once_send_each_delivery_once() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    let receiver = Receiver::start().await;
    set_webhook(&staff, &receiver.url).await;
    let mut recipients = Vec::new();
    for phone in [
        RESIDENT,
        VOLUNTEER,
        BUILDING_HEAD,
        UNIT_HEAD,
        HUANG_JIANHUA,
        RESIDENT_5,
    ] {
        recipients.push(user_id(&app, phone).await);
    }
    let now = tomorrow_at(&app, 11);
    write_message(&app, MessageKind::TaskChanged, 9, &recipients, now).await;
    assert_eq!(deliveries_of(&app, MessageKind::TaskChanged).await.len(), 6);

    // Two servers: two pools on one database, each with its own worker.
    let (one, other) = (db(&app).await, db(&app).await);
    let channel = WebhookChannel::new().unwrap();
    let retry = RetrySchedule::default();
    let (a, b) = tokio::join!(
        run_due(&one, now, &channel, &retry),
        run_due(&other, now, &channel, &retry)
    );
    assert_eq!(a.unwrap().delivered + b.unwrap().delivered, 6);
    let mut sent: Vec<i64> = receiver
        .received()
        .iter()
        .map(|r| r.delivery_id())
        .collect();
    sent.sort_unstable();
    let expected: Vec<i64> = deliveries_of(&app, MessageKind::TaskChanged)
        .await
        .iter()
        .map(|d| d.0)
        .collect();
    assert_eq!(sent, expected);
}

#[tokio::test]
async fn muted_messages_and_a_webhook_turned_off_send_nothing() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    let receiver = Receiver::start().await;
    set_webhook(&staff, &receiver.url).await;
    let resident = user_id(&app, RESIDENT).await;
    let volunteer = user_id(&app, VOLUNTEER).await;
    sqlx::query(
        "INSERT INTO message_prefs (user_id, off_kinds, quiet_hours, quiet_start, quiet_end, \
             updated_at) VALUES ($1, ',order_completed,', 1, 1320, 420, 0)",
    )
    .bind(resident)
    .execute(&app.db.write)
    .await
    .unwrap();
    let now = tomorrow_at(&app, 12);
    write_message(
        &app,
        MessageKind::OrderCompleted,
        8,
        &[resident, volunteer],
        now,
    )
    .await;
    let queued = deliveries_of(&app, MessageKind::OrderCompleted).await;
    assert_eq!(queued.len(), 1, "only the unmuted recipient's");

    // Off: the delivery waits, not dead.
    assert_eq!(
        put_webhook(&staff, &receiver.url, false).await.status(),
        StatusCode::OK
    );
    let outcome = run(&app, now + HOUR_MS).await;
    assert_eq!(outcome, Default::default());
    assert!(receiver.received().is_empty());
    assert_eq!(
        deliveries_of(&app, MessageKind::OrderCompleted).await[0].1,
        "pending"
    );
    // On again: it goes, to the volunteer.
    assert_eq!(
        put_webhook(&staff, &receiver.url, true).await.status(),
        StatusCode::OK
    );
    assert_eq!(run(&app, now + HOUR_MS).await.delivered, 1);
    let received = receiver.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].payload().recipient.unwrap().user_id, volunteer);
}

#[tokio::test]
async fn quiet_hours_hold_a_delivery_until_they_end() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    let receiver = Receiver::start().await;
    set_webhook(&staff, &receiver.url).await;
    let resident = user_id(&app, RESIDENT).await;
    // 23:00 in Shanghai: inside the default 22:00–07:00.
    let late = tomorrow_at(&app, 23);
    write_message(&app, MessageKind::OrderAutoClosed, 3, &[resident], late).await;
    let morning = tomorrow_at(&app, 24 + 7);
    assert_eq!(
        deliveries_of(&app, MessageKind::OrderAutoClosed).await[0].2,
        morning
    );
    assert_eq!(run(&app, late + 60_000).await.delivered, 0);
    assert_eq!(run(&app, morning - 60_000).await.delivered, 0);
    assert!(receiver.received().is_empty());
    assert_eq!(run(&app, morning).await.delivered, 1);
    assert_eq!(receiver.received().len(), 1);
}

#[tokio::test]
async fn a_retry_that_would_fall_in_quiet_hours_waits_for_the_morning() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    let receiver = Receiver::start().await;
    receiver.fail_always(true);
    set_webhook(&staff, &receiver.url).await;
    let resident = user_id(&app, RESIDENT).await;
    // 21:59:50: the first retry (30 s later) would be at 22:00:20.
    let at = tomorrow_at(&app, 22) - 10_000;
    write_message(&app, MessageKind::WaitlistPromoted, 4, &[resident], at).await;
    assert_eq!(run(&app, at).await.failed, 1);
    let next = deliveries_of(&app, MessageKind::WaitlistPromoted).await[0].2;
    assert_eq!(next, tomorrow_at(&app, 24 + 7));
}

#[tokio::test]
async fn an_unreachable_receiver_is_told_as_a_connection_failure_in_the_readers_language() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    // A port nobody listens on.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    set_webhook(&staff, &format!("http://127.0.0.1:{closed}/hook")).await;
    let resident = user_id(&app, RESIDENT).await;
    let volunteer = user_id(&app, VOLUNTEER).await;
    let now = tomorrow_at(&app, 10);
    write_message(
        &app,
        MessageKind::OrderAccepted,
        1,
        &[resident, volunteer],
        now,
    )
    .await;
    let outcome = run(&app, now).await;
    // The second is not tried against a receiver that just failed to answer.
    assert_eq!(outcome.failed, 1);
    let page: WebhookDeliveryPage = staff
        .get_ok("/community/webhook/deliveries?status=pending")
        .await;
    let tried: Vec<_> = page.items.iter().filter(|d| d.attempts == 1).collect();
    assert_eq!(tried.len(), 1);
    assert_eq!(tried[0].last_error.as_deref(), Some("连接失败"));
    assert_eq!(tried[0].last_status, None);
    let english = Client::new(&app, STAFF).await.english();
    let page: WebhookDeliveryPage = english
        .get_ok("/community/webhook/deliveries?status=pending")
        .await;
    let tried = page.items.iter().find(|d| d.attempts == 1).unwrap();
    assert_eq!(tried.last_error.as_deref(), Some("Could not connect"));
}

#[tokio::test]
async fn one_communitys_messages_never_reach_another_communitys_receiver_or_staff() {
    let app = spawn_quiet_worker_app().await;
    let staff = Client::new(&app, STAFF).await;
    let other_staff = Client::new(&app, OTHER_STAFF).await;
    let ours = Receiver::start().await;
    let theirs = Receiver::start().await;
    ours.fail_always(true);
    set_webhook(&staff, &ours.url).await;
    set_webhook(&other_staff, &theirs.url).await;
    let resident = user_id(&app, RESIDENT).await;
    let now = tomorrow_at(&app, 10);
    write_message(&app, MessageKind::VoucherUsed, 2, &[resident], now).await;
    run(&app, now).await;
    assert_eq!(ours.received().len(), 1);
    assert!(theirs.received().is_empty());
    let id = deliveries_of(&app, MessageKind::VoucherUsed).await[0].0;
    sqlx::query("UPDATE webhook_deliveries SET status = 'dead' WHERE id = $1")
        .bind(id)
        .execute(&app.db.write)
        .await
        .unwrap();
    let listed: WebhookDeliveryPage = other_staff.get_ok("/community/webhook/deliveries").await;
    assert!(listed.items.is_empty());
    let settings: WebhookSettings = other_staff.get_ok("/community/webhook").await;
    assert_eq!((settings.pending, settings.dead), (0, 0));
    let refused = other_staff
        .post(
            &format!("/community/webhook/deliveries/{id}/retry"),
            None,
            Some(&fresh_key()),
        )
        .await;
    problem(refused, StatusCode::NOT_FOUND).await;
    let status: String = sqlx::query_scalar("SELECT status FROM webhook_deliveries WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    assert_eq!(status, "dead");
}
