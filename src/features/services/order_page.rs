use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};
use linli_api_types::{OrderDraft, Phone, ServiceDetail, ORDER_ADDRESS_MAX_CHARS, ORDER_NOTE_MAX_CHARS};

use super::api;
use super::common::LoadError;
use super::draft::{self, Draft};
use super::frame::{ClockIcon, Frame, Skeleton};
use super::texts::{texts, ServicesTexts};
use super::wording;
use crate::api::{load_by_id, use_api, ApiError, IdempotencyKey};
use crate::components::{ActionError, FormErrors, LimitedTextField, TextArea, TextField};
use crate::i18n::use_i18n;
use crate::routes;

/// 点单: one service's order form.
#[component]
pub fn OrderFormPage() -> impl IntoView {
    let detail = load_by_id(api::service);
    view! {
        <Frame title=|t| t.order_title back=routes::services()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(detail) => view! { <OrderForm detail /> }.into_any(),
                        Err(error) => view! { <LoadError error missing=|t| t.service_missing /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

/// The fields the server names in its field errors.
const FIELDS: &[&str] = &["preferred_start", "address", "contact_phone", "note"];

#[component]
fn OrderForm(detail: ServiceDetail) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let ServiceDetail { service, my_points, default_address, default_phone, .. } = detail;
    let service_id = service.id;
    let price = service.points_price;
    let storage_key = draft::storage_key(service_id);
    let saved = draft::load(&storage_key);
    let restored = saved.is_some();
    let start = saved.unwrap_or_else(|| Draft {
        slot: String::new(),
        address: default_address.clone().unwrap_or_default(),
        phone: default_phone.clone(),
        note: String::new(),
        key: IdempotencyKey::new(),
    });

    let slot = RwSignal::new(start.slot);
    let address = RwSignal::new(start.address);
    let phone = RwSignal::new(start.phone);
    let note = RwSignal::new(start.note);
    let key = StoredValue::new(start.key);
    let errors = FormErrors::new(FIELDS);
    let (slot_error, address_error, phone_error, note_error) =
        (errors.at("preferred_start"), errors.at("address"), errors.at("contact_phone"), errors.at("note"));

    let current = move || Draft {
        slot: slot.get(),
        address: address.get(),
        phone: phone.get(),
        note: note.get(),
        key: key.get_value(),
    };
    {
        let storage_key = storage_key.clone();
        Effect::new(move |first: Option<()>| {
            let draft = current();
            if first.is_some() {
                draft::save(&storage_key, &draft);
            }
        });
    }

    let slots = LocalResource::new(move || api::slots(api, service_id));
    let send = Action::new_local(move |draft: &Draft| {
        let draft = draft.clone();
        async move {
            let body = OrderDraft {
                service_id,
                preferred_start: linli_api_types::time::parse(&draft.slot),
                address: Some(draft.address.trim().to_owned()).filter(|a| !a.is_empty()),
                contact_phone: Some(draft.phone.trim().to_owned()).filter(|p| !p.is_empty()),
                note: draft.note.trim().to_owned(),
            };
            api::place(api, body, draft.key).await
        }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(order)) => {
            draft::discard(&storage_key);
            navigate(&routes::order(order.id), NavigateOptions { replace: true, ..Default::default() });
        }
        Some(Err(error)) => {
            // Refused by the server: nothing was stored under the key, so a corrected draft
            // goes out under a fresh one. Without an answer the key stays for the retry.
            if matches!(error, ApiError::Problem(_)) {
                key.set_value(IdempotencyKey::new());
            }
            errors.show(error)
        }
        None => {}
    });

    let has_household = default_address.is_some();
    // An empty address goes to the household's registered one: say so while it is empty.
    let address_hint = Signal::derive(move || {
        let home = default_address.clone()?;
        address.with(|a| a.trim().is_empty()).then(|| (texts().address_home_hint)(&home))
    });
    // Ordering more than one holds cannot succeed: not offered, with the reason beside it.
    let short = price > my_points;
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = ServicesTexts::of(i18n.locale_untracked());
        let draft = current();
        let address_chars = draft.address.trim().chars().count();
        address_error.set(if address_chars == 0 && !has_household {
            Some(t.address_required.to_owned())
        } else if address_chars > ORDER_ADDRESS_MAX_CHARS {
            Some((t.too_long)(ORDER_ADDRESS_MAX_CHARS))
        } else {
            None
        });
        let phone_text = draft.phone.trim();
        phone_error.set((!phone_text.is_empty() && Phone::parse(phone_text).is_err()).then(|| t.phone_invalid.to_owned()));
        note_error.set(
            (draft.note.trim().chars().count() > ORDER_NOTE_MAX_CHARS).then(|| (t.too_long)(ORDER_NOTE_MAX_CHARS)),
        );
        slot_error.set(None);
        errors.form.set(None);
        let ok = errors.fields_clear();
        if ok && !short {
            send.dispatch(draft);
        }
    };
    let pending = send.pending();
    let name = service.name.clone();
    let provider = service.provider.name.clone();
    let opening = service.opening.clone();

    view! {
        <section class="card order-service">
            <h2 class="order-service__name">{name}</h2>
            <p class="service-card__provider">{move || (texts().provider)(&provider)}</p>
            <p class="service-card__opening">
                <ClockIcon />
                <span>{move || wording::opening_times(texts(), &opening)}</span>
            </p>
            <p class="price" class:price--free=price == 0>{move || (texts().price_each)(price)}</p>
        </section>
        <form class="card order-form" on:submit=on_submit novalidate>
            {restored.then(|| view! { <p class="banner banner--info" role="status">{move || texts().draft_restored}</p> })}
            <div class="field" class:field--invalid=move || slot_error.with(Option::is_some)>
                <label class="field__label" for="slot">{move || texts().field_slot}</label>
                <Transition fallback=move || view! { <p class="muted">{move || texts().slots_loading}</p> }>
                    {move || Suspend::new(async move {
                        let list = slots.await.map(|s| s.slots).unwrap_or_default();
                        let none = list.is_empty();
                        view! {
                            <select id="slot" class="field__input" aria-describedby="slot-hint slot-error"
                                aria-invalid=move || slot_error.with(Option::is_some).to_string()
                                on:change=move |ev| slot.set(event_target_value(&ev))>
                                <option value="" selected=move || slot.with(String::is_empty)>{move || texts().slot_asap}</option>
                                {list.into_iter().map(|s| {
                                    let value = s.start.to_rfc3339();
                                    let this = value.clone();
                                    view! {
                                        <option value=value selected=move || slot.with(|v| *v == this)>
                                            {move || wording::slot(texts(), s.start, s.end)}
                                        </option>
                                    }
                                }).collect_view()}
                            </select>
                            <p class="field__hint" id="slot-hint">
                                {move || if none { texts().slots_none } else { texts().slot_asap_hint }}
                            </p>
                        }
                    })}
                </Transition>
                <p class="field__error" id="slot-error" role="alert">{move || slot_error.get()}</p>
            </div>
            <LimitedTextField
                id="address"
                label=Signal::derive(move || texts().field_address)
                value=address
                error=address_error.into()
                autocomplete="street-address"
                max_chars=ORDER_ADDRESS_MAX_CHARS
                hint=address_hint
            />
            <TextField
                id="contact_phone"
                label=Signal::derive(move || texts().field_phone)
                value=phone
                error=phone_error.into()
                input_type="tel"
                input_mode="tel"
                autocomplete="tel"
                max_length=20
            />
            <TextArea
                id="note"
                label=Signal::derive(move || texts().field_note)
                value=note
                error=note_error.into()
                max_chars=ORDER_NOTE_MAX_CHARS
                rows=3
            />
            <p class="hold-notice" id="hold-notice" class:hold-notice--short=short>
                {move || {
                    let t = texts();
                    if price == 0 {
                        t.free_notice.to_owned()
                    } else if price > my_points {
                        (t.not_enough_points)(price, my_points)
                    } else {
                        (t.hold_notice)(price, my_points)
                    }
                }}
            </p>
            <button type="submit" class="button button--primary button--block"
                disabled=move || pending.get() || short aria-describedby="hold-notice">
                {move || if pending.get() {
                    texts().submitting_order
                } else if short {
                    texts().cannot_order_short
                } else {
                    texts().submit_order
                }}
            </button>
            <ActionError message=Signal::derive(move || errors.form.get().map(|error| error.message(i18n.t()))) />
        </form>
    }
}
