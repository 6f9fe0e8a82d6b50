//! 消息: what concerns a user, told once — the message centre (铃铛 on 首页, 我的 → 消息), the live
//! stream that keeps open pages current, reminders, preferences with quiet hours (免打扰), and the
//! community's outbound webhook (its WeChat official account or SMS gateway).
//!
//! A message is written by the server in the same transaction as the event it tells of, so an
//! event never happens without its message nor the other way round. Its text is rendered in the
//! reader's language when read, from the kind and the names recorded at the event.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Messages are kept this long, then pruned.
pub const MESSAGE_KEEP_DAYS: i64 = 90;
pub const MESSAGE_PAGE_DEFAULT: u32 = 20;
pub const MESSAGE_PAGE_MAX: u32 = 50;
/// Quiet hours unless the user sets others: 22:00–07:00 Asia/Shanghai, as minutes after midnight.
pub const QUIET_START_DEFAULT: u16 = 22 * 60;
pub const QUIET_END_DEFAULT: u16 = 7 * 60;
/// The day-before reminder of a task is due at this time (Asia/Shanghai) the evening before.
pub const TASK_EVE_REMINDER_MINUTE: u16 = 19 * 60;
/// The second reminder of a task: this long before its start.
pub const TASK_SOON_REMINDER_MINUTES: i64 = 120;
/// A webhook delivery is tried this many times (with growing waits) before it is dead.
pub const WEBHOOK_MAX_ATTEMPTS: i64 = 6;
pub const WEBHOOK_URL_MAX_CHARS: usize = 500;

/// What a message tells of. Each kind can be turned off in 消息设置.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    // My orders (the resident who ordered).
    /// 中心已派单: staff gave my order to a volunteer.
    OrderDispatched,
    /// 志愿者已接单.
    OrderAccepted,
    /// 服务已开始.
    OrderStarted,
    /// 服务已完成，请评价.
    OrderCompleted,
    /// 订单已自动关闭 (nobody took it in time, or it was never rated).
    OrderAutoClosed,
    // Volunteers.
    /// 有订单派给您: staff dispatched an order to me.
    OrderAssigned,
    // Tasks I joined.
    /// 候补转正: I moved from the waitlist to joined.
    WaitlistPromoted,
    /// 活动有变更 (time, place, …).
    TaskChanged,
    /// 活动已取消.
    TaskCancelled,
    /// Reminder: 明天有活动 (the evening before, 19:00).
    TaskTomorrow,
    /// Reminder: 活动 2 小时后开始.
    TaskSoon,
    // Notices.
    /// 重要通知 for my building (or wider).
    NoticeImportant,
    // Joining.
    /// 入户申请已通过.
    RegistrationApproved,
    /// 入户申请未通过.
    RegistrationDeclined,
    /// Heads: 有入户申请待审核.
    RegistrationWaiting,
    // My reports.
    /// 您的反映已受理.
    ReportAcknowledged,
    /// 您的反映有回复.
    ReportAnswered,
    /// 您的反映已上报 (it climbed a level).
    ReportEscalated,
    /// 您的反映已办结，请确认.
    ReportResolved,
    // Handlers.
    /// 有反映待您处理 (filed, transferred or escalated to me, or reopened).
    ReportWaiting,
    /// 反映已超时 (a report I hold passed its deadline).
    ReportOverdue,
    // My wishes.
    /// 您的心愿已被认领.
    WishClaimed,
    /// 您的心愿已完成，请感谢.
    WishFulfilled,
    // The love bank.
    /// 您的兑换券已使用.
    VoucherUsed,
}

impl MessageKind {
    pub const ALL: [MessageKind; 24] = [
        MessageKind::OrderDispatched,
        MessageKind::OrderAccepted,
        MessageKind::OrderStarted,
        MessageKind::OrderCompleted,
        MessageKind::OrderAutoClosed,
        MessageKind::OrderAssigned,
        MessageKind::WaitlistPromoted,
        MessageKind::TaskChanged,
        MessageKind::TaskCancelled,
        MessageKind::TaskTomorrow,
        MessageKind::TaskSoon,
        MessageKind::NoticeImportant,
        MessageKind::RegistrationApproved,
        MessageKind::RegistrationDeclined,
        MessageKind::RegistrationWaiting,
        MessageKind::ReportAcknowledged,
        MessageKind::ReportAnswered,
        MessageKind::ReportEscalated,
        MessageKind::ReportResolved,
        MessageKind::ReportWaiting,
        MessageKind::ReportOverdue,
        MessageKind::WishClaimed,
        MessageKind::WishFulfilled,
        MessageKind::VoucherUsed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::OrderDispatched => "order_dispatched",
            MessageKind::OrderAccepted => "order_accepted",
            MessageKind::OrderStarted => "order_started",
            MessageKind::OrderCompleted => "order_completed",
            MessageKind::OrderAutoClosed => "order_auto_closed",
            MessageKind::OrderAssigned => "order_assigned",
            MessageKind::WaitlistPromoted => "waitlist_promoted",
            MessageKind::TaskChanged => "task_changed",
            MessageKind::TaskCancelled => "task_cancelled",
            MessageKind::TaskTomorrow => "task_tomorrow",
            MessageKind::TaskSoon => "task_soon",
            MessageKind::NoticeImportant => "notice_important",
            MessageKind::RegistrationApproved => "registration_approved",
            MessageKind::RegistrationDeclined => "registration_declined",
            MessageKind::RegistrationWaiting => "registration_waiting",
            MessageKind::ReportAcknowledged => "report_acknowledged",
            MessageKind::ReportAnswered => "report_answered",
            MessageKind::ReportEscalated => "report_escalated",
            MessageKind::ReportResolved => "report_resolved",
            MessageKind::ReportWaiting => "report_waiting",
            MessageKind::ReportOverdue => "report_overdue",
            MessageKind::WishClaimed => "wish_claimed",
            MessageKind::WishFulfilled => "wish_fulfilled",
            MessageKind::VoucherUsed => "voucher_used",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Reminders come from the server's timer, not from a person's step: during the user's
    /// quiet hours they wait until the hours end.
    pub fn is_reminder(self) -> bool {
        matches!(self, MessageKind::TaskTomorrow | MessageKind::TaskSoon)
    }

    /// What the message is about, for grouping in 消息设置.
    pub fn group(self) -> MessageGroup {
        use MessageKind::*;
        match self {
            OrderDispatched | OrderAccepted | OrderStarted | OrderCompleted | OrderAutoClosed
            | OrderAssigned => MessageGroup::Orders,
            WaitlistPromoted | TaskChanged | TaskCancelled | TaskTomorrow | TaskSoon => {
                MessageGroup::Tasks
            }
            NoticeImportant => MessageGroup::Notices,
            RegistrationApproved | RegistrationDeclined | RegistrationWaiting => {
                MessageGroup::Joining
            }
            ReportAcknowledged | ReportAnswered | ReportEscalated | ReportResolved
            | ReportWaiting | ReportOverdue => MessageGroup::Reports,
            WishClaimed | WishFulfilled => MessageGroup::Wishes,
            VoucherUsed => MessageGroup::Points,
        }
    }
}

/// The sections of 消息设置, in the page's order.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageGroup {
    Orders,
    Tasks,
    Notices,
    Joining,
    Reports,
    Wishes,
    Points,
}

/// The thing a message is about; opening the message opens it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Order,
    Task,
    Notice,
    /// A join request: the applicant's own (加入进度) or, for heads, the review list.
    JoinRequest,
    Report,
    Wish,
    Voucher,
}

impl SubjectKind {
    pub const ALL: [SubjectKind; 7] = [
        SubjectKind::Order,
        SubjectKind::Task,
        SubjectKind::Notice,
        SubjectKind::JoinRequest,
        SubjectKind::Report,
        SubjectKind::Wish,
        SubjectKind::Voucher,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Order => "order",
            SubjectKind::Task => "task",
            SubjectKind::Notice => "notice",
            SubjectKind::JoinRequest => "join_request",
            SubjectKind::Report => "report",
            SubjectKind::Wish => "wish",
            SubjectKind::Voucher => "voucher",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageSubject {
    pub kind: SubjectKind,
    pub id: i64,
}

/// One message, its text in the reader's language.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    /// Increasing: also the live stream's event id.
    pub id: i64,
    pub kind: MessageKind,
    pub subject: MessageSubject,
    /// "志愿者已接单".
    pub title: String,
    /// "王师傅接了您的「理发」订单".
    pub body: String,
    /// The app page it opens ("/services/orders/12"); also what a webhook's receiver links to.
    pub path: String,
    /// When it was written or, for a reminder held through quiet hours, when it came due.
    pub at: DateTime<Utc>,
    pub read: bool,
}

/// `GET /api/v1/messages?cursor=&limit=`: newest first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessagePage {
    pub items: Vec<Message>,
    pub next_cursor: Option<String>,
    pub unread: i64,
}

/// `GET /api/v1/messages/unread`: the bell's figure, and what polling compares when the browser
/// has no EventSource.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadCount {
    pub unread: i64,
    /// The newest message of the user (muted ones included), 0 without any: when it changes,
    /// something happened that may concern the page on screen.
    pub latest_id: i64,
}

/// `POST /api/v1/messages/read-all`: marks read every message up to `up_to` (the newest the
/// user has seen), so one that arrives meanwhile stays unread.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadAll {
    pub up_to: i64,
}

/// `GET`/`PUT /api/v1/messages/preferences`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessagePrefs {
    /// The kinds turned off: not listed, not counted, not sent out (an open page still refreshes).
    pub off: Vec<MessageKind>,
    /// 免打扰: reminders due in these hours wait until they end; so do webhook deliveries.
    pub quiet_hours: bool,
    /// Minutes after midnight, Asia/Shanghai, 0–1439. Start after end spans midnight.
    #[cfg_attr(feature = "openapi", schema(maximum = 1439))]
    pub quiet_start: u16,
    #[cfg_attr(feature = "openapi", schema(maximum = 1439))]
    pub quiet_end: u16,
}

impl Default for MessagePrefs {
    fn default() -> Self {
        Self {
            off: Vec::new(),
            quiet_hours: true,
            quiet_start: QUIET_START_DEFAULT,
            quiet_end: QUIET_END_DEFAULT,
        }
    }
}

/// `POST /api/v1/messages/stream-ticket`: EventSource cannot send the Authorization header, so
/// the app trades its session for a ticket that opens one stream within a minute, once.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StreamTicket {
    pub ticket: String,
    pub expires_at: DateTime<Utc>,
}

/// The data of a live stream event (`GET /api/v1/messages/stream?ticket=&lang=&last_event_id=`,
/// `text/event-stream`). Event `message`, id = the message's id: `message` is `None` for a muted
/// kind (the page about `subject` still refreshes). Event `unread` (no id), sent first: the
/// figure as [`UnreadCount`]. A comment every 20 s keeps proxies from closing the stream.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StreamEvent {
    pub message: Option<Message>,
    pub subject: MessageSubject,
    pub unread: i64,
}

// ---- The community's outbound webhook (staff) ----

/// `GET /api/v1/community/webhook`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookSettings {
    /// `None`: no webhook set.
    pub url: Option<String>,
    pub enabled: bool,
    /// The secret's last 4 characters, to tell which one the receiver holds.
    pub secret_hint: Option<String>,
    /// Deliveries waiting to be (re)tried, and dead ones.
    pub pending: i64,
    pub dead: i64,
}

/// `PUT /api/v1/community/webhook`: an `https://` URL (or `http://` to a loopback address).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookUpdate {
    // WEBHOOK_URL_MAX_CHARS
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub url: String,
    pub enabled: bool,
}

/// Answer to setting a webhook for the first time and to `POST /community/webhook/secret`: the
/// signing secret, shown this once.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookSecret {
    pub secret: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    Pending,
    Delivered,
    /// Failed every attempt: on the dead-letter list until staff retry it.
    Dead,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Dead => "dead",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Delivered, Self::Dead]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A delivery on `GET /api/v1/community/webhook/deliveries?status=dead|pending`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDelivery {
    pub id: i64,
    pub status: DeliveryStatus,
    /// `None` for a test delivery.
    pub kind: Option<MessageKind>,
    /// The message's title (zh-CN, as sent) or "测试消息".
    pub title: String,
    /// Whom the message was for (name), `None` for a test delivery.
    pub recipient: Option<String>,
    pub attempts: i64,
    /// The receiver's last HTTP status, if it answered.
    pub last_status: Option<i32>,
    /// The last failure in words ("连接超时", "HTTP 500").
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub next_attempt_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/community/webhook/deliveries?status=&cursor=&limit=`: newest first; pass
/// `next_cursor` back as `?cursor=`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDeliveryPage {
    pub items: Vec<WebhookDelivery>,
    pub next_cursor: Option<String>,
}

/// The body a webhook receiver gets (`POST`, `application/json`), signed: header
/// `X-Linli-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`; header
/// `X-Linli-Delivery: <delivery id>` is the same on every retry of one delivery, so the receiver
/// can drop repeats. Texts are zh-CN.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookPayload {
    pub delivery_id: i64,
    /// `None` for a test delivery.
    pub message_id: Option<i64>,
    pub kind: Option<MessageKind>,
    pub community: String,
    pub title: String,
    pub body: String,
    /// The app page, from the site's root.
    pub path: Option<String>,
    pub recipient: Option<WebhookRecipient>,
    pub at: DateTime<Utc>,
}

/// Who the message is for: what an SMS gateway needs to reach them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookRecipient {
    pub user_id: i64,
    pub name: String,
    pub phone: String,
}
