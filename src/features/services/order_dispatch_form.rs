//! 中心派单 / 改派: staff send an order to a volunteer offering its service. The picker says
//! whom it lists and, when nobody can be sent, how a volunteer comes to offer the service.

use leptos::prelude::*;
use linli_api_types::Order;

use super::api::{self, Step};
use super::common::Steps;
use super::order_steps::step_message;
use super::texts::{texts, ServicesTexts};
use crate::api::use_api;
use crate::components::ActionError;
use crate::i18n::use_i18n;

/// A volunteer who offers the service, fewest active orders first.
#[component]
pub fn AssignForm(order: RwSignal<Order>, steps: Steps) -> impl IntoView {
    let api = use_api();
    let (service_id, order_id, service_name) =
        order.with_untracked(|o| (o.service.id, o.id, o.service.name.clone()));
    // Memos: the form reacts to whom the order is with, not to every change of the order (a
    // cancel removes the form, and nothing in it should re-render on the way out).
    let current = Memo::new(move |_| order.with(|o| o.volunteer.as_ref().map(|v| v.id)));
    let reassigning = move || current.get().is_some();
    // Without the ordering household's volunteers: they may not be sent their own order.
    let volunteers = LocalResource::new(move || api::volunteers(api, service_id, order_id));
    let chosen = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<String>);
    let error = move || local_error.get().or_else(|| steps.failed("assign").and_then(|e| e.field("volunteer_id")));
    let pending = steps.pending;
    let i18n = use_i18n();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match chosen.get_untracked().parse::<i64>() {
            Ok(volunteer_id) => {
                local_error.set(None);
                steps.send(Step::Assign(volunteer_id));
            }
            Err(_) => local_error.set(Some(ServicesTexts::of(i18n.locale_untracked()).volunteer_required.to_owned())),
        }
    };
    let name_for_hint = service_name.clone();
    let hint = move || (texts().volunteers_offering)(&name_for_hint);
    view! {
        <form class="assign-form" on:submit=submit novalidate>
            <div class="field" class:field--invalid=move || error().is_some()>
                <label class="field__label" for="volunteer">
                    {move || if reassigning() { texts().reassign_to } else { texts().assign_to }}
                </label>
                <p class="field__hint" id="volunteer-hint">{hint}</p>
                <Transition fallback=move || view! { <p class="muted">{move || use_i18n().t().loading}</p> }>
                    // The list is fetched once; who is current is read outside the `Suspend`,
                    // so a change to the order re-renders the choices without re-running the
                    // fetch's future (which, when the change also removes this form, would
                    // poll a resource that went with it).
                    {move || {
                        let service_name = service_name.clone();
                        Suspend::new(async move {
                            let fetched = volunteers.await.unwrap_or_default();
                            view! { {move || choices(fetched.clone(), current.get(), &service_name, chosen, local_error, error, pending, reassigning(), steps)} }
                        })
                    }}
                </Transition>
            </div>
        </form>
    }
}

/// The volunteers to choose from (not the one the order has now), or what to do when there
/// are none.
#[allow(clippy::too_many_arguments)]
fn choices(
    mut list: Vec<linli_api_types::ServiceVolunteer>,
    current: Option<i64>,
    service_name: &str,
    chosen: RwSignal<String>,
    local_error: RwSignal<Option<String>>,
    error: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    pending: Memo<bool>,
    reassigning: bool,
    steps: Steps,
) -> AnyView {
    list.retain(|v| current != Some(v.id));
    list.sort_by_key(|v| v.active_orders);
    if list.is_empty() {
        // Nobody to send it to: no button that cannot succeed, and the way to get someone.
        let service_name = service_name.to_owned();
        return view! {
            <div class="assign-form__none" role="note">
                <p class="assign-form__none-title">{move || (texts().no_volunteers_for)(&service_name)}</p>
                <p class="muted">{move || texts().how_to_add_volunteer}</p>
            </div>
        }
        .into_any();
    }
    view! {
        <select id="volunteer" class="field__input" aria-describedby="volunteer-hint volunteer-error"
            aria-invalid=move || error().is_some().to_string()
            on:change=move |ev| { chosen.set(event_target_value(&ev)); local_error.set(None); }>
            <option value="" selected=move || chosen.with(String::is_empty)>{move || texts().choose_volunteer}</option>
            {list.into_iter().map(|v| {
                let value = v.id.to_string();
                let this = value.clone();
                view! {
                    <option value=value selected=move || chosen.with(|c| *c == this)>
                        {move || (texts().volunteer_option)(&v.name, v.active_orders)}
                    </option>
                }
            }).collect_view()}
        </select>
        <p class="field__error" id="volunteer-error" role="alert">{error}</p>
        <button type="submit" class="button button--primary button--block" data-step="assign"
            disabled=move || pending.get()>
            {move || match (pending.get(), reassigning) {
                (true, _) => texts().assigning,
                (false, true) => texts().reassign,
                (false, false) => texts().assign,
            }}
        </button>
        <ActionError message=step_message(steps, "assign") />
    }
    .into_any()
}
