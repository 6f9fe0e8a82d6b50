//! The buttons of the steps the signed-in person may take on an order now, and their forms.

use leptos::prelude::*;
use linli_api_types::{Order, COMPLETION_NOTE_MAX_CHARS, DECLINE_REASON_MAX_CHARS};

use super::api::Step;
use super::common::Steps;
use super::order_dispatch_form::AssignForm;
use super::order_rate_form::RateForm;
use super::texts::{texts, ServicesTexts};
use crate::api::ApiError;
use crate::components::TextArea;
use crate::i18n::use_i18n;

/// The message of a failed step: at its field when the server names one, else above the buttons.
pub fn failure(steps: Steps) -> Option<ApiError> {
    steps.action.value().get().and_then(Result::err)
}

#[component]
pub fn Actions(order: RwSignal<Order>, steps: Steps) -> impl IntoView {
    let i18n = use_i18n();
    let actions = Memo::new(move |_| order.with(|o| o.actions));
    let pending = steps.action.pending();
    let any = move || {
        let a = actions.get();
        a.cancel || a.rate || a.assign || a.accept || a.decline || a.claim || a.start || a.complete
    };
    let general_error = move || {
        failure(steps).filter(|e| {
            !["reason", "note", "stars", "comment", "tags", "volunteer_id"].iter().any(|f| e.field(f).is_some())
        })
    };
    view! {
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
                        max=COMPLETION_NOTE_MAX_CHARS required=false make=Step::Complete field="note" />
                </Show>
                <Show when=move || actions.get().decline>
                    <Reveal label=|t| t.decline>
                        <NoteForm steps id="decline-reason" label=|t| t.decline_reason button=|t| t.decline_send
                            max=DECLINE_REASON_MAX_CHARS required=true make=Step::Decline field="reason" />
                    </Reveal>
                </Show>
                <Show when=move || actions.get().cancel>
                    <CancelButton steps />
                </Show>
                {move || general_error().map(|error| view! {
                    <p class="banner banner--error" role="alert">{error.message(i18n.t())}</p>
                })}
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
    let pending = steps.action.pending();
    let mine = {
        let step = step.clone();
        move || pending.get() && steps.action.input().with(|i| i.as_ref() == Some(&step))
    };
    let class = if primary { "button button--primary button--block" } else { "button button--ghost button--block" };
    view! {
        <button type="button" class=class disabled=move || pending.get()
            on:click=move |_| { steps.action.dispatch(step.clone()); }>
            {move || if mine() { texts().working } else { label(texts()) }}
        </button>
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
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<String>);
    let error = Signal::derive(move || local_error.get().or_else(|| failure(steps).and_then(|e| e.field(field))));
    let pending = steps.action.pending();
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
            steps.action.dispatch(make(value));
        }
    };
    view! {
        <form class="note-form" on:submit=submit novalidate>
            <TextArea id label=Signal::derive(move || label(texts())) value=text error max_chars=max rows=3 />
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || if pending.get() { texts().working } else { button(texts()) }}
            </button>
        </form>
    }
}

#[component]
fn CancelButton(steps: Steps) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let pending = steps.action.pending();
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
                    <button type="button" class="button button--danger" disabled=move || pending.get()
                        on:click=move |_| { steps.action.dispatch(Step::Cancel); }>
                        {move || if pending.get() { texts().cancelling } else { texts().cancel_yes }}
                    </button>
                </div>
            </div>
        </Show>
    }
}
