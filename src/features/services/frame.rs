use leptos::prelude::*;

use super::texts::{texts, ServicesTexts};
pub use crate::components::Skeleton;
use crate::components::PageFrame;
use crate::routes::Tab;

/// The shared page frame, titled from this feature's own texts; back goes to the services tab
/// when there is no history.
#[component]
pub fn Frame(
    title: fn(&ServicesTexts) -> &'static str,
    #[prop(optional)] back: bool,
    children: Children,
) -> impl IntoView {
    let title = Signal::derive(move || title(texts()).to_owned());
    view! { <PageFrame title back_to=back.then_some(Tab::Services)>{children()}</PageFrame> }
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
