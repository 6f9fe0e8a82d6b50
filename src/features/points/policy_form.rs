//! 积分规则: the community's points per hour of a task and the adjustment size that needs a
//! second staff member. The server checks the bounds and answers at the field; the form checks
//! only that each is a whole number, so the limits live in one place.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use linli_api_types::{PointsPolicy, PolicyRequest};

use super::admin_api;
use super::admin_texts::{admin_texts, admin_texts_in};
use crate::api::{use_api, ApiError};
use crate::components::{ActionError, TextField};
use crate::i18n::{time, use_i18n};

/// The form, filled from `policy`; `saved` gets the policy now in force.
#[component]
pub fn PolicyForm(policy: PointsPolicy, saved: WriteSignal<Option<PointsPolicy>>, changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let per_hour = RwSignal::new(policy.points_per_hour.to_string());
    let threshold = RwSignal::new(policy.correction_approval_threshold.to_string());
    let per_hour_error = RwSignal::new(None::<String>);
    let threshold_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let current = RwSignal::new(policy);
    let save = Action::new_local(move |request: &PolicyRequest| admin_api::set_policy(api, request.clone()));
    Effect::new(move |_| match save.value().get() {
        Some(Ok(policy)) => {
            done.set(true);
            current.set(policy.clone());
            saved.set(Some(policy));
            changed.update(|n| *n += 1);
        }
        Some(Err(error)) => {
            let a = error.field("points_per_hour");
            let b = error.field("correction_approval_threshold");
            let placed = a.is_some() || b.is_some();
            per_hour_error.set(a);
            threshold_error.set(b);
            failure.set((!placed).then_some(error));
        }
        None => {}
    });
    let pending = save.pending();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = admin_texts_in(i18n);
        failure.set(None);
        done.set(false);
        let a = per_hour.get_untracked().trim().parse::<i64>().ok();
        let b = threshold.get_untracked().trim().parse::<i64>().ok();
        per_hour_error.set(a.is_none().then(|| t.whole_number.to_owned()));
        threshold_error.set(b.is_none().then(|| t.whole_number.to_owned()));
        if let (Some(points_per_hour), Some(correction_approval_threshold)) = (a, b) {
            save.dispatch(PolicyRequest { points_per_hour, correction_approval_threshold });
        }
    };
    let who = move || {
        current.with(|policy| match (&policy.updated_by, policy.updated_at) {
            (Some(by), Some(at)) => (admin_texts().policy_by)(&by.name, &time::full(i18n.t(), at)),
            _ => admin_texts().policy_default.to_owned(),
        })
    };
    view! {
        <form class="card compose" on:submit=on_submit novalidate>
            <h2 class="card__title">{move || admin_texts().policy_title}</h2>
            <p class="muted">{move || admin_texts().policy_hint}</p>
            <p class="muted">{who}</p>
            <TextField id="points-per-hour" label=Signal::derive(move || admin_texts().points_per_hour) value=per_hour
                error=per_hour_error.into() input_mode="numeric" max_length=4 />
            <TextField id="approval-threshold" label=Signal::derive(move || admin_texts().approval_threshold) value=threshold
                error=threshold_error.into() input_mode="numeric" max_length=6 />
            <Show when=move || done.get()>
                <p class="banner banner--ok" role="status">{move || admin_texts().policy_saved}</p>
            </Show>
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || if pending.get() { admin_texts().saving } else { admin_texts().save_policy }}
            </button>
            <ActionError message=Signal::derive(move || failure.get().map(|e| e.message(i18n.t()))) />
        </form>
    }
}
