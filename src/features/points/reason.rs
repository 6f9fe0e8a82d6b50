//! Why points moved, in the reader's language. The server stores the kind and the words it is
//! about (a task's title, a reward's name, a correction's reason) and the minutes served; the
//! sentence is made here: "参加 清理楼道 志愿活动 2 小时", "兑换 大米 5kg", "社区调整：…".

use linli_api_types::{HoldState, LedgerKind, LedgerLinkKind};

use super::texts::PointsTexts;

pub fn reason(t: &PointsTexts, kind: LedgerKind, subject: &str, minutes: Option<i64>) -> String {
    let duration = minutes.filter(|m| *m > 0).map(t.duration).unwrap_or_default();
    let sentence = match kind {
        LedgerKind::Opening => t.reason_opening.to_owned(),
        LedgerKind::TaskReward => (t.reason_task)(subject, &duration),
        LedgerKind::Redemption => (t.reason_redemption)(subject),
        LedgerKind::Correction => (t.reason_correction)(subject),
        LedgerKind::OrderHold => (t.reason_order_hold)(subject),
        LedgerKind::OrderRelease => (t.reason_order_release)(subject),
        LedgerKind::OrderSettle => (t.reason_order_settle)(subject),
        LedgerKind::ServiceReward => (t.reason_service)(subject, &duration),
        LedgerKind::WishReward => (t.reason_wish)(subject),
    };
    sentence.trim().to_owned()
}

/// A line of the member's own ledger: an order's hold reads as what it became (paid for, or
/// cancelled with the points back on their own line) once the order has moved on.
pub fn line_reason(t: &PointsTexts, kind: LedgerKind, subject: &str, minutes: Option<i64>, hold: Option<HoldState>) -> String {
    match (kind, hold) {
        (LedgerKind::OrderHold, Some(HoldState::Settled)) => (t.reason_order_paid)(subject),
        (LedgerKind::OrderHold, Some(HoldState::Released)) => (t.reason_order_cancelled)(subject),
        _ => reason(t, kind, subject, minutes),
    }
}

/// 暂扣中 / 已结算 / 已退回, beside a hold's amount.
pub fn hold_label(t: &PointsTexts, hold: HoldState) -> &'static str {
    match hold {
        HoldState::Held => t.hold_held,
        HoldState::Settled => t.hold_settled,
        HoldState::Released => t.hold_released,
    }
}

/// "+20" / "-15": the sign is always shown, so a glance tells credit from debit.
pub fn signed(amount: i64) -> String {
    format!("{amount:+}")
}

pub fn link_label(t: &PointsTexts, kind: LedgerLinkKind) -> &'static str {
    match kind {
        LedgerLinkKind::Task => t.see_task,
        LedgerLinkKind::Voucher => t.see_voucher,
        LedgerLinkKind::Order => t.see_order,
        LedgerLinkKind::Wish => t.see_wish,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::points::texts::{EN, ZH};

    #[test]
    fn task_rewards_say_what_and_how_long() {
        assert_eq!(reason(&ZH, LedgerKind::TaskReward, "清理楼道", Some(120)), "参加 清理楼道 志愿活动 2 小时");
        assert_eq!(reason(&ZH, LedgerKind::TaskReward, "清理楼道", Some(90)), "参加 清理楼道 志愿活动 1 小时 30 分钟");
        assert_eq!(reason(&EN, LedgerKind::TaskReward, "清理楼道", Some(120)), "Volunteered at 清理楼道 for 2 h");
        assert_eq!(reason(&ZH, LedgerKind::TaskReward, "清理楼道", None), "参加 清理楼道 志愿活动");
    }

    #[test]
    fn redemptions_corrections_and_the_opening_grant() {
        assert_eq!(reason(&ZH, LedgerKind::Redemption, "大米 5kg", None), "兑换 大米 5kg");
        assert_eq!(reason(&EN, LedgerKind::Redemption, "大米 5kg", None), "Redeemed 大米 5kg");
        assert_eq!(reason(&ZH, LedgerKind::Correction, "补记11月巡逻", None), "社区调整：补记11月巡逻");
        assert_eq!(reason(&ZH, LedgerKind::Opening, "", None), "爱心基础积分");
        assert_eq!(reason(&ZH, LedgerKind::ServiceReward, "家电维修", Some(45)), "提供 家电维修 服务 45 分钟");
    }

    #[test]
    fn an_order_hold_reads_as_what_it_became() {
        let held = line_reason(&ZH, LedgerKind::OrderHold, "家电维修", None, Some(HoldState::Held));
        assert_eq!(held, "预约 家电维修，积分暂扣");
        let paid = line_reason(&ZH, LedgerKind::OrderHold, "家电维修", None, Some(HoldState::Settled));
        assert_eq!(paid, "支付 家电维修 服务");
        let back = line_reason(&EN, LedgerKind::OrderHold, "家电维修", None, Some(HoldState::Released));
        assert_eq!(back, "Ordered 家电维修 (cancelled)");
        assert_eq!(hold_label(&ZH, HoldState::Settled), "已结算");
    }

    #[test]
    fn amounts_carry_their_sign() {
        assert_eq!(signed(20), "+20");
        assert_eq!(signed(-15), "-15");
    }
}
