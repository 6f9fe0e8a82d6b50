//! 微心愿: a resident's small wish (帮忙换灯泡, 想要一本字典) that a head reviews and a volunteer
//! fulfils.
//!
//! A wish moves `pending` (待审核) → `open` (published on the wish board, 待认领) or `declined`
//! (with the head's reason) → `claimed` (a volunteer took it) → `fulfilled` (the volunteer says
//! it is done) → `thanked` (the resident thanks: only then is the claimer credited, so a credit
//! is always confirmed by someone else). The resident may withdraw it before it is fulfilled; the
//! claimer may give it back 放弃认领 before fulfilling. Nobody claims their own household's wish.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::photo::PhotoRef;

pub const WISH_TITLE_MAX_CHARS: usize = 30;
pub const WISH_TEXT_MAX_CHARS: usize = 300;
pub const WISH_NOTE_MAX_CHARS: usize = 300;
pub const WISH_DECLINE_REASON_MAX_CHARS: usize = 200;
/// Points the claimer earns at the resident's thanks unless the community sets otherwise.
pub const WISH_POINTS_DEFAULT: i64 = 10;
/// A household may have at most this many wishes pending, open or claimed at once.
pub const WISHES_OPEN_MAX: i64 = 3;
pub const WISH_PAGE_DEFAULT: u32 = 20;
pub const WISH_PAGE_MAX: u32 = 50;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WishStatus {
    /// 待审核
    Pending,
    /// 未通过 (the reason is on the wish)
    Declined,
    /// 待认领: on the wish board.
    Open,
    /// 已认领
    Claimed,
    /// 已完成，待感谢
    Fulfilled,
    /// 已感谢: the claimer was credited.
    Thanked,
    /// 已撤回
    Withdrawn,
}

impl WishStatus {
    pub const ALL: [WishStatus; 7] = [
        WishStatus::Pending,
        WishStatus::Declined,
        WishStatus::Open,
        WishStatus::Claimed,
        WishStatus::Fulfilled,
        WishStatus::Thanked,
        WishStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WishStatus::Pending => "pending",
            WishStatus::Declined => "declined",
            WishStatus::Open => "open",
            WishStatus::Claimed => "claimed",
            WishStatus::Fulfilled => "fulfilled",
            WishStatus::Thanked => "thanked",
            WishStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s2| s2.as_str() == s)
    }
}

/// `POST /api/v1/wishes` (Idempotency-Key).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WishDraft {
    // WISH_TITLE_MAX_CHARS; checked in server/tests/api/openapi_rules.rs
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 30,
            pattern = r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
        )
    )]
    pub title: String,
    #[serde(default)]
    // WISH_TEXT_MAX_CHARS; checked in server/tests/api/openapi_rules.rs
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub text: String,
    /// At most one photo (`POST /api/v1/photos` first).
    #[serde(default)]
    pub photo_id: Option<i64>,
}

/// A wish in a list or on its page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WishSummary {
    pub id: i64,
    pub title: String,
    pub status: WishStatus,
    /// The resident's name masked for the board ("王*英"), in full for heads, staff, the
    /// claimer and the resident.
    pub resident: String,
    /// "3栋 1单元".
    pub place: String,
    /// Points the claimer earns at the thanks.
    pub points: i64,
    pub claimer: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The viewer's household wished it.
    pub mine: bool,
    /// The viewer claimed it.
    pub claimed_by_me: bool,
}

/// What the viewer may do now; the server checks each again.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WishActions {
    /// A head of the place or staff: publish or decline a pending wish.
    pub review: bool,
    /// A volunteer of the community, not of the wishing household.
    pub claim: bool,
    /// The claimer: 放弃认领.
    pub release: bool,
    /// The claimer: 已完成.
    pub fulfil: bool,
    /// The resident: 感谢.
    pub thank: bool,
    /// The resident, before fulfilment: 撤回.
    pub withdraw: bool,
}

/// `GET /api/v1/wishes/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WishView {
    pub summary: WishSummary,
    pub text: String,
    pub photo: Option<PhotoRef>,
    pub decline_reason: Option<String>,
    pub reviewed_by: Option<String>,
    pub fulfil_note: Option<String>,
    pub fulfil_photo: Option<PhotoRef>,
    pub fulfilled_at: Option<DateTime<Utc>>,
    pub thanks_note: Option<String>,
    pub thanked_at: Option<DateTime<Utc>>,
    /// "由 刘伟忠 代办" when a head posted or thanked for the resident.
    pub acted_by: Option<String>,
    pub actions: WishActions,
}

/// `POST /api/v1/wishes/{id}/review`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WishReview {
    pub publish: bool,
    /// Required when declining.
    #[serde(default)]
    // WISH_DECLINE_REASON_MAX_CHARS; checked in server/tests/api/openapi_rules.rs
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub reason: String,
}

/// `POST /api/v1/wishes/{id}/fulfil`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WishFulfil {
    // WISH_NOTE_MAX_CHARS; checked in server/tests/api/openapi_rules.rs
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 300,
            pattern = r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
        )
    )]
    pub note: String,
    #[serde(default)]
    pub photo_id: Option<i64>,
}

/// `POST /api/v1/wishes/{id}/thanks`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WishThanks {
    #[serde(default)]
    // WISH_NOTE_MAX_CHARS; checked in server/tests/api/openapi_rules.rs
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub note: String,
}

/// A page of wishes: `GET /api/v1/wishes` (the board: open wishes of the community),
/// `/wishes/mine` (wished by my household or claimed by me), `/wishes/review` (pending, for
/// heads and staff). Keyset: pass `next` back as `?after=`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WishPage {
    pub items: Vec<WishSummary>,
    pub next: Option<String>,
}
