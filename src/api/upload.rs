//! Sending a file as the request body (the household register import, a report's photo) and
//! reading a file answer (the register's template, a photo). Only those pages call these, so
//! they stay in their chunks. The register's are one attempt each: the staff member is
//! watching, and the import's dry run writes nothing while its commit changes nothing when the
//! same sheet comes twice. A photo goes out under its own Idempotency-Key and is retried.

use gloo_net::http::{Request, RequestBuilder, Response};
use linli_api_types::codes;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use super::{decode, url, Api, ApiError};
use crate::session::Farewell;

impl Api {
    /// POSTs `file` (a `File` or `Blob`) as the body; answers JSON.
    pub async fn post_file_single_try<T: DeserializeOwned>(
        self,
        path: &str,
        file: &JsValue,
    ) -> Result<T, ApiError> {
        let builder = self.with_credentials(Request::post(&url(path)));
        let request = builder
            .header("Content-Type", "application/octet-stream")
            .body(file.clone())
            .map_err(|_| ApiError::Unexpected)?;
        decode(self.answer(request.send().await).await?).await
    }

    /// A GET whose answer is a file: its bytes.
    pub async fn get_bytes(self, path: &str) -> Result<Vec<u8>, ApiError> {
        let request = self.with_credentials(Request::get(&url(path)));
        let response = self.answer(request.send().await).await?;
        response.binary().await.map_err(|_| ApiError::Network)
    }

    fn with_credentials(self, builder: RequestBuilder) -> RequestBuilder {
        let builder = builder
            .header("Accept", "application/json")
            .header("Accept-Language", self.i18n.locale_untracked().tag());
        match self.session.token_untracked() {
            Some(token) => builder.header("Authorization", &format!("Bearer {token}")),
            None => builder,
        }
    }

    async fn answer(self, sent: Result<Response, gloo_net::Error>) -> Result<Response, ApiError> {
        let response = sent.map_err(|_| ApiError::Network)?;
        if response.ok() {
            return Ok(response);
        }
        let error = ApiError::from_response(response).await;
        if error.has_code(&[codes::UNAUTHENTICATED, codes::SESSION_EXPIRED]) {
            self.session.end(Farewell::SessionExpired);
        }
        Err(error)
    }
}

impl Api {
    /// POSTs image bytes (a report's photo) under an Idempotency-Key, retried like the JSON
    /// `*_retrying` writes: with backoff when no answer comes, held while the phone is offline,
    /// and the server replays its first answer to a repeat, so a photo is never stored twice.
    /// Here rather than in `send`: only the reports' chunk sends bytes, so the first module's
    /// retry loop stays as it was.
    pub async fn post_bytes_retrying<T: DeserializeOwned>(
        self,
        path: &str,
        bytes: &[u8],
        content_type: &str,
        key: &super::IdempotencyKey,
    ) -> Result<T, ApiError> {
        use super::network::{backoff, ATTEMPT_TIMEOUT, MAX_RETRIES};
        let network = self.network;
        let mut waiting = None;
        let mut retries = 0;
        loop {
            if !network.is_online_now() {
                waiting.get_or_insert_with(|| network.wait_guard());
                network.until_online().await;
            }
            let body = js_sys::Uint8Array::from(bytes);
            let abort = web_sys::AbortController::new().ok();
            let request = self
                .with_credentials(Request::post(&url(path)))
                .header(super::IdempotencyKey::HEADER, key.as_str())
                .header("Content-Type", content_type)
                .abort_signal(abort.as_ref().map(|a| a.signal()).as_ref())
                .body(JsValue::from(body))
                .map_err(|_| ApiError::Unexpected)?;
            // Dropped (cancelled) when this attempt ends; fires only if no answer comes.
            let _deadline = abort.map(|abort| {
                gloo_timers::callback::Timeout::new(ATTEMPT_TIMEOUT.as_millis() as u32, move || abort.abort())
            });
            match request.send().await {
                Ok(response) if matches!(response.status(), 502..=504) => {}
                Ok(response) => return decode(self.answer(Ok(response)).await?).await,
                Err(_) => {}
            }
            // No answer: wait for the network or back off, as `send` does.
            waiting.get_or_insert_with(|| network.wait_guard());
            if network.is_online_now() {
                if retries == MAX_RETRIES {
                    return Err(ApiError::NotSent);
                }
                retries += 1;
                gloo_timers::future::sleep(backoff(retries)).await;
            }
        }
    }
}
