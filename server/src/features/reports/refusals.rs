//! What reports refuse, in their own words.

use axum::http::StatusCode;

use crate::platform::error::{FieldIssue, Refusal, Said};
use crate::platform::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportRefusal {
    /// A handler's step on a report that is no longer waiting for one (resolved, closed …).
    NotPending,
    /// 已解决 / 没解决 on a report that is not resolved.
    NotResolved,
    /// A rating before the report was resolved, or a second one.
    NotRateable,
    /// 我也遇到了 from the reporter's own household.
    OwnReport,
    /// 我也遇到了 on a report that is finished.
    SupportClosed,
    /// Two steps raced; the other won (the version moved).
    Changed,
}

impl Refusal for ReportRefusal {
    fn status(&self) -> StatusCode {
        StatusCode::CONFLICT
    }

    fn code(&self) -> &'static str {
        match self {
            ReportRefusal::NotPending => "report_not_pending",
            ReportRefusal::NotResolved => "report_not_resolved",
            ReportRefusal::NotRateable => "report_not_rateable",
            ReportRefusal::OwnReport => "report_own",
            ReportRefusal::SupportClosed => "report_finished",
            ReportRefusal::Changed => "report_changed",
        }
    }

    fn title(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            ReportRefusal::NotPending => (
                "该问题已办结，不能再处理",
                "This report is already resolved or closed",
            ),
            ReportRefusal::NotResolved => (
                "该问题尚未办结，暂不能确认",
                "This report has not been resolved yet",
            ),
            ReportRefusal::NotRateable => (
                "办结后才能评价，且只能评价一次",
                "You can rate once, after the report is resolved",
            ),
            ReportRefusal::OwnReport => ("这是您家反映的问题", "Your household made this report"),
            ReportRefusal::SupportClosed => ("该问题已办结", "This report is already finished"),
            ReportRefusal::Changed => (
                "该问题刚刚有了变化，请刷新后重试",
                "This report just changed. Refresh and try again",
            ),
        };
        lang.pick(zh, en).into()
    }
}

/// `location`: a home report from an account without a household.
pub fn no_home() -> FieldIssue {
    FieldIssue::own(
        "location",
        "no_home",
        Said::new(
            "您的账号没有登记住址，请选择楼栋或社区",
            "Your account has no home address: choose a building or the community",
        ),
    )
}

/// `note`: 没解决 needs to say what is still wrong.
pub fn note_required_to_reopen() -> FieldIssue {
    FieldIssue::own(
        "note",
        "required",
        Said::new("请说明还有什么问题", "Say what is still wrong"),
    )
}

/// `target`: handing a report to whoever holds it already, or to someone who cannot take it.
pub fn bad_target() -> FieldIssue {
    FieldIssue::own(
        "target",
        "unknown",
        Said::new(
            "请选择可以转交的对象",
            "Choose someone the report can go to",
        ),
    )
}
