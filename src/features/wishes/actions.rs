//! The buttons of the steps the signed-in person may take on a wish now, and their forms: a
//! head publishes or declines with a reason; a volunteer claims; the claimer gives it back
//! (confirmed) or says it is done with a note; the resident thanks, or withdraws (confirmed).
//! A step that fails says why right under its own button.

use leptos::prelude::*;
use linli_api_types::{WishActions, WishView, WISH_DECLINE_REASON_MAX_CHARS, WISH_NOTE_MAX_CHARS};

use super::api::Step;
use super::steps::Steps;
use super::texts::{texts, texts_in, WishTexts};
use crate::components::{ActionError, ConfirmDialog, TextArea};
use crate::i18n::use_i18n;

/// The fields the step forms show their errors at.
const FIELDS: &[&str] = &["reason", "note"];

/// Why step `name` failed, for the line under its button: unless a field of its form says it.
fn step_message(steps: Steps, name: &'static str) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        steps.failed(name).filter(|e| !FIELDS.iter().any(|f| e.field(f).is_some())).map(|e| e.message(i18n.t()))
    })
}

fn offered(actions: &WishActions, name: &str) -> bool {
    match name {
        "publish" | "decline" => actions.review,
        "claim" => actions.claim,
        "release" => actions.release,
        "fulfil" => actions.fulfil,
        "thank" => actions.thank,
        "withdraw" => actions.withdraw,
        _ => false,
    }
}

#[component]
pub fn Actions(wish: RwSignal<WishView>, steps: Steps) -> impl IntoView {
    let i18n = use_i18n();
    let actions = Memo::new(move |_| wish.with(|w| w.actions.clone()));
    let points = move || wish.with(|w| w.summary.points);
    let any = move || {
        let a = actions.get();
        a.review || a.claim || a.release || a.fulfil || a.thank || a.withdraw
    };
    // The wish changed under a step and its button went with the refresh: the reason stays.
    let orphan = Signal::derive(move || {
        let name = steps.last.get()?;
        if actions.with(|a| offered(a, name)) {
            return None;
        }
        steps.failed(name).map(|e| e.message(i18n.t()))
    });
    view! {
        <ActionError message=orphan />
        <Show when=any>
            <section class="card actions" aria-busy=move || steps.pending.get().to_string()>
                <Show when=move || actions.get().review>
                    <p class="field__hint">{move || texts().review_note}</p>
                    <StepButton steps step=Step::Publish label=|t| t.publish primary=true />
                    <Reveal label=|t| t.decline>
                        <NoteForm steps id="decline-reason" label=|t| t.decline_reason button=|t| t.decline
                            max=WISH_DECLINE_REASON_MAX_CHARS required=true make=Step::Decline field="reason" name="decline" />
                    </Reveal>
                </Show>
                <Show when=move || actions.get().claim>
                    <p class="field__hint">{move || texts().claim_hint}</p>
                    <StepButton steps step=Step::Claim label=|t| t.claim primary=true />
                </Show>
                <Show when=move || actions.get().fulfil>
                    <NoteForm steps id="fulfil-note" label=|t| t.fulfil_note button=|t| t.fulfil
                        max=WISH_NOTE_MAX_CHARS required=true make=Step::Fulfil field="note" name="fulfil" />
                </Show>
                <Show when=move || actions.get().thank>
                    <p class="field__hint">{move || (texts().thank_detail)(points())}</p>
                    <NoteForm steps id="thanks-note" label=|t| t.thank_note button=|t| t.thank
                        max=WISH_NOTE_MAX_CHARS required=false make=Step::Thank field="note" name="thank" />
                </Show>
                <Show when=move || actions.get().release>
                    <ConfirmedStep steps id="release-confirm" step=Step::Release label=|t| t.release
                        question=|t| t.release_ask detail=|t| t.release_detail />
                </Show>
                <Show when=move || actions.get().withdraw>
                    <ConfirmedStep steps id="withdraw-confirm" step=Step::Withdraw label=|t| t.withdraw
                        question=|t| t.withdraw_ask detail=|t| t.withdraw_detail />
                </Show>
            </section>
        </Show>
    }
}

/// A step with nothing to fill in.
#[component]
fn StepButton(steps: Steps, step: Step, label: fn(&WishTexts) -> &'static str, #[prop(optional)] primary: bool) -> impl IntoView {
    let pending = steps.pending;
    let name = step.name();
    let mine = move || pending.get() && steps.last.get() == Some(name);
    let class = if primary { "button button--primary button--block" } else { "button button--ghost button--block" };
    view! {
        <div class="step">
            <button type="button" class=class data-step=name disabled=move || pending.get()
                on:click=move |_| steps.send(step.clone())>
                {move || if mine() { texts().sending } else { label(texts()) }}
            </button>
            <ActionError message=step_message(steps, name) />
        </div>
    }
}

/// A step hard to take back (giving the wish back, withdrawing it): asked again in a dialog.
#[component]
fn ConfirmedStep(
    steps: Steps,
    id: &'static str,
    step: Step,
    label: fn(&WishTexts) -> &'static str,
    question: fn(&WishTexts) -> &'static str,
    detail: fn(&WishTexts) -> &'static str,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let pending = steps.pending;
    let name = step.name();
    let mine = move || pending.get() && steps.last.get() == Some(name);
    view! {
        <div class="step">
            <button type="button" class="button button--danger-outline button--block" data-step=name
                disabled=move || pending.get() on:click=move |_| open.set(true)>
                {move || if mine() { texts().sending } else { label(texts()) }}
            </button>
            <ActionError message=step_message(steps, name) />
            <ConfirmDialog open id
                question=Signal::derive(move || question(texts()).to_owned())
                detail=Signal::derive(move || detail(texts()).to_owned())
                confirm=Signal::derive(move || label(texts()).to_owned())
                cancel=Signal::derive(move || texts().keep.to_owned())
                on_confirm=Callback::new(move |_| steps.send(step.clone())) />
        </div>
    }
}

/// A ghost button that opens what it guards (a reason to give before declining).
#[component]
fn Reveal(label: fn(&WishTexts) -> &'static str, children: ChildrenFn) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <button type="button" class="button button--ghost button--block" aria-expanded="false"
                on:click=move |_| open.set(true)>{move || label(texts())}</button>
        }>
            {children()}
        </Show>
    }
}

/// A text (the decline reason, what was done, the thanks) and the button that sends it.
#[component]
fn NoteForm(
    steps: Steps,
    id: &'static str,
    label: fn(&WishTexts) -> &'static str,
    button: fn(&WishTexts) -> &'static str,
    max: usize,
    required: bool,
    make: fn(String) -> Step,
    field: &'static str,
    name: &'static str,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<String>);
    let error = Signal::derive(move || local_error.get().or_else(|| steps.failed(name).and_then(|e| e.field(field))));
    let pending = steps.pending;
    let i18n = use_i18n();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = texts_in(i18n);
        let value = text.get_untracked().trim().to_owned();
        let n = value.chars().count();
        local_error.set(if required && n == 0 {
            Some(t.required.to_owned())
        } else if n > max {
            Some((t.too_long)(max))
        } else {
            None
        });
        if local_error.get_untracked().is_none() {
            steps.send(make(value));
        }
    };
    view! {
        <form class="note-form" on:submit=submit novalidate>
            <TextArea id label=Signal::derive(move || label(texts())) value=text error max_chars=max rows=3 />
            <button type="submit" class="button button--primary button--block" data-step=name disabled=move || pending.get()>
                {move || if pending.get() && steps.last.get() == Some(name) { texts().sending } else { button(texts()) }}
            </button>
            <ActionError message=step_message(steps, name) />
        </form>
    }
}
