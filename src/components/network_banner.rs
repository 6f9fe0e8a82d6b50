use leptos::prelude::*;

use crate::api::network::use_network;
use crate::i18n::use_i18n;

/// Says plainly what the connection is doing: offline (what is shown was saved earlier, and
/// what the user did will be sent when the phone is back online), or resending writes that did
/// not get through. Above the tab bar, where a thumb and an eye already are.
#[component]
pub fn NetworkBanner() -> impl IntoView {
    let i18n = use_i18n();
    let network = use_network();
    let message = move || {
        let t = i18n.t();
        let waiting = network.waiting();
        // Only a page that shows saved answers says so: one never opened before shows none.
        let offline = if network.showing_saved() { t.offline_saved } else { t.offline };
        match (network.online(), waiting) {
            (false, 0) => Some(offline.to_owned()),
            (false, n) => Some(format!("{offline} {}", (t.offline_waiting)(n))),
            (true, 0) if network.showing_saved() => Some(t.showing_saved.to_owned()),
            (true, 0) => None,
            (true, n) => Some((t.resending)(n)),
        }
    };
    // Back online with a page of saved answers: one tap loads it afresh.
    let offer_reload = move || network.online() && network.waiting() == 0 && network.showing_saved();
    view! {
        // The live region stays in the page so screen readers hear each change.
        <div class="network-banner" role="status" aria-live="polite">
            {move || message().map(|text| view! {
                <p class="network-banner__text">
                    <span>{text}</span>
                    {offer_reload().then(|| view! {
                        <button type="button" class="network-banner__reload" on:click=|_| { let _ = window().location().reload(); }>
                            {move || i18n.t().reload}
                        </button>
                    })}
                </p>
            })}
        </div>
    }
}
