//! The words of 阅读情况 and of the read count on 我发布的通知, zh-CN first and English. Every
//! count says what it counts ("未读 102 户"), so a number is never read as a door ("102户").
//! Kept in the feature's chunk, not in the shared `Texts` of the first load.

use crate::i18n::{use_i18n, Locale};

pub struct ReceiptsTexts {
    pub read: &'static str,
    pub unread: &'static str,
    pub total: &'static str,
    /// A number of households: "38 户" / "38 households".
    pub households: fn(i64) -> String,
    /// "未读 102 户 / 共 140 户": the list of my notices.
    pub read_of_total: fn(i64, i64) -> String,
    /// The meter's words for screen readers.
    pub meter: fn(i64, i64) -> String,
    /// Beside a unit's name.
    pub unit_unread: fn(i64) -> String,
    /// Above a unit's doors.
    pub doors_to_visit: &'static str,
    /// One door in the list, for screen readers: "1502 室".
    pub door: fn(&str) -> String,
    /// The heading (for screen readers) of the list of notices I posted, above their cards.
    pub posted_list: &'static str,
}

pub const ZH: ReceiptsTexts = ReceiptsTexts {
    read: "已读",
    unread: "未读",
    total: "共",
    households: |n| format!("{n} 户"),
    read_of_total: |read, total| format!("已读 {read} 户 / 共 {total} 户"),
    meter: |read, total| format!("{total} 户中已读 {read} 户"),
    unit_unread: |n| format!("未读 {n} 户"),
    doors_to_visit: "未读的门牌号（可上门提醒）：",
    door: |door| format!("{door} 室"),
    posted_list: "已发布的通知",
};

pub const EN: ReceiptsTexts = ReceiptsTexts {
    read: "Read",
    unread: "Not read",
    total: "Total",
    households: |n| if n == 1 { "1 household".to_owned() } else { format!("{n} households") },
    read_of_total: |read, total| {
        let of = if total == 1 { "1 household".to_owned() } else { format!("{total} households") };
        format!("Read by {read} of {of}")
    },
    meter: |read, total| {
        let of = if total == 1 { "1 household".to_owned() } else { format!("{total} households") };
        format!("Read by {read} of {of}")
    },
    unit_unread: |n| if n == 1 { "1 household not read".to_owned() } else { format!("{n} households not read") },
    doors_to_visit: "Doors that have not read it (to knock on):",
    door: |door| format!("Room {door}"),
    posted_list: "Notices you posted",
};

/// This page's texts in the current language; reading it in a view follows language changes.
pub fn texts() -> &'static ReceiptsTexts {
    match use_i18n().locale() {
        Locale::Zh => &ZH,
        Locale::En => &EN,
    }
}
