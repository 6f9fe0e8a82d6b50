use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::texts::{texts, PointsTexts};
use crate::components::{use_document_title, Icon, IconName};
use crate::i18n::use_i18n;
use crate::routes::AppRoute;

/// This feature's page frame: the shared look of [`crate::components::Page`], titled from the
/// feature's own texts.
#[component]
pub fn Frame(
    title: fn(&PointsTexts) -> &'static str,
    #[prop(optional)] back: bool,
    children: Children,
) -> impl IntoView {
    use_document_title(move || title(texts()).to_owned());
    view! {
        <header class="page-bar">
            {back.then(|| view! { <BackButton /> })}
            <h1 class="page-bar__title">{move || title(texts())}</h1>
        </header>
        <main id="main" class="page">
            {children()}
        </main>
    }
}

/// Back in history as the phone's gesture would; from a shared link, to this feature's tab.
#[component]
fn BackButton() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let go_back = move |_| match window().history().ok() {
        Some(history) if history.length().unwrap_or(0) > 1 => {
            let _ = history.back();
        }
        _ => navigate(AppRoute::Points.path(), Default::default()),
    };
    view! {
        <button type="button" class="page-bar__back" aria-label=move || i18n.t().back on:click=go_back>
            <Icon name=IconName::ChevronLeft />
        </button>
    }
}

/// A loading placeholder for a page's content.
#[component]
pub fn Skeleton() -> impl IntoView {
    view! { <div class="card skeleton skeleton--tall" aria-hidden="true"></div> }
}
