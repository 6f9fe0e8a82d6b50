//! 忘记密码 (no session): the phone, the reset code a head or staff member gave, a new password.
//! After it, every device of the account is signed out; the page says so and leads to sign-in.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{NewPassword, Password, PasswordReset, PasswordResetDone, Phone, RESET_CODE_DIGITS};

use super::texts::texts;
use crate::api::{use_api, ApiError};
use crate::components::{PageFrame, Parent, TextField};
use crate::i18n::use_i18n;
use crate::routes;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let phone_error = RwSignal::new(None::<String>);
    let code_error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let reset = Action::new_local(move |request: &PasswordReset| {
        let request = request.clone();
        async move { api.post_single_try::<_, PasswordResetDone>("/password-resets", &request).await }
    });
    Effect::new(move |_| match reset.value().get() {
        Some(Ok(_)) => {
            code.set(String::new());
            password.set(String::new());
            done.set(true);
        }
        Some(Err(error)) => {
            phone_error.set(error.field("phone"));
            code_error.set(error.field("code"));
            password_error.set(error.field("new_password"));
            let blames_a_field = [phone_error, code_error, password_error].iter().any(|e| e.with_untracked(Option::is_some));
            form_error.set((!blames_a_field).then_some(error));
        }
        None => {}
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = texts();
        let (p, c, n) = (phone.get_untracked(), code.get_untracked(), password.get_untracked());
        let digits: String = c.chars().filter(|ch| !ch.is_whitespace()).collect();
        phone_error.set(Phone::parse(&p).err().map(|_| t.phone_invalid.to_owned()));
        code_error.set(
            (digits.len() != RESET_CODE_DIGITS || !digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.forgot_code_hint.to_owned()),
        );
        password_error.set(NewPassword::check(&n).err().map(|_| t.password_hint.to_owned()));
        form_error.set(None);
        if [phone_error, code_error, password_error].iter().all(|e| e.with_untracked(Option::is_none)) {
            reset.dispatch(PasswordReset { phone: p, code: digits, new_password: n });
        }
    };
    let pending = reset.pending();
    let title = Signal::derive(move || texts().forgot_title.to_owned());
    view! {
        <PageFrame title back_to=Some(Parent::Page(routes::sign_in()))>
            <Show
                when=move || !done.get()
                fallback=move || view! {
                    <section class="card">
                        <p class="banner banner--ok" role="status">{move || texts().forgot_done}</p>
                        <A href=routes::sign_in() attr:class="button button--primary button--block">{move || texts().to_sign_in}</A>
                    </section>
                }
            >
                <form class="card compose" on:submit=on_submit novalidate>
                    <p class="muted">{move || texts().forgot_intro}</p>
                    <TextField id="reset_phone" label=Signal::derive(move || texts().forgot_phone) value=phone
                        error=phone_error.into() input_type="tel" input_mode="numeric" autocomplete="tel" max_length=20 />
                    <TextField id="reset_code" label=Signal::derive(move || texts().forgot_code) value=code
                        error=code_error.into() input_mode="numeric" autocomplete="one-time-code"
                        placeholder=Signal::derive(move || texts().forgot_code_hint) max_length=12 />
                    <TextField id="reset_password" label=Signal::derive(move || texts().forgot_new) value=password
                        error=password_error.into() input_type="password" autocomplete="new-password"
                        placeholder=Signal::derive(move || texts().password_hint) max_length=Password::MAX_CHARS />
                    <Show when=move || form_error.with(Option::is_some)>
                        <p class="banner banner--error" role="alert">{move || form_error.get().map(|e| e.message(i18n.t()))}</p>
                    </Show>
                    <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                        {move || texts().forgot_submit}
                    </button>
                </form>
            </Show>
        </PageFrame>
    }
}
