//! 社区取消: staff cancel an order with a reason at any state before completion; the held
//! points go back to the resident. Its words, zh-CN and English, kept here with it; the form
//! is the step forms' own (`order_steps`).

use linli_api_types::{OrderActorRole, OrderEvent, OrderEventKind};

use super::texts::ServicesTexts;

pub struct StaffCancelTexts {
    pub open: &'static str,
    pub reason: &'static str,
    pub send: &'static str,
    /// The timeline's line: "社区取消：<reason>".
    pub line: fn(&str) -> String,
}

static ZH: StaffCancelTexts = StaffCancelTexts {
    open: "社区取消订单",
    reason: "取消原因（居民和志愿者会看到，积分退回居民）",
    send: "确认取消订单",
    line: |reason| format!("社区取消：{reason}"),
};

static EN: StaffCancelTexts = StaffCancelTexts {
    open: "Cancel for the community",
    reason: "Reason (the resident and volunteer see it; the points go back to the resident)",
    send: "Yes, cancel the order",
    line: |reason| format!("Cancelled by the community: {reason}"),
};

pub fn words(t: &ServicesTexts) -> &'static StaffCancelTexts {
    if t.zh {
        &ZH
    } else {
        &EN
    }
}

/// The reason, when `event` is staff cancelling the order.
pub fn staff_reason(event: &OrderEvent) -> Option<&str> {
    let by_staff = event.actor.as_ref().is_some_and(|a| a.role == OrderActorRole::Staff);
    (event.kind == OrderEventKind::Cancelled && by_staff).then_some(event.note.as_deref()?)
}
