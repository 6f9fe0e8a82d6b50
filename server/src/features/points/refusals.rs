//! What the love bank refuses, in its own words: an overdraft, an empty 爱心超市 shelf, a staff
//! member deciding on a correction that is theirs to keep apart from, and the field messages of
//! a correction request. The framework (`platform::error`) turns them into problem+json.

use axum::http::StatusCode;

use crate::features::points::corrections::Duty;
use crate::platform::error::{FieldIssue, Refusal, Said};
use crate::platform::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointsRefusal {
    /// A member (or the points held for orders) would go below zero.
    InsufficientPoints,
    /// The reward's stock is gone.
    OutOfStock,
    /// A staff member may not decide on this correction: they asked for it, it is theirs, or
    /// their household's.
    NotYourDecision(Duty),
    /// Staff took the reward off the shelf (礼品管理): vouchers issued before stay valid.
    Retired,
}

impl Refusal for PointsRefusal {
    fn status(&self) -> StatusCode {
        match self {
            PointsRefusal::InsufficientPoints
            | PointsRefusal::OutOfStock
            | PointsRefusal::Retired => StatusCode::CONFLICT,
            PointsRefusal::NotYourDecision(_) => StatusCode::FORBIDDEN,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            PointsRefusal::InsufficientPoints => "insufficient_points",
            PointsRefusal::OutOfStock => "out_of_stock",
            PointsRefusal::NotYourDecision(Duty::OwnRequest) => "own_request",
            PointsRefusal::NotYourDecision(Duty::OwnAccount) => "own_account",
            PointsRefusal::NotYourDecision(Duty::OwnHousehold) => "own_household",
            PointsRefusal::Retired => "reward_retired",
        }
    }

    fn title(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            PointsRefusal::InsufficientPoints => ("积分不足", "Not enough points"),
            PointsRefusal::OutOfStock => ("该礼品已兑完", "This reward is out of stock"),
            PointsRefusal::NotYourDecision(Duty::OwnRequest) => (
                "不能审批自己提出的调整，请由另一位工作人员审批",
                "You cannot decide on your own request: another staff member must",
            ),
            PointsRefusal::NotYourDecision(Duty::OwnAccount) => (
                "不能审批给自己的积分调整",
                "You cannot decide on a correction of your own points",
            ),
            PointsRefusal::NotYourDecision(Duty::OwnHousehold) => (
                "不能审批给自己家庭成员的积分调整",
                "You cannot decide on a correction for your own household",
            ),
            PointsRefusal::Retired => ("该礼品已下架", "This reward is no longer offered"),
        };
        lang.pick(zh, en).into()
    }
}

/// A correction of zero points.
pub fn zero_amount(field: &str) -> FieldIssue {
    FieldIssue::own(
        field,
        "not_zero",
        Said::new("数量不能为0", "The amount cannot be zero"),
    )
}

/// A staff member correcting their own points.
pub fn own_account(field: &str) -> FieldIssue {
    FieldIssue::own(
        field,
        "own_account",
        Said::new("不能给自己调整积分", "You cannot adjust your own points"),
    )
}

/// A staff member correcting the points of someone of their household.
pub fn own_household(field: &str) -> FieldIssue {
    FieldIssue::own(
        field,
        "own_household",
        Said::new(
            "不能给自己家庭的成员调整积分",
            "You cannot adjust the points of your own household",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::error::AppError;

    #[test]
    fn refusals_keep_their_status_code_and_words() {
        let problem = AppError::from(PointsRefusal::InsufficientPoints).to_problem(Lang::Zh);
        assert_eq!(
            (
                problem.status,
                problem.code.as_str(),
                problem.title.as_str()
            ),
            (409, "insufficient_points", "积分不足")
        );
        let problem =
            AppError::from(PointsRefusal::NotYourDecision(Duty::OwnRequest)).to_problem(Lang::En);
        assert_eq!(
            (problem.status, problem.code.as_str()),
            (403, "own_request")
        );
        assert!(problem.errors.is_empty());
    }

    #[test]
    fn correction_fields_say_why_in_both_languages() {
        let problem = AppError::Validation(vec![zero_amount("amount"), own_household("user_id")])
            .to_problem(Lang::Zh);
        let amount = problem.field("amount").unwrap();
        assert_eq!(
            (amount.code.as_str(), amount.message.as_str()),
            ("not_zero", "数量不能为0")
        );
        assert_eq!(problem.field("user_id").unwrap().code, "own_household");
    }
}
