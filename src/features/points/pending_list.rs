//! 待审批: corrections above the threshold, waiting for a second staff member. Another staff
//! member approves or rejects (with a reason); the one who asked may withdraw. The server
//! decides who may (`can_decide`, `can_withdraw`); the buttons only follow it.

use chrono::Utc;
use leptos::prelude::*;
use linli_api_types::{CorrectionPage, CorrectionRecord, REJECT_REASON_MAX_CHARS};

use super::admin_api;
use super::admin_texts::admin_texts;
use super::reason::signed;
use super::texts::texts_in;
use crate::api::{use_api, ApiError, IdempotencyKey};
use crate::components::{ActionError, LimitedTextField};
use crate::i18n::{time, use_i18n};

/// The pending list; reloads whenever `changed` moves (a correction asked for, decided).
#[component]
pub fn PendingList(changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let list = LocalResource::new(move || {
        changed.track();
        admin_api::pending(api)
    });
    view! {
        <section class="card" aria-labelledby="pending-heading">
            <h2 class="card__title" id="pending-heading">{move || admin_texts().pending_title}</h2>
            <Transition fallback=move || view! { <div class="skeleton" aria-hidden="true"></div> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(CorrectionPage { items, .. }) if items.is_empty() => {
                            view! { <p class="muted">{move || admin_texts().pending_empty}</p> }.into_any()
                        }
                        Ok(CorrectionPage { items, .. }) => view! {
                            <ul class="ledger">
                                {items.into_iter().map(|record| view! { <PendingItem record changed /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <p class="banner banner--error" role="alert">{error.message(i18n.t())}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[derive(Debug, Clone)]
enum Step {
    Approve,
    Reject(String),
    Withdraw,
}

#[component]
fn PendingItem(record: CorrectionRecord, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let CorrectionRecord { id, member, amount, reason, requested_by, requested_at, can_decide, can_withdraw, .. } = record;
    // One key per decision: a retry after a timeout replays the answer. Failures store
    // nothing on the server, so the key stays until a decision succeeds.
    let key = StoredValue::new(IdempotencyKey::new());
    let rejecting = RwSignal::new(false);
    let why = RwSignal::new(String::new());
    let why_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let act = Action::new_local(move |step: &Step| {
        let step = step.clone();
        let key = key.get_value();
        async move {
            match step {
                Step::Approve => admin_api::approve(api, id, key).await,
                Step::Reject(reason) => admin_api::reject(api, id, reason, key).await,
                Step::Withdraw => admin_api::withdraw(api, id, key).await,
            }
        }
    });
    Effect::new(move |_| match act.value().get() {
        Some(Ok(_)) => {
            key.set_value(IdempotencyKey::new());
            changed.update(|n| *n += 1);
        }
        Some(Err(error)) => match error.field("reason") {
            Some(message) => why_error.set(Some(message)),
            None => failure.set(Some(error)),
        },
        None => {}
    });
    let pending = act.pending();
    let send = move |step: Step| {
        failure.set(None);
        act.dispatch(step);
    };
    let confirm_reject = move |_| {
        let t = texts_in(i18n);
        let text = why.get_untracked().trim().to_owned();
        if text.is_empty() {
            why_error.set(Some(t.required.to_owned()));
        } else if text.chars().count() > REJECT_REASON_MAX_CHARS {
            why_error.set(Some((t.too_long)(REJECT_REASON_MAX_CHARS)));
        } else {
            why_error.set(None);
            send(Step::Reject(text));
        }
    };
    // `TextField` takes a static id; one short string per pending line shown is a small price
    // for ids that stay unique when two reject boxes are open.
    let field_id: &'static str = Box::leak(format!("reject-{id}").into_boxed_str());
    let requester = requested_by.name;
    view! {
        <li class="ledger__row">
            <span class="ledger__reason">{member.name} " · " {reason}</span>
            <span class={if amount >= 0 { "ledger__amount ledger__amount--plus" } else { "ledger__amount ledger__amount--minus" }}>
                {signed(amount)}
            </span>
            <span class="ledger__meta">
                {move || (admin_texts().requested_by)(&requester, &time::relative(i18n.t(), requested_at, Utc::now()))}
            </span>
            <div class="actions">
                {can_decide.then(|| view! {
                    <button type="button" class="button button--primary" disabled=move || pending.get()
                        on:click=move |_| send(Step::Approve)>
                        {move || if pending.get() { admin_texts().approving } else { admin_texts().approve }}
                    </button>
                    <button type="button" class="button button--ghost" disabled=move || pending.get()
                        aria-expanded=move || rejecting.get().to_string()
                        on:click=move |_| rejecting.update(|open| *open = !*open)>
                        {move || admin_texts().reject}
                    </button>
                })}
                {can_withdraw.then(|| view! {
                    <button type="button" class="button button--ghost" disabled=move || pending.get()
                        on:click=move |_| send(Step::Withdraw)>
                        {move || admin_texts().withdraw}
                    </button>
                })}
                {(!can_decide && !can_withdraw).then(|| view! { <p class="muted">{move || admin_texts().not_yours}</p> })}
            </div>
            <Show when=move || rejecting.get()>
                <LimitedTextField id=field_id label=Signal::derive(move || admin_texts().reject_reason) value=why
                    error=why_error.into() max_chars=REJECT_REASON_MAX_CHARS />
                <button type="button" class="button button--danger-outline button--block" disabled=move || pending.get()
                    on:click=confirm_reject>
                    {move || admin_texts().confirm_reject}
                </button>
            </Show>
            <ActionError message=Signal::derive(move || failure.get().map(|e| e.message(i18n.t()))) />
        </li>
    }
}
