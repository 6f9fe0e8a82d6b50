//! What the handler does on a report: 受理, 回复 the reporter, 转交 to another head, staff or
//! the property company, and 办结 with a note and, if they like, a photo of the result.

use leptos::prelude::*;
use linli_api_types::{ReportReply, ReportResolve, ReportTransfer, ReportView, TransferTarget, REPORT_REPLY_MAX_CHARS};

use super::api::{self, Step};
use super::photo_picker::{self, PhotoPicker, Picked};
use super::steps::Steps;
use super::texts::{texts, ReportsTexts};
use crate::api::use_api;
use crate::components::{ActionError, TextArea};
use crate::i18n::use_i18n;

#[component]
pub fn HandlerForms(report: RwSignal<ReportView>, steps: Steps) -> impl IntoView {
    let actions = move || report.with(|r| r.actions.clone());
    let any = move || {
        let a = actions();
        a.acknowledge || a.reply || a.transfer || a.resolve
    };
    let id = report.with_untracked(|r| r.summary.id);
    let acknowledging = steps.sending("acknowledge");
    view! {
        <Show when=any>
            <section class="card handler" aria-labelledby="handler-heading">
                <h2 class="card__title" id="handler-heading">{move || texts().handler_heading}</h2>
                <Show when=move || actions().acknowledge>
                    <button type="button" class="button button--primary button--block" data-step="acknowledge"
                        disabled=move || steps.pending.get() on:click=move |_| steps.send(Step::Acknowledge)>
                        {move || if acknowledging.get() { texts().working } else { texts().acknowledge }}
                    </button>
                    <ActionError message=steps.message("acknowledge", &[]) />
                </Show>
                <Show when=move || actions().reply>
                    <ReplyForm steps />
                </Show>
                <Show when=move || actions().transfer>
                    <TransferForm id steps />
                </Show>
                <Show when=move || actions().resolve>
                    <ResolveForm steps />
                </Show>
            </section>
        </Show>
    }
}

#[component]
fn ReplyForm(steps: Steps) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let own_error = RwSignal::new(None::<String>);
    let error = Signal::derive(move || own_error.get().or_else(|| steps.failed("reply").and_then(|e| e.field("text"))));
    let sending = steps.sending("reply");
    // A sent reply empties the box.
    Effect::new(move |_| {
        if steps.last.get() == Some("reply") && matches!(steps.action.value().get(), Some(Ok(_))) {
            text.set(String::new());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = text.get_untracked().trim().to_owned();
        if body.is_empty() {
            own_error.set(Some(ReportsTexts::of(i18n.locale_untracked()).text_required.to_owned()));
            return;
        }
        own_error.set(None);
        steps.send(Step::Reply(ReportReply { text: body }));
    };
    view! {
        <form class="step-form" on:submit=submit novalidate>
            <TextArea id="reply" label=Signal::derive(move || texts().reply_label) value=text error max_chars=REPORT_REPLY_MAX_CHARS rows=3 />
            <button type="submit" class="button button--primary button--block" disabled=move || steps.pending.get()>
                {move || if sending.get() { texts().working } else { texts().send_reply }}
            </button>
            <ActionError message=steps.message("reply", &["text"]) />
        </form>
    }
}

#[component]
fn TransferForm(id: i64, steps: Steps) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let options = LocalResource::new(move || api::transfer_options(api, id));
    let chosen = RwSignal::new(None::<usize>);
    let note = RwSignal::new(String::new());
    let own_error = RwSignal::new(None::<String>);
    let sending = steps.sending("transfer");
    let targets = StoredValue::new(Vec::<TransferTarget>::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(target) = chosen.get_untracked().and_then(|i| targets.with_value(|t| t.get(i).copied())) else {
            own_error.set(Some(ReportsTexts::of(i18n.locale_untracked()).transfer_required.to_owned()));
            return;
        };
        own_error.set(None);
        steps.send(Step::Transfer(ReportTransfer { target, note: note.get_untracked().trim().to_owned() }));
    };
    let note_error = Signal::derive(move || steps.failed("transfer").and_then(|e| e.field("note")));
    view! {
        <form class="step-form" on:submit=submit novalidate>
            <div class="field" class:field--invalid=move || own_error.with(Option::is_some)>
                <label class="field__label" for="transfer-target">{move || texts().transfer_label}</label>
                <Transition fallback=move || view! { <p class="muted">{move || texts().transfer_loading}</p> }>
                    {move || Suspend::new(async move {
                        let list = options.await.unwrap_or_default();
                        targets.set_value(list.iter().map(|o| o.target).collect());
                        view! {
                            <select id="transfer-target" class="field__input" aria-describedby="transfer-error"
                                on:change=move |ev| { chosen.set(event_target_value(&ev).parse().ok()); own_error.set(None); }>
                                <option value="" selected=move || chosen.get().is_none()>{move || texts().transfer_choose}</option>
                                {list.into_iter().enumerate().map(|(i, o)| view! {
                                    <option value=i.to_string() selected=move || chosen.get() == Some(i)>{o.label}</option>
                                }).collect_view()}
                            </select>
                        }
                    })}
                </Transition>
                <p class="field__error" id="transfer-error" role="alert">{move || own_error.get()}</p>
            </div>
            <TextArea id="transfer-note" label=Signal::derive(move || texts().transfer_note) value=note error=note_error
                max_chars=REPORT_REPLY_MAX_CHARS rows=2 />
            <button type="submit" class="button button--ghost button--block" disabled=move || steps.pending.get()>
                {move || if sending.get() { texts().working } else { texts().transfer_send }}
            </button>
            <ActionError message=steps.message("transfer", &["note"]) />
        </form>
    }
}

fn resolve_legend(t: &ReportsTexts) -> String {
    t.resolve_photo.to_owned()
}

#[component]
fn ResolveForm(steps: Steps) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let note = RwSignal::new(String::new());
    let photos = RwSignal::new(Vec::<Picked>::new());
    let not_kept = RwSignal::new(false);
    let photo_error = RwSignal::new(None::<String>);
    let own_error = RwSignal::new(None::<String>);
    let note_error = Signal::derive(move || own_error.get().or_else(|| steps.failed("resolve").and_then(|e| e.field("note"))));
    // The photo goes up first (it may still be on its way); then the step.
    let upload = Action::new_local(move |photo: &Picked| {
        let photo = photo.clone();
        async move { photo_picker::upload(api, photo).await }
    });
    let waiting_note = StoredValue::new(String::new());
    Effect::new(move |_| match upload.value().get() {
        Some(Ok(photo_id)) => {
            steps.send(Step::Resolve(ReportResolve { note: waiting_note.get_value(), photo_id: Some(photo_id) }))
        }
        Some(Err(error)) => photo_error.set(Some(error.message(i18n.t()))),
        None => {}
    });
    let uploading = upload.pending();
    let sending = Signal::derive(move || uploading.get() || steps.sending("resolve").get());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = note.get_untracked().trim().to_owned();
        if text.is_empty() {
            own_error.set(Some(ReportsTexts::of(i18n.locale_untracked()).note_required_resolve.to_owned()));
            return;
        }
        own_error.set(None);
        match photos.get_untracked().into_iter().next() {
            Some(photo) => {
                waiting_note.set_value(text);
                upload.dispatch(photo);
            }
            None => steps.send(Step::Resolve(ReportResolve { note: text, photo_id: None })),
        }
    };
    view! {
        <form class="step-form" on:submit=submit novalidate>
            <TextArea id="resolve-note" label=Signal::derive(move || texts().resolve_note) value=note error=note_error
                max_chars=REPORT_REPLY_MAX_CHARS rows=3 />
            <PhotoPicker photos max=1 not_kept error=photo_error locked=sending
                legend=resolve_legend error_id="resolve-photo-error" />
            <button type="submit" class="button button--primary button--block" data-step="resolve"
                disabled=move || steps.pending.get() || uploading.get()>
                {move || if sending.get() { texts().working } else { texts().resolve_send }}
            </button>
            <ActionError message=steps.message("resolve", &["note"]) />
        </form>
    }
}
