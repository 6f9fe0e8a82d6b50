use leptos::prelude::*;

use super::texts::{texts, WishTexts};
pub use crate::components::Skeleton;
use crate::components::{PageFrame, Parent};

/// The shared page frame, titled from this feature's own texts; `back` is where its back arrow
/// leads when the tab's history holds no earlier page of the app.
#[component]
pub fn Frame(
    title: fn(&WishTexts) -> &'static str,
    #[prop(optional, into)] back: Option<Parent>,
    children: Children,
) -> impl IntoView {
    let title = Signal::derive(move || title(texts()).to_owned());
    view! { <PageFrame title back_to=back>{children()}</PageFrame> }
}
