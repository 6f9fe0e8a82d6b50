use leptos::prelude::*;

use leptos_router::{
    components::A,
    hooks::{use_location, use_navigate},
    NavigateOptions,
};

use super::{Icon, IconName};
use crate::i18n::use_i18n;
use crate::routes;

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
    /// Pages below a tab get a back button, which leads here when the tab's history holds no
    /// earlier page of the app.
    #[prop(optional, into)]
    back: Option<Parent>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || title(i18n.t()).to_owned());
    view! { <PageFrame title back_to=back>{children()}</PageFrame> }
}

/// The page a back arrow leads to when there is nothing of the app to go back to (the page was
/// opened from a shared link): the one it sits below, as a resident would expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parent {
    /// A page with an address of its own: a tab, or a list such as 我的订单.
    Page(&'static str),
    /// The page whose address this one extends: a task's roster goes to that task, a notice's
    /// receipts to that notice.
    Up,
}

impl From<&'static str> for Parent {
    fn from(path: &'static str) -> Self {
        Parent::Page(path)
    }
}

impl Parent {
    fn path(self, here: &str) -> String {
        match self {
            Parent::Page(path) => path.to_owned(),
            Parent::Up => match here.trim_end_matches('/').rsplit_once('/') {
                Some((up, _)) if !up.is_empty() => up.to_owned(),
                _ => routes::home().to_owned(),
            },
        }
    }
}

/// The frame every page shares, for features that keep their words in their own texts: the
/// title bar (with a back button when `back_to` is given) and the main landmark.
#[component]
pub fn PageFrame(
    /// The page's name in the current language, shown in the bar and the document title.
    title: Signal<String>,
    /// Where the back button goes when there is no earlier page of the app in this tab;
    /// `None` for a tab's own page, which has no back button.
    back_to: Option<Parent>,
    children: Children,
) -> impl IntoView {
    use_document_title(move || title.get());
    view! {
        <header class="page-bar">
            {back_to.map(|parent| view! { <BackButton parent /> })}
            <h1 class="page-bar__title">{title}</h1>
        </header>
        <main id="main" class="page">
            {children()}
        </main>
    }
}

/// Goes back in history, as the phone's back gesture would, when the page before is one of the
/// app's. Otherwise (opened from a link in a chat, where going back would close the app) it
/// goes to `parent` in place of this page, so the phone's back from there does not return here.
#[component]
fn BackButton(parent: Parent) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let pathname = use_location().pathname;
    let go_back = move |_| {
        if crate::history::has_earlier_page() {
            if let Ok(history) = window().history() {
                let _ = history.back();
                return;
            }
        }
        let to = parent.path(&pathname.get_untracked());
        navigate(&to, NavigateOptions { replace: true, ..Default::default() });
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
