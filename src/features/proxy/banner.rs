//! The banner on every page while 代办 runs: for whom, how many minutes are left, and 结束代办.
//! At the end — tapped, or the 30 minutes up — the app is back in the actor's own session and
//! says so. It lives in this feature's chunk; the shell loads it only once 代办 has started.

use std::time::Duration;

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::api;
use super::texts::texts;
use crate::api::use_api;
use crate::routes;
use crate::session::use_session;

/// How often the minutes left are counted again.
const TICK: Duration = Duration::from_secs(15);

#[component]
pub fn ProxyBanner() -> impl IntoView {
    let session = use_session();
    let api = use_api();
    let navigate = use_navigate();
    let now = RwSignal::new(Utc::now());
    if let Ok(ticking) = set_interval_with_handle(move || { let _ = now.try_set(Utc::now()); }, TICK) {
        on_cleanup(move || ticking.clear());
    }
    // Whole minutes left, rounded up: "还剩 1 分钟" until the very end.
    let minutes_left = Memo::new(move |_| {
        session.acting().and_then(|me| me.proxy).map(|proxy| {
            let ms = (proxy.expires_at - now.get()).num_milliseconds();
            (ms + 59_999).div_euclid(60_000)
        })
    });
    // The server refuses the token from then on; the phone ends it too, without a request.
    Effect::new(move |_| {
        if minutes_left.get().is_some_and(|left| left <= 0) {
            session.end_proxy();
        }
    });
    let end = Action::new_local(move |_: &()| async move {
        let _ = api::end(api).await;
        session.end_proxy();
    });
    Effect::new(move |_| {
        if end.value().get().is_some() {
            navigate(routes::proxy_list(), Default::default());
        }
    });
    let ending = end.pending();
    view! {
        {move || match session.acting() {
            Some(me) => view! {
                <aside class="proxy-banner" aria-label=move || texts().list_title>
                    <p class="proxy-banner__text" role="status">
                        <strong>{move || (texts().acting_for)(&me.name)}</strong>
                        " · "
                        <span>{move || minutes_left.get().map(|n| (texts().minutes_left)(n.max(1)))}</span>
                    </p>
                    <button type="button" class="proxy-banner__end" disabled=move || ending.get()
                        on:click=move |_| { end.dispatch(()); }>
                        {move || if ending.get() { texts().ending } else { texts().end_button }}
                    </button>
                </aside>
            }.into_any(),
            None if session.proxy_ended() => view! {
                <aside class="proxy-banner proxy-banner--ended" aria-label=move || texts().list_title>
                    <p class="proxy-banner__text" role="status">{move || texts().ended}</p>
                    <button type="button" class="proxy-banner__end" on:click=move |_| session.dismiss_proxy_ended()>
                        {move || texts().dismiss}
                    </button>
                </aside>
            }.into_any(),
            None => ().into_any(),
        }}
    }
}
