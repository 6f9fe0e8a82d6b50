//! The page frame titled from this feature's texts, and the card of a page that could not load.

use leptos::prelude::*;

use super::texts::{texts, MessageTexts};
pub use crate::components::Skeleton;
use crate::api::ApiError;
use crate::components::{ErrorCard, PageFrame, Parent};
use crate::i18n::use_i18n;

#[component]
pub fn Frame(
    title: fn(&MessageTexts) -> &'static str,
    #[prop(optional, into)] back: Option<Parent>,
    children: Children,
) -> impl IntoView {
    let title = Signal::derive(move || title(texts()).to_owned());
    view! { <PageFrame title back_to=back>{children()}</PageFrame> }
}

/// What the viewer may not see (消息推送 for a resident) reads as what does not exist.
#[component]
pub fn LoadError(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        if matches!(error, ApiError::NotFound)
            || error.has_code(&[linli_api_types::codes::NOT_FOUND, linli_api_types::codes::FORBIDDEN])
        {
            texts().missing.to_owned()
        } else {
            error.message(i18n.t())
        }
    };
    view! { <ErrorCard message=Signal::derive(message) /> }
}
