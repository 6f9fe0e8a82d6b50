//! The outbox as staff see it: the community's deliveries newest first (the dead-letter list
//! with `?status=dead`), a dead one put back in line, a test delivery queued; and the pruning
//! of old test deliveries (a message's deliveries go with the message).

use linli_api_types::{
    DeliveryStatus, MessageKind, WebhookDelivery, WebhookDeliveryPage, MESSAGE_KEEP_DAYS,
    MESSAGE_PAGE_DEFAULT, MESSAGE_PAGE_MAX,
};
use sqlx::AnyConnection;

use super::channel::{describe, FailureReason};
use super::payload::TEST_TITLE;
use super::refusals::{OutboundRefusal, TESTS_WAITING_MAX};
use crate::features::messages::texts::{self, Params};
use crate::platform::db::{time, Db};
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::lang::Lang;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// A page asked for: which status (all when `None`), before which id, how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageAsk {
    pub status: Option<DeliveryStatus>,
    pub before: Option<i64>,
    pub limit: u32,
}

impl PageAsk {
    /// From the query's text; every bad field refused at once.
    pub fn parse(status: Option<&str>, cursor: Option<&str>, limit: Option<&str>) -> Result<Self> {
        let mut issues = Vec::new();
        let status = match status {
            None | Some("") => None,
            Some(raw) => match DeliveryStatus::parse(raw) {
                Some(status) => Some(status),
                None => {
                    issues.push(FieldIssue::new("status", Rule::BadFormat));
                    None
                }
            },
        };
        let before = match cursor {
            None | Some("") => None,
            Some(raw) => match raw.parse::<i64>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    issues.push(FieldIssue::new("cursor", Rule::BadFormat));
                    None
                }
            },
        };
        let limit = match limit {
            None => MESSAGE_PAGE_DEFAULT,
            Some(raw) => match raw.parse::<u32>() {
                Ok(limit) if (1..=MESSAGE_PAGE_MAX).contains(&limit) => limit,
                _ => {
                    issues.push(FieldIssue::new(
                        "limit",
                        Rule::OutOfRange {
                            min: 1,
                            max: i64::from(MESSAGE_PAGE_MAX),
                        },
                    ));
                    MESSAGE_PAGE_DEFAULT
                }
            },
        };
        if !issues.is_empty() {
            return Err(AppError::Validation(issues));
        }
        Ok(Self {
            status,
            before,
            limit,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
struct DeliveryRow {
    id: i64,
    status: String,
    attempts: i64,
    last_status: Option<i64>,
    last_error: Option<String>,
    created_at: i64,
    next_attempt_at: i64,
    kind: Option<String>,
    params: Option<String>,
    recipient: Option<String>,
}

const ROW_SELECT: &str = "\
    SELECT d.id, d.status, d.attempts, d.last_status, d.last_error, d.created_at, \
        d.next_attempt_at, m.kind, m.params, u.name AS recipient \
    FROM webhook_deliveries d \
    LEFT JOIN messages m ON m.id = d.message_id \
    LEFT JOIN users u ON u.id = m.recipient_id";

fn view(row: DeliveryRow, lang: Lang) -> WebhookDelivery {
    let status = DeliveryStatus::parse(&row.status).unwrap_or(DeliveryStatus::Pending);
    let kind = row.kind.as_deref().and_then(MessageKind::parse);
    let title = match kind {
        Some(kind) => {
            let params: Params = row
                .params
                .as_deref()
                .and_then(|params| serde_json::from_str(params).ok())
                .unwrap_or_default();
            // As sent: the webhook's words are zh-CN.
            texts::render(kind, &params, Lang::Zh).0
        }
        None => TEST_TITLE.to_owned(),
    };
    let last_status = row.last_status.and_then(|s| u16::try_from(s).ok());
    WebhookDelivery {
        id: row.id,
        status,
        kind,
        title,
        recipient: row.recipient,
        attempts: row.attempts,
        last_status: last_status.map(i32::from),
        last_error: row
            .last_error
            .as_deref()
            .and_then(FailureReason::parse)
            .map(|reason| describe(reason, last_status, lang)),
        created_at: time(row.created_at),
        next_attempt_at: (status == DeliveryStatus::Pending).then(|| time(row.next_attempt_at)),
    }
}

pub async fn page(db: &Db, community_id: i64, ask: PageAsk) -> Result<WebhookDeliveryPage> {
    let status_filter = if ask.status.is_some() {
        " AND d.status = $4"
    } else {
        ""
    };
    let sql = format!(
        "{ROW_SELECT} WHERE d.community_id = $1 AND d.id < $2{status_filter} \
         ORDER BY d.id DESC LIMIT $3"
    );
    let mut query = sqlx::query_as::<_, DeliveryRow>(&sql)
        .bind(community_id)
        .bind(ask.before.unwrap_or(i64::MAX))
        .bind(i64::from(ask.limit) + 1);
    if let Some(status) = ask.status {
        query = query.bind(status.as_str());
    }
    let mut rows = query.fetch_all(&db.read).await?;
    let more = rows.len() > ask.limit as usize;
    rows.truncate(ask.limit as usize);
    let next_cursor = more
        .then(|| rows.last().map(|row| row.id.to_string()))
        .flatten();
    let lang = Lang::current();
    Ok(WebhookDeliveryPage {
        items: rows.into_iter().map(|row| view(row, lang)).collect(),
        next_cursor,
    })
}

async fn one(conn: &mut AnyConnection, community_id: i64, id: i64) -> Result<WebhookDelivery> {
    let row: Option<DeliveryRow> = sqlx::query_as(&format!(
        "{ROW_SELECT} WHERE d.id = $1 AND d.community_id = $2"
    ))
    .bind(id)
    .bind(community_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|row| view(row, Lang::current()))
        .ok_or(AppError::NotFound)
}

/// Puts dead delivery `id` back in line, due now with its attempts counted afresh. One still
/// waiting is left as it is; another community's is not found.
pub async fn retry(
    tx: &mut AnyConnection,
    community_id: i64,
    id: i64,
    now: i64,
) -> Result<WebhookDelivery> {
    sqlx::query(
        "UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $1, \
             leased_until = 0, version = version + 1 \
         WHERE id = $2 AND community_id = $3 AND status = 'dead'",
    )
    .bind(now)
    .bind(id)
    .bind(community_id)
    .execute(&mut *tx)
    .await?;
    let delivery = one(tx, community_id, id).await?;
    if delivery.status == DeliveryStatus::Delivered {
        return Err(OutboundRefusal::AlreadyDelivered.into());
    }
    Ok(delivery)
}

/// Queues a test delivery (no message, no recipient), due now.
pub async fn queue_test(
    tx: &mut AnyConnection,
    community_id: i64,
    now: i64,
) -> Result<WebhookDelivery> {
    let enabled: Option<i64> =
        sqlx::query_scalar("SELECT enabled FROM webhook_endpoints WHERE community_id = $1")
            .bind(community_id)
            .fetch_optional(&mut *tx)
            .await?;
    match enabled {
        None => return Err(OutboundRefusal::NotSet.into()),
        Some(0) => return Err(OutboundRefusal::Off.into()),
        Some(_) => {}
    }
    let waiting: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM webhook_deliveries \
         WHERE community_id = $1 AND message_id IS NULL AND status = 'pending'",
    )
    .bind(community_id)
    .fetch_one(&mut *tx)
    .await?;
    if waiting >= TESTS_WAITING_MAX {
        return Err(OutboundRefusal::TestsWaiting.into());
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO webhook_deliveries (community_id, message_id, next_attempt_at, created_at) \
         VALUES ($1, NULL, $2, $2) RETURNING id",
    )
    .bind(community_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    one(tx, community_id, id).await
}

/// Test deliveries older than messages are kept. (A message's deliveries are deleted with it
/// by the message centre's pruning.)
pub async fn prune_test_deliveries(db: &Db, now: i64) -> Result<u64> {
    Ok(
        sqlx::query("DELETE FROM webhook_deliveries WHERE message_id IS NULL AND created_at < $1")
            .bind(now - MESSAGE_KEEP_DAYS * DAY_MS)
            .execute(&db.write)
            .await?
            .rows_affected(),
    )
}
