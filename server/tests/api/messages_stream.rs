//! 消息's live stream: opened with a single-use ticket, the bell's figure first, then each new
//! message; resuming after a drop sends exactly what came after the last id; a muted kind
//! comes without its words; a signed-out session closes the stream.

use std::time::Duration;

use linli_api_types::{MessageKind, StreamEvent, StreamTicket, SubjectKind, UnreadCount};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::messages::{newest_id, tell};

/// One event as it came over the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    pub event: String,
    pub id: Option<String>,
    pub data: String,
}

/// Reads events off an open stream.
pub struct EventReader {
    response: reqwest::Response,
    buffer: String,
}

impl EventReader {
    /// The next event (comments skipped); `None` when the stream ended.
    pub async fn next(&mut self) -> Option<SseEvent> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut event = SseEvent {
                    event: "message".into(),
                    id: None,
                    data: String::new(),
                };
                let mut fields = 0;
                for line in block.lines() {
                    if let Some(value) = line.strip_prefix("event:") {
                        event.event = value.trim().to_owned();
                        fields += 1;
                    } else if let Some(value) = line.strip_prefix("id:") {
                        event.id = Some(value.trim().to_owned());
                        fields += 1;
                    } else if let Some(value) = line.strip_prefix("data:") {
                        event.data.push_str(value.trim_start());
                        fields += 1;
                    }
                }
                if fields > 0 {
                    return Some(event);
                }
                continue;
            }
            let chunk = self.response.chunk().await.ok()??;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// The next event within `secs` seconds, failing the test otherwise.
    pub async fn expect(&mut self, secs: u64) -> SseEvent {
        tokio::time::timeout(Duration::from_secs(secs), self.next())
            .await
            .expect("an event in time")
            .expect("the stream is open")
    }

    /// The next `message` event's data.
    pub async fn expect_message(&mut self) -> (i64, StreamEvent) {
        let event = self.expect(10).await;
        assert_eq!(event.event, "message");
        let id = event.id.expect("an id").parse().unwrap();
        (id, serde_json::from_str(&event.data).unwrap())
    }

    /// Whether nothing arrives within `millis`.
    pub async fn quiet_for(&mut self, millis: u64) -> bool {
        tokio::time::timeout(Duration::from_millis(millis), self.next())
            .await
            .is_err()
    }
}

impl Client<'_> {
    pub async fn ticket(&self) -> String {
        let ticket: StreamTicket = {
            let response = self.post("/messages/stream-ticket", None, None).await;
            assert_eq!(response.status(), StatusCode::OK);
            response.json().await.unwrap()
        };
        ticket.ticket
    }
}

/// `GET /messages/stream` with `query` (after `?`), no bearer token: the ticket is the key.
pub async fn open_raw(app: &TestApp, query: &str, last_event_id: Option<i64>) -> reqwest::Response {
    let client = reqwest::Client::new();
    let mut request = client.get(app.url(&format!("/api/v1/messages/stream?{query}")));
    if let Some(id) = last_event_id {
        request = request.header("Last-Event-ID", id.to_string());
    }
    request.send().await.expect("request sent")
}

/// Opens `client`'s stream, reads its first event (`unread`) and answers it with the reader.
pub async fn open(client: &Client<'_>, query: &str) -> (UnreadCount, EventReader) {
    let ticket = client.ticket().await;
    // As browsers ask: a compressed stream would sit in the compressor instead of arriving.
    let response = reqwest::Client::new()
        .get(
            client
                .app
                .url(&format!("/api/v1/messages/stream?ticket={ticket}{query}")),
        )
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .expect("request sent");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    assert!(response.headers().get("content-encoding").is_none());
    let mut reader = EventReader {
        response,
        buffer: String::new(),
    };
    let first = reader.expect(10).await;
    assert_eq!(first.event, "unread");
    assert_eq!(first.id, None);
    (serde_json::from_str(&first.data).unwrap(), reader)
}

#[tokio::test]
async fn a_stream_tells_the_figure_then_each_new_message_of_its_user_only() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let neighbour = Client::new(&app, RESIDENT_5).await;
    tell(
        &app,
        MessageKind::OrderDispatched,
        (SubjectKind::Order, 1),
        &[resident.user_id],
    )
    .await;
    let (figure, mut stream) = open(&resident, "&lang=en").await;
    assert_eq!(figure.unread, 1);
    assert_eq!(figure.latest_id, newest_id(&app, resident.user_id).await);
    // Opened without an id to resume from: what came before is not sent again.
    assert!(stream.quiet_for(1500).await);

    tell(
        &app,
        MessageKind::VoucherUsed,
        (SubjectKind::Voucher, 9),
        &[neighbour.user_id],
    )
    .await;
    tell(
        &app,
        MessageKind::OrderAccepted,
        (SubjectKind::Order, 1),
        &[resident.user_id],
    )
    .await;
    let (id, event) = stream.expect_message().await;
    assert_eq!(id, newest_id(&app, resident.user_id).await);
    assert_eq!(event.unread, 2);
    assert_eq!(event.subject.id, 1);
    let message = event.message.expect("the words of an unmuted kind");
    assert_eq!(message.kind, MessageKind::OrderAccepted);
    assert_eq!(message.path, "/services/orders/1");
    let listed = resident.english().messages("").await;
    assert_eq!(message, listed.items[0]);
    // The neighbour's message never came.
    assert!(stream.quiet_for(1500).await);
}

#[tokio::test]
async fn a_muted_kind_comes_without_its_words_so_the_page_still_refreshes() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let prefs = json!({ "off": ["order_started"], "quiet_hours": true, "quiet_start": 1320, "quiet_end": 420 });
    assert_eq!(
        resident
            .put("/messages/preferences", Some(&prefs), None)
            .await
            .status(),
        StatusCode::OK
    );
    let (_, mut stream) = open(&resident, "").await;
    tell(
        &app,
        MessageKind::OrderStarted,
        (SubjectKind::Order, 8),
        &[resident.user_id],
    )
    .await;
    let (_, event) = stream.expect_message().await;
    assert_eq!(event.message, None);
    assert_eq!(event.subject.id, 8);
    assert_eq!(event.unread, 0);
}

#[tokio::test]
async fn resuming_sends_exactly_what_came_after_the_last_id() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let mut ids = Vec::new();
    for order in 1..=3 {
        tell(
            &app,
            MessageKind::OrderCompleted,
            (SubjectKind::Order, order),
            &[resident.user_id],
        )
        .await;
        ids.push(newest_id(&app, resident.user_id).await);
    }
    // The tab got the first before it dropped.
    let (figure, mut stream) = open(&resident, &format!("&last_event_id={}", ids[0])).await;
    assert_eq!(figure.unread, 3);
    let (second, _) = stream.expect_message().await;
    let (third, event) = stream.expect_message().await;
    assert_eq!([second, third], [ids[1], ids[2]]);
    assert_eq!(event.message.unwrap().subject.id, 3);
    tell(
        &app,
        MessageKind::OrderCompleted,
        (SubjectKind::Order, 4),
        &[resident.user_id],
    )
    .await;
    let (fourth, _) = stream.expect_message().await;
    assert_eq!(fourth, newest_id(&app, resident.user_id).await);
    // Nothing twice, although the poller saw the first three too.
    assert!(stream.quiet_for(1500).await);
    drop(stream);

    // EventSource's own reconnection: the Last-Event-ID header wins over the query.
    let ticket = resident.ticket().await;
    let response = open_raw(
        &app,
        &format!("ticket={ticket}&last_event_id=0"),
        Some(ids[1]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut stream = EventReader {
        response,
        buffer: String::new(),
    };
    assert_eq!(stream.expect(10).await.event, "unread");
    let (next, _) = stream.expect_message().await;
    assert_eq!(next, ids[2]);
    let (last, _) = stream.expect_message().await;
    assert_eq!(last, fourth);
    assert!(stream.quiet_for(1000).await);

    let ticket = resident.ticket().await;
    let bad = open_raw(
        &app,
        &format!("ticket={ticket}&last_event_id=yesterday"),
        None,
    )
    .await;
    problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[tokio::test]
async fn a_ticket_opens_one_stream_once_within_a_minute() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let ticket = resident.ticket().await;
    let stored: Vec<(String, i64)> =
        sqlx::query_as("SELECT token_hash, user_id FROM stream_tickets")
            .fetch_all(&app.db.read)
            .await
            .unwrap();
    // Only its hash is kept.
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].0, ticket);
    assert_eq!(stored[0].1, resident.user_id);

    let first = open_raw(&app, &format!("ticket={ticket}"), None).await;
    assert_eq!(first.status(), StatusCode::OK);
    let again = open_raw(&app, &format!("ticket={ticket}"), None).await;
    assert_eq!(
        problem(again, StatusCode::UNAUTHORIZED).await.code,
        "unauthenticated"
    );

    let expired = resident.ticket().await;
    sqlx::query("UPDATE stream_tickets SET expires_at = expires_at - 61000")
        .execute(&app.db.write)
        .await
        .unwrap();
    problem(
        open_raw(&app, &format!("ticket={expired}"), None).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    for query in ["", "ticket=", "ticket=not-a-ticket", "ticket=%00%01"] {
        problem(open_raw(&app, query, None).await, StatusCode::UNAUTHORIZED).await;
    }
    // A session token is not a ticket.
    problem(
        open_raw(&app, &format!("ticket={}", resident.token), None).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // Nor is a ticket of a session that ended before it was used.
    let late = resident.ticket().await;
    assert_eq!(
        app.sign_out(&resident.token).await.status(),
        StatusCode::NO_CONTENT
    );
    problem(
        open_raw(&app, &format!("ticket={late}"), None).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let anonymous = app
        .client
        .post(app.url("/api/v1/messages/stream-ticket"))
        .send()
        .await
        .unwrap();
    problem(anonymous, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn signing_out_closes_the_stream() {
    let app =
        spawn_app_with(|config| config.stream_session_check = Duration::from_millis(300)).await;
    let resident = Client::new(&app, RESIDENT).await;
    let (_, mut stream) = open(&resident, "").await;
    let other_tab = Client::new(&app, RESIDENT).await;
    let (_, mut kept) = open(&other_tab, "").await;
    assert_eq!(
        app.sign_out(&resident.token).await.status(),
        StatusCode::NO_CONTENT
    );
    let ended = tokio::time::timeout(Duration::from_secs(10), stream.next()).await;
    assert_eq!(ended.expect("the stream ends within seconds"), None);
    // The other session's stream goes on.
    tell(
        &app,
        MessageKind::WishClaimed,
        (SubjectKind::Wish, 2),
        &[other_tab.user_id],
    )
    .await;
    let (_, event) = kept.expect_message().await;
    assert_eq!(event.subject.id, 2);
}
