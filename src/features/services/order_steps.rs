//! The buttons of the steps the signed-in person may take on an order now, and their forms.
//! A step that fails says why right under its own button (`ActionError`), in view.

use leptos::prelude::*;
use linli_api_types::{Order, OrderActions, COMPLETION_NOTE_MAX_CHARS, DECLINE_REASON_MAX_CHARS};

use super::api::Step;
use super::common::Steps;
use super::order_dispatch_form::AssignForm;
use super::order_rate_form::RateForm;
use super::staff_cancel;
use super::texts::{texts, ServicesTexts};
use crate::components::{ActionError, TextArea};
use crate::i18n::use_i18n;

/// The fields the step forms show their errors at.
const FIELDS: &[&str] = &["reason", "note", "stars", "comment", "tags", "volunteer_id"];

/// Why step `name` failed, for the line under its button: unless a field of its form says it.
pub fn step_message(steps: Steps, name: &'static str) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        steps.failed(name).filter(|e| !FIELDS.iter().any(|f| e.field(f).is_some())).map(|e| e.message(i18n.t()))
    })
}

/// Whether the button of step `name` is on the page.
fn offered(actions: OrderActions, name: &str) -> bool {
    match name {
        "cancel" => actions.cancel,
        "assign" => actions.assign,
        "accept" => actions.accept,
        "decline" => actions.decline,
        "claim" => actions.claim,
        "start" => actions.start,
        "complete" => actions.complete,
        "rate" => actions.rate,
        "staff_cancel" => actions.staff_cancel,
        _ => false,
    }
}

#[component]
pub fn Actions(order: RwSignal<Order>, steps: Steps) -> impl IntoView {
    let i18n = use_i18n();
    let actions = Memo::new(move |_| order.with(|o| o.actions));
    let pending = steps.pending;
    let any = move || {
        let a = actions.get();
        a.cancel || a.rate || a.assign || a.accept || a.decline || a.claim || a.start || a.complete || a.staff_cancel
    };
    // The order changed under a step (someone else acted first) and its button went with the
    // refresh: the reason stays where the buttons are.
    let orphan = Signal::derive(move || {
        let name = steps.last.get()?;
        if offered(actions.get(), name) {
            return None;
        }
        steps.failed(name).map(|e| e.message(i18n.t()))
    });
    view! {
        <ActionError message=orphan />
        <Show when=any>
            <section class="card actions" aria-busy=move || pending.get().to_string()>
                <Show when=move || actions.get().rate>
                    <RateForm order steps />
                </Show>
                <Show when=move || actions.get().assign>
                    <AssignForm order steps />
                </Show>
                <Show when=move || actions.get().claim>
                    <StepButton steps step=Step::Claim label=|t| t.claim primary=true />
                </Show>
                <Show when=move || actions.get().accept>
                    <StepButton steps step=Step::Accept label=|t| t.accept primary=true />
                </Show>
                <Show when=move || actions.get().start>
                    <StepButton steps step=Step::Start label=|t| t.start primary=true />
                </Show>
                <Show when=move || actions.get().complete>
                    <NoteForm steps id="complete-note" label=|t| t.complete_note button=|t| t.complete_send
                        max=COMPLETION_NOTE_MAX_CHARS required=false make=Step::Complete field="note" name="complete" />
                </Show>
                <Show when=move || actions.get().decline>
                    <Reveal label=|t| t.decline>
                        <NoteForm steps id="decline-reason" label=|t| t.decline_reason button=|t| t.decline_send
                            max=DECLINE_REASON_MAX_CHARS required=true make=Step::Decline field="reason" name="decline" />
                    </Reveal>
                </Show>
                <Show when=move || actions.get().cancel>
                    <CancelButton steps />
                </Show>
                <Show when=move || actions.get().staff_cancel>
                    <Reveal label=|t| staff_cancel::words(t).open>
                        <NoteForm steps id="staff-cancel-reason" label=|t| staff_cancel::words(t).reason
                            button=|t| staff_cancel::words(t).send max=linli_api_types::CANCEL_REASON_MAX_CHARS required=true
                            make=Step::StaffCancel field="reason" name="staff_cancel" />
                    </Reveal>
                </Show>
            </section>
        </Show>
    }
}

/// A step with nothing to fill in.
#[component]
fn StepButton(
    steps: Steps,
    step: Step,
    label: fn(&ServicesTexts) -> &'static str,
    #[prop(optional)] primary: bool,
) -> impl IntoView {
    let pending = steps.pending;
    let name = super::common::step_name(&step);
    let mine = move || pending.get() && steps.last.get() == Some(name);
    let class = if primary { "button button--primary button--block" } else { "button button--ghost button--block" };
    view! {
        <div class="step">
            <button type="button" class=class data-step=name disabled=move || pending.get()
                on:click=move |_| steps.send(step.clone())>
                {move || if mine() { texts().working } else { label(texts()) }}
            </button>
            <ActionError message=step_message(steps, name) />
        </div>
    }
}

/// A ghost button that opens what it guards (a reason to give before declining).
#[component]
fn Reveal(label: fn(&ServicesTexts) -> &'static str, children: ChildrenFn) -> impl IntoView {
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

/// A text (the decline reason, the completion record) and the button that sends it.
#[component]
fn NoteForm(
    steps: Steps,
    id: &'static str,
    label: fn(&ServicesTexts) -> &'static str,
    button: fn(&ServicesTexts) -> &'static str,
    max: usize,
    required: bool,
    make: fn(String) -> Step,
    field: &'static str,
    /// The step's kind, as [`Steps::failed`] names it.
    name: &'static str,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<String>);
    let error = Signal::derive(move || {
        local_error.get().or_else(|| steps.failed(name).and_then(|e| e.field(field)))
    });
    let pending = steps.pending;
    let i18n = use_i18n();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = ServicesTexts::of(i18n.locale_untracked());
        let value = text.get_untracked().trim().to_owned();
        let n = value.chars().count();
        local_error.set(if required && n == 0 {
            Some(t.reason_required.to_owned())
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
                {move || if pending.get() { texts().working } else { button(texts()) }}
            </button>
            <ActionError message=step_message(steps, name) />
        </form>
    }
}

#[component]
fn CancelButton(steps: Steps) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let pending = steps.pending;
    view! {
        <Show when=move || confirming.get() fallback=move || view! {
            <button type="button" class="button button--danger-outline button--block" on:click=move |_| confirming.set(true)>
                {move || texts().cancel_order}
            </button>
        }>
            <div class="confirm" role="alertdialog" aria-labelledby="cancel-question">
                <p id="cancel-question">{move || texts().cancel_confirm}</p>
                <div class="confirm__buttons">
                    <button type="button" class="button button--ghost" on:click=move |_| confirming.set(false)>
                        {move || texts().keep_order}
                    </button>
                    <button type="button" class="button button--danger" data-step="cancel" disabled=move || pending.get()
                        on:click=move |_| steps.send(Step::Cancel)>
                        {move || if pending.get() { texts().cancelling } else { texts().cancel_yes }}
                    </button>
                </div>
                <ActionError message=step_message(steps, "cancel") />
            </div>
        </Show>
    }
}
