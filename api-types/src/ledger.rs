//! The love bank 爱心银行 ledger's vocabulary: why points moved, and what they moved for.
//!
//! A ledger transaction stores its kind and the words it is about (a task's title, a reward's
//! name, a duration), not a sentence, so each side renders "参加 清理楼道 志愿活动 2 小时" or
//! "Volunteered at 清理楼道 for 2 h" in the reader's language.

use serde::{Deserialize, Serialize};

/// Why points moved. Every kind is one double-entry transaction between two accounts.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LedgerKind {
    /// 爱心基础积分: the community's opening grant to a member. Fund → member.
    Opening,
    /// Volunteer hours on a task, credited when the organiser confirms. Fund → volunteer.
    TaskReward,
    /// A reward 爱心超市 redeemed for a voucher. Member → fund.
    Redemption,
    /// A staff correction, with a reason. Fund ↔ member.
    Correction,
    /// Points held when a service is ordered. Member → held.
    OrderHold,
    /// Held points returned when an order is cancelled. Held → member.
    OrderRelease,
    /// Held points paid when the order is rated or closes itself. Held → fund.
    OrderSettle,
    /// The volunteer's points for a completed order. Fund → volunteer.
    ServiceReward,
    /// The volunteer's points for a 微心愿 they fulfilled, credited at the resident's thanks.
    /// Fund → volunteer.
    WishReward,
}

impl LedgerKind {
    pub const ALL: [LedgerKind; 9] = [
        LedgerKind::Opening,
        LedgerKind::TaskReward,
        LedgerKind::Redemption,
        LedgerKind::Correction,
        LedgerKind::OrderHold,
        LedgerKind::OrderRelease,
        LedgerKind::OrderSettle,
        LedgerKind::ServiceReward,
        LedgerKind::WishReward,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LedgerKind::Opening => "opening",
            LedgerKind::TaskReward => "task_reward",
            LedgerKind::Redemption => "redemption",
            LedgerKind::Correction => "correction",
            LedgerKind::OrderHold => "order_hold",
            LedgerKind::OrderRelease => "order_release",
            LedgerKind::OrderSettle => "order_settle",
            LedgerKind::ServiceReward => "service_reward",
            LedgerKind::WishReward => "wish_reward",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether its minutes count as volunteer hours of the credited member.
    pub fn counts_hours(self) -> bool {
        matches!(self, LedgerKind::TaskReward | LedgerKind::ServiceReward)
    }
}

/// What a ledger transaction was for, so the app can link to it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LedgerLinkKind {
    Task,
    Order,
    Voucher,
    /// A 微心愿 (`LedgerKind::WishReward`).
    Wish,
}

impl LedgerLinkKind {
    pub const ALL: [LedgerLinkKind; 4] = [
        LedgerLinkKind::Task,
        LedgerLinkKind::Order,
        LedgerLinkKind::Voucher,
        LedgerLinkKind::Wish,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LedgerLinkKind::Task => "task",
            LedgerLinkKind::Order => "order",
            LedgerLinkKind::Voucher => "voucher",
            LedgerLinkKind::Wish => "wish",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerLink {
    pub kind: LedgerLinkKind,
    pub id: i64,
}

/// 志愿者星级 by total volunteer hours (the national 志愿服务记录 thresholds).
pub const STAR_HOURS: [u32; 5] = [100, 300, 600, 1000, 1500];

/// Stars (0–5) earned by `hours` of volunteering.
pub fn stars_for_hours(hours: u32) -> u8 {
    STAR_HOURS.iter().filter(|&&h| hours >= h).count() as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in LedgerKind::ALL {
            assert_eq!(LedgerKind::parse(kind.as_str()), Some(kind));
        }
        for kind in LedgerLinkKind::ALL {
            assert_eq!(LedgerLinkKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(LedgerKind::parse("gift"), None);
    }

    #[test]
    fn stars_follow_the_hour_thresholds() {
        assert_eq!(stars_for_hours(0), 0);
        assert_eq!(stars_for_hours(99), 0);
        assert_eq!(stars_for_hours(100), 1);
        assert_eq!(stars_for_hours(599), 2);
        assert_eq!(stars_for_hours(1500), 5);
        assert_eq!(stars_for_hours(9000), 5);
    }
}
