//! The 积分 tab: balance, the ledger, volunteer hours and stars, the 爱心超市 rewards and
//! vouchers, the leaderboard, and staff corrections.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{LedgerKind, LedgerLink};

/// Page size of `GET /me/ledger` when `limit` is not given, and its ceiling.
pub const LEDGER_PAGE_DEFAULT: u32 = 20;
pub const LEDGER_PAGE_MAX: u32 = 50;
pub const CORRECTION_REASON_MAX_CHARS: usize = 200;
/// Leaderboard length.
pub const LEADERBOARD_SIZE: usize = 20;

/// `GET /me/points`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointsSummary {
    /// Always equal to the sum of the member's ledger entries.
    pub balance: i64,
    /// Volunteer time from task and service rewards, in minutes.
    pub volunteer_minutes: i64,
    /// Whole hours of `volunteer_minutes`.
    pub volunteer_hours: u32,
    /// 志愿者星级 0–5 (`stars_for_hours`).
    pub stars: u8,
    /// Hours still needed for the next star; `None` at five stars.
    pub hours_to_next_star: Option<u32>,
    /// Points earned (task and service rewards) this calendar month, Asia/Shanghai.
    pub earned_this_month: i64,
}

/// One line of the member's ledger: their side of one transaction.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerEntry {
    /// The entry's id: the tie-break of lines at the same `at`.
    pub id: i64,
    pub transaction_id: i64,
    /// + credited, − debited.
    pub amount: i64,
    pub balance_after: i64,
    pub kind: LedgerKind,
    /// What it was about: a task's title, a reward's name, a service. The app renders the
    /// reason in words from kind + subject + minutes, e.g. "参加 清理楼道 志愿活动 2 小时".
    pub subject: String,
    pub minutes: Option<i64>,
    /// A staff correction's reason.
    pub note: Option<String>,
    pub link: Option<LedgerLink>,
    /// When the points moved; the ledger is ordered by it, newest first (then by `id`).
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub at: DateTime<Utc>,
    /// On an `order_hold` line, what became of the held points since; `None` on other lines.
    #[serde(default)]
    pub hold: Option<HoldState>,
    /// Moved by 代办: the head or staff member who acted for the member ("由 刘伟忠 代办").
    #[serde(default)]
    pub acted_by: Option<String>,
}

/// What became of the points an order held.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HoldState {
    /// 暂扣中: the order is still open.
    Held,
    /// 已结算: the order was rated or closed, the points paid for the service.
    Settled,
    /// 已退回: the order was cancelled, the points given back (a separate `order_release` line).
    Released,
}

/// `GET /me/ledger?cursor=&limit=`: newest first by `at`, then by `id`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerPage {
    pub items: Vec<LedgerEntry>,
    pub next_cursor: Option<String>,
}

/// A 爱心超市 reward: `GET /rewards`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reward {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// Price in 积分.
    pub points: i64,
    /// How many are left; 0 = 已兑完.
    pub stock: i64,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VoucherStatus {
    /// 待使用: show the code at the station.
    Issued,
    /// 已使用: handed over.
    Used,
}

/// A voucher from redeeming a reward: `POST /rewards/{id}/redemptions`, `GET /me/vouchers`,
/// staff `GET /vouchers/{code}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Voucher {
    pub id: i64,
    /// e.g. "LX7K-2Q9M": shown at the station.
    pub code: String,
    pub reward_id: i64,
    pub reward_name: String,
    pub points: i64,
    pub status: VoucherStatus,
    /// Whose it is (full name: staff hand it over, the holder sees their own).
    pub holder_name: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub issued_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339_option")]
    pub used_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LeaderboardPeriod {
    /// This calendar month, Asia/Shanghai.
    Month,
    All,
}

impl LeaderboardPeriod {
    pub fn as_str(self) -> &'static str {
        match self {
            LeaderboardPeriod::Month => "month",
            LeaderboardPeriod::All => "all",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [LeaderboardPeriod::Month, LeaderboardPeriod::All]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeaderboardEntry {
    /// 1-based; equal points share a rank.
    pub rank: i64,
    /// Masked: 刘*忠, 王*.
    pub name: String,
    /// Points earned in the period (task and service rewards).
    pub points: i64,
    pub is_me: bool,
}

/// `GET /leaderboard?period=month|all`: the community's top 20, and the signed-in user's own
/// line (also when outside the top 20; `None` when they earned nothing in the period).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Leaderboard {
    pub period: LeaderboardPeriod,
    pub entries: Vec<LeaderboardEntry>,
    pub me: Option<LeaderboardEntry>,
}

/// `POST /ledger/corrections` (staff): credit (> 0) or debit (< 0) a member of their
/// community, with a reason of 1–200 chars.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CorrectionRequest {
    pub user_id: i64,
    #[cfg_attr(feature = "openapi", schema(schema_with = correction_amount_schema))]
    pub amount: i64,
    // CORRECTION_REASON_MAX_CHARS; checked in server/tests/api/openapi_rules.rs
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

/// −10000…−1 or 1…10000 (`CORRECTION_MAX_AMOUNT`): a correction moves points one way.
#[cfg(feature = "openapi")]
fn correction_amount_schema() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, OneOfBuilder, SchemaFormat, Type};
    let range = |min: i64, max: i64| {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
            .minimum(Some(min))
            .maximum(Some(max))
    };
    let max = crate::CORRECTION_MAX_AMOUNT;
    OneOfBuilder::new()
        .description(Some(
            "Points to credit (> 0) or debit (< 0), never 0, at most 10000 either way.",
        ))
        .item(range(-max, -1))
        .item(range(1, max))
        .build()
        .into()
}

/// What a correction wrote.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Correction {
    /// The correction's record (`GET /ledger/corrections`).
    pub correction_id: i64,
    pub transaction_id: i64,
    pub user_id: i64,
    pub amount: i64,
    /// The member's balance after it.
    pub balance: i64,
    pub reason: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_round_trip_through_their_names() {
        for period in [LeaderboardPeriod::Month, LeaderboardPeriod::All] {
            assert_eq!(LeaderboardPeriod::parse(period.as_str()), Some(period));
            assert_eq!(serde_json::to_value(period).unwrap(), period.as_str());
        }
    }
}
