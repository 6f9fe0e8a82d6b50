//! The webhook channel: `POST` the payload as JSON to the community's URL, signed (see
//! `signature`), within 10 seconds, redirects not followed, host names resolved through the
//! private-address guard. A 2xx answer is delivered; anything else is a failure in words.

use std::error::Error as _;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE, USER_AGENT};

use super::address::{self, BlockedAddress, PublicOnly};
use super::channel::{Channel, Delivered, DeliveryFailure, FailureReason, Outgoing};
use super::signature;

pub const TIMEOUT: Duration = Duration::from_secs(10);
pub const DELIVERY_HEADER: &str = "X-Linli-Delivery";
pub const AGENT: &str = "Linli-Webhook/1";

#[derive(Debug, Clone)]
pub struct WebhookChannel {
    client: reqwest::Client,
}

impl WebhookChannel {
    pub fn new() -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .connect_timeout(TIMEOUT)
            // A redirect could lead past the address rules; the receiver must answer itself.
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(Arc::new(PublicOnly))
            .build()?;
        Ok(Self { client })
    }
}

impl Channel for WebhookChannel {
    async fn deliver(&self, outgoing: &Outgoing) -> Result<Delivered, DeliveryFailure> {
        let fail = |reason| DeliveryFailure {
            status: None,
            reason,
        };
        // Checked again here: the row may have been written by hand, or the rules tightened.
        let url = address::check(&outgoing.url).map_err(|_| fail(FailureReason::BadUrl))?;
        let body = serde_json::to_vec(&outgoing.payload).map_err(|_| fail(FailureReason::Other))?;
        let signed = signature::sign(&outgoing.secret, outgoing.now.div_euclid(1000), &body);
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(USER_AGENT, HeaderValue::from_static(AGENT));
        headers.insert(DELIVERY_HEADER, HeaderValue::from(outgoing.delivery_id));
        headers.insert(
            signature::HEADER,
            HeaderValue::from_str(&signed).map_err(|_| fail(FailureReason::Other))?,
        );
        let response = self
            .client
            .post(url)
            .headers(headers)
            .body(body)
            .send()
            .await
            .map_err(|error| fail(reason_of(&error)))?;
        let status = response.status().as_u16();
        if response.status().is_success() {
            Ok(Delivered { status })
        } else {
            Err(DeliveryFailure {
                status: Some(status),
                reason: FailureReason::Status,
            })
        }
    }
}

/// What went wrong, from reqwest's error and the chain of causes under it.
fn reason_of(error: &reqwest::Error) -> FailureReason {
    if error.is_timeout() {
        return FailureReason::Timeout;
    }
    let mut source = error.source();
    while let Some(cause) = source {
        if cause.is::<BlockedAddress>() {
            return FailureReason::BlockedAddress;
        }
        source = cause.source();
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::TimedOut => return FailureReason::Timeout,
                // rustls reports every failed handshake (a bad certificate, a peer not
                // speaking TLS) as invalid data on the connection.
                std::io::ErrorKind::InvalidData => return FailureReason::Tls,
                // An I/O error's own `source` skips the error it wraps: look inside it.
                _ => {
                    source = io
                        .get_ref()
                        .map(|inner| inner as &(dyn std::error::Error + 'static))
                        .or(source)
                }
            }
        }
    }
    if error.is_connect() {
        FailureReason::Connect
    } else {
        FailureReason::Other
    }
}
