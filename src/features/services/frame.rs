use leptos::prelude::*;

use super::texts::{texts, ServicesTexts};
pub use crate::components::Skeleton;
use crate::components::{PageFrame, Parent};

/// The shared page frame, titled from this feature's own texts; `back` is where its back arrow
/// leads when the tab's history holds no earlier page of the app.
#[component]
pub fn Frame(
    title: fn(&ServicesTexts) -> &'static str,
    #[prop(optional, into)] back: Option<Parent>,
    children: Children,
) -> impl IntoView {
    let title = Signal::derive(move || title(texts()).to_owned());
    view! { <PageFrame title back_to=back>{children()}</PageFrame> }
}

/// A clock beside opening times; decorative, the words say the same.
#[component]
pub fn ClockIcon() -> impl IntoView {
    view! {
        <svg class="icon service-card__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z" />
            <path d="M12 7v5l3 2" />
        </svg>
    }
}
