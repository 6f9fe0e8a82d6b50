use leptos::prelude::*;

use crate::i18n::use_i18n;

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
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    use_document_title(move || title(i18n.t()).to_owned());
    view! {
        <header class="page-bar">
            <h1 class="page-bar__title">{move || title(i18n.t())}</h1>
        </header>
        <main id="main" class="page">
            {children()}
        </main>
    }
}
