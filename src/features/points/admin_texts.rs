//! 积分管理's words (approvals, policy, audit), zh-CN first and English. Apart from the 积分 tab's
//! `PointsTexts` because only staff ever see them.

use linli_api_types::{CorrectionStatus, PointsSource};

use crate::i18n::{use_i18n, I18n, Locale};

pub struct AdminTexts {
    pub needs_approval: fn(i64) -> String,
    pub sent_for_approval: fn(&str, i64) -> String,
    pub pending_title: &'static str,
    pub pending_empty: &'static str,
    pub requested_by: fn(&str, &str) -> String,
    pub approve: &'static str,
    pub approving: &'static str,
    pub reject: &'static str,
    pub reject_reason: &'static str,
    pub confirm_reject: &'static str,
    pub withdraw: &'static str,
    pub not_yours: &'static str,
    pub status: fn(CorrectionStatus) -> &'static str,

    pub policy_title: &'static str,
    pub policy_hint: &'static str,
    pub points_per_hour: &'static str,
    pub approval_threshold: &'static str,
    pub save_policy: &'static str,
    pub saving: &'static str,
    pub policy_saved: &'static str,
    pub policy_by: fn(&str, &str) -> String,
    pub policy_default: &'static str,
    pub whole_number: &'static str,

    pub audit_title: &'static str,
    pub audit_hint: fn(i64) -> String,
    pub audit_empty: &'static str,
    pub by: fn(&str) -> String,
    pub approved_by: fn(&str) -> String,
    pub credit_by: fn(&str) -> String,
    pub month_title: &'static str,
    pub month_total: fn(i64) -> String,
    pub corrected_down: fn(i64) -> String,
    pub source: fn(PointsSource) -> &'static str,
    pub policy_changes: &'static str,
    pub policy_change: fn(&str, i64, i64) -> String,
}

pub const ZH: AdminTexts = AdminTexts {
    needs_approval: |n| format!("超过 {n} 积分需要另一位工作人员审批"),
    sent_for_approval: |name, amount| format!("{name} {amount:+} 积分：待审批，另一位工作人员审批后入账"),
    pending_title: "待审批",
    pending_empty: "没有待审批的积分调整",
    requested_by: |name, at| format!("{name} 提出 · {at}"),
    approve: "审批通过",
    approving: "正在处理…",
    reject: "驳回",
    reject_reason: "驳回理由",
    confirm_reject: "确认驳回",
    withdraw: "撤回",
    not_yours: "须由另一位工作人员审批（不能审批自己提出的、给自己或家人的调整）",
    status: |s| match s {
        CorrectionStatus::Pending => "待审批",
        CorrectionStatus::Posted => "已入账",
        CorrectionStatus::Rejected => "已驳回",
        CorrectionStatus::Withdrawn => "已撤回",
    },

    policy_title: "积分规则",
    policy_hint: "每次修改都会记录修改人和时间，并显示在积分审计中",
    points_per_hour: "每小时最多积分",
    approval_threshold: "需要审批的调整额度",
    save_policy: "保存规则",
    saving: "正在保存…",
    policy_saved: "积分规则已保存",
    policy_by: |name, at| format!("{name} 于 {at} 修改"),
    policy_default: "使用默认规则",
    whole_number: "请填写整数",

    audit_title: "积分审计",
    audit_hint: |n| format!("所有积分调整，以及超过 {n} 积分的每一笔入账"),
    audit_empty: "暂无记录",
    by: |name| format!("经办：{name}"),
    approved_by: |name| format!("审批：{name}"),
    credit_by: |name| format!("确认：{name}"),
    month_title: "本月新增积分",
    month_total: |n| format!("合计 {n} 积分"),
    corrected_down: |n| format!("本月调减 {n} 积分"),
    source: |s| match s {
        PointsSource::Tasks => "志愿活动",
        PointsSource::Orders => "服务订单",
        PointsSource::Corrections => "积分调整",
        PointsSource::Opening => "基础积分",
        PointsSource::Other => "其他",
    },
    policy_changes: "规则修改记录",
    policy_change: |at, per_hour, threshold| format!("{at}：每小时最多 {per_hour} 积分，超过 {threshold} 积分需审批"),
};

pub const EN: AdminTexts = AdminTexts {
    needs_approval: |n| format!("Adjustments above {n} points need another staff member's approval"),
    sent_for_approval: |name, amount| format!("{name} {amount:+} points: awaiting approval by another staff member"),
    pending_title: "Awaiting approval",
    pending_empty: "No adjustments awaiting approval",
    requested_by: |name, at| format!("Asked by {name} · {at}"),
    approve: "Approve",
    approving: "Working…",
    reject: "Reject",
    reject_reason: "Reason for rejecting",
    confirm_reject: "Reject adjustment",
    withdraw: "Withdraw",
    not_yours: "Another staff member must decide (not your own request, nor your or your household's points)",
    status: |s| match s {
        CorrectionStatus::Pending => "Awaiting approval",
        CorrectionStatus::Posted => "Posted",
        CorrectionStatus::Rejected => "Rejected",
        CorrectionStatus::Withdrawn => "Withdrawn",
    },

    policy_title: "Points rules",
    policy_hint: "Every change records who made it and when, and shows in the audit",
    points_per_hour: "Most points per hour",
    approval_threshold: "Adjustments above this need approval",
    save_policy: "Save rules",
    saving: "Saving…",
    policy_saved: "Points rules saved",
    policy_by: |name, at| format!("Changed by {name} {at}"),
    policy_default: "Using the default rules",
    whole_number: "Enter a whole number",

    audit_title: "Points audit",
    audit_hint: |n| format!("Every adjustment, and every credit above {n} points"),
    audit_empty: "Nothing yet",
    by: |name| format!("By {name}"),
    approved_by: |name| format!("Approved by {name}"),
    credit_by: |name| format!("Confirmed by {name}"),
    month_title: "Points created this month",
    month_total: |n| format!("{n} points in all"),
    corrected_down: |n| format!("{n} points deducted by adjustments this month"),
    source: |s| match s {
        PointsSource::Tasks => "Volunteer tasks",
        PointsSource::Orders => "Service orders",
        PointsSource::Corrections => "Adjustments",
        PointsSource::Opening => "Opening points",
        PointsSource::Other => "Other",
    },
    policy_changes: "Rule changes",
    policy_change: |at, per_hour, threshold| format!("{at}: at most {per_hour} points an hour, approval above {threshold}"),
};

impl Locale {
    fn admin_texts(self) -> &'static AdminTexts {
        match self {
            Locale::Zh => &ZH,
            Locale::En => &EN,
        }
    }
}

/// 积分管理's texts in the current language; reading it in a view follows language changes.
pub fn admin_texts() -> &'static AdminTexts {
    use_i18n().locale().admin_texts()
}

/// The same, read once without subscribing (event handlers, effects).
pub fn admin_texts_in(i18n: I18n) -> &'static AdminTexts {
    i18n.locale_untracked().admin_texts()
}
