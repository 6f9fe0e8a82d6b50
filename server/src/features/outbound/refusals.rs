//! What the webhook's staff routes refuse, in their own words: a step the webhook's state does
//! not allow ([`OutboundRefusal`]) and the URL's field rules.

use axum::http::StatusCode;

use super::address::UrlProblem;
use crate::platform::error::{FieldIssue, Refusal, Rule, Said};
use crate::platform::lang::Lang;

/// Test deliveries a community may have waiting at once: pressing 发送测试 again and again
/// must not fill the outbox while the receiver is down.
pub const TESTS_WAITING_MAX: i64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboundRefusal {
    /// No webhook set yet: nothing to rotate or test.
    NotSet,
    /// The webhook is off: a test would wait until it is on.
    Off,
    /// [`TESTS_WAITING_MAX`] test deliveries are waiting already.
    TestsWaiting,
    /// Retrying a delivery that arrived.
    AlreadyDelivered,
}

impl Refusal for OutboundRefusal {
    fn status(&self) -> StatusCode {
        match self {
            OutboundRefusal::TestsWaiting => StatusCode::TOO_MANY_REQUESTS,
            _ => StatusCode::CONFLICT,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            OutboundRefusal::NotSet => "webhook_not_set",
            OutboundRefusal::Off => "webhook_off",
            OutboundRefusal::TestsWaiting => "webhook_tests_waiting",
            OutboundRefusal::AlreadyDelivered => "webhook_delivery_delivered",
        }
    }

    fn title(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            OutboundRefusal::NotSet => ("还没有设置推送地址", "No webhook is set yet"),
            OutboundRefusal::Off => (
                "推送已关闭，请先开启再发送测试",
                "The webhook is off: turn it on before sending a test",
            ),
            OutboundRefusal::TestsWaiting => (
                "已有测试消息在等待发送，请稍后再试",
                "Test messages are already waiting to be sent. Try again later",
            ),
            OutboundRefusal::AlreadyDelivered => (
                "这条消息已送达，无需重试",
                "This delivery arrived: there is nothing to retry",
            ),
        };
        lang.pick(zh, en).into()
    }
}

/// The `url` field's refusal.
pub fn url_issue(problem: UrlProblem) -> FieldIssue {
    let own = |code, zh, en| FieldIssue::own("url", code, Said::new(zh, en));
    match problem {
        UrlProblem::Required => FieldIssue::new("url", Rule::Required),
        UrlProblem::TooLong => FieldIssue::new(
            "url",
            Rule::TooLong {
                max: linli_api_types::WEBHOOK_URL_MAX_CHARS,
            },
        ),
        UrlProblem::BadFormat => own(
            "bad_format",
            "请填写完整的网址，如 https://example.com/linli",
            "Enter a full URL, such as https://example.com/linli",
        ),
        UrlProblem::Scheme => own(
            "bad_scheme",
            "只能使用 https:// 开头的网址",
            "Only https:// URLs can be used",
        ),
        UrlProblem::HttpsRequired => own(
            "https_required",
            "请使用 https://（http:// 仅限本机地址）",
            "Use https:// (http:// only for this machine)",
        ),
        UrlProblem::PrivateAddress => own(
            "private_address",
            "不能推送到内网或保留地址",
            "Private and reserved network addresses cannot be used",
        ),
    }
}
