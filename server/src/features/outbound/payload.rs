//! What a delivery sends: its message rendered in zh-CN with the page it opens, whom it is for,
//! and the community's endpoint — read in one statement, joined on the delivery's own
//! community so one community's messages can never reach another's endpoint.

use linli_api_types::{MessageKind, SubjectKind, WebhookPayload, WebhookRecipient};

use super::channel::{FailureReason, Outgoing};
use crate::features::messages::quiet::QuietHours;
use crate::features::messages::texts::{self, Params};
use crate::platform::db::{time, Db};
use crate::platform::error::Result;
use crate::platform::lang::Lang;

/// The words of a test delivery (`POST /community/webhook/test`).
pub const TEST_TITLE: &str = "测试消息";
const TEST_BODY: &str = "这是一条来自邻里的测试消息：收到它，说明推送已接通。";

#[derive(Debug, sqlx::FromRow)]
struct DeliveryRow {
    id: i64,
    message_id: Option<i64>,
    created_at: i64,
    url: String,
    secret: String,
    enabled: i64,
    community: String,
    kind: Option<String>,
    subject_kind: Option<String>,
    subject_id: Option<i64>,
    params: Option<String>,
    visible_at: Option<i64>,
    recipient_id: Option<i64>,
    recipient_name: Option<String>,
    recipient_phone: Option<String>,
    quiet_hours: Option<i64>,
    quiet_start: Option<i64>,
    quiet_end: Option<i64>,
}

const DELIVERY_SELECT: &str = "\
    SELECT d.id, d.message_id, d.created_at, e.url, e.secret, e.enabled, c.name AS community, \
        m.kind, m.subject_kind, m.subject_id, m.params, m.visible_at, \
        u.id AS recipient_id, u.name AS recipient_name, u.phone AS recipient_phone, \
        p.quiet_hours, p.quiet_start, p.quiet_end \
    FROM webhook_deliveries d \
    JOIN webhook_endpoints e ON e.community_id = d.community_id \
    JOIN communities c ON c.id = d.community_id \
    LEFT JOIN messages m ON m.id = d.message_id AND m.community_id = d.community_id \
    LEFT JOIN users u ON u.id = m.recipient_id \
    LEFT JOIN message_prefs p ON p.user_id = m.recipient_id \
    WHERE d.id = $1";

/// A delivery as the worker sends it.
#[derive(Debug)]
pub enum Ready {
    Send {
        outgoing: Box<Outgoing>,
        /// The recipient's quiet hours: a retry waits for them too.
        quiet: Option<QuietHours>,
    },
    /// Its message is gone or belongs elsewhere: nothing to send, ever.
    Unsendable(FailureReason),
    /// The endpoint was turned off (or removed) meanwhile: it waits.
    EndpointOff,
}

/// Reads delivery `id` ready to send at `now`.
pub async fn load(db: &Db, id: i64, now: i64) -> Result<Ready> {
    let row: Option<DeliveryRow> = sqlx::query_as(DELIVERY_SELECT)
        .bind(id)
        .fetch_optional(&db.read)
        .await?;
    let Some(row) = row else {
        return Ok(Ready::EndpointOff);
    };
    if row.enabled == 0 {
        return Ok(Ready::EndpointOff);
    }
    let (payload, quiet) = match payload(&row) {
        Some(built) => built,
        None => return Ok(Ready::Unsendable(FailureReason::NoMessage)),
    };
    Ok(Ready::Send {
        outgoing: Box::new(Outgoing {
            delivery_id: row.id,
            url: row.url,
            secret: row.secret,
            payload,
            now,
        }),
        quiet,
    })
}

fn payload(row: &DeliveryRow) -> Option<(WebhookPayload, Option<QuietHours>)> {
    let Some(message_id) = row.message_id else {
        return Some((
            WebhookPayload {
                delivery_id: row.id,
                message_id: None,
                kind: None,
                community: row.community.clone(),
                title: TEST_TITLE.to_owned(),
                body: TEST_BODY.to_owned(),
                path: None,
                recipient: None,
                at: time(row.created_at),
            },
            None,
        ));
    };
    let kind = MessageKind::parse(row.kind.as_deref()?)?;
    let subject = SubjectKind::parse(row.subject_kind.as_deref()?)?;
    let params: Params = serde_json::from_str(row.params.as_deref()?).unwrap_or_default();
    let (title, body) = texts::render(kind, &params, Lang::Zh);
    let recipient = WebhookRecipient {
        user_id: row.recipient_id?,
        name: row.recipient_name.clone()?,
        phone: row.recipient_phone.clone()?,
    };
    // No row of preferences: the defaults, quiet hours on.
    let quiet = match (row.quiet_hours, row.quiet_start, row.quiet_end) {
        (None, ..) => Some(QuietHours {
            start: linli_api_types::QUIET_START_DEFAULT,
            end: linli_api_types::QUIET_END_DEFAULT,
        }),
        (Some(0), ..) => None,
        (Some(_), Some(start), Some(end)) => Some(QuietHours {
            start: u16::try_from(start).ok()?,
            end: u16::try_from(end).ok()?,
        }),
        _ => None,
    };
    Some((
        WebhookPayload {
            delivery_id: row.id,
            message_id: Some(message_id),
            kind: Some(kind),
            community: row.community.clone(),
            title,
            body,
            path: Some(subject_path(kind, subject, row.subject_id?)),
            recipient: Some(recipient),
            at: time(row.visible_at?),
        },
        quiet,
    ))
}

/// The app page a message opens. The message centre computes the same paths for its list;
/// kept here until that function is public on one branch (then this calls it).
pub fn subject_path(kind: MessageKind, subject: SubjectKind, id: i64) -> String {
    match subject {
        SubjectKind::Order => format!("/services/orders/{id}"),
        SubjectKind::Task => format!("/tasks/{id}"),
        SubjectKind::Notice => format!("/notices/{id}"),
        SubjectKind::JoinRequest if kind == MessageKind::RegistrationWaiting => {
            "/me/join-requests".to_owned()
        }
        SubjectKind::JoinRequest => "/me/join".to_owned(),
        SubjectKind::Report => format!("/me/reports/{id}"),
        SubjectKind::Wish => format!("/services/wishes/{id}"),
        SubjectKind::Voucher => format!("/points/vouchers/{id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_subject_opens_its_page() {
        use MessageKind as K;
        use SubjectKind as S;
        assert_eq!(
            subject_path(K::OrderAccepted, S::Order, 12),
            "/services/orders/12"
        );
        assert_eq!(subject_path(K::TaskSoon, S::Task, 3), "/tasks/3");
        assert_eq!(subject_path(K::NoticeImportant, S::Notice, 4), "/notices/4");
        assert_eq!(
            subject_path(K::RegistrationApproved, S::JoinRequest, 5),
            "/me/join"
        );
        assert_eq!(
            subject_path(K::RegistrationWaiting, S::JoinRequest, 5),
            "/me/join-requests"
        );
        assert_eq!(
            subject_path(K::ReportAnswered, S::Report, 6),
            "/me/reports/6"
        );
        assert_eq!(
            subject_path(K::WishClaimed, S::Wish, 7),
            "/services/wishes/7"
        );
        assert_eq!(
            subject_path(K::VoucherUsed, S::Voucher, 8),
            "/points/vouchers/8"
        );
    }
}
