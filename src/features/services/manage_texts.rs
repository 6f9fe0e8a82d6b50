//! Words of 服务管理 (staff running the service menu), zh-CN first and English. Apart from
//! `texts.rs` so they load with the tab's chunk and only staff pages carry them.

use crate::i18n::{use_i18n, Locale};

pub struct ManageTexts {
    pub list_title: &'static str,
    pub new_title: &'static str,
    pub edit_title: &'static str,
    pub intro: &'static str,
    pub add_service: &'static str,
    pub empty: &'static str,
    pub paused_badge: &'static str,
    pub edit: &'static str,
    /// "编辑 法律咨询" for screen readers.
    pub edit_for: fn(&str) -> String,
    pub pause: &'static str,
    pub resume: &'static str,
    pub pause_for: fn(&str) -> String,
    pub resume_for: fn(&str) -> String,
    /// "居民付 10 分 · 志愿者得 15 分".
    pub prices: fn(i64, i64) -> String,
    /// "3 位志愿者提供".
    pub volunteers_count: fn(usize) -> String,
    /// The last change: action word, who, when.
    pub last_change: fn(&str, &str, &str) -> String,
    pub action_word: fn(&str) -> &'static str,
    pub pause_ask: &'static str,
    pub pause_detail: &'static str,

    // The form.
    pub name: &'static str,
    pub category: &'static str,
    pub provider: &'static str,
    pub description: &'static str,
    pub price: &'static str,
    pub price_hint: &'static str,
    pub duration: &'static str,
    pub duration_hint: &'static str,
    pub volunteer_points: &'static str,
    /// The policy's limit for the length typed: most, per hour, minutes.
    pub volunteer_points_hint: fn(i64, i64, i64) -> String,
    pub opening: &'static str,
    pub opening_hint: &'static str,
    pub weekday: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub add_period: &'static str,
    /// "删除第 2 个时段".
    pub remove_period: fn(usize) -> String,
    /// The words on the button; `remove_period` is its name and begins with them.
    pub remove: &'static str,
    /// "第 2 个时段".
    pub period_label: fn(usize) -> String,
    pub volunteers: &'static str,
    pub volunteers_none: &'static str,
    pub whole_number: &'static str,
    pub save_new: &'static str,
    pub save_edit: &'static str,
    pub saving: &'static str,
    pub draft_kept: &'static str,
    pub not_found: &'static str,
}

pub const ZH: ManageTexts = ManageTexts {
    list_title: "服务管理",
    new_title: "新增服务",
    edit_title: "编辑服务",
    intro: "修改后居民的服务菜单立即更新；已下的订单按下单时的内容办理。",
    add_service: "新增服务",
    empty: "还没有服务",
    paused_badge: "已暂停",
    edit: "编辑",
    edit_for: |name| format!("编辑 {name}"),
    pause: "暂停服务",
    resume: "恢复服务",
    pause_for: |name| format!("暂停服务 {name}"),
    resume_for: |name| format!("恢复服务 {name}"),
    prices: |price, points| {
        if price == 0 {
            format!("居民免费 · 志愿者得 {points} 分")
        } else {
            format!("居民付 {price} 分 · 志愿者得 {points} 分")
        }
    },
    volunteers_count: |n| if n == 0 { "暂无志愿者提供".to_owned() } else { format!("{n} 位志愿者提供") },
    last_change: |action, who, when| format!("{who} {when} {action}"),
    action_word: |action| match action {
        "created" => "新增",
        "paused" => "暂停",
        "resumed" => "恢复",
        _ => "修改",
    },
    pause_ask: "暂停这项服务？",
    pause_detail: "暂停后居民的服务菜单上不再显示，也不能下单；已下的订单照常办理。随时可以恢复。",

    name: "服务名称",
    category: "类别",
    provider: "提供方",
    description: "服务说明",
    price: "居民支付积分",
    price_hint: "0 表示免费，最多 500 分",
    duration: "每次服务时长（分钟）",
    duration_hint: "15 到 480 分钟",
    volunteer_points: "志愿者所得积分",
    volunteer_points_hint: |most, per_hour, minutes| {
        format!("按社区规则每小时最多 {per_hour} 分，{minutes} 分钟最多 {most} 分")
    },
    opening: "服务时间",
    opening_hint: "不填表示时间另约",
    weekday: "星期",
    from: "开始",
    to: "结束",
    add_period: "添加时段",
    remove_period: |n| format!("删除第 {n} 个时段"),
    remove: "删除",
    period_label: |n| format!("第 {n} 个时段"),
    volunteers: "提供这项服务的志愿者",
    volunteers_none: "社区还没有志愿者",
    whole_number: "请填写整数",
    save_new: "新增服务",
    save_edit: "保存修改",
    saving: "正在保存…",
    draft_kept: "已为您保留上次未保存的内容",
    not_found: "找不到这项服务",
};

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub const EN: ManageTexts = ManageTexts {
    list_title: "Service menu",
    new_title: "New service",
    edit_title: "Edit service",
    intro: "Residents see changes on the menu at once; orders already placed keep what they were placed for.",
    add_service: "Add a service",
    empty: "No services yet",
    paused_badge: "Paused",
    edit: "Edit",
    edit_for: |name| format!("Edit {name}"),
    pause: "Pause",
    resume: "Resume",
    pause_for: |name| format!("Pause {name}"),
    resume_for: |name| format!("Resume {name}"),
    prices: |price, points| {
        if price == 0 {
            format!("Free for residents · volunteer earns {points}")
        } else {
            format!("Residents pay {price} · volunteer earns {points}")
        }
    },
    volunteers_count: |n| if n == 0 { "No volunteer offers it yet".to_owned() } else { format!("Offered by {}", count(n, "volunteer", "volunteers")) },
    last_change: |action, who, when| format!("{action} by {who}, {when}"),
    action_word: |action| match action {
        "created" => "Added",
        "paused" => "Paused",
        "resumed" => "Resumed",
        _ => "Edited",
    },
    pause_ask: "Pause this service?",
    pause_detail: "Residents will no longer see it on the menu or order it; orders already placed go on. You can resume it at any time.",

    name: "Name",
    category: "Category",
    provider: "Provided by",
    description: "Description",
    price: "Residents pay (points)",
    price_hint: "0 for free, at most 500",
    duration: "Length of one visit (minutes)",
    duration_hint: "15 to 480 minutes",
    volunteer_points: "Volunteer earns (points)",
    volunteer_points_hint: |most, per_hour, minutes| {
        format!("The community allows {per_hour} points an hour: at most {most} for {minutes} minutes")
    },
    opening: "Opening times",
    opening_hint: "None: by arrangement",
    weekday: "Day",
    from: "From",
    to: "To",
    add_period: "Add opening hours",
    remove_period: |n| format!("Remove period {n}"),
    remove: "Remove",
    period_label: |n| format!("Period {n}"),
    volunteers: "Volunteers offering it",
    volunteers_none: "The community has no volunteers yet",
    whole_number: "Enter a whole number",
    save_new: "Add service",
    save_edit: "Save changes",
    saving: "Saving…",
    draft_kept: "What you had not saved yet is kept here",
    not_found: "This service was not found",
};

pub fn manage_texts() -> &'static ManageTexts {
    match use_i18n().locale() {
        Locale::Zh => &ZH,
        Locale::En => &EN,
    }
}
