//! Words only the task pages use, zh-CN first and English: why an action is not open yet, what
//! confirming completion will do, and the counts they show. Kept apart from `texts.rs`, whose
//! table 首页's task cards load with the first module; these load with the tab's chunk.

use crate::i18n::{use_i18n, Locale};

pub struct PageTexts {
    /// The reward on a task's page: "每人 20 积分".
    pub points_each: fn(i64) -> String,
    /// "2 人候补".
    pub waitlist_count: fn(i64) -> String,
    /// To someone not signed up once the task has started.
    pub join_closed: &'static str,
    pub task_done: &'static str,
    /// A volunteer signed up, before check-in opens; the time it opens.
    pub check_in_from: fn(&str) -> String,

    /// Under the organiser tools, before the start; the start.
    pub manage_before_start: fn(&str) -> String,
    pub manage_running: &'static str,
    pub manage_ended: &'static str,
    /// Beside the disabled 确认完成 before the start; the start.
    pub complete_after_start: fn(&str) -> String,
    /// On the roster before the start, where 未到 is not offered yet.
    pub no_show_after_start: &'static str,

    /// The completion question, above what it will do.
    pub complete_ask: &'static str,
    /// volunteers credited, points each.
    pub complete_credited: fn(i64, i64) -> String,
    /// volunteers checked in, when the task pays no points.
    pub complete_no_points: fn(i64) -> String,
    /// How hours are recorded; how many did not check out, and the task's length.
    pub complete_hours: fn(i64, &str) -> String,
    pub complete_absent: fn(i64) -> String,
    pub complete_awaiting: fn(i64) -> String,
    pub complete_nobody: &'static str,

    /// After completion: volunteers credited, points in all.
    pub completion_done: fn(i64, i64) -> String,
    pub completion_no_shows: fn(i64) -> String,
    pub completion_awaiting: fn(i64) -> String,
}

/// "1 point" / "2 points".
fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub const ZH: PageTexts = PageTexts {
    points_each: |n| format!("每人 {n} 积分"),
    waitlist_count: |n| format!("{n} 人候补"),
    join_closed: "活动已开始，报名已截止",
    task_done: "活动已完成",
    check_in_from: |at| format!("{at} 起可在这里输入现场签到码签到"),

    manage_before_start: |at| format!("活动 {at} 开始。开始后在签到管理为志愿者签到、登记未到、确认完成。"),
    manage_running: "活动进行中。结束后请在签到管理确认完成，为志愿者发放积分。",
    manage_ended: "活动已结束，请在签到管理确认完成，为志愿者发放积分。",
    complete_after_start: |at| format!("活动开始后才能确认完成（{at} 开始）"),
    no_show_after_start: "活动开始后才能登记“未到”",

    complete_ask: "确认活动完成吗？确认后不能更改：",
    complete_credited: |n, points| {
        if n == 1 {
            format!("1 位已签到的志愿者获得 {points} 积分（按人发放，与时长无关）")
        } else {
            format!("{n} 位已签到的志愿者每人获得 {points} 积分，共 {} 积分（按人发放，与时长无关）", n * points)
        }
    },
    complete_no_points: |n| format!("{n} 位已签到的志愿者记录服务时长；这个活动不发积分"),
    complete_hours: |not_out, length| {
        if not_out == 0 {
            "服务时长按签到到签退的时间记录".to_owned()
        } else {
            format!("服务时长按签到到签退记录；{not_out} 位没有签退，按活动全程 {length} 记录")
        }
    },
    complete_absent: |n| format!("{n} 位报名了但没有签到，记为未到，不获得积分"),
    complete_awaiting: |n| format!("{n} 位组织者本人的签到待其他组织者确认，确认后再发放积分"),
    complete_nobody: "还没有人签到：确认后不发放积分",

    completion_done: |n, points| format!("已确认完成：{n} 位志愿者共获得 {points} 积分"),
    completion_no_shows: |n| format!("{n} 位记为未到"),
    completion_awaiting: |n| format!("{n} 位组织者本人的出勤待其他组织者确认，确认后发放积分"),
};

pub const EN: PageTexts = PageTexts {
    points_each: |n| format!("{} per volunteer", count(n, "point", "points")),
    waitlist_count: |n| format!("{n} on the waitlist"),
    join_closed: "The task has started: sign-up is closed",
    task_done: "This task is completed",
    check_in_from: |at| format!("From {at} you can check in here with the code shown on site"),

    manage_before_start: |at| {
        format!("Starts {at}. From then on, use Check-in to check volunteers in, mark no-shows and confirm completion.")
    },
    manage_running: "Under way. When it is over, confirm completion in Check-in to credit the volunteers.",
    manage_ended: "The task has ended: confirm completion in Check-in to credit the volunteers.",
    complete_after_start: |at| format!("You can confirm completion once the task starts ({at})"),
    no_show_after_start: "No-shows can be marked once the task starts",

    complete_ask: "Confirm the task is complete? This cannot be undone:",
    complete_credited: |n, points| {
        if n == 1 {
            format!("1 checked-in volunteer gets {} (per person, whatever the hours)", count(points, "point", "points"))
        } else {
            format!(
                "{n} checked-in volunteers get {} each, {} in all (per person, whatever the hours)",
                count(points, "point", "points"),
                n * points
            )
        }
    },
    complete_no_points: |n| {
        format!("{} get their hours recorded; this task pays no points", count(n, "checked-in volunteer", "checked-in volunteers"))
    },
    complete_hours: |not_out, length| {
        if not_out == 0 {
            "Hours are recorded from check-in to check-out".to_owned()
        } else {
            format!(
                "Hours are recorded from check-in to check-out; {} not checked out {} recorded for the whole {length}",
                count(not_out, "volunteer", "volunteers"),
                if not_out == 1 { "is" } else { "are" }
            )
        }
    },
    complete_absent: |n| {
        format!(
            "{} up but did not check in: marked no-show, no points",
            if n == 1 { "1 volunteer signed".to_owned() } else { format!("{n} volunteers signed") }
        )
    },
    complete_awaiting: |n| {
        format!(
            "{} checked in {}: the points wait for another organiser's confirmation",
            count(n, "organiser", "organisers"),
            if n == 1 { "themself" } else { "themselves" }
        )
    },
    complete_nobody: "Nobody has checked in: no points will be credited",

    completion_done: |n, points| {
        if n == 1 {
            format!("Completed: 1 volunteer credited {}", count(points, "point", "points"))
        } else {
            format!("Completed: {n} volunteers credited {points} points in all")
        }
    },
    completion_no_shows: |n| format!("{} marked no-show", count(n, "volunteer", "volunteers")),
    completion_awaiting: |n| {
        format!(
            "{} own attendance awaits another organiser's confirmation before the points are credited",
            if n == 1 { "1 organiser's".to_owned() } else { format!("{n} organisers'") }
        )
    },
};

/// The task pages' own words in the current language; reading it in a view follows language
/// changes.
pub fn page_texts() -> &'static PageTexts {
    match use_i18n().locale() {
        Locale::Zh => &ZH,
        Locale::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_counts_are_singular_for_one() {
        assert_eq!((EN.points_each)(1), "1 point per volunteer");
        assert_eq!((EN.completion_done)(1, 20), "Completed: 1 volunteer credited 20 points");
        assert_eq!((EN.completion_done)(3, 60), "Completed: 3 volunteers credited 60 points in all");
        assert_eq!((EN.complete_absent)(1), "1 volunteer signed up but did not check in: marked no-show, no points");
        assert_eq!(
            (EN.complete_credited)(2, 1),
            "2 checked-in volunteers get 1 point each, 2 in all (per person, whatever the hours)"
        );
    }

    #[test]
    fn the_chinese_dialog_names_the_flat_amount_and_the_total() {
        assert_eq!((ZH.complete_credited)(3, 20), "3 位已签到的志愿者每人获得 20 积分，共 60 积分（按人发放，与时长无关）");
        assert_eq!((ZH.complete_hours)(1, "2小时"), "服务时长按签到到签退记录；1 位没有签退，按活动全程 2小时 记录");
    }
}
