//! 许个心愿: the form, kept on the phone as it is typed (by the resident, or by a head in a
//! 代办 session for them), checked here and again by the server.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};
use linli_api_types::{WishDraft, WISH_TEXT_MAX_CHARS, WISH_TITLE_MAX_CHARS};

use super::api;
use super::draft::{self, Draft};
use super::frame::Frame;
use super::texts::{texts, texts_in};
use crate::api::use_api;
use crate::components::{ActionError, FormErrors, LimitedTextField, TextArea};
use crate::i18n::use_i18n;
use crate::routes;
use crate::session::use_session;

const FIELDS: &[&str] = &["title", "text", "photo_id"];

#[component]
pub fn PostPage() -> impl IntoView {
    view! {
        <Frame title=|t| t.post_title back=routes::wishes()>
            <WishForm />
        </Frame>
    }
}

#[component]
fn WishForm() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let user = use_session().me().map(|me| me.id).unwrap_or_default();
    let saved = draft::load(user);
    let restored = saved.is_some();
    let start = saved.unwrap_or_default();
    let title = RwSignal::new(start.title);
    let text = RwSignal::new(start.text);
    let key = StoredValue::new(start.key);
    let errors = FormErrors::new(FIELDS);

    let current = move || Draft { title: title.get(), text: text.get(), key: key.get_value() };
    // The first run would store what was loaded; only what the user changes is worth keeping.
    Effect::new(move |first: Option<()>| {
        let draft = current();
        if first.is_some() {
            draft::save(user, &draft);
        }
    });

    let send = Action::new_local(move |body: &WishDraft| api::post(api, body.clone(), key.get_value()));
    Effect::new(move |_| match send.value().get() {
        Some(Ok(wish)) => {
            draft::discard(user);
            navigate(&routes::wish(wish.summary.id), NavigateOptions { replace: true, ..Default::default() });
        }
        Some(Err(error)) => errors.show(error),
        None => {}
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = texts_in(i18n);
        let check = |value: &str, max: usize, required: bool| {
            let n = value.trim().chars().count();
            if n == 0 && required {
                Some(t.required.to_owned())
            } else if n > max {
                Some((t.too_long)(max))
            } else {
                None
            }
        };
        errors.at("title").set(check(&title.get_untracked(), WISH_TITLE_MAX_CHARS, true));
        errors.at("text").set(check(&text.get_untracked(), WISH_TEXT_MAX_CHARS, false));
        errors.form.set(None);
        if errors.fields_clear() {
            send.dispatch(WishDraft {
                title: title.get_untracked().trim().to_owned(),
                text: text.get_untracked().trim().to_owned(),
                photo_id: None,
            });
        }
    };
    let pending = send.pending();
    let err = move |name: &'static str| -> Signal<Option<String>> { errors.at(name).into() };
    view! {
        <form class="card compose" on:submit=on_submit novalidate>
            {restored.then(|| view! { <p class="banner banner--info" role="status">{move || texts().draft_restored}</p> })}
            <LimitedTextField id="title" label=Signal::derive(move || texts().field_title) value=title error=err("title")
                max_chars=WISH_TITLE_MAX_CHARS hint=Signal::derive(move || Some(texts().field_title_hint.to_owned())) />
            <TextArea id="text" label=Signal::derive(move || texts().field_text) value=text error=err("text")
                max_chars=WISH_TEXT_MAX_CHARS rows=4 />
            <p class="field__hint">{move || texts().post_note}</p>
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || if pending.get() { texts().posting } else { texts().post }}
            </button>
            <ActionError message=Signal::derive(move || errors.form.with(|e| e.as_ref().map(|e| e.message(i18n.t())))) />
        </form>
    }
}
