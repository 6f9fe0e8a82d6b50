use leptos::{html, prelude::*};

use super::char_limit::{CharCount, CharLimit};

/// A labelled text input with its error message beneath it, tied together for screen readers.
/// The value lives in the caller's signal, so nothing typed is lost when the form re-renders.
#[component]
pub fn TextField(
    id: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] input_mode: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional, into)] placeholder: Signal<&'static str>,
    #[prop(optional, into)] type_override: Option<Signal<&'static str>>,
    #[prop(default = 200)] max_length: usize,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = error_id.clone();
    let kind = move || type_override.map(|t| t.get()).unwrap_or(input_type);
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id>{label}</label>
            <div class="field__control">
                <input
                    id=id
                    name=id
                    class="field__input"
                    type=kind
                    inputmode=(!input_mode.is_empty()).then_some(input_mode)
                    autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                    placeholder=placeholder
                    maxlength=max_length
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=move || error.with(Option::is_some).then(|| described_by.clone())
                    bind:value=value
                />
                {children.map(|c| c())}
            </div>
            <p class="field__error" id=error_id role="alert">
                {move || error.get()}
            </p>
        </div>
    }
}

/// A labelled multi-line text box with a live character count and its error beneath; the
/// count warns as the limit nears and nothing more goes in at the limit.
#[component]
pub fn TextArea(
    id: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    max_chars: usize,
    #[prop(default = 8)] rows: u32,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let count_id = format!("{id}-count");
    let described_by = format!("{count_id} {error_id}");
    let limit = CharLimit::new(value, max_chars);
    let node = NodeRef::<html::Textarea>::new();
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id>{label}</label>
            <textarea
                node_ref=node
                id=id
                name=id
                class="field__input field__input--multiline"
                rows=rows
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |_| if let Some(el) = node.get() { limit.input(&el) }
                on:compositionstart=move |_| limit.composition_start()
                on:compositionend=move |_| if let Some(el) = node.get() { limit.composition_end(&el) }
            ></textarea>
            <CharCount limit id=count_id />
            <p class="field__error" id=error_id role="alert">{move || error.get()}</p>
        </div>
    }
}

/// A one-line [`TextField`] with a character limit the user sees while typing (an address, a
/// title): the count and the stop at the limit of [`TextArea`], and an optional hint.
#[component]
pub fn LimitedTextField(
    id: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    max_chars: usize,
    #[prop(optional)] autocomplete: &'static str,
    /// A line under the box (what an empty box means, say); none while it returns `None`.
    #[prop(optional, into)]
    hint: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let count_id = format!("{id}-count");
    let hint_id = format!("{id}-hint");
    let described_by = format!("{hint_id} {count_id} {error_id}");
    let limit = CharLimit::new(value, max_chars);
    let node = NodeRef::<html::Input>::new();
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id>{label}</label>
            <input
                node_ref=node
                id=id
                name=id
                class="field__input"
                type="text"
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |_| if let Some(el) = node.get() { limit.input(&el) }
                on:compositionstart=move |_| limit.composition_start()
                on:compositionend=move |_| if let Some(el) = node.get() { limit.composition_end(&el) }
            />
            <p class="field__hint" id=hint_id>{move || hint.and_then(|h| h.get())}</p>
            <CharCount limit id=count_id />
            <p class="field__error" id=error_id role="alert">{move || error.get()}</p>
        </div>
    }
}
