use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_i18n;

/// The end of a list shown a page at a time: why the last page did not come, with 重试, or
/// 加载更多 while the server has more.
#[component]
pub fn LoadMore(
    failure: RwSignal<Option<ApiError>>,
    next_cursor: RwSignal<Option<String>>,
    pending: Signal<bool>,
    /// Asks for the page after `next_cursor` (again, after a failure).
    more: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || failure.get().map(|error| view! {
            <div class="banner banner--error" role="alert">
                <p>{error.message(i18n.t())}</p>
                <button type="button" class="button button--small button--danger-outline" on:click=move |_| more.run(())>
                    {move || i18n.t().retry}
                </button>
            </div>
        })}
        <Show when=move || next_cursor.with(Option::is_some) && failure.with(Option::is_none)>
            <button type="button" class="button button--ghost button--block" disabled=move || pending.get()
                on:click=move |_| more.run(())>
                {move || if pending.get() { i18n.t().loading } else { i18n.t().load_more }}
            </button>
        </Show>
    }
}
