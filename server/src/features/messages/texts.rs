//! A message's words in the reader's language, from its kind and the names recorded at the
//! event (`params`). The webhook sends the zh-CN words.
//!
//! Each kind has a title and a body template per language. In a body, `{key}` is a name as
//! recorded (or a plain word standing for it when it is missing), `[key]` the same in quotes
//! (「理发」, “Haircut”), and `<…>` a part left out unless every name in it was recorded, so a
//! message written without some name still reads as a sentence and never shows a `{key}`.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Timelike, Utc};
use linli_api_types::{HandlerLevel, MessageKind, ReportCategory};

use crate::platform::lang::Lang;
use crate::platform::shanghai::OFFSET_MS;

/// The names a message's text is made of, as they were at the event.
pub type Params = BTreeMap<String, String>;

/// Characters of a report's text its messages quote.
pub const REPORT_SUMMARY_CHARS: usize = 20;

/// The start of a report's text for its messages: at most [`REPORT_SUMMARY_CHARS`] characters,
/// "…" when cut.
pub fn report_summary(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(REPORT_SUMMARY_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// (title, body) of a message.
pub fn render(kind: MessageKind, params: &Params, lang: Lang) -> (String, String) {
    let (title, body) = templates(kind, lang);
    (title.to_owned(), fill(body, params, lang))
}

/// The title and body template of `kind` in `lang`.
fn templates(kind: MessageKind, lang: Lang) -> (&'static str, &'static str) {
    use MessageKind::*;
    let (zh, en) = match kind {
        OrderDispatched => (
            ("中心已派单", "您的[service]订单已派给志愿者<{volunteer}>，请等待接单"),
            ("Your order was dispatched", "Your [service] order went to volunteer< {volunteer}>: they will accept it soon"),
        ),
        OrderAccepted => (
            ("志愿者已接单", "{volunteer}接了您的[service]订单"),
            ("A volunteer accepted your order", "{volunteer} accepted your [service] order"),
        ),
        OrderStarted => (
            ("服务已开始", "{volunteer}已开始您的服务<[service]>"),
            ("Your service has started", "{volunteer} started your service< [service]>"),
        ),
        OrderCompleted => (
            ("服务已完成，请评价", "{volunteer}已完成您的服务<[service]>，请评价"),
            ("Service completed: please rate it", "{volunteer} completed your service< [service]>: please rate it"),
        ),
        OrderAutoClosed => (
            ("订单已自动关闭", "您的[service]订单超过评价期限，已自动关闭"),
            ("Your order was closed", "Your [service] order was closed: the time to rate it has passed"),
        ),
        OrderAssigned => (
            ("有订单派给您", "中心把<{resident}的>[service]订单派给了您，请及时接单"),
            ("An order for you", "The centre gave you <{resident}'s >[service] order: please accept or decline it"),
        ),
        WaitlistPromoted => (
            ("候补转正", "有名额空出，您已正式报名[task]<，{starts_at}开始>"),
            ("You are off the waitlist", "A place opened: you have joined [task]<, starting {starts_at}>"),
        ),
        TaskChanged => (
            ("活动有变更", "您报名的[task]有变更<：{changed}><，现于{starts_at}开始><，地点{place}>"),
            ("A task you joined changed", "[task], which you joined, has changed<: {changed}><. It now starts {starts_at}><, at {place}>"),
        ),
        TaskCancelled => (
            ("活动已取消", "您报名的[task]已取消<：{reason}>"),
            ("A task was cancelled", "[task], which you joined, was cancelled<: {reason}>"),
        ),
        TaskTomorrow => (
            ("明天有活动", "您报名的[task]将于{starts_at}开始<，地点{place}>"),
            ("Task tomorrow", "[task], which you joined, starts {starts_at}<, at {place}>"),
        ),
        TaskSoon => (
            ("活动即将开始", "您报名的[task]将于{starts_at}开始，请准时到场<，地点{place}>"),
            ("Your task starts soon", "[task], which you joined, starts {starts_at}<, at {place}>: please be on time"),
        ),
        NoticeImportant => (
            ("重要通知", "有一条重要通知<[notice]><（{author}发布）>，请及时查看"),
            ("Important notice", "An important notice< [notice]>< from {author}>: please read it"),
        ),
        RegistrationApproved => (
            ("入户申请已通过", "欢迎！您已成为<{place}的>住户"),
            ("Your registration was approved", "Welcome: you are now a resident< of {place}>"),
        ),
        RegistrationDeclined => (
            ("入户申请未通过", "您的入户申请<（{place}）>未通过<：{reason}>"),
            ("Your registration was declined", "Your registration< for {place}> was declined<: {reason}>"),
        ),
        RegistrationWaiting => (
            ("有入户申请待审核", "{name}申请加入<{place}>，请审核"),
            ("A registration is waiting for you", "{name} asks to join< {place}>: please review it"),
        ),
        ReportAcknowledged => (
            ("您的反映已受理", "您反映的问题<[summary]>已受理，正在处理"),
            ("Your report was acknowledged", "Your report< [summary]> was acknowledged and is being handled"),
        ),
        ReportAnswered => (
            ("您的反映有回复", "您反映的问题<[summary]>有新的回复"),
            ("Your report has a reply", "Your report< [summary]> has a new reply"),
        ),
        ReportEscalated => (
            ("您的反映已上报", "您反映的问题<[summary]>已上报<{level}>处理"),
            ("Your report was passed up", "Your report< [summary]> was passed up< to the {level}>"),
        ),
        ReportResolved => (
            ("您的反映已办结，请确认", "您反映的问题<[summary]>已办结，请确认是否解决"),
            ("Your report was resolved: please confirm", "Your report< [summary]> was resolved: please say whether it is solved"),
        ),
        ReportWaiting => (
            ("有反映待您处理", "<{category}：>有反映<[summary]>等待您处理"),
            ("A report is waiting for you", "A report< [summary]>< ({category})> is waiting for you"),
        ),
        ReportOverdue => (
            ("反映已超时", "<{category}：>反映<[summary]>已超过处理时限，请尽快处理"),
            ("A report is overdue", "The report< [summary]>< ({category})> is past its deadline: please handle it"),
        ),
        WishClaimed => (
            ("您的心愿已被认领", "{volunteer}认领了您的心愿<[wish]>"),
            ("Your wish was claimed", "{volunteer} claimed your wish< [wish]>"),
        ),
        WishFulfilled => (
            ("您的心愿已完成，请感谢", "{volunteer}完成了您的心愿<[wish]>，请确认并感谢"),
            ("Your wish came true: say thanks", "{volunteer} fulfilled your wish< [wish]>: please confirm and thank them"),
        ),
        VoucherUsed => (
            ("您的兑换券已使用", "[reward]兑换券<（{code}）>已使用，感谢您的付出"),
            ("Your voucher was used", "Your [reward] voucher< ({code})> was used: thank you for your work"),
        ),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The plain word standing for a name that was not recorded; `None`: the part holding it is
/// left out (only inside `<…>`).
fn stand_in(key: &str, lang: Lang) -> Option<&'static str> {
    let words = match key {
        "service" => ("服务", "service"),
        "volunteer" => ("志愿者", "a volunteer"),
        "task" => ("活动", "a task"),
        "name" => ("有居民", "A resident"),
        "reward" => ("您的", ""),
        "starts_at" => ("预定时间", "at the set time"),
        _ => return None,
    };
    Some(lang.pick(words.0, words.1))
}

/// A recorded name as the reader sees it: times in Shanghai, categories and levels named.
fn shown(key: &str, value: &str, lang: Lang) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match key {
        "starts_at" => value
            .parse::<i64>()
            .ok()
            .and_then(|ms| shanghai_time(ms, lang)),
        "category" => ReportCategory::parse(value).map(|c| category_label(c, lang).to_owned()),
        "level" => HandlerLevel::parse(value).map(|l| level_label(l, lang).to_owned()),
        "changed" => changed_label(value, lang),
        _ => Some(value.to_owned()),
    }
}

/// "12月3日 09:00" / "3 Dec 09:00", in Shanghai.
fn shanghai_time(ms: i64, lang: Lang) -> Option<String> {
    let at = DateTime::<Utc>::from_timestamp_millis(ms + OFFSET_MS)?;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    Some(match lang {
        Lang::Zh => format!(
            "{}月{}日 {:02}:{:02}",
            at.month(),
            at.day(),
            at.hour(),
            at.minute()
        ),
        Lang::En => format!(
            "{} {} {:02}:{:02}",
            at.day(),
            MONTHS[at.month0() as usize],
            at.hour(),
            at.minute()
        ),
    })
}

fn category_label(category: ReportCategory, lang: Lang) -> &'static str {
    let (zh, en) = match category {
        ReportCategory::Sanitation => ("环境卫生", "Sanitation"),
        ReportCategory::Repair => ("设施维修", "Repairs"),
        ReportCategory::Safety => ("安全隐患", "Safety"),
        ReportCategory::Dispute => ("邻里纠纷", "Neighbour dispute"),
        ReportCategory::Property => ("物业", "Property management"),
        ReportCategory::Suggestion => ("微建议", "Suggestion"),
        ReportCategory::Other => ("其他", "Other"),
    };
    lang.pick(zh, en)
}

fn level_label(level: HandlerLevel, lang: Lang) -> &'static str {
    let (zh, en) = match level {
        HandlerLevel::Unit => ("单元长", "unit head"),
        HandlerLevel::Building => ("楼栋长", "building head"),
        HandlerLevel::Grid => ("网格长", "grid head"),
        HandlerLevel::Staff => ("社区", "community office"),
        HandlerLevel::Property => ("物业", "property management"),
    };
    lang.pick(zh, en)
}

/// What a task edit changed ("time,place"), in words: "时间、地点" / "time and place".
fn changed_label(value: &str, lang: Lang) -> Option<String> {
    let words: Vec<&str> = value
        .split(',')
        .filter_map(|part| {
            let (zh, en) = match part.trim() {
                "time" => ("时间", "time"),
                "place" => ("地点", "place"),
                "title" => ("名称", "name"),
                "details" => ("说明", "details"),
                "points" => ("积分", "points"),
                _ => return None,
            };
            Some(lang.pick(zh, en))
        })
        .collect();
    match (lang, words.as_slice()) {
        (_, []) => None,
        (Lang::Zh, _) => Some(words.join("、")),
        (Lang::En, [one]) => Some((*one).to_owned()),
        (Lang::En, [rest @ .., last]) => Some(format!("{} and {last}", rest.join(", "))),
    }
}

/// Fills `template` from `params` (see the module's comment for its marks).
fn fill(template: &str, params: &Params, lang: Lang) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('<') {
        out.push_str(&fill_names(&rest[..open], params, lang, false).unwrap_or_default());
        let after = &rest[open + 1..];
        let close = after.find('>').unwrap_or(after.len());
        if let Some(part) = fill_names(&after[..close], params, lang, true) {
            out.push_str(&part);
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(&fill_names(rest, params, lang, false).unwrap_or_default());
    tidy(out)
}

/// Fills the `{key}` and `[key]` of `part`. In an optional part (`strict`) a missing name
/// leaves the whole part out (`None`); elsewhere its stand-in word takes its place.
fn fill_names(part: &str, params: &Params, lang: Lang, strict: bool) -> Option<String> {
    let mut out = String::new();
    let mut chars = part.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let close = match c {
            '{' => '}',
            '[' => ']',
            _ => {
                out.push(c);
                continue;
            }
        };
        let Some(end) = part[at + 1..].find(close) else {
            out.push(c);
            continue;
        };
        let key = &part[at + 1..at + 1 + end];
        while chars.peek().is_some_and(|(i, _)| *i <= at + 1 + end) {
            chars.next();
        }
        match params.get(key).and_then(|value| shown(key, value, lang)) {
            Some(value) if c == '[' => {
                let (open_q, close_q) = match lang {
                    Lang::Zh => ("「", "」"),
                    Lang::En => ("“", "”"),
                };
                out.push_str(open_q);
                out.push_str(&value);
                out.push_str(close_q);
            }
            Some(value) => out.push_str(&value),
            None if strict => return None,
            None => out.push_str(stand_in(key, lang).unwrap_or_default()),
        }
    }
    Some(out)
}

/// Spaces doubled or left at the ends by a missing name closed up; an English sentence
/// starting with its stand-in capitalised.
fn tidy(text: String) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    let mut chars = out.chars();
    match chars.next() {
        Some(first) if first.is_ascii_lowercase() => {
            first.to_ascii_uppercase().to_string() + chars.as_str()
        }
        _ => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-12-03 09:00 in Shanghai.
    const DEC_3_0900: i64 = 1_796_259_600_000;

    fn params(pairs: &[(&str, &str)]) -> Params {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn full() -> Params {
        let starts = DEC_3_0900.to_string();
        params(&[
            ("service", "理发"),
            ("volunteer", "张建国"),
            ("resident", "王秀英"),
            ("task", "楼道清扫"),
            ("starts_at", &starts),
            ("place", "3栋 1单元 1502"),
            ("changed", "time,place"),
            ("reason", "下雨"),
            ("notice", "停水通知"),
            ("author", "刘伟忠"),
            ("name", "黄建华"),
            ("summary", "楼道灯坏了"),
            ("category", "repair"),
            ("level", "grid"),
            ("wish", "修收音机"),
            ("reward", "大米"),
            ("code", "LX7K-2Q9M"),
        ])
    }

    /// No template mark, and no stand-in for a missing name, may ever reach a reader.
    fn clean(text: &str) -> bool {
        !text.contains(['{', '}', '[', ']', '<', '>'])
            && !["  ", " :", " ,", "：，", "的的"]
                .iter()
                .any(|bad| text.contains(bad))
    }

    #[test]
    fn every_kind_reads_in_both_languages_with_and_without_names() {
        for kind in MessageKind::ALL {
            for lang in [Lang::Zh, Lang::En] {
                for params in [full(), Params::new()] {
                    let (title, body) = render(kind, &params, lang);
                    assert!(!title.is_empty(), "{kind:?} {lang:?}");
                    assert!(!body.is_empty(), "{kind:?} {lang:?} {params:?}");
                    assert!(clean(&title) && clean(&body), "{kind:?} {lang:?}: {body}");
                }
            }
        }
    }

    #[test]
    fn bodies_carry_their_names() {
        let p = full();
        let body = |kind, lang| render(kind, &p, lang).1;
        assert_eq!(
            body(MessageKind::OrderAccepted, Lang::Zh),
            "张建国接了您的「理发」订单"
        );
        assert_eq!(
            body(MessageKind::OrderAccepted, Lang::En),
            "张建国 accepted your “理发” order"
        );
        assert_eq!(
            body(MessageKind::TaskTomorrow, Lang::Zh),
            "您报名的「楼道清扫」将于12月3日 09:00开始，地点3栋 1单元 1502"
        );
        assert!(body(MessageKind::TaskSoon, Lang::En).contains("starts 3 Dec 09:00"));
        assert_eq!(
            body(MessageKind::TaskChanged, Lang::En),
            "“楼道清扫”, which you joined, has changed: time and place. It now starts \
             3 Dec 09:00, at 3栋 1单元 1502"
        );
        assert!(body(MessageKind::TaskChanged, Lang::Zh).contains("有变更：时间、地点"));
        assert!(body(MessageKind::TaskCancelled, Lang::Zh).ends_with("已取消：下雨"));
        assert!(body(MessageKind::ReportEscalated, Lang::Zh).contains("已上报网格长处理"));
        assert!(body(MessageKind::ReportEscalated, Lang::En).contains("to the grid head"));
        assert!(body(MessageKind::ReportWaiting, Lang::Zh)
            .starts_with("设施维修：有反映「楼道灯坏了」"));
        assert!(body(MessageKind::RegistrationDeclined, Lang::Zh).contains("3栋 1单元 1502"));
        assert!(body(MessageKind::RegistrationWaiting, Lang::En).starts_with("黄建华 asks"));
        assert!(body(MessageKind::WishClaimed, Lang::Zh).contains("「修收音机」"));
        assert!(body(MessageKind::VoucherUsed, Lang::Zh).starts_with("「大米」兑换券（LX7K-2Q9M）"));
        assert!(body(MessageKind::NoticeImportant, Lang::Zh).contains("「停水通知」（刘伟忠发布）"));
        assert!(body(MessageKind::OrderAssigned, Lang::Zh).contains("王秀英的「理发」"));
    }

    #[test]
    fn missing_names_become_plain_words() {
        let none = Params::new();
        assert_eq!(
            render(MessageKind::OrderAccepted, &none, Lang::Zh).1,
            "志愿者接了您的服务订单"
        );
        assert_eq!(
            render(MessageKind::OrderAccepted, &none, Lang::En).1,
            "A volunteer accepted your service order"
        );
        assert_eq!(
            render(MessageKind::TaskCancelled, &none, Lang::Zh).1,
            "您报名的活动已取消"
        );
        // A time that is not one is left out, not shown raw.
        let bad = params(&[("task", "楼道清扫"), ("starts_at", "soon")]);
        assert_eq!(
            render(MessageKind::WaitlistPromoted, &bad, Lang::Zh).1,
            "有名额空出，您已正式报名「楼道清扫」"
        );
        // An unknown category or level is left out too.
        let odd = params(&[
            ("summary", "灯坏了"),
            ("category", "weird"),
            ("level", "moon"),
        ]);
        assert_eq!(
            render(MessageKind::ReportWaiting, &odd, Lang::Zh).1,
            "有反映「灯坏了」等待您处理"
        );
        assert_eq!(
            render(MessageKind::ReportEscalated, &odd, Lang::En).1,
            "Your report “灯坏了” was passed up"
        );
    }

    #[test]
    fn a_report_is_quoted_by_its_first_characters() {
        assert_eq!(report_summary(" 楼道灯坏了 "), "楼道灯坏了");
        let long = "一二三四五六七八九十一二三四五六七八九十多出来的";
        assert_eq!(
            report_summary(long),
            "一二三四五六七八九十一二三四五六七八九十…"
        );
    }
}
