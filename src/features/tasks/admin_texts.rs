//! Words of staff and organisers running a task's life — editing it, cancelling it with a
//! reason — and what residents then read on it. zh-CN first, English second; they load with
//! the tasks tab's chunk.

use crate::i18n::{use_i18n, Locale};

pub struct AdminTexts {
    pub edit_title: &'static str,
    pub edit: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    /// Under the place a task is for, which an edit cannot change.
    pub scope_fixed: &'static str,
    /// To those who joined, when a task's time has moved: the time before.
    pub time_moved: fn(&str) -> String,
    pub cancel_task: &'static str,
    pub cancel_reason: &'static str,
    pub cancel_reason_hint: &'static str,
    /// What cancelling does, above the reason.
    pub cancel_explain: fn(i64) -> String,
    pub cancel_yes: &'static str,
    pub cancelling: &'static str,
    pub keep_task: &'static str,
    /// The banner on a cancelled task: reason, who.
    pub cancelled_banner: &'static str,
    pub cancelled_by: fn(&str, &str) -> String,
    /// Under the organiser tools of a cancelled task.
    pub manage_cancelled: &'static str,
    /// Beside 修改 once the task has started.
    pub edit_before_start: &'static str,
    /// The edit form restored from this phone after a reload.
    pub draft_restored: &'static str,
}

static ZH: AdminTexts = AdminTexts {
    edit_title: "修改活动",
    edit: "修改活动",
    save: "保存修改",
    saving: "正在保存…",
    scope_fixed: "发布范围不能修改。如需换范围，请取消后重新发布。",
    time_moved: |before| format!("活动时间已调整，原定 {before}，请按新时间参加。"),
    cancel_task: "取消活动",
    cancel_reason: "取消原因（报名的居民会看到）",
    cancel_reason_hint: "例如：暴雨预警，活动改期",
    cancel_explain: |n| {
        if n > 0 {
            format!("已报名和候补的 {n} 位居民会在活动页和“我的任务”里看到“已取消”和原因，名额全部释放，不发积分。取消后不能恢复。")
        } else {
            "活动会显示“已取消”和原因，不能再报名，不发积分。取消后不能恢复。".to_owned()
        }
    },
    cancel_yes: "确认取消活动",
    cancelling: "正在取消…",
    keep_task: "不取消",
    cancelled_banner: "活动已取消",
    cancelled_by: |reason, who| format!("原因：{reason}（{who}）"),
    manage_cancelled: "活动已取消，报名名额已全部释放。",
    edit_before_start: "活动开始后不能再修改。",
    draft_restored: "已恢复上次未保存的修改",
};

static EN: AdminTexts = AdminTexts {
    edit_title: "Edit task",
    edit: "Edit task",
    save: "Save changes",
    saving: "Saving…",
    scope_fixed: "Who the task is for cannot change. To change it, cancel the task and post a new one.",
    time_moved: |before| format!("The time has changed (it was {before}). Please come at the new time."),
    cancel_task: "Cancel task",
    cancel_reason: "Reason (residents who signed up will see it)",
    cancel_reason_hint: "e.g. Rainstorm warning, moved to another day",
    cancel_explain: |n| match n {
        0 => "The task will show as cancelled with the reason; nobody can sign up and no points are paid. This cannot be undone.".to_owned(),
        1 => "The 1 resident signed up or waiting will see “Cancelled” and the reason on the task and in My tasks; the place is released and no points are paid. This cannot be undone.".to_owned(),
        n => format!("The {n} residents signed up or waiting will see “Cancelled” and the reason on the task and in My tasks; all places are released and no points are paid. This cannot be undone."),
    },
    cancel_yes: "Yes, cancel the task",
    cancelling: "Cancelling…",
    keep_task: "Keep the task",
    cancelled_banner: "This task has been cancelled",
    cancelled_by: |reason, who| format!("Reason: {reason} ({who})"),
    manage_cancelled: "The task is cancelled; every place has been released.",
    edit_before_start: "A task cannot be edited once it has started.",
    draft_restored: "Your unsaved changes were restored",
};

pub fn admin_texts() -> &'static AdminTexts {
    match use_i18n().locale() {
        Locale::Zh => &ZH,
        Locale::En => &EN,
    }
}
