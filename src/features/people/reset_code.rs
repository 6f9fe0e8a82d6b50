//! 密码帮助: a head or staff member issues a one-time reset code and hands it over in person.
//! The code is shown once, big, with whom it is for and until when; closing the dialog
//! forgets it.

use leptos::html;
use leptos::prelude::*;
use linli_api_types::ResetCode;

use super::texts::texts;
use crate::api::{use_api, ApiError};
use crate::components::{ActionError, ConfirmDialog};
use crate::i18n::{time, use_i18n};

#[component]
pub fn ResetCodeCard(member_id: i64, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let ask = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let shown = RwSignal::new(None::<ResetCode>);
    let issue = Action::new_local(move |_: &()| async move {
        api.post_single_try::<_, ResetCode>(&format!("/members/{member_id}/reset-codes"), &()).await
    });
    Effect::new(move |_| match issue.value().get() {
        Some(Ok(code)) => shown.set(Some(code)),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let question = Signal::derive(move || (texts().reset_ask)(&name));
    let pending = issue.pending();
    view! {
        <section class="card" aria-labelledby="person-reset">
            <h2 class="card__title" id="person-reset">{move || texts().reset_title}</h2>
            <button type="button" class="button button--ghost button--block" disabled=move || pending.get()
                on:click=move |_| { failure.set(None); ask.set(true); }>
                {move || texts().reset_button}
            </button>
            <ActionError message=Signal::derive(move || failure.get().map(|e| e.message(i18n.t()))) />
            <ConfirmDialog open=ask id="reset-code-ask" question
                detail=Signal::derive(move || texts().reset_detail.to_owned())
                confirm=Signal::derive(move || texts().reset_confirm.to_owned())
                cancel=Signal::derive(move || texts().cancel.to_owned())
                on_confirm=Callback::new(move |_| { issue.dispatch(()); }) />
            <CodeDialog shown />
        </section>
    }
}

/// The code, once: a modal dialog that forgets the code when closed.
#[component]
fn CodeDialog(shown: RwSignal<Option<ResetCode>>) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        match (shown.with(Option::is_some), dialog.open()) {
            (true, false) => {
                let _ = dialog.show_modal();
            }
            (false, true) => dialog.close(),
            _ => {}
        }
    });
    view! {
        <dialog node_ref=dialog class="confirm-dialog code-dialog" aria-labelledby="reset-code-for"
            aria-describedby="reset-code-once" on:close=move |_| shown.set(None)>
            {move || shown.get().map(|code| {
                let spaced = format!("{} {}", &code.code[..4.min(code.code.len())], code.code.get(4..).unwrap_or_default());
                view! {
                    <h2 class="confirm-dialog__question" id="reset-code-for">{(texts().code_for)(&code.for_name, &code.for_phone_masked)}</h2>
                    <p class="code-dialog__code" data-code=code.code.clone()>{spaced}</p>
                    <p class="code-dialog__until">{(texts().code_until)(&time::full(i18n.t(), code.expires_at))}</p>
                    <p class="confirm-dialog__detail" id="reset-code-once">{move || texts().code_once}</p>
                }
            })}
            <div class="confirm-dialog__buttons">
                <button type="button" class="button button--primary" autofocus on:click=move |_| shown.set(None)>
                    {move || texts().close}
                </button>
            </div>
        </dialog>
    }
}
