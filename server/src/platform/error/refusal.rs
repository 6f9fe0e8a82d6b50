//! What a feature says when it refuses: the [`Refusal`] trait its own refusals implement, and
//! [`Said`], words in both of the app's languages for messages a feature writes itself.

use axum::http::StatusCode;
use linli_api_types::FieldError;

use super::AppError;
use crate::platform::lang::Lang;

/// A refusal a feature defines for itself (`features/<feature>/refusals.rs`): a state of the
/// feature's data or one of its rules that answers no. The framework turns it into problem+json
/// in the request's language; the feature says which status, which code and which words.
pub trait Refusal: std::fmt::Debug + Send + Sync + 'static {
    fn status(&self) -> StatusCode;
    /// The problem's `code`: stable, snake_case, what clients match on.
    fn code(&self) -> &'static str;
    fn title(&self, lang: Lang) -> String;
    fn detail(&self, _lang: Lang) -> Option<String> {
        None
    }
    /// Field errors that go with it, for a refusal best shown at the field being typed.
    fn field_errors(&self, _lang: Lang) -> Vec<FieldError> {
        Vec::new()
    }
    /// Sent as Retry-After.
    fn retry_after_secs(&self) -> Option<u64> {
        None
    }
}

impl<R: Refusal> From<R> for AppError {
    fn from(refusal: R) -> Self {
        AppError::Refused(Box::new(refusal))
    }
}

/// Words in both of the app's languages, for a message a feature writes itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub zh: String,
    pub en: String,
}

impl Said {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn pick(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh.clone(),
            Lang::En => self.en.clone(),
        }
    }
}
