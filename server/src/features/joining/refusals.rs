//! What joining refuses, in its own words.

use axum::http::StatusCode;

use crate::platform::error::{FieldIssue, Refusal, Rule, Said};
use crate::platform::lang::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinRefusal {
    /// The account is a member of its household already: nothing to ask for.
    AlreadyMember,
    /// The request was decided (or replaced) before this decision arrived.
    AlreadyDecided,
}

impl Refusal for JoinRefusal {
    fn status(&self) -> StatusCode {
        StatusCode::CONFLICT
    }

    fn code(&self) -> &'static str {
        match self {
            JoinRefusal::AlreadyMember => "already_member",
            JoinRefusal::AlreadyDecided => "already_decided",
        }
    }

    fn title(&self, lang: Lang) -> String {
        match self {
            JoinRefusal::AlreadyMember => lang.pick(
                "您已加入本户，无需再申请",
                "You have joined your household already",
            ),
            JoinRefusal::AlreadyDecided => lang.pick(
                "这条申请已经处理过了，请刷新",
                "This request was decided already. Refresh the list",
            ),
        }
        .into()
    }
}

/// The phone has an account: the one thing sign-up must say, as any sign-up does.
pub fn phone_taken() -> FieldIssue {
    FieldIssue::own(
        "phone",
        "phone_taken",
        Said::new(
            "这个手机号已经注册过了，请直接登录",
            "This phone number is registered already. Sign in instead",
        ),
    )
}

/// No household of that unit has this door number.
pub fn unknown_door() -> FieldIssue {
    FieldIssue::own(
        "door",
        "unknown_door",
        Said::new(
            "这个单元没有这个门牌号，请核对",
            "This unit has no such door number. Please check it",
        ),
    )
}

/// A unit id that names no unit (of the resident's community, when they ask again).
pub fn unknown_unit() -> FieldIssue {
    FieldIssue::new("unit_id", Rule::Unknown)
}

/// A sign-up password on the common list.
pub fn too_common() -> FieldIssue {
    FieldIssue::own(
        "password",
        "too_common",
        Said::new(
            "这个密码太常见，容易被猜到，请换一个",
            "This password is too common and easy to guess. Choose another",
        ),
    )
}

/// The register entry an approval names is not of that room, or vouches for someone already.
pub fn register_entry_unavailable() -> FieldIssue {
    FieldIssue::own(
        "register_member_id",
        "unavailable",
        Said::new(
            "花名册中这一户没有这个人，或已有人关联",
            "This register entry is not of that room, or is linked to someone already",
        ),
    )
}
