//! What changing roles refuses, in its own words.

use crate::platform::error::{AppError, FieldIssue, Said};

/// Staff are appointed and removed through `/staff-changes`, with a second staff member.
pub fn needs_second_staff() -> AppError {
    AppError::Validation(vec![FieldIssue::own(
        "role",
        "needs_second_staff",
        Said::new(
            "任免社区工作人员需另一位工作人员批准，请在“工作人员任免”中提出",
            "Appointing or removing staff needs a second staff member's approval: ask through staff changes",
        ),
    )])
}

/// Roles go to members who have joined (not waiting, declined or acted for without a login).
pub fn not_joined(field: &str) -> AppError {
    AppError::Validation(vec![FieldIssue::own(
        field.to_owned(),
        "not_joined",
        Said::new(
            "该居民尚未加入邻里，不能任命",
            "This resident has not joined Linli yet and cannot be appointed",
        ),
    )])
}

/// Services are set for volunteers only.
pub fn not_volunteer() -> AppError {
    AppError::Validation(vec![FieldIssue::own(
        "service_ids",
        "not_volunteer",
        Said::new("请先登记为志愿者", "Register them as a volunteer first"),
    )])
}

pub fn already_staff() -> AppError {
    AppError::Validation(vec![FieldIssue::own(
        "member_id",
        "already_staff",
        Said::new("此人已是社区工作人员", "They are staff already"),
    )])
}

pub fn not_staff() -> AppError {
    AppError::Validation(vec![FieldIssue::own(
        "member_id",
        "not_staff",
        Said::new("此人不是社区工作人员", "They are not staff"),
    )])
}
