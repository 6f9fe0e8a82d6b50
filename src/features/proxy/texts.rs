//! 代办's words, zh-CN first, in the feature's chunk.

use crate::i18n::{use_i18n, Locale};

pub struct ProxyTexts {
    pub list_title: &'static str,
    pub list_intro: &'static str,
    pub search_label: &'static str,
    pub search: &'static str,
    pub empty: &'static str,
    /// Beneath a list cut short.
    pub more: &'static str,
    /// A register member without a phone or login.
    pub no_login: &'static str,
    pub start_title: &'static str,
    pub start_button: &'static str,
    pub starting: &'static str,
    pub start_explain: &'static str,
    pub address: &'static str,
    pub care_tags: &'static str,
    /// "正在为 王秀英 代办"; the resident.
    pub acting_for: fn(&str) -> String,
    /// "还剩 28 分钟"; minutes.
    pub minutes_left: fn(i64) -> String,
    pub end_button: &'static str,
    pub ending: &'static str,
    pub ended: &'static str,
    pub dismiss: &'static str,
}

pub const ZH: ProxyTexts = ProxyTexts {
    list_title: "代办",
    list_intro: "为辖区内没有手机的居民代办：下单、报名、兑换都记在他的名下，并写明由您代办。",
    search_label: "按姓名查找",
    search: "查找",
    empty: "没有找到居民",
    more: "只列出前 40 位，请按姓名查找",
    no_login: "未注册",
    start_title: "开始代办",
    start_button: "开始代办",
    starting: "正在开始…",
    start_explain: "代办 30 分钟内有效。期间您以这位居民的身份下单、报名、兑换，每一步都会记下由您代办。结束后回到您自己的账号。",
    address: "住址",
    care_tags: "关怀标签",
    acting_for: |name| format!("正在为 {name} 代办"),
    minutes_left: |n| format!("还剩 {n} 分钟"),
    end_button: "结束代办",
    ending: "正在结束…",
    ended: "代办已结束，已回到您自己的账号",
    dismiss: "知道了",
};

pub const EN: ProxyTexts = ProxyTexts {
    list_title: "Act for a resident",
    list_intro: "Act for residents of your area who have no phone: orders, sign-ups and rewards go in their name, with a note that you did it for them.",
    search_label: "Find by name",
    search: "Find",
    empty: "No residents found",
    more: "Only the first 40 are listed. Find others by name",
    no_login: "Not registered",
    start_title: "Act for a resident",
    start_button: "Start acting for them",
    starting: "Starting…",
    start_explain: "Acting for a resident lasts 30 minutes. Meanwhile you order, sign up and redeem as them, and every step records that you did it for them. Then you are back in your own account.",
    address: "Address",
    care_tags: "Care needs",
    acting_for: |name| format!("Acting for {name}"),
    minutes_left: |n| if n == 1 { "1 minute left".to_owned() } else { format!("{n} minutes left") },
    end_button: "Stop acting",
    ending: "Stopping…",
    ended: "You stopped acting for the resident and are back in your own account",
    dismiss: "OK",
};

/// The words in the current language; reading it in a view follows language changes.
pub fn texts() -> &'static ProxyTexts {
    match use_i18n().locale() {
        Locale::Zh => &ZH,
        Locale::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_minutes_are_singular_for_one() {
        assert_eq!((EN.minutes_left)(1), "1 minute left");
        assert_eq!((EN.minutes_left)(28), "28 minutes left");
        assert_eq!((ZH.minutes_left)(28), "还剩 28 分钟");
    }
}

/// A register care tag in the reader's language (the register keeps them in Chinese).
pub fn care_tag(zh: bool, tag: &str) -> String {
    if zh {
        return tag.to_owned();
    }
    match tag {
        "高龄" => "Elderly",
        "独居" => "Lives alone",
        "残疾" => "Disability",
        "低保" => "Low-income support",
        other => other,
    }
    .to_owned()
}
