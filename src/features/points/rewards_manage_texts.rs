//! Words of 礼品管理 (staff running the 爱心超市), zh-CN first and English, loaded with the
//! tab's chunk.

use crate::i18n::{use_i18n, Locale};

pub struct RewardsManageTexts {
    pub list_title: &'static str,
    pub new_title: &'static str,
    pub edit_title: &'static str,
    pub intro: &'static str,
    pub add_reward: &'static str,
    pub empty: &'static str,
    pub retired_badge: &'static str,
    /// "20 积分 · 库存 12".
    pub price_stock: fn(i64, i64) -> String,
    /// "3 张兑换券待领取".
    pub vouchers_open: fn(i64) -> String,
    pub last_change: fn(&str, &str, &str) -> String,
    pub action_word: fn(&str) -> &'static str,
    pub edit: &'static str,
    pub edit_for: fn(&str) -> String,
    pub retire: &'static str,
    pub retire_for: fn(&str) -> String,
    pub restore: &'static str,
    pub restore_for: fn(&str) -> String,
    pub retire_ask: &'static str,
    pub retire_detail: &'static str,

    pub name: &'static str,
    pub description: &'static str,
    pub points: &'static str,
    pub points_hint: &'static str,
    pub stock: &'static str,
    /// When editing: the stock when the form opened.
    pub stock_hint: fn(i64) -> String,
    pub stock_hint_new: &'static str,
    pub whole_number: &'static str,
    pub save_new: &'static str,
    pub save_edit: &'static str,
    pub saving: &'static str,
    pub not_found: &'static str,
}

pub const ZH: RewardsManageTexts = RewardsManageTexts {
    list_title: "礼品管理",
    new_title: "新增礼品",
    edit_title: "编辑礼品",
    intro: "居民在爱心超市用积分兑换这些礼品。下架后不能再兑换，已发出的兑换券仍然有效。",
    add_reward: "新增礼品",
    empty: "还没有礼品",
    retired_badge: "已下架",
    price_stock: |points, stock| format!("{points} 积分 · 库存 {stock}"),
    vouchers_open: |n| format!("{n} 张兑换券待领取"),
    last_change: |action, who, when| format!("{who} {when} {action}"),
    action_word: |action| match action {
        "created" => "新增",
        "retired" => "下架",
        "restored" => "重新上架",
        _ => "修改",
    },
    edit: "编辑",
    edit_for: |name| format!("编辑 {name}"),
    retire: "下架",
    retire_for: |name| format!("下架 {name}"),
    restore: "重新上架",
    restore_for: |name| format!("重新上架 {name}"),
    retire_ask: "下架这件礼品？",
    retire_detail: "下架后居民不能再兑换；已发出的兑换券仍然有效，可照常领取。",

    name: "礼品名称",
    description: "说明",
    points: "兑换所需积分",
    points_hint: "1 到 10000 分",
    stock: "库存",
    stock_hint: |seen| format!("打开时库存 {seen}；期间有人兑换也不会被覆盖"),
    stock_hint_new: "0 到 10000 件",
    whole_number: "请填写整数",
    save_new: "新增礼品",
    save_edit: "保存修改",
    saving: "正在保存…",
    not_found: "找不到这件礼品",
};

pub const EN: RewardsManageTexts = RewardsManageTexts {
    list_title: "Rewards",
    new_title: "New reward",
    edit_title: "Edit reward",
    intro: "Residents redeem these for points in the 爱心超市. A retired reward cannot be redeemed; vouchers already issued stay valid.",
    add_reward: "Add a reward",
    empty: "No rewards yet",
    retired_badge: "Retired",
    price_stock: |points, stock| format!("{points} {} · {stock} in stock", if points == 1 { "point" } else { "points" }),
    vouchers_open: |n| format!("{n} {} to collect", if n == 1 { "voucher" } else { "vouchers" }),
    last_change: |action, who, when| format!("{action} by {who}, {when}"),
    action_word: |action| match action {
        "created" => "Added",
        "retired" => "Retired",
        "restored" => "Back on offer",
        _ => "Edited",
    },
    edit: "Edit",
    edit_for: |name| format!("Edit {name}"),
    retire: "Retire",
    retire_for: |name| format!("Retire {name}"),
    restore: "Offer again",
    restore_for: |name| format!("Offer {name} again"),
    retire_ask: "Retire this reward?",
    retire_detail: "Residents will no longer be able to redeem it; vouchers already issued stay valid.",

    name: "Name",
    description: "Description",
    points: "Price in points",
    points_hint: "1 to 10000",
    stock: "In stock",
    stock_hint: |seen| format!("{seen} when you opened this; redemptions meanwhile are kept"),
    stock_hint_new: "0 to 10000",
    whole_number: "Enter a whole number",
    save_new: "Add reward",
    save_edit: "Save changes",
    saving: "Saving…",
    not_found: "This reward was not found",
};

pub fn rewards_manage_texts() -> &'static RewardsManageTexts {
    match use_i18n().locale() {
        Locale::Zh => &ZH,
        Locale::En => &EN,
    }
}
