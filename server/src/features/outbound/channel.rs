//! The outbound interface: a [`Channel`] hands one message to something outside Linli (the
//! community's webhook today; an SMS provider's API would be another implementation) and says
//! whether it arrived. The worker owns retries, leases and records; a channel only sends.

use std::future::Future;

use linli_api_types::WebhookPayload;

use crate::platform::lang::Lang;

/// One delivery, ready to go.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub delivery_id: i64,
    pub url: String,
    pub secret: String,
    pub payload: WebhookPayload,
    /// When it is sent (epoch ms): the signature's time.
    pub now: i64,
}

/// The receiver took it (a 2xx answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delivered {
    pub status: u16,
}

/// It did not arrive; told to staff on the dead-letter list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryFailure {
    /// The receiver's answer, when it gave one.
    pub status: Option<u16>,
    pub reason: FailureReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureReason {
    /// It answered, but not with a 2xx (a redirect included: they are not followed).
    Status,
    Timeout,
    /// Nobody listening, the name unknown, the network down.
    Connect,
    /// The certificate or the encrypted connection failed.
    Tls,
    /// The address is inside a private network: not sent (see `address`).
    BlockedAddress,
    /// The stored URL no longer passes the rules (changed by hand in the database).
    BadUrl,
    /// The message it was about is gone or not of this community: never sendable.
    NoMessage,
    /// Anything else the HTTP client reported.
    Other,
}

impl FailureReason {
    /// As stored in `webhook_deliveries.last_error`: stable, so the words can change.
    pub fn code(self) -> &'static str {
        match self {
            FailureReason::Status => "status",
            FailureReason::Timeout => "timeout",
            FailureReason::Connect => "connect",
            FailureReason::Tls => "tls",
            FailureReason::BlockedAddress => "blocked_address",
            FailureReason::BadUrl => "bad_url",
            FailureReason::NoMessage => "no_message",
            FailureReason::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            FailureReason::Status,
            FailureReason::Timeout,
            FailureReason::Connect,
            FailureReason::Tls,
            FailureReason::BlockedAddress,
            FailureReason::BadUrl,
            FailureReason::NoMessage,
            FailureReason::Other,
        ]
        .into_iter()
        .find(|reason| reason.code() == code)
    }

    /// Whether retrying can help; a failure that cannot is dead at once.
    pub fn may_pass_later(self) -> bool {
        !matches!(self, FailureReason::NoMessage)
    }
}

/// The failure in words for staff: "HTTP 500", "超时", "连接失败".
pub fn describe(reason: FailureReason, status: Option<u16>, lang: Lang) -> String {
    match (reason, status) {
        (FailureReason::Status, Some(status)) => format!("HTTP {status}"),
        (FailureReason::Status, None) => lang.pick("对方应答异常", "Bad answer").into(),
        (FailureReason::Timeout, _) => lang.pick("超时", "Timed out").into(),
        (FailureReason::Connect, _) => lang.pick("连接失败", "Could not connect").into(),
        (FailureReason::Tls, _) => lang
            .pick("证书或加密连接失败", "Certificate or TLS failure")
            .into(),
        (FailureReason::BlockedAddress, _) => lang
            .pick(
                "地址指向内网，未发送",
                "Address is in a private network: not sent",
            )
            .into(),
        (FailureReason::BadUrl, _) => lang
            .pick(
                "推送地址不符合要求，未发送",
                "The webhook URL is not allowed: not sent",
            )
            .into(),
        (FailureReason::NoMessage, _) => lang
            .pick("消息已不存在", "The message no longer exists")
            .into(),
        (FailureReason::Other, _) => lang.pick("发送失败", "Sending failed").into(),
    }
}

/// Sends one delivery. The future is `Send` so the worker can run on any thread.
pub trait Channel: Send + Sync {
    fn deliver(
        &self,
        outgoing: &Outgoing,
    ) -> impl Future<Output = Result<Delivered, DeliveryFailure>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_told_in_both_languages_and_codes_round_trip() {
        assert_eq!(
            describe(FailureReason::Status, Some(500), Lang::Zh),
            "HTTP 500"
        );
        assert_eq!(describe(FailureReason::Timeout, None, Lang::Zh), "超时");
        assert_eq!(describe(FailureReason::Connect, None, Lang::Zh), "连接失败");
        assert_eq!(
            describe(FailureReason::Connect, None, Lang::En),
            "Could not connect"
        );
        for code in [
            "status",
            "timeout",
            "connect",
            "tls",
            "blocked_address",
            "bad_url",
            "no_message",
            "other",
        ] {
            assert_eq!(FailureReason::parse(code).unwrap().code(), code);
        }
    }
}
