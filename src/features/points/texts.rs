//! The 积分 tab's words, zh-CN first and English. Kept in the feature so the shared `Texts`
//! only holds what every page uses.

use crate::i18n::{use_i18n, I18n, Locale};

pub struct PointsTexts {
    /// The tab's page title, the same word as in the tab bar.
    pub tab: &'static str,
    pub points_title: &'static str,
    pub balance: &'static str,
    pub hours_total: &'static str,
    pub hours: fn(f64) -> String,
    pub stars_label: fn(u8) -> String,
    pub to_next_star: fn(u32, u8) -> String,
    pub max_stars: &'static str,

    pub ledger: &'static str,
    pub ledger_empty: &'static str,
    pub see_task: &'static str,
    pub see_voucher: &'static str,
    pub see_order: &'static str,
    pub see_wish: &'static str,

    // Ledger reasons, rendered from kind + subject + minutes.
    pub reason_opening: &'static str,
    pub reason_task: fn(&str, &str) -> String,
    pub reason_redemption: fn(&str) -> String,
    pub reason_correction: fn(&str) -> String,
    pub reason_order_hold: fn(&str) -> String,
    pub reason_order_release: fn(&str) -> String,
    pub reason_order_settle: fn(&str) -> String,
    pub reason_service: fn(&str, &str) -> String,
    /// A 微心愿 fulfilled and thanked: its title.
    pub reason_wish: fn(&str) -> String,
    pub duration: fn(i64) -> String,

    pub rewards: &'static str,
    pub rewards_intro: &'static str,
    pub rewards_empty: &'static str,
    pub price: fn(i64) -> String,
    pub stock: fn(i64) -> String,
    pub out_of_stock: &'static str,
    pub redeem: &'static str,
    pub redeem_confirm_title: fn(&str) -> String,
    pub balance_after: fn(i64, i64) -> String,
    pub redeem_yes: &'static str,
    pub redeeming: &'static str,
    pub cancel: &'static str,

    pub my_vouchers: &'static str,
    pub vouchers_empty: &'static str,
    pub voucher_title: &'static str,
    pub voucher_code: &'static str,
    pub voucher_show: &'static str,
    pub voucher_unused: &'static str,
    pub voucher_used: &'static str,
    pub voucher_used_at: fn(&str) -> String,
    pub redeemed_at: fn(&str) -> String,

    pub leaderboard: &'static str,
    pub this_month: &'static str,
    pub all_time: &'static str,
    pub my_rank: fn(i64) -> String,
    pub not_ranked: &'static str,
    pub rank: fn(i64) -> String,
    pub leaderboard_empty: &'static str,

    pub staff_tools: &'static str,
    pub use_voucher: &'static str,
    pub use_voucher_hint: &'static str,
    pub voucher_code_label: &'static str,
    pub mark_used: &'static str,
    pub marking: &'static str,
    pub marked_used: fn(&str, &str) -> String,
    pub correction: &'static str,
    pub correction_hint: &'static str,
    pub amount: &'static str,
    pub amount_hint: &'static str,
    pub reason: &'static str,
    pub submit_correction: &'static str,
    pub correcting: &'static str,
    pub corrected: fn(&str, i64) -> String,
    pub required: &'static str,
    pub bad_amount: &'static str,
    pub look_up: &'static str,
    pub too_long: fn(usize) -> String,

    // An order's hold line once the order has moved on, and its state beside the amount.
    pub reason_order_paid: fn(&str) -> String,
    pub reason_order_cancelled: fn(&str) -> String,
    pub hold_held: &'static str,
    pub hold_settled: &'static str,
    pub hold_released: &'static str,
    /// The 爱心超市 button of the 积分 page, short enough for one line at any text size.
    pub rewards_button: &'static str,
    /// Why a reward cannot be redeemed, beside its greyed-out button.
    pub short_by: fn(i64) -> String,
    pub out_of_stock_why: &'static str,
}

pub const ZH: PointsTexts = PointsTexts {
    tab: "积分",
    points_title: "爱心银行",
    balance: "积分余额",
    hours_total: "志愿服务时长",
    hours: |h| format!("{} 小时", trim_hours(h)),
    stars_label: |n| format!("{n} 星志愿者"),
    to_next_star: |h, n| format!("再服务 {h} 小时升为 {n} 星"),
    max_stars: "已是最高星级，感谢您的付出！",

    ledger: "积分明细",
    ledger_empty: "还没有积分记录。参加志愿活动就能赚积分。",
    see_task: "查看活动",
    see_voucher: "查看兑换券",
    see_order: "查看订单",
    see_wish: "查看心愿",

    reason_opening: "爱心基础积分",
    reason_task: |title, duration| format!("参加 {title} 志愿活动 {duration}"),
    reason_redemption: |name| format!("兑换 {name}"),
    reason_correction: |why| format!("社区调整：{why}"),
    reason_order_hold: |service| format!("预约 {service}，积分暂扣"),
    reason_order_release: |service| format!("取消 {service}，积分退回"),
    reason_order_settle: |service| format!("{service} 服务结算"),
    reason_service: |service, duration| format!("提供 {service} 服务 {duration}"),
    reason_wish: |title| format!("帮邻居实现微心愿：{title}"),
    duration: |m| if m % 60 == 0 { format!("{} 小时", m / 60) } else if m > 60 { format!("{} 小时 {} 分钟", m / 60, m % 60) } else { format!("{m} 分钟") },

    rewards: "爱心超市",
    rewards_intro: "用爱心积分兑换物品和服务，凭兑换券到社区服务站领取。",
    rewards_empty: "爱心超市暂时没有可兑换的物品",
    price: |n| format!("{n} 积分"),
    stock: |n| format!("剩余 {n} 份"),
    out_of_stock: "已兑完",
    redeem: "兑换",
    redeem_confirm_title: |name| format!("兑换 {name}？"),
    balance_after: |now, after| format!("当前 {now} 积分，兑换后剩 {after} 积分"),
    redeem_yes: "确认兑换",
    redeeming: "正在兑换…",
    cancel: "再想想",

    my_vouchers: "我的兑换券",
    vouchers_empty: "您还没有兑换过",
    voucher_title: "兑换券",
    voucher_code: "兑换码",
    voucher_show: "到社区服务站出示此码领取",
    voucher_unused: "未使用",
    voucher_used: "已使用",
    voucher_used_at: |t| format!("{t} 已领取"),
    redeemed_at: |t| format!("{t} 兑换"),

    leaderboard: "排行榜",
    this_month: "本月",
    all_time: "总榜",
    my_rank: |n| format!("我的排名：第 {n} 名"),
    not_ranked: "您暂未上榜，参加志愿活动就能上榜",
    rank: |n| format!("第 {n} 名"),
    leaderboard_empty: "暂时还没有人上榜",

    staff_tools: "积分管理",
    use_voucher: "核销兑换券",
    use_voucher_hint: "居民出示兑换券后，输入兑换码核销",
    voucher_code_label: "兑换码",
    mark_used: "核销",
    marking: "正在核销…",
    marked_used: |reward, name| format!("已核销：{name} 的 {reward}"),
    correction: "积分调整",
    correction_hint: "每次调整都会记入明细，请写清原因",
    amount: "调整积分",
    amount_hint: "加分填正数，扣分填负数，如 20 或 -20",
    reason: "原因",
    submit_correction: "提交调整",
    correcting: "正在提交…",
    corrected: |name, amount| format!("已为 {name} 调整 {amount:+} 积分"),
    required: "请填写此项",
    bad_amount: "请填写不为0的整数",
    look_up: "查询兑换券",
    too_long: |max| format!("不能超过{max}字"),

    reason_order_paid: |service| format!("支付 {service} 服务"),
    reason_order_cancelled: |service| format!("预约 {service}（已取消）"),
    hold_held: "暂扣中",
    hold_settled: "已结算",
    hold_released: "已退回",
    rewards_button: "爱心超市",
    short_by: |n| format!("积分不足，还差 {n} 积分"),
    out_of_stock_why: "已兑完，等社区补货后再来兑换",
};

pub const EN: PointsTexts = PointsTexts {
    tab: "Points",
    points_title: "Love bank",
    balance: "Points balance",
    hours_total: "Volunteer hours",
    hours: |h| format!("{} h", trim_hours(h)),
    stars_label: |n| format!("{n}-star volunteer"),
    to_next_star: |h, n| format!("{h} more hours to {n} stars"),
    max_stars: "Top star level. Thank you!",

    ledger: "Points history",
    ledger_empty: "No points yet. Volunteer to earn some.",
    see_task: "See task",
    see_voucher: "See voucher",
    see_order: "See order",
    see_wish: "See the wish",

    reason_opening: "Love-bank opening points",
    reason_task: |title, duration| format!("Volunteered at {title} for {duration}"),
    reason_redemption: |name| format!("Redeemed {name}"),
    reason_correction: |why| format!("Community adjustment: {why}"),
    reason_order_hold: |service| format!("Held for ordering {service}"),
    reason_order_release: |service| format!("Returned: {service} cancelled"),
    reason_order_settle: |service| format!("Paid for {service}"),
    reason_service: |service, duration| format!("Provided {service} for {duration}"),
    reason_wish: |title| format!("Made a neighbour's wish come true: {title}"),
    duration: |m| if m % 60 == 0 { format!("{} h", m / 60) } else if m > 60 { format!("{} h {} min", m / 60, m % 60) } else { format!("{m} min") },

    rewards: "Love supermarket",
    rewards_intro: "Exchange love-bank points for goods and services; collect them at the community station with your voucher.",
    rewards_empty: "Nothing to redeem right now",
    price: |n| format!("{n} points"),
    stock: |n| format!("{n} left"),
    out_of_stock: "Out of stock",
    redeem: "Redeem",
    redeem_confirm_title: |name| format!("Redeem {name}?"),
    balance_after: |now, after| format!("You have {now} points; {after} after redeeming"),
    redeem_yes: "Redeem now",
    redeeming: "Redeeming…",
    cancel: "Not now",

    my_vouchers: "My vouchers",
    vouchers_empty: "You have not redeemed anything yet",
    voucher_title: "Voucher",
    voucher_code: "Voucher code",
    voucher_show: "Show this code at the community station",
    voucher_unused: "Unused",
    voucher_used: "Used",
    voucher_used_at: |t| format!("Collected {t}"),
    redeemed_at: |t| format!("Redeemed {t}"),

    leaderboard: "Leaderboard",
    this_month: "This month",
    all_time: "All time",
    my_rank: |n| format!("My rank: No. {n}"),
    not_ranked: "You are not on the board yet. Volunteer to get there.",
    rank: |n| format!("No. {n}"),
    leaderboard_empty: "Nobody on the board yet",

    staff_tools: "Points desk",
    use_voucher: "Mark a voucher used",
    use_voucher_hint: "When a resident shows a voucher, enter its code",
    voucher_code_label: "Voucher code",
    mark_used: "Mark used",
    marking: "Marking…",
    marked_used: |reward, name| format!("Used: {reward} for {name}"),
    correction: "Points adjustment",
    correction_hint: "Every adjustment shows in the history; give a clear reason",
    amount: "Points",
    amount_hint: "Positive to add, negative to deduct, e.g. 20 or -20",
    reason: "Reason",
    submit_correction: "Submit adjustment",
    correcting: "Submitting…",
    corrected: |name, amount| format!("Adjusted {name} by {amount:+} points"),
    required: "Required",
    bad_amount: "Enter a whole number other than 0",
    look_up: "Look up voucher",
    too_long: |max| format!("At most {max} characters"),

    reason_order_paid: |service| format!("Paid for {service}"),
    reason_order_cancelled: |service| format!("Ordered {service} (cancelled)"),
    hold_held: "On hold",
    hold_settled: "Settled",
    hold_released: "Returned",
    rewards_button: "Rewards",
    short_by: |n| if n == 1 { "Not enough points: 1 more needed".to_owned() } else { format!("Not enough points: {n} more needed") },
    out_of_stock_why: "Out of stock until the community restocks it",
};

/// 2 → "2", 2.5 → "2.5".
fn trim_hours(h: f64) -> String {
    let s = format!("{h:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

impl Locale {
    fn points_texts(self) -> &'static PointsTexts {
        match self {
            Locale::Zh => &ZH,
            Locale::En => &EN,
        }
    }
}

/// This feature's texts in the current language; reading it in a view follows language changes.
pub fn texts() -> &'static PointsTexts {
    use_i18n().locale().points_texts()
}

/// The same, for event handlers and other code that runs outside the component tree: read once,
/// without subscribing.
pub fn texts_in(i18n: I18n) -> &'static PointsTexts {
    i18n.locale_untracked().points_texts()
}
