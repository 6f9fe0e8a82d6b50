//! 消息推送 (staff): the community's webhook — the address of its WeChat official account's or
//! SMS gateway's receiver, on or off — its signing secret (shown once, when made or rotated),
//! a test delivery, and what is waiting or failed, with 重试 for each failed delivery.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use linli_api_types::{WebhookSettings, WebhookUpdate, WEBHOOK_URL_MAX_CHARS};

use super::api::{self, Saved};
use super::dead_letters::DeadLetters;
use super::frame::{Frame, LoadError, Skeleton};
use super::texts::{texts, texts_in};
use crate::api::{use_api, IdempotencyKey};
use crate::components::{ActionError, ConfirmDialog, FormErrors};
use crate::i18n::use_i18n;
use crate::routes;

#[component]
pub fn WebhookPage() -> impl IntoView {
    let api = use_api();
    let loaded = LocalResource::new(move || api::webhook(api));
    view! {
        <Frame title=|t| t.webhook_title back=routes::me()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(settings) => view! { <Webhook settings /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

/// What the page checks before sending; the server checks again (and refuses plain http:// to
/// anything but this machine).
fn url_problem(url: &str) -> Option<fn(&super::texts::MessageTexts) -> String> {
    let url = url.trim();
    if url.is_empty() {
        Some(|t| t.url_required.to_owned())
    } else if url.chars().count() > WEBHOOK_URL_MAX_CHARS {
        Some(|t| (t.too_long)(WEBHOOK_URL_MAX_CHARS))
    } else if !(url.starts_with("https://") || url.starts_with("http://")) {
        Some(|t| t.url_scheme.to_owned())
    } else {
        None
    }
}

#[component]
fn Webhook(settings: WebhookSettings) -> impl IntoView {
    let api = use_api();
    let settings = RwSignal::new(settings);
    // The secret just made, shown until the page is left.
    let secret = RwSignal::new(None::<String>);
    // The figures and the hint after anything that changes them.
    let reload = Callback::new(move |_| {
        leptos::task::spawn_local(async move {
            if let Ok(fresh) = api::webhook(api).await {
                let _ = settings.try_set(fresh);
            }
        });
    });
    view! {
        <p class="muted compose-intro">{move || texts().webhook_intro}</p>
        <Receiver settings secret reload />
        <Secret settings secret reload />
        <Queue settings reload />
        <DeadLetters reload />
    }
}

#[component]
fn Receiver(settings: RwSignal<WebhookSettings>, secret: RwSignal<Option<String>>, reload: Callback<()>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let (url, enabled) = settings.with_untracked(|s| (s.url.clone(), s.enabled || s.url.is_none()));
    let url = RwSignal::new(url.unwrap_or_default());
    let enabled = RwSignal::new(enabled);
    let errors = FormErrors::new(&["url"]);
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |update: &WebhookUpdate| {
        let update = update.clone();
        async move { api::save_webhook(api, &update, &IdempotencyKey::new()).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(answer)) => {
            match answer {
                // Made just now: the secret, and the settings with its hint fetched after.
                Saved::Created(made) => {
                    secret.set(Some(made.secret));
                    reload.run(());
                }
                Saved::Updated(now) => settings.set(now),
            }
            saved.set(true);
        }
        Some(Err(error)) => errors.show(error),
        None => {}
    });
    let pending = save.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let t = texts_in(i18n);
        let problem = url_problem(&url.get_untracked()).map(|words| words(t));
        errors.at("url").set(problem);
        errors.form.set(None);
        if errors.fields_clear() {
            save.dispatch(WebhookUpdate { url: url.get_untracked().trim().to_owned(), enabled: enabled.get_untracked() });
        }
    };
    let error = errors.at("url");
    view! {
        <form class="card webhook-form" on:submit=submit novalidate aria-labelledby="webhook-heading">
            <h2 class="card__title" id="webhook-heading">{move || texts().webhook_heading}</h2>
            <div class="field" class:field--invalid=move || error.with(Option::is_some)>
                <label class="field__label" for="url">{move || texts().url_label}</label>
                <input id="url" name="url" class="field__input" type="url" inputmode="url" autocomplete="off"
                    spellcheck="false" maxlength=WEBHOOK_URL_MAX_CHARS placeholder="https://" bind:value=url
                    aria-invalid=move || error.with(Option::is_some).to_string() aria-describedby="url-hint url-error" />
                <p class="field__hint" id="url-hint">{move || texts().url_hint}</p>
                <p class="field__error" id="url-error" role="alert">{move || error.get()}</p>
            </div>
            <label class="check">
                <input type="checkbox" role="switch" id="webhook_enabled" prop:checked=move || enabled.get()
                    on:change=move |ev| enabled.set(event_target_checked(&ev)) />
                <span>{move || texts().enabled_label}</span>
            </label>
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || if pending.get() { texts().saving } else { texts().save_webhook }}
            </button>
            <Show when=move || saved.get()>
                <p class="banner banner--ok" role="status">{move || texts().webhook_saved}</p>
            </Show>
            <ActionError message=Signal::derive(move || errors.form.get().map(|e| e.message(i18n.t()))) />
        </form>
    }
}

/// The signing secret: its last characters, the new one once (to copy), and rotating it.
#[component]
fn Secret(settings: RwSignal<WebhookSettings>, secret: RwSignal<Option<String>>, reload: Callback<()>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let rotate = Action::new_local(move |_: &()| async move { api::rotate_secret(api, &IdempotencyKey::new()).await });
    Effect::new(move |_| {
        if let Some(Ok(made)) = rotate.value().get() {
            secret.set(Some(made.secret));
            reload.run(());
        }
    });
    let pending = rotate.pending();
    let has_secret = move || settings.with(|s| s.secret_hint.is_some()) || secret.with(Option::is_some);
    // Selecting it all on focus: on a phone, copying starts with a long press on what is selected.
    let select = |ev: leptos::ev::FocusEvent| {
        if let Some(input) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
            input.select();
        }
    };
    view! {
        <section class="card" aria-labelledby="secret-heading">
            <h2 class="card__title" id="secret-heading">{move || texts().secret_heading}</h2>
            {move || secret.get().map(|made| view! {
                <div class="field secret">
                    <label class="field__label" for="secret">{move || texts().secret_new}</label>
                    <input id="secret" class="field__input secret__value" type="text" readonly value=made
                        aria-describedby="secret-once" on:focus=select />
                    <p class="banner banner--info" id="secret-once" role="status">{move || texts().secret_once}</p>
                </div>
            })}
            <p class="muted webhook-hint">
                {move || match settings.with(|s| s.secret_hint.clone()) {
                    Some(hint) => (texts().secret_ends)(&hint),
                    None => texts().secret_none.to_owned(),
                }}
            </p>
            <Show when=has_secret>
                <button type="button" class="button button--ghost button--block" aria-haspopup="dialog"
                    disabled=move || pending.get() on:click=move |_| asking.set(true)>
                    {move || if pending.get() { texts().working } else { texts().rotate }}
                </button>
            </Show>
            <ActionError message=Signal::derive(move || rotate.value().get().and_then(Result::err).map(|e| e.message(i18n.t()))) />
            <ConfirmDialog
                open=asking
                id="rotate-secret"
                question=Signal::derive(move || texts().rotate_ask.to_owned())
                detail=Signal::derive(move || texts().rotate_detail.to_owned())
                confirm=Signal::derive(move || texts().rotate.to_owned())
                cancel=Signal::derive(move || texts().keep.to_owned())
                on_confirm=Callback::new(move |_| {
                    rotate.dispatch(());
                })
            />
        </section>
    }
}

/// What is waiting and what failed, and a test delivery to see the receiver answer.
#[component]
fn Queue(settings: RwSignal<WebhookSettings>, reload: Callback<()>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let test = Action::new_local(move |_: &()| async move { api::send_test(api, &IdempotencyKey::new()).await });
    Effect::new(move |_| {
        if let Some(Ok(_)) = test.value().get() {
            reload.run(());
        }
    });
    let pending = test.pending();
    let can_test = move || settings.with(|s| s.url.is_some() && s.enabled);
    view! {
        <section class="card" aria-labelledby="queue-heading">
            <h2 class="card__title" id="queue-heading">{move || texts().queue_heading}</h2>
            <ul class="chips webhook-figures">
                <li class="chip">{move || (texts().pending)(settings.with(|s| s.pending))}</li>
                <li class="chip">{move || (texts().dead)(settings.with(|s| s.dead))}</li>
            </ul>
            <button type="button" class="button button--ghost button--block"
                disabled=move || pending.get() || !can_test() on:click=move |_| { test.dispatch(()); }>
                {move || if pending.get() { texts().working } else { texts().send_test }}
            </button>
            <Show when=move || matches!(test.value().get(), Some(Ok(_)))>
                <p class="banner banner--ok" role="status">{move || texts().test_queued}</p>
            </Show>
            <ActionError message=Signal::derive(move || test.value().get().and_then(Result::err).map(|e| e.message(i18n.t()))) />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::url_problem;

    #[test]
    fn the_address_must_be_a_web_address_of_bounded_length() {
        assert!(url_problem("https://mp.example.cn/linli").is_none());
        assert!(url_problem("http://127.0.0.1:9000/hook").is_none());
        assert!(url_problem("  ").is_some());
        assert!(url_problem("ftp://example.cn").is_some());
        assert!(url_problem(&format!("https://{}", "a".repeat(500))).is_some());
    }
}
