use chrono::Utc;
use leptos::prelude::*;

use crate::i18n::{time, use_i18n};

/// A labelled date (or date and time) input, with what it holds written out beneath in the
/// reader's language: "12月6日 周日 上午9:00" / "Sun 6 Dec, 9:00". The browser draws the input
/// itself in the phone's language and format ("12/06/2026, 09:00 AM"), which the app cannot
/// change; the line beneath is what the app says it will use.
#[component]
pub fn DateField(
    id: &'static str,
    label: Signal<&'static str>,
    /// The input's own value: `2026-12-06`, or `2026-12-06T09:00` with `with_time`.
    value: RwSignal<String>,
    #[prop(optional)] error: Signal<Option<String>>,
    /// A `datetime-local` input rather than a `date` one.
    #[prop(optional)]
    with_time: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let (echo_id, error_id) = (format!("{id}-echo"), format!("{id}-error"));
    let described_by = format!("{echo_id} {error_id}");
    let echo = move || value.with(|v| time::input_echo(i18n.locale(), v, Utc::now()));
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id>{label}</label>
            <input
                id=id
                name=id
                class="field__input"
                type=if with_time { "datetime-local" } else { "date" }
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described_by
                bind:value=value
            />
            <p class="field__echo" id=echo_id>{echo}</p>
            <p class="field__error" id=error_id role="alert">{move || error.get()}</p>
        </div>
    }
}
