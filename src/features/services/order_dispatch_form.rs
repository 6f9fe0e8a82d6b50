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
    let reassigning = move || order.with(|o| o.volunteer.is_some());
    let current = move || order.with(|o| o.volunteer.as_ref().map(|v| v.id));
    // Without the ordering household's volunteers: they may not be sent their own order.
    let volunteers = LocalResource::new(move || api::volunteers(api, service_id, order_id));
    let chosen = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<String>);
    let error = move || local_error.get().or_else(|| steps.failed("assign").and_then(|e| e.field("volunteer_id")));
    let pending = steps.action.pending();
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
                    {move || {
                        let service_name = service_name.clone();
                        Suspend::new(async move {
                        let mut list = volunteers.await.unwrap_or_default();
                        list.retain(|v| current() != Some(v.id));
                        list.sort_by_key(|v| v.active_orders);
                        if list.is_empty() {
                            // Nobody to send it to: no button that cannot succeed, and the way to get someone.
                            return view! {
                                <div class="assign-form__none" role="note">
                                    <p class="assign-form__none-title">{move || (texts().no_volunteers_for)(&service_name)}</p>
                                    <p class="muted">{move || texts().how_to_add_volunteer}</p>
                                </div>
                            }.into_any();
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
                                {move || match (pending.get(), reassigning()) {
                                    (true, _) => texts().assigning,
                                    (false, true) => texts().reassign,
                                    (false, false) => texts().assign,
                                }}
                            </button>
                            <ActionError message=step_message(steps, "assign") />
                        }.into_any()
                    })}}
                </Transition>
            </div>
        </form>
    }
}
