//! What 代办 refuses, in its own words: acting for oneself, for a head or staff member (who has
//! a phone and powers of their own), or for an account that is not a member yet.

use axum::http::StatusCode;

use crate::platform::error::Refusal;
use crate::platform::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyRefusal {
    Yourself,
    RoleHolder,
    /// Waiting for a head's approval, or declined.
    NotMember,
}

impl Refusal for ProxyRefusal {
    fn status(&self) -> StatusCode {
        match self {
            ProxyRefusal::Yourself | ProxyRefusal::RoleHolder => StatusCode::FORBIDDEN,
            ProxyRefusal::NotMember => StatusCode::CONFLICT,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ProxyRefusal::Yourself => "proxy_self",
            ProxyRefusal::RoleHolder => "proxy_role_holder",
            ProxyRefusal::NotMember => "proxy_not_member",
        }
    }

    fn title(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            ProxyRefusal::Yourself => ("不能为自己代办", "You cannot act for yourself"),
            ProxyRefusal::RoleHolder => (
                "不能为楼栋长、单元长、网格长或社区工作人员代办",
                "You cannot act for a building, unit or grid head or a staff member",
            ),
            ProxyRefusal::NotMember => (
                "这位居民还没有通过审核，不能代办",
                "This resident has not been approved yet, so you cannot act for them",
            ),
        };
        lang.pick(zh, en).into()
    }
}
