//! What a password reset refuses, in its own words.

use crate::platform::error::{AppError, FieldIssue, Said};

/// A wrong, used, void or expired code, or a phone without one: all said alike.
pub fn wrong_code() -> AppError {
    AppError::Validation(vec![FieldIssue::own(
        "code",
        "wrong_code",
        Said::new(
            "重置码不正确或已失效，请向楼栋长或社区工作人员重新索取",
            "The reset code is wrong or no longer valid. Ask your building head or community staff for a new one",
        ),
    )])
}

pub fn code_required() -> FieldIssue {
    FieldIssue::own(
        "code",
        "required",
        Said::new("请填写重置码", "Enter the reset code"),
    )
}

pub fn code_format() -> FieldIssue {
    FieldIssue::own(
        "code",
        "bad_format",
        Said::new("重置码是8位数字", "The reset code is 8 digits"),
    )
}
