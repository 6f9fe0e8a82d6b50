use gloo_net::http::Response;
use linli_api_types::Problem;

use crate::i18n::Texts;

/// Everything that can go wrong talking to the server, as the user will be told it.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with problem+json; its messages are already in the user's language.
    Problem(Problem),
    /// No answer at all: offline, DNS, connection dropped.
    Network,
    /// A write that got no answer however often it was tried; the page keeps what was typed.
    NotSent,
    /// An answer we could not understand (a proxy's HTML error page, say).
    Unexpected,
    /// The address names nothing the server could hold (e.g. `/notices/abc`); never sent.
    NotFound,
}

impl ApiError {
    pub(super) async fn from_response(response: Response) -> Self {
        match response.json::<Problem>().await {
            Ok(problem) => ApiError::Problem(problem),
            Err(_) => ApiError::Unexpected,
        }
    }

    pub fn has_code(&self, wanted: &[&str]) -> bool {
        matches!(self, ApiError::Problem(p) if wanted.contains(&p.code.as_str()))
    }

    /// The message for the named field, to show at that field.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            ApiError::Problem(problem) => problem.field(name).map(|e| e.message.clone()),
            _ => None,
        }
    }

    /// What to say above the form when no single field is to blame.
    pub fn message(&self, texts: &Texts) -> String {
        match self {
            ApiError::Problem(problem) => problem.detail.clone().unwrap_or_else(|| problem.title.clone()),
            ApiError::Network => texts.error_network.to_owned(),
            ApiError::NotSent => texts.error_not_sent.to_owned(),
            ApiError::Unexpected => texts.error_unexpected.to_owned(),
            ApiError::NotFound => texts.page_not_found.to_owned(),
        }
    }
}
