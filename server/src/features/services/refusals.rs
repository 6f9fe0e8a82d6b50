//! What the services feature refuses, in its own words: a step on an order that the state
//! machine or the facts beside it refuse ([`OrderRefusal`]), and the fields of an order, a step
//! or an assignment that break the feature's own rules (the functions below). The framework
//! (`platform::error`) writes them as problem+json in the request's language.

use axum::http::StatusCode;
use linli_api_types::{OrderStatus, BOOKING_HORIZON_DAYS};

use crate::platform::error::{FieldIssue, Refusal, Said};
use crate::platform::lang::Lang;

/// Why a step on an order is refused. Each has its own problem code and message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderRefusal {
    /// This actor may never take this step (a resident dispatching, say).
    NotAllowed,
    /// The order is assigned to another volunteer.
    AssignedToOther,
    /// Rated already: a rating is given once.
    AlreadyRated,
    /// Not completed yet, so it cannot be rated.
    NotCompleted,
    /// A volunteer has accepted it: too late to cancel.
    AlreadyAccepted,
    /// Cancelled, rated or closed: nothing more happens.
    Finished,
    /// The step does not follow from the current status (start before accept, complete before
    /// start, accept what nobody assigned …).
    WrongStatus(OrderStatus),
    /// The volunteer (or a member of their household) placed the order: nobody earns from
    /// their own request. Decided by `OrderViewer`, not by the state machine.
    OwnOrder,
    /// Someone else changed the order between reading and writing it (a reassignment while
    /// accepting, two claims at once): reload and decide again. Decided by the guarded write.
    Changed,
    /// The household already has the maximum of open free orders. Decided when ordering.
    FreeOrdersCap,
    /// 代办 and the order's volunteer are the same person: one who placed an order by 代办
    /// may not take it, and one acting for the resident may not rate their own service.
    /// Decided by `OrderViewer`.
    ByProxy,
}

impl Refusal for OrderRefusal {
    fn status(&self) -> StatusCode {
        match self {
            OrderRefusal::NotAllowed | OrderRefusal::AssignedToOther => StatusCode::FORBIDDEN,
            OrderRefusal::FreeOrdersCap => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::CONFLICT,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            OrderRefusal::NotAllowed => "order_not_allowed",
            OrderRefusal::AssignedToOther => "order_assigned_to_other",
            OrderRefusal::AlreadyRated => "order_already_rated",
            OrderRefusal::NotCompleted => "order_not_completed",
            OrderRefusal::AlreadyAccepted => "order_already_accepted",
            OrderRefusal::Finished => "order_finished",
            OrderRefusal::WrongStatus(_) => "order_wrong_status",
            OrderRefusal::OwnOrder => "own_order",
            OrderRefusal::Changed => "order_changed",
            OrderRefusal::FreeOrdersCap => "free_orders_cap",
            OrderRefusal::ByProxy => "proxy_own_order",
        }
    }

    fn title(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            OrderRefusal::NotAllowed => (
                "您不能对该订单进行此操作",
                "You cannot take this step on this order",
            ),
            OrderRefusal::AssignedToOther => (
                "该订单已派给其他志愿者",
                "This order is assigned to another volunteer",
            ),
            OrderRefusal::AlreadyRated => (
                "该订单已评价，每单只能评价一次",
                "This order has already been rated; an order is rated once",
            ),
            OrderRefusal::NotCompleted => (
                "服务完成后才能评价",
                "You can rate an order only after the service is completed",
            ),
            OrderRefusal::AlreadyAccepted => (
                "志愿者已接单，不能取消",
                "A volunteer has accepted this order; it can no longer be cancelled",
            ),
            OrderRefusal::Finished => ("该订单已结束", "This order is finished"),
            OrderRefusal::WrongStatus(_) => (
                "订单当前状态不能进行此操作",
                "This step is not possible in the order's current status",
            ),
            OrderRefusal::OwnOrder => (
                "不能接自己家的订单",
                "You cannot take an order placed by yourself or your household",
            ),
            OrderRefusal::Changed => (
                "订单刚刚有了变化，请刷新后再操作",
                "The order changed in the meantime. Reload it and try again",
            ),
            // The number is FREE_ORDERS_OPEN_MAX (a test holds them together).
            OrderRefusal::FreeOrdersCap => (
                "你家已有 5 个进行中的免费服务订单，请等完成后再下单",
                "Your household already has 5 open free service orders. Please wait until one is finished",
            ),
            OrderRefusal::ByProxy => (
                "这是您代办的订单，您不能接单或为自己的服务评价",
                "You acted for the resident on this order, so you cannot take it or rate your own service",
            ),
        };
        lang.pick(zh, en).into()
    }

    /// For a step out of order, the status the order is in.
    fn detail(&self, lang: Lang) -> Option<String> {
        let OrderRefusal::WrongStatus(status) = self else {
            return None;
        };
        let (zh, en) = status_names(*status);
        Some(match lang {
            Lang::Zh => format!("订单当前状态：{zh}"),
            Lang::En => format!("The order is {en}"),
        })
    }
}

/// (zh, en) names of a status, as the timeline shows them.
fn status_names(status: OrderStatus) -> (&'static str, &'static str) {
    match status {
        OrderStatus::Submitted => ("待派单", "waiting for dispatch"),
        OrderStatus::Dispatched => (
            "已派单，待志愿者接单",
            "dispatched, waiting for the volunteer",
        ),
        OrderStatus::Accepted => ("已接单", "accepted"),
        OrderStatus::InProgress => ("服务中", "in progress"),
        OrderStatus::Completed => ("待评价", "completed, waiting for the rating"),
        OrderStatus::Rated => ("已评价", "rated"),
        OrderStatus::Closed => ("已关闭", "closed"),
        OrderStatus::Cancelled => ("已取消", "cancelled"),
    }
}

/// Why a preferred start cannot be booked (`menu::slots::check_preferred_start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartRefused {
    InPast,
    /// Further ahead than bookings go (`BOOKING_HORIZON_DAYS`).
    TooFarAhead,
    /// Outside the service's opening times.
    OutsideOpening,
}

/// `preferred_start` of an order draft.
pub fn preferred_start(refused: StartRefused) -> FieldIssue {
    let (code, said) = match refused {
        StartRefused::InPast => (
            "in_past",
            Said::new("预约时间必须晚于现在", "The time must be in the future"),
        ),
        StartRefused::TooFarAhead => (
            "too_far_ahead",
            Said::new(
                format!("最多可预约{BOOKING_HORIZON_DAYS}天内的时间"),
                format!("You can book at most {BOOKING_HORIZON_DAYS} days ahead"),
            ),
        ),
        StartRefused::OutsideOpening => (
            "outside_opening",
            Said::new(
                "该时间不在服务时间内，请选择服务时间内的时段",
                "This time is outside the service's opening times",
            ),
        ),
    };
    FieldIssue::own("preferred_start", code, said)
}

/// `service_id` of an order draft: not on the menu of the user's community.
pub fn unknown_service() -> FieldIssue {
    FieldIssue::own(
        "service_id",
        "unknown",
        Said::new("找不到该服务", "This service does not exist"),
    )
}

/// `stars` of a rating: 1 to 5.
pub fn stars_out_of_range() -> FieldIssue {
    FieldIssue::own(
        "stars",
        "out_of_range",
        Said::new("请选择1到5颗星", "Choose 1 to 5 stars"),
    )
}

/// `tags` of a rating: more than `RATING_TAGS_MAX`.
pub fn too_many_tags() -> FieldIssue {
    FieldIssue::own(
        "tags",
        "too_many",
        Said::new("选择的项目太多", "Too many chosen"),
    )
}

/// `volunteer_id` of an assignment: not a volunteer offering the order's service.
pub fn volunteer_not_offering() -> FieldIssue {
    FieldIssue::own(
        "volunteer_id",
        "not_offered",
        Said::new(
            "该志愿者不提供此项服务",
            "This volunteer does not offer this service",
        ),
    )
}

/// `volunteer_id` of an assignment: of the household that placed the order, which nobody
/// earns from.
pub fn volunteer_of_own_household() -> FieldIssue {
    FieldIssue::own(
        "volunteer_id",
        "own_order",
        Said::new(
            "该志愿者是下单人自己家的，不能派给他，请选择其他志愿者",
            "This volunteer belongs to the household that placed the order. Choose another volunteer",
        ),
    )
}

/// The volunteer placed the order by 代办 for the resident.
pub fn volunteer_placed_by_proxy() -> FieldIssue {
    FieldIssue::own(
        "volunteer_id",
        "proxy_own_order",
        Said::new(
            "该志愿者为下单人代办了这个订单，不能派给他，请选择其他志愿者",
            "This volunteer placed the order by 代办 for the resident. Choose another volunteer",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::error::AppError;

    #[test]
    fn a_step_out_of_order_names_the_status_in_both_languages() {
        let error = AppError::from(OrderRefusal::WrongStatus(OrderStatus::Dispatched));
        let zh = error.to_problem(Lang::Zh);
        assert_eq!((zh.status, zh.code.as_str()), (409, "order_wrong_status"));
        assert_eq!(
            zh.detail.as_deref(),
            Some("订单当前状态：已派单，待志愿者接单")
        );
        let en = error.to_problem(Lang::En);
        assert_eq!(
            en.detail.as_deref(),
            Some("The order is dispatched, waiting for the volunteer")
        );
    }

    #[test]
    fn field_refusals_keep_their_codes_and_words() {
        let error = AppError::Validation(vec![
            preferred_start(StartRefused::TooFarAhead),
            stars_out_of_range(),
        ]);
        let zh = error.to_problem(Lang::Zh);
        let start = zh.field("preferred_start").unwrap();
        assert_eq!(start.code, "too_far_ahead");
        assert_eq!(
            start.message,
            format!("最多可预约{BOOKING_HORIZON_DAYS}天内的时间")
        );
        assert_eq!(zh.field("stars").unwrap().code, "out_of_range");
        assert_eq!(
            error.to_problem(Lang::En).field("stars").unwrap().message,
            "Choose 1 to 5 stars"
        );
    }
}
