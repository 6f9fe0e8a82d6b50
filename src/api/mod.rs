//! The one client for `/api/v1`. It adds the bearer token and the user's language, turns every
//! failure into one [`ApiError`], and ends the session when the server says the token is dead.

mod error;
mod idempotency;

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use linli_api_types::codes;
use serde::{de::DeserializeOwned, Serialize};

pub use error::ApiError;
pub use idempotency::IdempotencyKey;

use crate::i18n::I18n;
use crate::session::{Farewell, Session};

const BASE: &str = "/api/v1";

#[derive(Clone, Copy)]
pub struct Api {
    session: Session,
    i18n: I18n,
}

pub fn use_api() -> Api {
    Api { session: expect_context(), i18n: expect_context() }
}

impl Api {
    pub async fn get<T: DeserializeOwned>(self, path: &str) -> Result<T, ApiError> {
        let response = self.send(Request::get(&url(path)), None::<&()>).await?;
        decode(response).await
    }

    pub async fn post<B: Serialize, T: DeserializeOwned>(self, path: &str, body: &B) -> Result<T, ApiError> {
        let response = self.send(Request::post(&url(path)), Some(body)).await?;
        decode(response).await
    }

    /// A write that must not happen twice: a retry with the same key (after a timeout, a reload,
    /// a double tap) gets the first answer instead of a second notice, join or order.
    pub async fn post_once<B: Serialize, T: DeserializeOwned>(
        self,
        path: &str,
        body: &B,
        key: &IdempotencyKey,
    ) -> Result<T, ApiError> {
        let builder = Request::post(&url(path)).header(IdempotencyKey::HEADER, key.as_str());
        decode(self.send(builder, Some(body)).await?).await
    }

    // Idempotent PUT and DELETE with a key (tasks and points, issue 4): a join or a roster step
    // retried after a timeout replays the first answer instead of being judged again.
    pub async fn put_once<B: Serialize, T: DeserializeOwned>(
        self,
        path: &str,
        body: &B,
        key: &IdempotencyKey,
    ) -> Result<T, ApiError> {
        let builder = Request::put(&url(path)).header(IdempotencyKey::HEADER, key.as_str());
        decode(self.send(builder, Some(body)).await?).await
    }

    pub async fn delete_once<T: DeserializeOwned>(self, path: &str, key: &IdempotencyKey) -> Result<T, ApiError> {
        let builder = Request::delete(&url(path)).header(IdempotencyKey::HEADER, key.as_str());
        decode(self.send(builder, None::<&()>).await?).await
    }

    pub async fn put<B: Serialize, T: DeserializeOwned>(self, path: &str, body: &B) -> Result<T, ApiError> {
        let response = self.send(Request::put(&url(path)), Some(body)).await?;
        decode(response).await
    }

    /// A PUT with a body whose answer has none (204), e.g. changing the password.
    pub async fn put_no_content<B: Serialize>(self, path: &str, body: &B) -> Result<(), ApiError> {
        self.send(Request::put(&url(path)), Some(body)).await.map(drop)
    }

    /// A PUT or DELETE whose answer has no body (204).
    pub async fn put_empty(self, path: &str) -> Result<(), ApiError> {
        self.send(Request::put(&url(path)), None::<&()>).await.map(drop)
    }

    pub async fn delete(self, path: &str) -> Result<(), ApiError> {
        self.send(Request::delete(&url(path)), None::<&()>).await.map(drop)
    }

    async fn send<B: Serialize>(self, builder: RequestBuilder, body: Option<&B>) -> Result<Response, ApiError> {
        // Read the signals before awaiting: the page that asked may be gone when the answer comes.
        let token = self.session.token_untracked();
        let mut builder = builder
            .header("Accept", "application/json")
            .header("Accept-Language", self.i18n.locale_untracked().tag());
        if let Some(token) = &token {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        let request = match body {
            Some(body) => builder.json(body),
            None => builder.build(),
        }
        .map_err(|_| ApiError::Unexpected)?;
        let response = request.send().await.map_err(|_| ApiError::Network)?;
        if response.ok() {
            return Ok(response);
        }
        let error = ApiError::from_response(response).await;
        if token.is_some() && error.has_code(&[codes::UNAUTHENTICATED, codes::SESSION_EXPIRED]) {
            self.session.end(Farewell::SessionExpired);
        }
        Err(error)
    }
}

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    response.json::<T>().await.map_err(|_| ApiError::Unexpected)
}
