//! 消息's words, zh-CN first and English; they load with the feature's chunk (the links card on
//! 我的 reads its lines from here too). The messages themselves come worded by the server, in
//! the language the app asks in.

use linli_api_types::{MessageGroup, MessageKind};

use crate::i18n::{use_i18n, I18n, Locale};

pub struct MessageTexts {
    pub list_title: &'static str,
    pub settings_title: &'static str,
    pub webhook_title: &'static str,
    pub links_label: &'static str,
    pub link_messages: &'static str,
    pub link_settings: &'static str,
    pub link_webhook: &'static str,
    pub link_webhook_hint: &'static str,

    pub unread: &'static str,
    pub unread_summary: fn(i64) -> String,
    pub nothing_unread: &'static str,
    pub read_all: &'static str,
    pub reading_all: &'static str,
    pub empty: &'static str,
    pub empty_hint: &'static str,
    pub list_label: &'static str,
    pub missing: &'static str,

    pub settings_intro: &'static str,
    pub quiet_heading: &'static str,
    pub quiet_on: &'static str,
    pub quiet_hint: &'static str,
    pub quiet_start: &'static str,
    pub quiet_end: &'static str,
    pub quiet_span: fn(&str, &str, bool) -> String,
    pub time_required: &'static str,
    pub save_settings: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,

    pub webhook_intro: &'static str,
    pub webhook_heading: &'static str,
    pub url_label: &'static str,
    pub url_hint: &'static str,
    pub url_required: &'static str,
    pub url_scheme: &'static str,
    pub too_long: fn(usize) -> String,
    pub enabled_label: &'static str,
    pub save_webhook: &'static str,
    pub webhook_saved: &'static str,
    pub secret_heading: &'static str,
    pub secret_new: &'static str,
    pub secret_once: &'static str,
    pub secret_ends: fn(&str) -> String,
    pub secret_none: &'static str,
    pub rotate: &'static str,
    pub rotate_ask: &'static str,
    pub rotate_detail: &'static str,
    pub keep: &'static str,
    pub send_test: &'static str,
    pub test_queued: &'static str,
    pub queue_heading: &'static str,
    pub pending: fn(i64) -> String,
    pub dead: fn(i64) -> String,
    pub dead_heading: &'static str,
    pub dead_intro: &'static str,
    pub dead_empty: &'static str,
    pub retry: &'static str,
    pub retried: &'static str,
    pub retry_named: fn(&str) -> String,
    pub attempts: fn(i64) -> String,
    pub recipient: fn(&str) -> String,
    pub last_error: fn(&str) -> String,
    pub working: &'static str,

    pub groups: [&'static str; 7],
    pub kinds: [&'static str; 24],
}

static ZH: MessageTexts = MessageTexts {
    list_title: "消息",
    settings_title: "消息设置",
    webhook_title: "消息推送",
    links_label: "消息",
    link_messages: "消息",
    link_settings: "消息设置",
    link_webhook: "消息推送",
    link_webhook_hint: "转发到社区公众号或短信平台",

    unread: "未读",
    unread_summary: |n| format!("{n} 条未读"),
    nothing_unread: "没有未读消息",
    read_all: "全部已读",
    reading_all: "正在标记…",
    empty: "还没有消息",
    empty_hint: "订单、活动、反映、心愿有进展时，会在这里告诉您。",
    list_label: "消息列表",
    missing: "找不到消息",

    settings_intro: "选择想收到哪些消息。关闭的消息不再提醒您，打开着的页面仍会自动更新。",
    quiet_heading: "免打扰",
    quiet_on: "开启免打扰",
    quiet_hint: "免打扰时段内，活动提醒和发往公众号、短信的消息会等到时段结束再发。",
    quiet_start: "开始时间",
    quiet_end: "结束时间",
    quiet_span: |from, to, next_day| if next_day { format!("每天 {from} 至次日 {to}") } else { format!("每天 {from} 至 {to}") },
    time_required: "请填写时间",
    save_settings: "保存设置",
    saving: "正在保存…",
    saved: "已保存，新的设置对之后的消息生效",

    webhook_intro: "把居民收到的消息转发给社区的微信公众号或短信平台：填写对方提供的接收地址，每条消息都带签名发出，对方用密钥验证。",
    webhook_heading: "接收地址",
    url_label: "接收地址（URL）",
    url_hint: "以 https:// 开头",
    url_required: "请填写接收地址",
    url_scheme: "地址须以 https:// 开头",
    too_long: |n| format!("最多 {n} 个字符"),
    enabled_label: "开启推送",
    save_webhook: "保存",
    webhook_saved: "已保存",
    secret_heading: "签名密钥",
    secret_new: "新的签名密钥",
    secret_once: "请现在复制，交给接收方保存。密钥只显示这一次，离开本页后无法再查看。",
    secret_ends: |hint| format!("当前密钥末 4 位：{hint}"),
    secret_none: "保存接收地址后生成密钥",
    rotate: "更换密钥",
    rotate_ask: "更换签名密钥？",
    rotate_detail: "旧密钥立即失效，接收方换成新密钥后才能验证消息。",
    keep: "先不换",
    send_test: "发送测试",
    test_queued: "测试消息已排队，几秒内发出",
    queue_heading: "发送情况",
    pending: |n| format!("待发送 {n} 条"),
    dead: |n| format!("发送失败 {n} 条"),
    dead_heading: "发送失败的消息",
    dead_intro: "多次重试仍未送达的消息。接收方恢复后，可以逐条重试。",
    dead_empty: "没有发送失败的消息",
    retry: "重试",
    retried: "已重新排队",
    retry_named: |title| format!("重试：{title}"),
    attempts: |n| format!("已尝试 {n} 次"),
    recipient: |name| format!("发给 {name}"),
    last_error: |why| format!("原因：{why}"),
    working: "正在提交…",

    groups: ["服务订单", "志愿活动", "通知公告", "入户申请", "民声反映", "微心愿", "爱心积分"],
    kinds: [
        "订单已派单",
        "志愿者已接单",
        "服务已开始",
        "服务已完成",
        "订单自动关闭",
        "有订单派给我（志愿者）",
        "候补转为已报名",
        "活动有变更",
        "活动已取消",
        "活动前一晚提醒（19:00）",
        "活动开始前 2 小时提醒",
        "重要通知",
        "入户申请已通过",
        "入户申请未通过",
        "有入户申请待我审核",
        "反映已受理",
        "反映有回复",
        "反映已上报",
        "反映已办结",
        "有反映待我处理",
        "我处理的反映已超时",
        "心愿被认领",
        "心愿已完成",
        "兑换券已使用",
    ],
};

static EN: MessageTexts = MessageTexts {
    list_title: "Messages",
    settings_title: "Message settings",
    webhook_title: "Message forwarding",
    links_label: "Messages",
    link_messages: "Messages",
    link_settings: "Message settings",
    link_webhook: "Message forwarding",
    link_webhook_hint: "To the community's WeChat account or SMS gateway",

    unread: "Unread",
    unread_summary: |n| format!("{n} unread"),
    nothing_unread: "Nothing unread",
    read_all: "Mark all read",
    reading_all: "Marking…",
    empty: "No messages yet",
    empty_hint: "When your orders, tasks, reports or wishes move on, you are told here.",
    list_label: "Messages",
    missing: "Not found",

    settings_intro: "Choose what you want to be told. Messages you turn off are not shown, but pages you have open still update themselves.",
    quiet_heading: "Quiet hours",
    quiet_on: "Quiet hours on",
    quiet_hint: "During quiet hours, task reminders and messages to WeChat or SMS wait until the hours end.",
    quiet_start: "From",
    quiet_end: "Until",
    quiet_span: |from, to, next_day| if next_day { format!("Every day {from} to {to} the next morning") } else { format!("Every day {from} to {to}") },
    time_required: "Please enter a time",
    save_settings: "Save settings",
    saving: "Saving…",
    saved: "Saved: the new settings apply to messages from now on",

    webhook_intro: "Forward residents' messages to the community's WeChat official account or SMS gateway: enter the address the receiver gave you. Every message is signed; the receiver checks it with the secret.",
    webhook_heading: "Receiver",
    url_label: "Receiver address (URL)",
    url_hint: "Starts with https://",
    url_required: "Please enter the receiver's address",
    url_scheme: "The address must start with https://",
    too_long: |n| format!("At most {n} characters"),
    enabled_label: "Forwarding on",
    save_webhook: "Save",
    webhook_saved: "Saved",
    secret_heading: "Signing secret",
    secret_new: "New signing secret",
    secret_once: "Copy it now and give it to the receiver. It is shown only this once and cannot be seen again after you leave this page.",
    secret_ends: |hint| format!("The current secret ends in {hint}"),
    secret_none: "A secret is made when the address is saved",
    rotate: "Rotate the secret",
    rotate_ask: "Rotate the signing secret?",
    rotate_detail: "The old secret stops working at once; the receiver needs the new one to check messages.",
    keep: "Not now",
    send_test: "Send a test",
    test_queued: "Test queued: it goes out within seconds",
    queue_heading: "Deliveries",
    pending: |n| format!("{n} waiting to be sent"),
    dead: |n| format!("{n} failed"),
    dead_heading: "Failed deliveries",
    dead_intro: "Messages that could not be delivered after several tries. Once the receiver works again, retry them one by one.",
    dead_empty: "No failed deliveries",
    retry: "Retry",
    retried: "Queued again",
    retry_named: |title| format!("Retry: {title}"),
    attempts: |n| if n == 1 { "Tried once".to_owned() } else { format!("Tried {n} times") },
    recipient: |name| format!("To {name}"),
    last_error: |why| format!("Reason: {why}"),
    working: "Sending…",

    groups: ["Service orders", "Volunteer tasks", "Notices", "Joining", "Reports", "Small wishes", "Points"],
    kinds: [
        "My order was dispatched",
        "A volunteer accepted my order",
        "My service started",
        "My service was completed",
        "My order closed by itself",
        "An order was assigned to me (volunteers)",
        "I moved from the waitlist to joined",
        "A task I joined changed",
        "A task I joined was cancelled",
        "Reminder the evening before (19:00)",
        "Reminder 2 hours before a task",
        "Important notices",
        "My registration was approved",
        "My registration was declined",
        "A registration waits for my review",
        "My report was acknowledged",
        "My report was answered",
        "My report was escalated",
        "My report was resolved",
        "A report waits for me",
        "A report I hold is overdue",
        "My wish was claimed",
        "My wish was fulfilled",
        "My voucher was used",
    ],
};

/// 消息设置's sections, in the page's order.
pub const GROUPS: [MessageGroup; 7] = [
    MessageGroup::Orders,
    MessageGroup::Tasks,
    MessageGroup::Notices,
    MessageGroup::Joining,
    MessageGroup::Reports,
    MessageGroup::Wishes,
    MessageGroup::Points,
];

impl MessageTexts {
    pub fn group(&self, group: MessageGroup) -> &'static str {
        let index = GROUPS.iter().position(|g| *g == group).unwrap_or(0);
        self.groups[index]
    }

    pub fn kind(&self, kind: MessageKind) -> &'static str {
        let index = MessageKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        self.kinds[index]
    }
}

impl Locale {
    fn message_texts(self) -> &'static MessageTexts {
        match self {
            Locale::Zh => &ZH,
            Locale::En => &EN,
        }
    }
}

/// This feature's texts in the current language; reading it in a view follows language changes.
pub fn texts() -> &'static MessageTexts {
    use_i18n().locale().message_texts()
}

/// The same, read once without subscribing (event handlers).
pub fn texts_in(i18n: I18n) -> &'static MessageTexts {
    i18n.locale_untracked().message_texts()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_group_has_its_own_words_in_both_languages() {
        for t in [&ZH, &EN] {
            for (i, kind) in MessageKind::ALL.into_iter().enumerate() {
                assert!(!t.kind(kind).is_empty());
                for other in &MessageKind::ALL[i + 1..] {
                    assert_ne!(t.kind(kind), t.kind(*other), "{kind:?} and {other:?}");
                }
            }
            for group in GROUPS {
                assert!(!t.group(group).is_empty());
            }
        }
    }

    #[test]
    fn every_group_of_the_contract_is_a_section() {
        for kind in MessageKind::ALL {
            assert!(GROUPS.contains(&kind.group()), "{kind:?}");
        }
    }
}
