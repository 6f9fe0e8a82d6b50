use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use linli_api_types::{CorrectionRequest, PointsPolicy, Voucher, VoucherStatus, CORRECTION_REASON_MAX_CHARS};

use super::admin_api::{self, CorrectionOutcome};
use super::admin_texts::{admin_texts, admin_texts_in};
use super::api;
use super::audit_list::AuditList;
use super::frame::Frame;
use super::pending_list::PendingList;
use super::policy_form::PolicyForm;
use super::texts::{texts, texts_in};
use crate::api::{use_api, ApiError, IdempotencyKey};
use crate::components::{ActionError, TextArea, TextField};
use crate::i18n::{time, use_i18n};

/// 积分管理 for staff: correct a member's points with a reason (社区调整, opened from a task's
/// roster), decide on others' corrections waiting for approval (待审批), hand over a redeemed
/// reward (mark its voucher used), the audit with this month's points by source, and the
/// community's points rules.
#[component]
pub fn DeskPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let query = use_query_map();
    let member = query.with_untracked(|q| {
        let id = q.get("user").and_then(|id| id.parse::<i64>().ok())?;
        Some((id, q.get("name").unwrap_or_default()))
    });
    // Moves on every change made here, so the pending list and the audit reload.
    let changed = RwSignal::new(0_u32);
    let loaded = LocalResource::new(move || admin_api::policy(api));
    let saved = RwSignal::new(None::<PointsPolicy>);
    let threshold = Signal::derive(move || {
        saved
            .get()
            .or_else(|| loaded.get().and_then(Result::ok))
            .map(|policy| policy.correction_approval_threshold)
    });
    view! {
        <Frame title=|t| t.staff_tools back=crate::routes::points()>
            {member.map(|(user_id, name)| view! { <CorrectionForm user_id name threshold changed /> })}
            <PendingList changed />
            <UseVoucher />
            <AuditList changed />
            <Transition fallback=move || view! { <div class="card skeleton" aria-hidden="true"></div> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(policy) => view! { <PolicyForm policy saved=saved.write_only() changed /> }.into_any(),
                        Err(error) => view! { <p class="banner banner--error" role="alert">{error.message(i18n.t())}</p> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

#[component]
fn UseVoucher() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let code = RwSignal::new(String::new());
    let field_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let mark_failure = RwSignal::new(None::<ApiError>);
    let found = RwSignal::new(None::<Voucher>);
    let key = StoredValue::new(IdempotencyKey::new());
    let look_up = Action::new_local(move |code: &String| {
        let code = code.clone();
        async move { api::voucher_by_code(api, &code).await }
    });
    let mark = Action::new_local(move |code: &String| api::mark_used(api, code.clone(), key.get_value()));
    Effect::new(move |_| match look_up.value().get() {
        Some(Ok(voucher)) => found.set(Some(voucher)),
        Some(Err(error)) => {
            found.set(None);
            match error.field("code") {
                Some(message) => field_error.set(Some(message)),
                None => failure.set(Some(error)),
            }
        }
        None => {}
    });
    Effect::new(move |_| match mark.value().get() {
        Some(Ok(voucher)) => {
            key.set_value(IdempotencyKey::new());
            mark_failure.set(None);
            found.set(Some(voucher));
        }
        Some(Err(error)) => mark_failure.set(Some(error)),
        None => {}
    });
    let looking = look_up.pending();
    let marking = mark.pending();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        mark_failure.set(None);
        found.set(None);
        let typed = code.get_untracked().trim().to_uppercase();
        if typed.is_empty() {
            field_error.set(Some(texts_in(i18n).required.to_owned()));
        } else {
            field_error.set(None);
            look_up.dispatch(typed);
        }
    };
    view! {
        <form class="card compose" on:submit=on_submit novalidate>
            <h2 class="card__title">{move || texts().use_voucher}</h2>
            <p class="muted">{move || texts().use_voucher_hint}</p>
            <TextField id="voucher-code" label=Signal::derive(move || texts().voucher_code_label) value=code
                error=field_error.into() autocomplete="off" max_length=20 />
            <button type="submit" class="button button--ghost button--block" disabled=move || looking.get()>
                {move || if looking.get() { i18n.t().loading } else { texts().look_up }}
            </button>
            <ActionError message=Signal::derive(move || failure.get().map(|e| e.message(i18n.t()))) />
        </form>
        {move || found.get().map(|voucher| {
            let used = voucher.status == VoucherStatus::Used;
            let Voucher { code: voucher_code, reward_name, holder_name, points, used_at, .. } = voucher;
            view! {
                <section class={if used { "card voucher voucher--used" } else { "card voucher" }} aria-live="polite">
                    <h2 class="voucher__reward">{reward_name.clone()}</h2>
                    <p>{holder_name.clone()} " · " {move || (texts().price)(points)}</p>
                    <p class="voucher__code">{voucher_code.clone()}</p>
                    {match used_at {
                        Some(at) => view! {
                            <p class="banner banner--ok" role="status">
                                {move || (texts().marked_used)(&reward_name, &holder_name)} " · "
                                {move || (texts().voucher_used_at)(&time::full(i18n.t(), at))}
                            </p>
                        }.into_any(),
                        None => view! {
                            <button type="button" class="button button--primary button--block" disabled=move || marking.get()
                                on:click=move |_| { mark.dispatch(voucher_code.clone()); }>
                                {move || if marking.get() { texts().marking } else { texts().mark_used }}
                            </button>
                            <ActionError message=Signal::derive(move || mark_failure.get().map(|e| e.message(i18n.t()))) />
                        }.into_any(),
                    }}
                </section>
            }
        })}
    }
}

/// A correction is a new transaction with the staff member's reason; the ledger never changes.
/// Above the community's threshold it waits for another staff member (待审批).
#[component]
fn CorrectionForm(user_id: i64, name: String, threshold: Signal<Option<i64>>, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let amount_error = RwSignal::new(None::<String>);
    let reason_error = RwSignal::new(None::<String>);
    // The member is the form's subject, not a field: refusals about them (their own or their
    // household's points) are shown under the button, with every other refusal.
    let member_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let key = StoredValue::new(IdempotencyKey::new());
    let who = StoredValue::new(name.clone());
    let send = Action::new_local(move |request: &CorrectionRequest| admin_api::correct(api, request.clone(), key.get_value()));
    Effect::new(move |_| match send.value().get() {
        Some(Ok(outcome)) => {
            key.set_value(IdempotencyKey::new());
            amount.set(String::new());
            reason.set(String::new());
            done.set(Some(match outcome {
                CorrectionOutcome::Posted(correction) => (texts_in(i18n).corrected)(&who.get_value(), correction.amount),
                CorrectionOutcome::Pending(record) => (admin_texts_in(i18n).sent_for_approval)(&who.get_value(), record.amount),
            }));
            changed.update(|n| *n += 1);
        }
        Some(Err(error)) => {
            let a = error.field("amount");
            let r = error.field("reason");
            let m = error.field("user_id");
            let placed = a.is_some() || r.is_some() || m.is_some();
            amount_error.set(a);
            reason_error.set(r);
            member_error.set(m);
            failure.set((!placed).then_some(error));
        }
        None => {}
    });
    let pending = send.pending();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = texts_in(i18n);
        failure.set(None);
        member_error.set(None);
        done.set(None);
        let parsed = amount.get_untracked().trim().replace('+', "").parse::<i64>().ok().filter(|n| *n != 0);
        let why = reason.get_untracked().trim().to_owned();
        amount_error.set(parsed.is_none().then(|| t.bad_amount.to_owned()));
        reason_error.set(if why.is_empty() {
            Some(t.required.to_owned())
        } else if why.chars().count() > CORRECTION_REASON_MAX_CHARS {
            Some((t.too_long)(CORRECTION_REASON_MAX_CHARS))
        } else {
            None
        });
        if let (Some(amount), None) = (parsed, reason_error.get_untracked()) {
            send.dispatch(CorrectionRequest { user_id, amount, reason: why });
        }
    };
    view! {
        <form class="card compose" on:submit=on_submit novalidate>
            <h2 class="card__title">{move || texts().correction} " · " {name}</h2>
            <p class="muted">{move || texts().correction_hint}</p>
            {move || threshold.get().map(|n| view! { <p class="muted">{move || (admin_texts().needs_approval)(n)}</p> })}
            <TextField id="amount" label=Signal::derive(move || texts().amount) value=amount error=amount_error.into()
                input_mode="numeric" max_length=7 placeholder=Signal::derive(move || texts().amount_hint) />
            <TextArea id="reason" label=Signal::derive(move || texts().reason) value=reason error=reason_error.into()
                max_chars=CORRECTION_REASON_MAX_CHARS rows=3 />
            {move || done.get().map(|msg| view! { <p class="banner banner--ok" role="status">{msg}</p> })}
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || if pending.get() { texts().correcting } else { texts().submit_correction }}
            </button>
            <ActionError message=Signal::derive(move || member_error.get().or_else(|| failure.get().map(|e| e.message(i18n.t())))) />
        </form>
    }
}
