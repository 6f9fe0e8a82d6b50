use leptos::prelude::*;

use leptos_router::{components::A, hooks::use_navigate};

use super::{Icon, IconName};
use crate::i18n::use_i18n;
use crate::routes::{self, Tab};

/// Keeps `document.title` on "<page> · 邻里": WeChat shows it as the webview's title bar.
pub fn use_document_title(page: impl Fn() -> String + Send + Sync + 'static) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        document().set_title(&format!("{} · {}", page(), i18n.t().app_name));
    });
}

/// A tab page: a sticky title bar and the page's content as the document's main landmark.
#[component]
pub fn Page(
    /// The page's name, shown in the bar and the document title.
    title: fn(&crate::i18n::Texts) -> &'static str,
    /// Pages below a tab get a back button.
    #[prop(optional)]
    back: bool,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || title(i18n.t()).to_owned());
    view! { <PageFrame title back_to=back.then_some(Tab::Home)>{children()}</PageFrame> }
}

/// The frame every page shares, for features that keep their words in their own texts: the
/// title bar (with a back button when `back_to` is given) and the main landmark.
#[component]
pub fn PageFrame(
    /// The page's name in the current language, shown in the bar and the document title.
    title: Signal<String>,
    /// Where the back button goes when there is no history in this tab (opened from a shared
    /// link); `None` for a tab's own page, which has no back button.
    back_to: Option<Tab>,
    children: Children,
) -> impl IntoView {
    use_document_title(move || title.get());
    view! {
        <header class="page-bar">
            {back_to.map(|fallback| view! { <BackButton fallback /> })}
            <h1 class="page-bar__title">{title}</h1>
        </header>
        <main id="main" class="page">
            {children()}
        </main>
    }
}

/// Goes back in history, as the phone's back gesture would; opened from a shared link (no
/// history in this tab), it goes to `fallback` instead of leaving the app.
#[component]
fn BackButton(fallback: Tab) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let go_back = move |_| {
        let history = window().history().ok();
        match history {
            Some(history) if history.length().unwrap_or(0) > 1 => {
                let _ = history.back();
            }
            _ => navigate(fallback.path(), Default::default()),
        }
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

/// A page-sized message where content would be: not found, withdrawn, failed to load.
#[component]
pub fn ErrorCard(message: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card empty-state" role="alert">
            <p>{message}</p>
            <A href=routes::home() attr:class="button button--primary">{move || i18n.t().back_home}</A>
        </section>
    }
}
