//! This feature's words, zh-CN first. Kept beside the feature (not in the shared `Texts`) so
//! features developed side by side do not collide; the shared texts hold only shared words.

use linli_api_types::{OrderActorRole, OrderEventKind, OrderStatus, RatingTag, ServiceCategory};

use crate::i18n::{use_i18n, Locale};

pub struct ServicesTexts {
    /// Picks the words of the enum-valued helpers below.
    pub zh: bool,
    // Pages
    pub menu_title: &'static str,
    pub order_title: &'static str,
    pub my_orders_title: &'static str,
    pub order_detail_title: &'static str,
    pub dispatch_title: &'static str,
    pub volunteer_title: &'static str,

    // Menu
    pub menu_intro: &'static str,
    pub menu_empty: &'static str,
    pub free: &'static str,
    pub points: fn(i64) -> String,
    pub provider: fn(&str) -> String,
    pub order_button: &'static str,
    pub order_button_for: fn(&str) -> String,
    /// For an account a head has not let in yet: the menu is there to read.
    pub order_after_joining: &'static str,
    pub by_arrangement: &'static str,
    pub every_week: &'static str,
    pub weekdays: [&'static str; 7],
    pub weekday_range: fn(&str, &str) -> String,
    pub list_sep: &'static str,
    pub group_sep: &'static str,

    // Order form
    pub field_slot: &'static str,
    pub slot_asap: &'static str,
    pub slot_asap_hint: &'static str,
    pub slots_loading: &'static str,
    pub slots_none: &'static str,
    pub field_address: &'static str,
    pub field_phone: &'static str,
    pub field_note: &'static str,
    pub hold_notice: fn(i64, i64) -> String,
    pub free_notice: &'static str,
    pub not_enough_points: fn(i64, i64) -> String,
    pub submit_order: &'static str,
    pub submitting_order: &'static str,
    pub draft_restored: &'static str,
    pub address_required: &'static str,
    pub phone_invalid: &'static str,
    pub too_long: fn(usize) -> String,
    pub service_missing: &'static str,

    // Orders
    pub my_orders_empty: &'static str,
    pub asap: &'static str,
    pub when_label: &'static str,
    pub address_label: &'static str,
    pub phone_label: &'static str,
    pub note_label: &'static str,
    pub volunteer_label: &'static str,
    pub resident_label: &'static str,
    /// Between a label and its value: "志愿者：张建国".
    pub label_sep: &'static str,
    pub points_held: fn(i64) -> String,
    pub points_settled: fn(i64) -> String,
    pub points_returned: fn(i64) -> String,
    pub timeline: &'static str,
    pub order_missing: &'static str,
    pub completion_note_label: &'static str,

    // Resident actions
    pub cancel_order: &'static str,
    pub cancel_confirm: &'static str,
    pub cancel_yes: &'static str,
    pub keep_order: &'static str,
    pub cancelling: &'static str,
    pub rate_heading: &'static str,
    pub rate_window: fn(i64) -> String,
    pub rate_by: fn(&str) -> String,
    pub stars_legend: &'static str,
    pub star_names: [&'static str; 5],
    pub tags_legend: &'static str,
    pub comment_label: &'static str,
    pub submit_rating: &'static str,
    pub submitting_rating: &'static str,
    pub stars_required: &'static str,
    pub your_rating: &'static str,
    pub stars_of: fn(u8) -> String,

    // Staff
    pub dispatch_waiting: &'static str,
    pub dispatch_waiting_empty: &'static str,
    pub dispatch_sent: &'static str,
    pub dispatch_sent_empty: &'static str,
    pub assign_to: &'static str,
    pub reassign_to: &'static str,
    pub choose_volunteer: &'static str,
    pub volunteer_option: fn(&str, i64) -> String,
    /// Under a paged list of orders.
    pub assign: &'static str,
    pub reassign: &'static str,
    pub assigning: &'static str,
    pub volunteer_required: &'static str,

    // Volunteers
    pub assigned_heading: &'static str,
    pub assigned_empty: &'static str,
    pub open_heading: &'static str,
    pub open_empty: &'static str,
    pub done_heading: &'static str,
    pub accept: &'static str,
    pub decline: &'static str,
    pub decline_reason: &'static str,
    pub decline_send: &'static str,
    pub reason_required: &'static str,
    pub claim: &'static str,
    pub start: &'static str,
    pub complete_note: &'static str,
    pub complete_send: &'static str,
    pub working: &'static str,

    // Links
    pub link_my_orders: &'static str,
    pub link_dispatch: &'static str,
    pub link_volunteer: &'static str,
    pub links_label: &'static str,

    // Wording helpers
    pub short_date: fn(u32, u32, u32, u32) -> String,
    pub slot: fn(u32, u32, &str, &str, &str) -> String,
    pub waited_minutes: fn(i64) -> String,
    pub waited_hours: fn(i64) -> String,
    pub waited_days: fn(i64) -> String,
    pub event_line: fn(&str, &str, &str) -> String,
    pub actor: fn(&str, &str) -> String,
    pub system: &'static str,

    // Words that fit who is reading
    /// A service's price on the menu: what one order costs.
    pub price_each: fn(i64) -> String,
    /// The rating as the volunteer and staff see it.
    pub resident_rating: &'static str,
    /// The volunteer's points on an order he serves: before and after settlement.
    pub points_to_earn: fn(i64) -> String,
    pub points_earned: fn(i64) -> String,
    /// Staff's neutral words for an order's points.
    pub points_held_by_resident: fn(i64) -> String,
    pub points_settled_both: fn(i64, i64) -> String,
    pub points_returned_to_resident: fn(i64) -> String,
    /// Under the address box while it is empty: where the service will go.
    pub address_home_hint: fn(&str) -> String,
    /// Above the volunteer picker, and when it is empty.
    pub volunteers_offering: fn(&str) -> String,
    pub no_volunteers_for: fn(&str) -> String,
    pub how_to_add_volunteer: &'static str,
    /// Beside a submit that cannot succeed.
    pub cannot_order_short: &'static str,
}

pub const ZH: ServicesTexts = ServicesTexts {
    zh: true,
    menu_title: "服务",
    order_title: "点单",
    my_orders_title: "我的订单",
    order_detail_title: "订单详情",
    dispatch_title: "中心派单",
    volunteer_title: "我的接单",

    menu_intro: "群众点单 → 中心派单 → 志愿者接单 → 群众评单",
    menu_empty: "社区暂时还没有上架服务",
    free: "免费",
    points: |n| format!("{n} 积分"),
    provider: |name| format!("提供方：{name}"),
    order_button: "点单",
    order_button_for: |name| format!("点单：{name}"),
    order_after_joining: "入户审核通过后即可点单。现在可以先看看社区有哪些服务。",
    by_arrangement: "时间另行预约",
    every_week: "每",
    weekdays: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    weekday_range: |from, to| format!("{from}至{to}"),
    list_sep: "、",
    group_sep: "；",

    field_slot: "服务时间",
    slot_asap: "尽快安排",
    slot_asap_hint: "由社区工作人员尽快安排志愿者",
    slots_loading: "正在读取可预约时间…",
    slots_none: "近期没有可预约的时段，可选择尽快安排",
    field_address: "服务地址",
    field_phone: "联系电话",
    field_note: "备注（可不填）",
    hold_notice: |price, balance| format!("下单后将冻结 {price} 积分，评价后结算；取消则退回。您现有 {balance} 积分。"),
    free_notice: "这项服务免费，不扣积分。",
    not_enough_points: |price, balance| format!("积分不足：需要 {price} 积分，您现有 {balance} 积分"),
    submit_order: "提交订单",
    submitting_order: "正在提交…",
    draft_restored: "已恢复您上次未提交的内容",
    address_required: "请填写服务地址",
    phone_invalid: "请填写11位手机号",
    too_long: |max| format!("不能超过{max}字"),
    service_missing: "服务不存在或已下架",

    my_orders_empty: "您还没有点过单。在服务菜单里选一项试试吧。",
    asap: "尽快安排",
    when_label: "服务时间",
    address_label: "服务地址",
    phone_label: "联系电话",
    note_label: "备注",
    volunteer_label: "志愿者",
    resident_label: "点单居民",
    label_sep: "：",
    points_held: |n| format!("已冻结 {n} 积分"),
    points_settled: |n| format!("已支付 {n} 积分"),
    points_returned: |n| format!("{n} 积分已退回"),
    timeline: "进度",
    order_missing: "订单不存在，或您无权查看",
    completion_note_label: "服务记录",

    cancel_order: "取消订单",
    cancel_confirm: "确定取消这个订单吗？冻结的积分会退回。",
    cancel_yes: "确定取消",
    keep_order: "不取消",
    cancelling: "正在取消…",
    rate_heading: "确认完成并评价",
    rate_window: |days| format!("{days} 天内可评价"),
    rate_by: |date| format!("请在 {date} 前评价"),
    stars_legend: "服务评分",
    star_names: ["1星 很不满意", "2星 不满意", "3星 一般", "4星 满意", "5星 非常满意"],
    tags_legend: "印象（可多选）",
    comment_label: "评价内容（可不填）",
    submit_rating: "确认完成并评价",
    submitting_rating: "正在提交…",
    stars_required: "请选择评分",
    your_rating: "我的评价",
    stars_of: |n| format!("{n} 星"),

    dispatch_waiting: "待派单",
    dispatch_waiting_empty: "没有等待派单的订单",
    dispatch_sent: "已派单，待志愿者接单",
    dispatch_sent_empty: "没有待接单的订单",
    assign_to: "派单给",
    reassign_to: "改派给",
    choose_volunteer: "请选择志愿者",
    volunteer_option: |name, active| format!("{name}（进行中 {active} 单）"),
    assign: "派单",
    reassign: "改派",
    assigning: "正在派单…",
    volunteer_required: "请选择志愿者",

    assigned_heading: "派给我的",
    assigned_empty: "暂时没有派给您的订单",
    open_heading: "可抢单",
    open_empty: "暂时没有可以抢的订单",
    done_heading: "已完成",
    accept: "接单",
    decline: "婉拒",
    decline_reason: "婉拒原因",
    decline_send: "确定婉拒",
    reason_required: "请填写原因",
    claim: "抢单",
    start: "开始服务",
    complete_note: "服务记录（可不填）",
    complete_send: "确认完成",
    working: "正在提交…",

    link_my_orders: "我的订单",
    link_dispatch: "中心派单",
    link_volunteer: "我的接单",
    links_label: "订单入口",

    short_date: |mo, d, h, mi| format!("{mo}月{d}日 {h}:{mi:02}"),
    slot: |mo, d, weekday, from, to| format!("{mo}月{d}日 {weekday} {from}–{to}"),
    waited_minutes: |n| format!("已等待 {n} 分钟"),
    waited_hours: |n| format!("已等待 {n} 小时"),
    waited_days: |n| format!("已等待 {n} 天"),
    event_line: |when, who, what| format!("{when} {who} {what}"),
    actor: |role, name| format!("{role} {name}"),
    system: "系统",

    price_each: |n| if n == 0 { "免费".to_owned() } else { format!("{n} 积分/次") },
    resident_rating: "居民的评价",
    points_to_earn: |n| format!("居民评价后您将获得 {n} 积分"),
    points_earned: |n| format!("已获得 {n} 积分"),
    points_held_by_resident: |n| format!("居民已冻结 {n} 积分"),
    points_settled_both: |paid, earned| format!("已结算：居民支付 {paid} 积分，志愿者获得 {earned} 积分"),
    points_returned_to_resident: |n| format!("{n} 积分已退回居民"),
    address_home_hint: |home| format!("留空则使用登记地址：{home}"),
    volunteers_offering: |service| format!("只显示提供「{service}」服务的志愿者（下单居民家里的志愿者除外）"),
    no_volunteers_for: |service| format!("暂时没有可派的「{service}」志愿者"),
    how_to_add_volunteer: "哪位志愿者提供哪些服务，目前还不能在应用里设置：请联系平台管理员登记，登记后就会出现在这里。",
    cannot_order_short: "积分不足，暂时不能下单",
};

pub const EN: ServicesTexts = ServicesTexts {
    zh: false,
    menu_title: "Services",
    order_title: "Order",
    my_orders_title: "My orders",
    order_detail_title: "Order",
    dispatch_title: "Dispatch",
    volunteer_title: "My jobs",

    menu_intro: "You order → the centre dispatches → a volunteer accepts → you rate",
    menu_empty: "No services are offered yet",
    free: "Free",
    points: |n| if n == 1 { "1 point".to_owned() } else { format!("{n} points") },
    provider: |name| format!("By {name}"),
    order_button: "Order",
    order_button_for: |name| format!("Order: {name}"),
    order_after_joining: "You can order once your household request is approved. Meanwhile, here is what the community offers.",
    by_arrangement: "By arrangement",
    every_week: "",
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    weekday_range: |from, to| format!("{from}–{to}"),
    list_sep: ", ",
    group_sep: "; ",

    field_slot: "When",
    slot_asap: "As soon as possible",
    slot_asap_hint: "Staff will find a volunteer soon",
    slots_loading: "Loading times…",
    slots_none: "No times free soon; choose as soon as possible",
    field_address: "Address",
    field_phone: "Contact phone",
    field_note: "Note (optional)",
    hold_notice: |price, balance| {
        let unit = if price == 1 { "point" } else { "points" };
        format!("{price} {unit} will be held, paid when you rate and returned if you cancel. You have {balance}.")
    },
    free_notice: "This service is free.",
    not_enough_points: |price, balance| format!("Not enough points: {price} needed, you have {balance}"),
    submit_order: "Place order",
    submitting_order: "Placing…",
    draft_restored: "Restored what you had not sent",
    address_required: "Please enter the address",
    phone_invalid: "Please enter an 11-digit mobile number",
    too_long: |max| format!("At most {max} characters"),
    service_missing: "This service does not exist or is no longer offered",

    my_orders_empty: "No orders yet. Pick a service from the menu.",
    asap: "As soon as possible",
    when_label: "When",
    address_label: "Service address",
    phone_label: "Contact phone",
    note_label: "Note",
    volunteer_label: "Volunteer",
    resident_label: "Ordered by",
    label_sep: ": ",
    points_held: |n| if n == 1 { "1 point held".to_owned() } else { format!("{n} points held") },
    points_settled: |n| if n == 1 { "1 point paid".to_owned() } else { format!("{n} points paid") },
    points_returned: |n| if n == 1 { "1 point returned".to_owned() } else { format!("{n} points returned") },
    timeline: "Progress",
    order_missing: "This order does not exist, or it is not yours to see",
    completion_note_label: "Service record",

    cancel_order: "Cancel order",
    cancel_confirm: "Cancel this order? Held points will be returned.",
    cancel_yes: "Yes, cancel",
    keep_order: "Keep it",
    cancelling: "Cancelling…",
    rate_heading: "Confirm and rate",
    rate_window: |days| if days == 1 { "You can rate within 1 day".to_owned() } else { format!("You can rate within {days} days") },
    rate_by: |date| format!("Please rate by {date}"),
    stars_legend: "Rating",
    star_names: ["1 star, very poor", "2 stars, poor", "3 stars, fair", "4 stars, good", "5 stars, excellent"],
    tags_legend: "What stood out (any)",
    comment_label: "Comment (optional)",
    submit_rating: "Confirm and rate",
    submitting_rating: "Sending…",
    stars_required: "Please choose a rating",
    your_rating: "My rating",
    stars_of: |n| if n == 1 { "1 star".to_owned() } else { format!("{n} stars") },

    dispatch_waiting: "Waiting for dispatch",
    dispatch_waiting_empty: "No orders are waiting",
    dispatch_sent: "Dispatched, not yet accepted",
    dispatch_sent_empty: "No orders are waiting for a volunteer",
    assign_to: "Assign to",
    reassign_to: "Reassign to",
    choose_volunteer: "Choose a volunteer",
    volunteer_option: |name, active| match active {
        0 => format!("{name} (no active orders)"),
        1 => format!("{name} (1 active order)"),
        n => format!("{name} ({n} active orders)"),
    },
    assign: "Assign",
    reassign: "Reassign",
    assigning: "Assigning…",
    volunteer_required: "Please choose a volunteer",

    assigned_heading: "Assigned to me",
    assigned_empty: "Nothing is assigned to you",
    open_heading: "Open to claim",
    open_empty: "No open orders to claim",
    done_heading: "Done",
    accept: "Accept",
    decline: "Decline",
    decline_reason: "Reason for declining",
    decline_send: "Decline",
    reason_required: "Please give a reason",
    claim: "Claim",
    start: "Start service",
    complete_note: "Service record (optional)",
    complete_send: "Mark complete",
    working: "Sending…",

    link_my_orders: "My orders",
    link_dispatch: "Dispatch",
    link_volunteer: "My jobs",
    links_label: "Orders",

    short_date: |mo, d, h, mi| format!("{d} {} {h}:{mi:02}", MONTHS[(mo as usize + 11) % 12]),
    slot: |mo, d, weekday, from, to| format!("{weekday} {d} {}, {from}–{to}", MONTHS[(mo as usize + 11) % 12]),
    waited_minutes: |n| if n == 1 { "Waiting 1 minute".to_owned() } else { format!("Waiting {n} minutes") },
    waited_hours: |n| if n == 1 { "Waiting 1 hour".to_owned() } else { format!("Waiting {n} hours") },
    waited_days: |n| if n == 1 { "Waiting 1 day".to_owned() } else { format!("Waiting {n} days") },
    event_line: |when, who, what| format!("{when} {who} {what}"),
    actor: |role, name| format!("{name} ({role})"),
    system: "System",

    price_each: |n| match n {
        0 => "Free".to_owned(),
        1 => "1 point per order".to_owned(),
        n => format!("{n} points per order"),
    },
    resident_rating: "The resident's rating",
    points_to_earn: |n| if n == 1 { "You earn 1 point once the resident rates".to_owned() } else { format!("You earn {n} points once the resident rates") },
    points_earned: |n| if n == 1 { "1 point earned".to_owned() } else { format!("{n} points earned") },
    points_held_by_resident: |n| if n == 1 { "1 point held from the resident".to_owned() } else { format!("{n} points held from the resident") },
    points_settled_both: |paid, earned| {
        let p = |n: i64| if n == 1 { "1 point".to_owned() } else { format!("{n} points") };
        format!("Settled: the resident paid {}, the volunteer earned {}", p(paid), p(earned))
    },
    points_returned_to_resident: |n| if n == 1 { "1 point returned to the resident".to_owned() } else { format!("{n} points returned to the resident") },
    address_home_hint: |home| format!("Leave empty to use your registered address: {home}"),
    volunteers_offering: |service| format!("Only volunteers who offer “{service}” are listed (not those of the ordering household)"),
    no_volunteers_for: |service| format!("No volunteer can be sent for “{service}” yet"),
    how_to_add_volunteer: "Which services a volunteer offers cannot be set in the app yet: ask the platform administrator to register it, and the volunteer will be listed here.",
    cannot_order_short: "Not enough points to order yet",
};

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl ServicesTexts {
    pub fn of(locale: Locale) -> &'static ServicesTexts {
        match locale {
            Locale::Zh => &ZH,
            Locale::En => &EN,
        }
    }

    pub fn category(&self, category: ServiceCategory) -> &'static str {
        let zh = self.zh;
        match (category, zh) {
            (ServiceCategory::Repair, true) => "维修",
            (ServiceCategory::Legal, true) => "法律咨询",
            (ServiceCategory::Counselling, true) => "心理疏导",
            (ServiceCategory::ElderCare, true) => "助老",
            (ServiceCategory::AfterSchool, true) => "四点半课堂",
            (ServiceCategory::DailyLife, true) => "生活服务",
            (ServiceCategory::Other, true) => "其他",
            (ServiceCategory::Repair, false) => "Repairs",
            (ServiceCategory::Legal, false) => "Legal advice",
            (ServiceCategory::Counselling, false) => "Counselling",
            (ServiceCategory::ElderCare, false) => "Elder care",
            (ServiceCategory::AfterSchool, false) => "After-school class",
            (ServiceCategory::DailyLife, false) => "Daily life",
            (ServiceCategory::Other, false) => "Other",
        }
    }

    pub fn status(&self, status: OrderStatus) -> &'static str {
        let zh = self.zh;
        match (status, zh) {
            (OrderStatus::Submitted, true) => "待派单",
            (OrderStatus::Dispatched, true) => "已派单",
            (OrderStatus::Accepted, true) => "已接单",
            (OrderStatus::InProgress, true) => "服务中",
            (OrderStatus::Completed, true) => "待评价",
            (OrderStatus::Rated, true) => "已评价",
            (OrderStatus::Closed, true) => "已关闭",
            (OrderStatus::Cancelled, true) => "已取消",
            (OrderStatus::Submitted, false) => "Awaiting dispatch",
            (OrderStatus::Dispatched, false) => "Dispatched",
            (OrderStatus::Accepted, false) => "Accepted",
            (OrderStatus::InProgress, false) => "In progress",
            (OrderStatus::Completed, false) => "To rate",
            (OrderStatus::Rated, false) => "Rated",
            (OrderStatus::Closed, false) => "Closed",
            (OrderStatus::Cancelled, false) => "Cancelled",
        }
    }

    pub fn actor_role(&self, role: OrderActorRole) -> &'static str {
        let zh = self.zh;
        match (role, zh) {
            (OrderActorRole::Resident, true) => "居民",
            (OrderActorRole::Volunteer, true) => "志愿者",
            (OrderActorRole::Staff, true) => "社区工作人员",
            (OrderActorRole::System, true) => "系统",
            (OrderActorRole::Resident, false) => "resident",
            (OrderActorRole::Volunteer, false) => "volunteer",
            (OrderActorRole::Staff, false) => "staff",
            (OrderActorRole::System, false) => "system",
        }
    }

    /// What happened at a timeline step; `note` is the volunteer's name on (re)dispatch.
    pub fn event(&self, kind: OrderEventKind, note: Option<&str>) -> String {
        let zh = self.zh;
        let note = note.unwrap_or("");
        match (kind, zh) {
            (OrderEventKind::Submitted, true) => "点单".to_owned(),
            (OrderEventKind::Dispatched, true) => format!("派单给 {note}"),
            (OrderEventKind::Reassigned, true) => format!("改派给 {note}"),
            (OrderEventKind::Accepted, true) => "接单".to_owned(),
            (OrderEventKind::Declined, true) => "婉拒，订单退回派单".to_owned(),
            (OrderEventKind::Claimed, true) => "抢单".to_owned(),
            (OrderEventKind::Started, true) => "开始服务".to_owned(),
            (OrderEventKind::Completed, true) => "完成服务".to_owned(),
            (OrderEventKind::Rated, true) => "确认完成并评价".to_owned(),
            (OrderEventKind::Closed, true) => "超过评价期限，订单自动关闭".to_owned(),
            (OrderEventKind::Cancelled, true) => "取消订单".to_owned(),
            (OrderEventKind::Recalled, true) => "志愿者身份已取消，订单退回派单".to_owned(),
            (OrderEventKind::Submitted, false) => "ordered".to_owned(),
            (OrderEventKind::Dispatched, false) => format!("assigned it to {note}"),
            (OrderEventKind::Reassigned, false) => format!("reassigned it to {note}"),
            (OrderEventKind::Accepted, false) => "accepted".to_owned(),
            (OrderEventKind::Declined, false) => "declined; back to dispatch".to_owned(),
            (OrderEventKind::Claimed, false) => "claimed it".to_owned(),
            (OrderEventKind::Started, false) => "started the service".to_owned(),
            (OrderEventKind::Completed, false) => "completed the service".to_owned(),
            (OrderEventKind::Rated, false) => "confirmed and rated".to_owned(),
            (OrderEventKind::Closed, false) => "closed after the rating window".to_owned(),
            (OrderEventKind::Cancelled, false) => "cancelled".to_owned(),
            (OrderEventKind::Recalled, false) => "volunteer role ended; back to dispatch".to_owned(),
        }
    }

    pub fn tag(&self, tag: RatingTag) -> &'static str {
        let zh = self.zh;
        match (tag, zh) {
            (RatingTag::OnTime, true) => "准时",
            (RatingTag::Friendly, true) => "态度好",
            (RatingTag::Professional, true) => "专业",
            (RatingTag::Patient, true) => "耐心",
            (RatingTag::Tidy, true) => "干净整洁",
            (RatingTag::Solved, true) => "问题已解决",
            (RatingTag::OnTime, false) => "On time",
            (RatingTag::Friendly, false) => "Friendly",
            (RatingTag::Professional, false) => "Skilled",
            (RatingTag::Patient, false) => "Patient",
            (RatingTag::Tidy, false) => "Tidy",
            (RatingTag::Solved, false) => "Problem solved",
        }
    }

    pub fn price(&self, points: i64) -> String {
        if points == 0 {
            self.free.to_owned()
        } else {
            (self.points)(points)
        }
    }
}

/// The words of the current language; reading it in a view makes that view follow changes.
pub fn texts() -> &'static ServicesTexts {
    ServicesTexts::of(use_i18n().locale())
}
