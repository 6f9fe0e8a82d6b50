use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};
use linli_api_types::{InvalidValue, Password, Phone, SessionGrant, SignInRequest};

use crate::api::{use_api, ApiError};
use crate::components::{use_document_title, Icon, IconName, TextField};
use crate::i18n::{use_i18n, Locale};
use super::text_size::TextSizeChips;
use crate::routes::safe_next;
use crate::session::{use_session, Farewell};

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    use_document_title(move || i18n.t().sign_in_title.to_owned());

    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let show_password = RwSignal::new(false);
    let phone_error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<ApiError>);

    // Once signed in (now, or already when the page opened) go where the user was headed.
    let query = use_query_map();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.is_signed_in() {
            let next = safe_next(query.get_untracked().get("next"));
            navigate(&next, NavigateOptions { replace: true, ..Default::default() });
        }
    });

    let sign_in = Action::new_local(move |request: &SignInRequest| {
        let request = request.clone();
        async move { api.post_single_try::<_, SessionGrant>("/sessions", &request).await }
    });
    Effect::new(move |_| match sign_in.value().get() {
        Some(Ok(grant)) => session.begin(grant),
        Some(Err(error)) => {
            phone_error.set(error.field("phone"));
            password_error.set(error.field("password"));
            let blames_a_field = phone_error.with_untracked(Option::is_some)
                || password_error.with_untracked(Option::is_some);
            form_error.set((!blames_a_field).then_some(error));
        }
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = i18n.t();
        let phone_check = Phone::parse(&phone.get_untracked());
        phone_error.set(phone_check.as_ref().err().map(|e| match e {
            InvalidValue::Empty => t.phone_required.to_owned(),
            _ => t.phone_bad_format.to_owned(),
        }));
        let password_check = Password::check(&password.get_untracked());
        password_error.set(password_check.err().map(|_| t.password_required.to_owned()));
        form_error.set(None);
        if let (Ok(phone), None) = (phone_check, password_error.get_untracked()) {
            sign_in.dispatch(SignInRequest {
                phone: phone.as_str().to_owned(),
                password: password.get_untracked(),
            });
        }
    };

    let pending = sign_in.pending();
    view! {
        <main id="main" class="sign-in">
            <header class="sign-in__hero">
                <SignInTopBar />
                <div class="brand-mark" aria-hidden="true">"邻"</div>
                <h1 class="sign-in__title">{move || i18n.t().sign_in_welcome}</h1>
                <p class="sign-in__subtitle">{move || i18n.t().sign_in_subtitle}</p>
            </header>
            <Show when=move || session.farewell().is_some()>
                <p class="banner banner--info" role="status">
                    {move || match session.farewell() {
                        Some(Farewell::SessionExpired) => i18n.t().session_expired,
                        _ => i18n.t().signed_out,
                    }}
                </p>
            </Show>
            <form class="card sign-in__form" on:submit=on_submit novalidate>
                <TextField
                    id="phone"
                    label=Signal::derive(move || i18n.t().phone_label)
                    value=phone
                    error=phone_error.into()
                    input_type="tel"
                    input_mode="numeric"
                    autocomplete="username"
                    placeholder=Signal::derive(move || i18n.t().phone_placeholder)
                    max_length=20
                />
                <TextField
                    id="password"
                    label=Signal::derive(move || i18n.t().password_label)
                    value=password
                    error=password_error.into()
                    autocomplete="current-password"
                    placeholder=Signal::derive(move || i18n.t().password_placeholder)
                    type_override=Signal::derive(move || if show_password.get() { "text" } else { "password" })
                    max_length=128
                >
                    <button
                        type="button"
                        class="field__reveal"
                        aria-pressed=move || if show_password.get() { "true" } else { "false" }
                        aria-label=move || if show_password.get() { i18n.t().hide_password } else { i18n.t().show_password }
                        on:click=move |_| show_password.update(|shown| *shown = !*shown)
                    >
                        {move || {
                            let icon = if show_password.get() { IconName::EyeOff } else { IconName::Eye };
                            view! { <Icon name=icon /> }
                        }}
                    </button>
                </TextField>
                <Show when=move || form_error.with(Option::is_some)>
                    <p class="banner banner--error" role="alert">
                        {move || form_error.get().map(|e| e.message(i18n.t()))}
                    </p>
                </Show>
                <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t().signing_in } else { i18n.t().sign_in_button }}
                </button>
            </form>
            <p class="sign-in__help">{move || i18n.t().sign_in_help}</p>
            <p class="sign-in__sign-up">
                {move || if i18n.locale() == Locale::Zh { "还没有账号？" } else { "No account yet? " }}
                <A href=crate::routes::sign_up()>{move || if i18n.locale() == Locale::Zh { "注册" } else { "Sign up" }}</A>
            </p>
            <p class="sign-in__forgot">
                <A href=crate::routes::forgot_password()>{move || super::texts::texts().forgot_password}</A>
            </p>
        </main>
    }
}

/// Language and text size are reachable before signing in: the person holding the phone may
/// need them to read the form at all.
#[component]
fn SignInTopBar() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="sign-in__tools">
            <button
                type="button"
                class="chip-button"
                lang=move || if i18n.locale() == Locale::Zh { "en" } else { "zh-CN" }
                on:click=move |_| {
                    i18n.set_locale(if i18n.locale() == Locale::Zh { Locale::En } else { Locale::Zh })
                }
            >
                {move || if i18n.locale() == Locale::Zh { "English" } else { "中文" }}
            </button>
            <TextSizeChips />
        </div>
    }
}
