//! The one client for `/api/v1`. It adds the bearer token and the user's language, turns every
//! failure into one [`ApiError`], and ends the session when the server says the token is dead.
//!
//! On a weak network (see [`network`]) it retries writes with backoff under their
//! Idempotency-Key, holds them while the phone is offline and sends them once it is back, and
//! answers reads from the last saved copy (see [`saved`]) when the server cannot be reached.

mod by_id;
mod error;
mod idempotency;
pub mod live;
pub mod network;
mod prefetch;
pub mod saved;
// File bodies and file answers, for the household register.
mod upload;

use gloo_net::http::{Request, RequestBuilder, Response};
use gloo_timers::{callback::Timeout, future::sleep};
use leptos::prelude::*;
use linli_api_types::codes;
use serde::{de::DeserializeOwned, Serialize};

pub use by_id::{load_by_id, route_id};
pub use error::ApiError;
pub use idempotency::IdempotencyKey;
use network::{backoff, Network, ATTEMPT_TIMEOUT, MAX_RETRIES};

use crate::i18n::I18n;
use crate::session::Session;

const BASE: &str = "/api/v1";

#[derive(Clone, Copy)]
pub struct Api {
    session: Session,
    i18n: I18n,
    network: Network,
}

pub fn use_api() -> Api {
    Api { session: expect_context(), i18n: expect_context(), network: expect_context() }
}

/// Whether a request may go out again after it got no answer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Retry {
    /// Reads, and the `*_single_try` writes: the user is watching and can tap again.
    Never,
    /// The `*_retrying` and `*_repeatable` writes, which the server recognises when they come
    /// again: retried with backoff, and held while the phone is offline.
    Safe,
}

#[derive(Clone, Copy)]
enum Method {
    Get,
    Post,
    Put,
    Delete,
}

/// Why one attempt failed: worth another try, or a real answer to pass on.
enum Failure {
    NoAnswer,
    Answer(ApiError),
}

impl Api {
    /// A read. When the server cannot be reached, the last answer saved for this path (if any)
    /// is returned instead and the offline banner says so.
    pub async fn get<T: DeserializeOwned>(self, path: &str) -> Result<T, ApiError> {
        let mut value = None;
        self.read(path, &mut |text| {
            value = serde_json::from_str(text).ok();
            value.is_some()
        })
        .await?;
        value.ok_or(ApiError::Unexpected)
    }

    /// The body of [`Api::get`] for every response type: only the decoding is generic, so each
    /// type a page reads adds a call to serde_json and not another copy of this.
    async fn read(self, path: &str, decode: &mut dyn FnMut(&str) -> bool) -> Result<(), ApiError> {
        let keep = saved::worth_keeping(path);
        let answer = match prefetch::take(path).await {
            Some(response) => Ok(response),
            None => self.send(Method::Get, path, None, None, Retry::Never).await,
        };
        match answer {
            Ok(response) => {
                let text = response.text().await.map_err(|_| ApiError::Network)?;
                if !decode(&text) {
                    return Err(ApiError::Unexpected);
                }
                if keep {
                    saved::keep(path, &text);
                }
                self.network.set_showing_saved(false);
                Ok(())
            }
            Err(ApiError::Network) if keep => {
                if !saved::load(path).is_some_and(|text| decode(&text)) {
                    return Err(ApiError::Network);
                }
                self.network.set_showing_saved(true);
                Ok(())
            }
            Err(error) => Err(error),
        }
    }

    // Writes. Each name says whether it is retried: `*_retrying` carry an Idempotency-Key, are
    // retried with backoff and held while the phone is offline, and the server replays its first
    // answer to a repeat; `*_repeatable` are retried the same way without a key, because the
    // request means the same however often it arrives; `*_single_try` go out once and a failure
    // is for the user, who is watching, to see. Anything that creates something or moves points
    // is `*_retrying`.

    /// A POST that must not happen twice (a notice, a join, an order, a redemption): a retry with
    /// the same key (after a timeout, a reload, a double tap) gets the first answer instead.
    pub async fn post_retrying<B: Serialize, T: DeserializeOwned>(
        self,
        path: &str,
        body: &B,
        key: &IdempotencyKey,
    ) -> Result<T, ApiError> {
        decode(self.send(Method::Post, path, Some(key), Some(json(body)?), Retry::Safe).await?).await
    }

    /// A PUT the server judges each time it arrives (a roster step, marking a voucher used): a
    /// retry with the same key replays the first answer instead of being judged again.
    pub async fn put_retrying<B: Serialize, T: DeserializeOwned>(
        self,
        path: &str,
        body: &B,
        key: &IdempotencyKey,
    ) -> Result<T, ApiError> {
        decode(self.send(Method::Put, path, Some(key), Some(json(body)?), Retry::Safe).await?).await
    }

    /// A DELETE the server judges each time it arrives (withdrawing from a task): as `put_retrying`.
    pub async fn delete_retrying<T: DeserializeOwned>(self, path: &str, key: &IdempotencyKey) -> Result<T, ApiError> {
        decode(self.send(Method::Delete, path, Some(key), None, Retry::Safe).await?).await
    }

    /// A PUT that replaces what is there (a notice's text, the points policy): sending it twice
    /// leaves the same, so it is retried without a key.
    pub async fn put_repeatable<B: Serialize, T: DeserializeOwned>(self, path: &str, body: &B) -> Result<T, ApiError> {
        decode(self.send(Method::Put, path, None, Some(json(body)?), Retry::Safe).await?).await
    }

    /// A bodiless PUT whose answer has no body (204): marking a notice read.
    pub async fn put_repeatable_empty(self, path: &str) -> Result<(), ApiError> {
        self.send(Method::Put, path, None, None, Retry::Safe).await.map(drop)
    }

    /// A bodiless POST whose answer has no body (204) and that means the same however often it
    /// arrives: marking a message read.
    pub async fn post_repeatable_empty(self, path: &str) -> Result<(), ApiError> {
        self.send(Method::Post, path, None, None, Retry::Safe).await.map(drop)
    }

    /// A POST whose answer has no body (204), fine twice: marking messages read up to one.
    pub async fn post_repeatable_silent<B: Serialize>(self, path: &str, body: &B) -> Result<(), ApiError> {
        self.send(Method::Post, path, None, Some(json(body)?), Retry::Safe).await.map(drop)
    }

    /// A DELETE that is fine twice (withdrawing a notice).
    pub async fn delete_repeatable(self, path: &str) -> Result<(), ApiError> {
        self.send(Method::Delete, path, None, None, Retry::Safe).await.map(drop)
    }

    /// Sign-in: a failure is for the user to see at once.
    pub async fn post_single_try<B: Serialize, T: DeserializeOwned>(self, path: &str, body: &B) -> Result<T, ApiError> {
        decode(self.send(Method::Post, path, None, Some(json(body)?), Retry::Never).await?).await
    }

    /// Changing the password (204): after it succeeded, the old password in a retry would be
    /// wrong.
    pub async fn put_single_try<B: Serialize>(self, path: &str, body: &B) -> Result<(), ApiError> {
        self.send(Method::Put, path, None, Some(json(body)?), Retry::Never).await.map(drop)
    }

    /// Sign-out: the session ends on the phone whatever the answer.
    pub async fn delete_single_try(self, path: &str) -> Result<(), ApiError> {
        self.send(Method::Delete, path, None, None, Retry::Never).await.map(drop)
    }

    // Not generic, like `read`: the bodies are JSON text by now, so the retry loop below is
    // compiled once for every write in the app rather than once per call site.
    async fn send(
        self,
        method: Method,
        path: &str,
        key: Option<&IdempotencyKey>,
        body: Option<String>,
        retry: Retry,
    ) -> Result<Response, ApiError> {
        let make = || {
            let url = url(path);
            let builder = match method {
                Method::Get => Request::get(&url),
                Method::Post => Request::post(&url),
                Method::Put => Request::put(&url),
                Method::Delete => Request::delete(&url),
            };
            match key {
                Some(key) => builder.header(IdempotencyKey::HEADER, key.as_str()),
                None => builder,
            }
        };
        let network = self.network;
        // Held while this write is waiting for a connection or a retry: the banner counts it.
        let mut waiting = None;
        let mut retries = 0;
        loop {
            if retry == Retry::Safe && !network.is_online_now() {
                waiting.get_or_insert_with(|| network.wait_guard());
                network.until_online().await;
            }
            match self.attempt(make(), body.as_deref()).await {
                Ok(response) => return Ok(response),
                Err(Failure::Answer(error)) => return Err(error),
                Err(Failure::NoAnswer) if retry == Retry::Never => return Err(ApiError::Network),
                Err(Failure::NoAnswer) => {
                    waiting.get_or_insert_with(|| network.wait_guard());
                    // Time offline does not use up the retries: the loop waits for the network.
                    if network.is_online_now() {
                        if retries == MAX_RETRIES {
                            return Err(ApiError::NotSent);
                        }
                        retries += 1;
                        sleep(backoff(retries)).await;
                    }
                }
            }
        }
    }

    async fn attempt(self, builder: RequestBuilder, body: Option<&str>) -> Result<Response, Failure> {
        // Read the signals before awaiting: the page that asked may be gone when the answer comes.
        let token = self.session.token_untracked();
        let mut builder = builder
            .header("Accept", "application/json")
            .header("Accept-Language", self.i18n.locale_untracked().tag());
        if let Some(token) = &token {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        let abort = web_sys::AbortController::new().ok();
        let builder = builder.abort_signal(abort.as_ref().map(|a| a.signal()).as_ref());
        let request = match body {
            Some(body) => builder.header("Content-Type", "application/json").body(body),
            None => builder.build(),
        }
        .map_err(|_| Failure::Answer(ApiError::Unexpected))?;
        // Dropped (cancelled) when this attempt returns; fires only if the answer never comes.
        let _deadline = abort.map(|abort| Timeout::new(ATTEMPT_TIMEOUT.as_millis() as u32, move || abort.abort()));
        let response = request.send().await.map_err(|_| Failure::NoAnswer)?;
        if response.ok() {
            return Ok(response);
        }
        // A proxy or gateway between the phone and the server gave up: try again.
        if matches!(response.status(), 502..=504) {
            return Err(Failure::NoAnswer);
        }
        let error = ApiError::from_response(response).await;
        if let Some(token) = token.filter(|_| error.has_code(&[codes::UNAUTHENTICATED, codes::SESSION_EXPIRED])) {
            self.session.token_refused(&token);
        }
        Err(Failure::Answer(error))
    }
}

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    serde_json::from_str(&text).map_err(|_| ApiError::Unexpected)
}

fn json<B: Serialize>(body: &B) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|_| ApiError::Unexpected)
}
