//! Service orders and the four steps 群众点单 → 中心派单 → 志愿者接单 → 群众评单.
//!
//! (Over 400 lines: the order's wire types, its statuses, actions and rating tags are one
//! vocabulary that app and server share; split, each half would need the other.)
//!
//! An order moves `submitted` (in the dispatch queue) → `dispatched` (assigned to a volunteer)
//! → `accepted` → `in_progress` → `completed` → `rated`, or `closed` when the resident does not
//! rate within `RATE_WINDOW_DAYS`; `cancelled` before acceptance. A volunteer's decline puts it
//! back to `submitted`. The server's state machine refuses every other move.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ServiceCategory;

pub const ORDER_NOTE_MAX_CHARS: usize = 200;
pub const ORDER_ADDRESS_MAX_CHARS: usize = 100;
pub const DECLINE_REASON_MAX_CHARS: usize = 200;
pub const COMPLETION_NOTE_MAX_CHARS: usize = 500;
pub const RATING_COMMENT_MAX_CHARS: usize = 500;
pub const RATING_TAGS_MAX: usize = 6;
/// A household may have at most this many free (0-point) orders open (not yet completed,
/// cancelled or closed); paid orders are bounded by the points they hold.
pub const FREE_ORDERS_OPEN_MAX: i64 = 5;
/// Orders per page of the dispatch queue and the volunteer's lists: default and maximum.
pub const ORDER_PAGE_DEFAULT: u32 = 20;
pub const ORDER_PAGE_MAX: u32 = 50;
/// After completion the resident may rate for this many days; then the order closes itself.
pub const RATE_WINDOW_DAYS: i64 = 7;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// 待派单: in the dispatch queue.
    Submitted,
    /// 已派单: assigned to a volunteer who has not accepted yet.
    Dispatched,
    /// 已接单
    Accepted,
    /// 服务中
    InProgress,
    /// 待评价: done, waiting for the resident's rating.
    Completed,
    /// 已评价
    Rated,
    /// 已关闭: not rated within the window; settled as if rated.
    Closed,
    /// 已取消
    Cancelled,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 8] = [
        OrderStatus::Submitted,
        OrderStatus::Dispatched,
        OrderStatus::Accepted,
        OrderStatus::InProgress,
        OrderStatus::Completed,
        OrderStatus::Rated,
        OrderStatus::Closed,
        OrderStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Submitted => "submitted",
            OrderStatus::Dispatched => "dispatched",
            OrderStatus::Accepted => "accepted",
            OrderStatus::InProgress => "in_progress",
            OrderStatus::Completed => "completed",
            OrderStatus::Rated => "rated",
            OrderStatus::Closed => "closed",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s2| s2.as_str() == s)
    }

    /// Rated, closed or cancelled: nothing more will happen.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            OrderStatus::Rated | OrderStatus::Closed | OrderStatus::Cancelled
        )
    }
}

/// One step on an order's timeline.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderEventKind {
    /// 群众点单
    Submitted,
    /// 中心派单 (the note names the volunteer)
    Dispatched,
    /// Assigned to another volunteer (the note names them).
    Reassigned,
    /// 志愿者接单
    Accepted,
    /// Declined by the volunteer (the note is the reason); back to the queue.
    Declined,
    /// An open order taken by a volunteer of that service.
    Claimed,
    /// 开始服务
    Started,
    /// 服务完成 (the note is the volunteer's)
    Completed,
    /// 群众评单
    Rated,
    /// Closed itself after the rating window.
    Closed,
    /// Cancelled by the resident.
    Cancelled,
    /// 志愿者身份已取消，订单退回派单: staff removed the assignee's volunteer flag, so the order
    /// went back to the dispatch queue (the actor is that staff member).
    Recalled,
}

impl OrderEventKind {
    pub const ALL: [OrderEventKind; 12] = [
        OrderEventKind::Submitted,
        OrderEventKind::Dispatched,
        OrderEventKind::Reassigned,
        OrderEventKind::Accepted,
        OrderEventKind::Declined,
        OrderEventKind::Claimed,
        OrderEventKind::Started,
        OrderEventKind::Completed,
        OrderEventKind::Rated,
        OrderEventKind::Closed,
        OrderEventKind::Cancelled,
        OrderEventKind::Recalled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderEventKind::Submitted => "submitted",
            OrderEventKind::Dispatched => "dispatched",
            OrderEventKind::Reassigned => "reassigned",
            OrderEventKind::Accepted => "accepted",
            OrderEventKind::Declined => "declined",
            OrderEventKind::Claimed => "claimed",
            OrderEventKind::Started => "started",
            OrderEventKind::Completed => "completed",
            OrderEventKind::Rated => "rated",
            OrderEventKind::Closed => "closed",
            OrderEventKind::Cancelled => "cancelled",
            OrderEventKind::Recalled => "recalled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// In which capacity someone acted on an order.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderActorRole {
    /// 居民: the resident who ordered.
    Resident,
    /// 志愿者
    Volunteer,
    /// 社区工作人员
    Staff,
    /// 系统: e.g. closing the order after the rating window.
    System,
}

impl OrderActorRole {
    pub const ALL: [OrderActorRole; 4] = [
        OrderActorRole::Resident,
        OrderActorRole::Volunteer,
        OrderActorRole::Staff,
        OrderActorRole::System,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderActorRole::Resident => "resident",
            OrderActorRole::Volunteer => "volunteer",
            OrderActorRole::Staff => "staff",
            OrderActorRole::System => "system",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Quick tags a resident may pick when rating; the app renders them in the reader's language.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RatingTag {
    /// 准时
    OnTime,
    /// 热情
    Friendly,
    /// 专业
    Professional,
    /// 耐心
    Patient,
    /// 干净整洁
    Tidy,
    /// 问题已解决
    Solved,
}

impl RatingTag {
    pub const ALL: [RatingTag; 6] = [
        RatingTag::OnTime,
        RatingTag::Friendly,
        RatingTag::Professional,
        RatingTag::Patient,
        RatingTag::Tidy,
        RatingTag::Solved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RatingTag::OnTime => "on_time",
            RatingTag::Friendly => "friendly",
            RatingTag::Professional => "professional",
            RatingTag::Patient => "patient",
            RatingTag::Tidy => "tidy",
            RatingTag::Solved => "solved",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// `POST /orders` (with an `Idempotency-Key`). Text is checked on the server.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderDraft {
    pub service_id: i64,
    /// The start of a slot within the service's opening times, in the future and within
    /// `BOOKING_HORIZON_DAYS`; absent or null = "as soon as possible" (尽快).
    #[serde(default, deserialize_with = "crate::time::rfc3339_option")]
    #[cfg_attr(feature = "openapi", schema(schema_with = preferred_start_schema))]
    pub preferred_start: Option<DateTime<Utc>>,
    /// Where the service is wanted; absent or blank = the household's address.
    #[serde(default)]
    // ORDER_ADDRESS_MAX_CHARS; checked in server/tests/api/openapi_rules.rs
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub address: Option<String>,
    /// Absent or blank = the user's own phone.
    #[serde(default)]
    // blank, or what `Phone::parse` accepts after trimming
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*([ \-\u3000]*(\+[ \-\u3000]*8[ \-\u3000]*6[ \-\u3000]*|8[ \-\u3000]*6[ \-\u3000]*)?1[ \-\u3000]*[3-9]([ \-\u3000]*[0-9]){9}[ \-\u3000]*)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
        )
    )]
    pub contact_phone: Option<String>,
    #[serde(default)]
    // ORDER_NOTE_MAX_CHARS
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub note: String,
}

#[cfg(feature = "openapi")]
fn preferred_start_schema() -> utoipa::openapi::schema::Schema {
    crate::time::optional_schema(
        "The start of a slot within the service's opening times, in the future and within \
         `BOOKING_HORIZON_DAYS`; absent or null = \"as soon as possible\" (尽快).",
    )
}

/// `POST /orders/{id}/assign` (staff): assign or reassign to a volunteer offering the service.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignRequest {
    pub volunteer_id: i64,
}

/// `POST /orders/{id}/decline` (the assigned volunteer): the order goes back to the queue.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeclineRequest {
    /// 1–200 characters.
    // DECLINE_REASON_MAX_CHARS
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 200,
            pattern = r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
        )
    )]
    pub reason: String,
}

/// `POST /orders/{id}/complete` (the volunteer).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompleteRequest {
    #[serde(default)]
    // COMPLETION_NOTE_MAX_CHARS
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: String,
}

/// `POST /orders/{id}/rate` (the resident, with an `Idempotency-Key`): confirms completion.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateRequest {
    /// 1–5.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub stars: u8,
    #[serde(default)]
    // RATING_TAGS_MAX
    #[cfg_attr(feature = "openapi", schema(max_items = 6))]
    pub tags: Vec<RatingTag>,
    #[serde(default)]
    // RATING_COMMENT_MAX_CHARS
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub comment: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderRating {
    pub stars: u8,
    pub tags: Vec<RatingTag>,
    pub comment: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub rated_at: DateTime<Utc>,
}

/// The service an order is for, named so a list needs no second request.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderService {
    pub id: i64,
    pub name: String,
    pub category: ServiceCategory,
    pub provider_name: String,
}

/// A person on an order: the resident or the volunteer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderPerson {
    pub id: i64,
    pub name: String,
}

/// Who acted on a timeline step; absent for the system.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderActor {
    pub name: String,
    pub role: OrderActorRole,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderEvent {
    pub kind: OrderEventKind,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub at: DateTime<Utc>,
    /// None when the system acted.
    pub actor: Option<OrderActor>,
    /// The volunteer's name on dispatch, the reason on decline, the volunteer's note on
    /// completion.
    pub note: Option<String>,
    /// Taken by 代办: the head or staff member who acted for the resident ("由 刘伟忠 代办").
    #[serde(default)]
    pub acted_by: Option<String>,
}

/// What the signed-in user may do with an order now, so the app shows only those buttons.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderActions {
    pub cancel: bool,
    pub rate: bool,
    pub assign: bool,
    pub accept: bool,
    pub decline: bool,
    pub claim: bool,
    pub start: bool,
    pub complete: bool,
    /// Staff of the order's community may cancel it with a reason (`POST
    /// /orders/{id}/staff-cancel`) at any state before completion.
    #[serde(default)]
    pub staff_cancel: bool,
}

/// An order in a list (my orders, the dispatch queue, a volunteer's orders).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderSummary {
    pub id: i64,
    pub service: OrderService,
    pub status: OrderStatus,
    /// None = as soon as possible.
    #[serde(deserialize_with = "crate::time::rfc3339_option")]
    pub preferred_start: Option<DateTime<Utc>>,
    pub address: String,
    pub resident: OrderPerson,
    pub volunteer: Option<OrderPerson>,
    /// Points held for the order (the service's price when ordered).
    pub points: i64,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub created_at: DateTime<Utc>,
    /// Since when it waits in the dispatch queue (submission or the last decline); for
    /// "已等待 25 分钟". None unless `submitted`.
    #[serde(deserialize_with = "crate::time::rfc3339_option")]
    pub waiting_since: Option<DateTime<Utc>>,
    /// The latest step's time.
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub updated_at: DateTime<Utc>,
}

/// `GET /orders/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub id: i64,
    pub service: OrderService,
    pub status: OrderStatus,
    #[serde(deserialize_with = "crate::time::rfc3339_option")]
    pub preferred_start: Option<DateTime<Utc>>,
    pub address: String,
    /// The resident's contact number, shown to the resident, the assigned volunteer and staff.
    pub contact_phone: String,
    pub note: String,
    pub resident: OrderPerson,
    pub volunteer: Option<OrderPerson>,
    pub points: i64,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339_option")]
    pub waiting_since: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "crate::time::rfc3339_option")]
    pub completed_at: Option<DateTime<Utc>>,
    /// Until when the resident may rate; None unless `completed`.
    #[serde(deserialize_with = "crate::time::rfc3339_option")]
    pub rate_by: Option<DateTime<Utc>>,
    pub completion_note: Option<String>,
    pub rating: Option<OrderRating>,
    /// Oldest first.
    pub timeline: Vec<OrderEvent>,
    pub actions: OrderActions,
    /// Points the volunteer earns when the order is settled (rated or closed); may differ from
    /// `points`, which the resident pays (a free service still rewards its volunteer).
    #[serde(default)]
    pub volunteer_points: i64,
    /// The end of the booked slot that starts at `preferred_start`; None for 尽快安排.
    #[serde(default, deserialize_with = "crate::time::rfc3339_option")]
    pub preferred_end: Option<DateTime<Utc>>,
}

/// One page of an order list: `next_cursor` asks for the next page (`?cursor=`), absent on
/// the last. Pages follow a stable order (see each list), so orders placed meanwhile are
/// neither repeated nor make another order skipped.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderPage {
    pub items: Vec<OrderSummary>,
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// `GET /dispatch/queue` (staff): orders waiting for dispatch, longest waiting first, and
/// orders dispatched but not yet accepted (they can be reassigned), longest dispatched first.
/// Without `cursor` the first page of both lists; with a list's `next_cursor`, the next page
/// of that list only (the other list empty).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DispatchQueue {
    pub waiting: OrderPage,
    pub dispatched: OrderPage,
}

/// `GET /volunteer/orders` (volunteers): orders assigned to me that are not finished (oldest
/// first), open orders of the services I offer that I may claim (longest waiting first; never
/// my own household's), and orders I completed (completed, rated or closed; newest first).
/// Paged like [`DispatchQueue`]: a list's `next_cursor` brings the next page of that list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VolunteerOrders {
    pub assigned: OrderPage,
    pub open: OrderPage,
    pub done: OrderPage,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        for k in OrderEventKind::ALL {
            assert_eq!(OrderEventKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        for r in OrderActorRole::ALL {
            assert_eq!(OrderActorRole::parse(r.as_str()), Some(r));
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
        for t in RatingTag::ALL {
            assert_eq!(RatingTag::parse(t.as_str()), Some(t));
            assert_eq!(serde_json::to_value(t).unwrap(), t.as_str());
        }
        assert_eq!(OrderStatus::parse("pending"), None);
    }

    #[test]
    fn a_draft_without_optionals_is_asap() {
        let draft: OrderDraft = serde_json::from_str(r#"{"service_id": 3}"#).unwrap();
        assert_eq!(draft.preferred_start, None);
        assert_eq!(draft.address, None);
        assert_eq!(draft.note, "");
    }
}
