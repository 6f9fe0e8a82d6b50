use leptos::prelude::*;

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

/// A labelled multi-line text box with a character count and its error beneath.
#[component]
pub fn TextArea(
    id: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    max_chars: usize,
    #[prop(default = 8)] rows: u32,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let error_id = format!("{id}-error");
    let count_id = format!("{id}-count");
    let described_by = format!("{count_id} {error_id}");
    let count = move || value.with(|v| v.chars().count());
    let count_class = move || if count() > max_chars { "field__count field__count--over" } else { "field__count" };
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id>{label}</label>
            <textarea
                id=id
                name=id
                class="field__input field__input--multiline"
                rows=rows
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described_by
                bind:value=value
            ></textarea>
            <p class=count_class id=count_id>
                {move || (i18n.t().char_count)(count(), max_chars)}
            </p>
            <p class="field__error" id=error_id role="alert">{move || error.get()}</p>
        </div>
    }
}
