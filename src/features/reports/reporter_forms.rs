//! The reporter's answers on a resolved report: 已解决, or 没解决 with what is still wrong
//! (back to its handler with fresh deadlines); then 满意度 1–5 stars, once. And a
//! neighbour's 我也遇到了.

use leptos::prelude::*;
use linli_api_types::{ReportFollowUp, ReportRating, ReportView, REPORT_REPLY_MAX_CHARS};

use super::api::Step;
use super::steps::Steps;
use super::texts::{texts, ReportsTexts};
use crate::components::{ActionError, TextArea};
use crate::i18n::use_i18n;

#[component]
pub fn ReporterForms(report: RwSignal<ReportView>, steps: Steps) -> impl IntoView {
    let follow_up = move || report.with(|r| r.actions.follow_up);
    let rate = move || report.with(|r| r.actions.rate);
    view! {
        <Show when=follow_up>
            <FollowUpForm steps />
        </Show>
        <Show when=rate>
            <RateForm steps />
        </Show>
    }
}

#[component]
fn FollowUpForm(steps: Steps) -> impl IntoView {
    let i18n = use_i18n();
    let reopening = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let own_error = RwSignal::new(None::<String>);
    let note_error = Signal::derive(move || own_error.get().or_else(|| steps.failed("follow-up").and_then(|e| e.field("note"))));
    let sending = steps.sending("follow-up");
    let solved = move |_| steps.send(Step::FollowUp(ReportFollowUp { solved: true, note: String::new() }));
    let not_solved = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = note.get_untracked().trim().to_owned();
        if text.is_empty() {
            own_error.set(Some(ReportsTexts::of(i18n.locale_untracked()).note_required.to_owned()));
            return;
        }
        own_error.set(None);
        steps.send(Step::FollowUp(ReportFollowUp { solved: false, note: text }));
    };
    view! {
        <section class="card" aria-labelledby="follow-up-heading">
            <h2 class="card__title" id="follow-up-heading">{move || texts().follow_up_heading}</h2>
            <div class="button-row">
                <button type="button" class="button button--primary" data-step="solved" disabled=move || steps.pending.get() on:click=solved>
                    {move || texts().solved}
                </button>
                <button type="button" class="button button--ghost" aria-expanded=move || reopening.get().to_string()
                    on:click=move |_| reopening.update(|o| *o = !*o)>
                    {move || texts().not_solved}
                </button>
            </div>
            <Show when=move || reopening.get()>
                <form class="step-form" on:submit=not_solved novalidate>
                    <TextArea id="follow-up-note" label=Signal::derive(move || texts().not_solved_note) value=note
                        error=note_error max_chars=REPORT_REPLY_MAX_CHARS rows=3 />
                    <button type="submit" class="button button--primary button--block" disabled=move || steps.pending.get()>
                        {move || if sending.get() { texts().working } else { texts().send_not_solved }}
                    </button>
                </form>
            </Show>
            <ActionError message=steps.message("follow-up", &["note"]) />
        </section>
    }
}

/// 1–5 big stars (a radio group), once.
#[component]
fn RateForm(steps: Steps) -> impl IntoView {
    let i18n = use_i18n();
    let stars = RwSignal::new(0u8);
    let stars_error = RwSignal::new(None::<String>);
    let sending = steps.sending("rating");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = stars.get_untracked();
        if n == 0 {
            stars_error.set(Some(ReportsTexts::of(i18n.locale_untracked()).stars_required.to_owned()));
            return;
        }
        stars_error.set(None);
        steps.send(Step::Rate(ReportRating { stars: n }));
    };
    view! {
        <form class="card rate-form" on:submit=submit novalidate aria-labelledby="rate-heading">
            <h2 class="card__title" id="rate-heading">{move || texts().rate_heading}</h2>
            <fieldset class="stars" aria-describedby="stars-error">
                <legend class="field__label">{move || texts().stars_legend}</legend>
                <div class="stars__row">
                    {(1u8..=5).map(|n| view! {
                        <label class="star" class:star--on={move || stars.get() >= n}>
                            <input type="radio" name="stars" value=n.to_string()
                                prop:checked=move || stars.get() == n
                                on:change=move |_| { stars.set(n); stars_error.set(None); } />
                            <span class="star__glyph" aria-hidden="true">"★"</span>
                            <span class="visually-hidden">{move || texts().star_names[usize::from(n - 1)]}</span>
                        </label>
                    }).collect_view()}
                </div>
                <p class="stars__words" aria-hidden="true">
                    {move || match stars.get() { 0 => String::new(), n => texts().star_names[usize::from(n - 1)].to_owned() }}
                </p>
                <p class="field__error" id="stars-error" role="alert">
                    {move || stars_error.get().or_else(|| steps.failed("rating").and_then(|e| e.field("stars")))}
                </p>
            </fieldset>
            <button type="submit" class="button button--primary button--block" data-step="rate" disabled=move || steps.pending.get()>
                {move || if sending.get() { texts().working } else { texts().submit_rating }}
            </button>
            <ActionError message=steps.message("rating", &["stars"]) />
        </form>
    }
}

/// 我也遇到了 on a neighbour's open report.
#[component]
pub fn MeToo(report: RwSignal<ReportView>, steps: Steps) -> impl IntoView {
    let can = move || report.with(|r| r.actions.support);
    let sending = steps.sending("support");
    view! {
        <Show when=can>
            <section class="card">
                <button type="button" class="button button--primary button--block" disabled=move || steps.pending.get()
                    on:click=move |_| steps.send(Step::Support)>
                    {move || if sending.get() { texts().working } else { texts().me_too }}
                </button>
                <ActionError message=steps.message("support", &[]) />
            </section>
        </Show>
    }
}
