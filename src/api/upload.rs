//! Sending a file as the request body (the household register import) and reading a file
//! answer (its template). Only the register's pages call these, so they stay in that chunk.
//! One attempt each: the staff member is watching, and the import's dry run writes nothing
//! while its commit changes nothing when the same sheet comes twice.

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
