use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::use_document_title;
use crate::i18n::use_i18n;
use crate::routes;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    use_document_title(move || i18n.t().page_not_found.to_owned());
    view! {
        <main id="main" class="page page--centered">
            <section class="card empty-state">
                <h1>{move || i18n.t().page_not_found}</h1>
                <p>{move || i18n.t().page_not_found_hint}</p>
                <A href=routes::home() attr:class="button button--primary">
                    {move || i18n.t().back_home}
                </A>
            </section>
        </main>
    }
}
