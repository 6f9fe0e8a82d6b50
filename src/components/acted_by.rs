use leptos::prelude::*;

use crate::i18n::{use_i18n, Locale};

/// "由 刘伟忠 代办" under what a head or staff member did for a resident by 代办: an order's
/// step, a place on a roster, a line of the ledger. One line shared by those features.
#[component]
pub fn ActedBy(name: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="acted-by">
            {move || match i18n.locale() {
                Locale::Zh => format!("由 {name} 代办"),
                Locale::En => format!("Done for them by {name}"),
            }}
        </span>
    }
}
