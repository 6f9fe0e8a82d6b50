use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::api;
use super::frame::Frame;
use super::texts::{texts, texts_in};
use crate::api::{use_api, ApiError, IdempotencyKey};
use crate::components::TextField;
use crate::i18n::use_i18n;

/// 积分管理 for staff: hand over a redeemed reward (mark its voucher used).
#[component]
pub fn DeskPage() -> impl IntoView {
    view! {
        <Frame title=|t| t.staff_tools back=true>
            <UseVoucher />
        </Frame>
    }
}

#[component]
fn UseVoucher() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let code = RwSignal::new(String::new());
    let field_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let key = StoredValue::new(IdempotencyKey::new());
    let send = Action::new_local(move |code: &String| api::use_voucher(api, code.clone(), key.get_value()));
    Effect::new(move |_| match send.value().get() {
        Some(Ok(voucher)) => {
            key.set_value(IdempotencyKey::new());
            code.set(String::new());
            done.set(Some((texts_in(i18n).marked_used)(&voucher.reward_name, &voucher.holder_name)));
        }
        Some(Err(error)) => match error.field("code") {
            Some(message) => field_error.set(Some(message)),
            None => failure.set(Some(error)),
        },
        None => {}
    });
    let pending = send.pending();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        done.set(None);
        let typed = code.get_untracked().trim().to_uppercase();
        if typed.is_empty() {
            field_error.set(Some(texts_in(i18n).required.to_owned()));
        } else {
            field_error.set(None);
            send.dispatch(typed);
        }
    };
    view! {
        <form class="card compose" on:submit=on_submit novalidate>
            <h2 class="card__title">{move || texts().use_voucher}</h2>
            <p class="muted">{move || texts().use_voucher_hint}</p>
            <TextField id="voucher-code" label=Signal::derive(move || texts().voucher_code_label) value=code
                error=field_error.into() autocomplete="off" max_length=20 />
            {move || failure.get().map(|e| view! { <p class="banner banner--error" role="alert">{e.message(i18n.t())}</p> })}
            {move || done.get().map(|msg| view! { <p class="banner banner--ok" role="status">{msg}</p> })}
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || if pending.get() { texts().marking } else { texts().mark_used }}
            </button>
        </form>
    }
}
