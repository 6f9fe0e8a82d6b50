use leptos::prelude::*;

use crate::components::use_document_title;
use crate::i18n::use_i18n;

/// Shown instead of a page whose code could not be downloaded (a weak or lost network on the
/// first visit to that page). Trying again reloads the app: the page's chunk is fetched anew,
/// and nothing the user typed is lost, since drafts live in localStorage.
#[component]
pub fn PageNotLoaded() -> impl IntoView {
    let i18n = use_i18n();
    use_document_title(move || i18n.t().page_not_loaded.to_owned());
    view! {
        <main id="main" class="page page--centered">
            <section class="card empty-state" role="alert">
                <h1>{move || i18n.t().page_not_loaded}</h1>
                <p>{move || i18n.t().page_not_loaded_hint}</p>
                <button
                    type="button"
                    class="button button--primary"
                    on:click=|_| {
                        let _ = window().location().reload();
                    }
                >
                    {move || i18n.t().retry}
                </button>
            </section>
        </main>
    }
}
