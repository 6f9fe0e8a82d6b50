//! What 微心愿 refuses, in its own words: a step the wish's status or the facts beside it do
//! not allow ([`WishRefusal`]), and its own field rules (the functions below). The framework
//! (`platform::error`) writes them as problem+json in the request's language.

use axum::http::StatusCode;
use linli_api_types::WishStatus;

use crate::platform::error::{FieldIssue, Refusal, Said};
use crate::platform::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WishRefusal {
    /// This member may never take this step on this wish (a resident reviewing, a neighbour
    /// fulfilling someone else's claim).
    NotAllowed,
    /// Posting without a home: a wish belongs to a household, whose heads review it.
    NoHome,
    /// Claiming without being a registered volunteer.
    NotVolunteer,
    /// The member's own household wished it: nobody reviews, claims or is paid for their own
    /// household's wish.
    OwnHousehold,
    /// The member posted or thanked it by 代办: they count as the resident.
    ByProxy,
    /// Another volunteer claimed it first.
    Taken,
    /// The step does not follow from the wish's status.
    WrongStatus(WishStatus),
    /// Someone changed the wish between reading and writing it: reload and decide again.
    Changed,
    /// The household already has the most wishes pending, open or claimed.
    OpenCap,
}

impl Refusal for WishRefusal {
    fn status(&self) -> StatusCode {
        match self {
            WishRefusal::NotAllowed
            | WishRefusal::NoHome
            | WishRefusal::NotVolunteer
            | WishRefusal::OwnHousehold
            | WishRefusal::ByProxy => StatusCode::FORBIDDEN,
            WishRefusal::OpenCap => StatusCode::UNPROCESSABLE_ENTITY,
            WishRefusal::Taken | WishRefusal::WrongStatus(_) | WishRefusal::Changed => {
                StatusCode::CONFLICT
            }
        }
    }

    fn code(&self) -> &'static str {
        match self {
            WishRefusal::NotAllowed => "wish_not_allowed",
            WishRefusal::NoHome => "wish_no_home",
            WishRefusal::NotVolunteer => "wish_not_volunteer",
            WishRefusal::OwnHousehold => "wish_own_household",
            WishRefusal::ByProxy => "wish_by_proxy",
            WishRefusal::Taken => "wish_taken",
            WishRefusal::WrongStatus(_) => "wish_wrong_status",
            WishRefusal::Changed => "wish_changed",
            WishRefusal::OpenCap => "wishes_open_cap",
        }
    }

    fn title(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            WishRefusal::NotAllowed => (
                "您不能对这个心愿进行此操作",
                "You cannot take this step on this wish",
            ),
            WishRefusal::NoHome => (
                "登记住址后才能许心愿",
                "A wish belongs to a household: you have no home registered",
            ),
            WishRefusal::NotVolunteer => (
                "只有注册志愿者才能认领心愿",
                "Only registered volunteers can claim wishes",
            ),
            WishRefusal::OwnHousehold => (
                "这是您家的心愿，您不能审核、认领或为它领取积分",
                "This is your household's wish: you cannot review it, claim it or be paid for it",
            ),
            WishRefusal::ByProxy => (
                "您代居民办理过这个心愿，不能认领它或为自己的帮助致谢",
                "You acted for the resident on this wish, so you cannot claim it or thank yourself",
            ),
            WishRefusal::Taken => (
                "这个心愿已被其他志愿者认领",
                "Another volunteer has already claimed this wish",
            ),
            WishRefusal::WrongStatus(_) => (
                "心愿当前状态不能进行此操作",
                "This step is not possible in the wish's current status",
            ),
            WishRefusal::Changed => (
                "心愿刚刚有了变化，请刷新后再操作",
                "The wish changed in the meantime. Reload it and try again",
            ),
            // The number is WISHES_OPEN_MAX (a test holds them together).
            WishRefusal::OpenCap => (
                "你家已有 3 个进行中的心愿，请等实现或撤回后再许",
                "Your household already has 3 wishes in progress. Please wait until one is fulfilled or withdrawn",
            ),
        };
        lang.pick(zh, en).into()
    }

    fn detail(&self, lang: Lang) -> Option<String> {
        let WishRefusal::WrongStatus(status) = self else {
            return None;
        };
        let (zh, en) = status_names(*status);
        Some(match lang {
            Lang::Zh => format!("心愿当前状态：{zh}"),
            Lang::En => format!("The wish is {en}"),
        })
    }
}

/// (zh, en) names of a status.
pub fn status_names(status: WishStatus) -> (&'static str, &'static str) {
    match status {
        WishStatus::Pending => ("待审核", "waiting for review"),
        WishStatus::Declined => ("未通过", "declined"),
        WishStatus::Open => ("待认领", "open"),
        WishStatus::Claimed => ("已认领", "claimed"),
        WishStatus::Fulfilled => ("已完成，待感谢", "fulfilled, waiting for thanks"),
        WishStatus::Thanked => ("已感谢", "thanked"),
        WishStatus::Withdrawn => ("已撤回", "withdrawn"),
    }
}

/// Declining needs a reason the resident will read.
pub fn decline_reason_required() -> FieldIssue {
    FieldIssue::own(
        "reason",
        "required",
        Said::new("请写明未通过的原因", "Say why the wish is declined"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_api_types::WISHES_OPEN_MAX;

    #[test]
    fn the_cap_message_says_the_cap() {
        let said = WishRefusal::OpenCap.title(Lang::Zh);
        assert!(said.contains(&WISHES_OPEN_MAX.to_string()));
        let said = WishRefusal::OpenCap.title(Lang::En);
        assert!(said.contains(&WISHES_OPEN_MAX.to_string()));
    }
}
