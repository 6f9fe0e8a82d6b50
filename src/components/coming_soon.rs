use leptos::prelude::*;

use super::{Icon, IconName};
use crate::i18n::{use_i18n, Texts};

/// The honest state of a tab whose capability has not landed yet: what it will do, no fake data.
#[component]
pub fn ComingSoon(icon: IconName, title: fn(&Texts) -> &'static str, body: fn(&Texts) -> &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card coming-soon">
            <div class="coming-soon__art">
                <Icon name=icon />
            </div>
            <h2 class="coming-soon__title">{move || title(i18n.t())}</h2>
            <p class="coming-soon__body">{move || body(i18n.t())}</p>
            <span class="badge">{move || i18n.t().coming_soon}</span>
        </section>
    }
}
