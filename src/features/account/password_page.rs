//! 我的 → 修改密码: current password, new password twice. The server signs out every other
//! device and keeps this one, so the page stays where it is and says so.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use linli_api_types::{Password, PasswordChange};

use super::texts::{texts, texts_in};
use crate::api::{use_api, ApiError};
use crate::components::{Icon, IconName, PageFrame, TextField};
use crate::i18n::use_i18n;
use crate::routes;

#[component]
pub fn PasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let show = RwSignal::new(false);
    let current_error = RwSignal::new(None::<String>);
    let new_error = RwSignal::new(None::<String>);
    let confirm_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<ApiError>);
    let changed = RwSignal::new(false);

    let change = Action::new_local(move |request: &PasswordChange| {
        let request = request.clone();
        async move { api.put_single_try("/me/password", &request).await }
    });
    Effect::new(move |_| match change.value().get() {
        Some(Ok(())) => {
            // Passwords are not kept once they have done their job.
            current.set(String::new());
            new.set(String::new());
            confirm.set(String::new());
            changed.set(true);
        }
        Some(Err(error)) => {
            current_error.set(error.field("current_password"));
            new_error.set(error.field("new_password"));
            let blames_a_field = current_error.with_untracked(Option::is_some)
                || new_error.with_untracked(Option::is_some);
            form_error.set((!blames_a_field).then_some(error));
        }
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = texts_in(i18n);
        let (current_value, new_value) = (current.get_untracked(), new.get_untracked());
        current_error.set(Password::check(&current_value).err().map(|_| t.current_required.to_owned()));
        new_error.set(t.new_password_error(&current_value, &new_value));
        confirm_error.set((confirm.get_untracked() != new_value).then(|| t.mismatch.to_owned()));
        form_error.set(None);
        changed.set(false);
        let ok = [current_error, new_error, confirm_error].iter().all(|e| e.with_untracked(Option::is_none));
        if ok {
            change.dispatch(PasswordChange { current_password: current_value, new_password: new_value });
        }
    };

    let pending = change.pending();
    let title = Signal::derive(move || texts().change_password.to_owned());
    let kind = Signal::derive(move || if show.get() { "text" } else { "password" });
    view! {
        <PageFrame title back_to=Some(routes::me().into())>
            <form class="card compose" on:submit=on_submit novalidate>
                <p class="muted">{move || texts().password_intro}</p>
                <TextField
                    id="current_password"
                    label=Signal::derive(move || texts().current_password)
                    value=current
                    error=current_error.into()
                    autocomplete="current-password"
                    type_override=kind
                    max_length=Password::MAX_CHARS
                >
                    <button
                        type="button"
                        class="field__reveal"
                        aria-pressed=move || if show.get() { "true" } else { "false" }
                        aria-label=move || if show.get() { texts().hide_passwords } else { texts().show_passwords }
                        on:click=move |_| show.update(|shown| *shown = !*shown)
                    >
                        {move || {
                            let icon = if show.get() { IconName::EyeOff } else { IconName::Eye };
                            view! { <Icon name=icon /> }
                        }}
                    </button>
                </TextField>
                <TextField
                    id="new_password"
                    label=Signal::derive(move || texts().new_password)
                    value=new
                    error=new_error.into()
                    autocomplete="new-password"
                    placeholder=Signal::derive(move || texts().new_password_hint)
                    type_override=kind
                    max_length=Password::MAX_CHARS
                />
                <TextField
                    id="confirm_password"
                    label=Signal::derive(move || texts().confirm_password)
                    value=confirm
                    error=confirm_error.into()
                    autocomplete="new-password"
                    type_override=kind
                    max_length=Password::MAX_CHARS
                />
                <Show when=move || changed.get()>
                    <p class="banner banner--ok" role="status">{move || texts().password_changed}</p>
                </Show>
                <Show when=move || form_error.with(Option::is_some)>
                    <p class="banner banner--error" role="alert">
                        {move || form_error.get().map(|e| e.message(i18n.t()))}
                    </p>
                </Show>
                <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                    {move || if pending.get() { texts().saving_password } else { texts().save_password }}
                </button>
            </form>
        </PageFrame>
    }
}
