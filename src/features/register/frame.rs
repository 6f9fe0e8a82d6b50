use leptos::prelude::*;

use super::texts::{texts, RegisterTexts};
use crate::components::{PageFrame, Parent};

/// The shared page frame, titled from this feature's own texts.
#[component]
pub fn Frame(
    title: fn(&RegisterTexts) -> &'static str,
    #[prop(optional, into)] back: Option<Parent>,
    children: Children,
) -> impl IntoView {
    let title = Signal::derive(move || title(texts()).to_owned());
    view! { <PageFrame title back_to=back>{children()}</PageFrame> }
}
