use leptos::prelude::*;

use super::texts::{texts, TasksTexts};
pub use crate::components::Skeleton;
use crate::components::PageFrame;
use crate::routes::Tab;

/// The shared page frame, titled from this feature's own texts; back goes to the tasks tab
/// when there is no history.
#[component]
pub fn Frame(
    title: fn(&TasksTexts) -> &'static str,
    #[prop(optional)] back: bool,
    children: Children,
) -> impl IntoView {
    let title = Signal::derive(move || title(texts()).to_owned());
    view! { <PageFrame title back_to=back.then_some(Tab::Tasks)>{children()}</PageFrame> }
}
