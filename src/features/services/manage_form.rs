//! The form of 服务管理 for a new service or an edit: words, category, provider, prices with
//! the policy's limit said at the field, opening periods, and the volunteers who offer it.
//! Everything typed goes into the draft at once; the server checks every rule and answers at
//! the field, so the limits live in one place.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use linli_api_types::{
    ManagedService, OpeningPeriod, ServiceAdmin, ServiceCategory, ServiceRequest, PROVIDER_NAME_MAX_CHARS,
    SERVICE_DESCRIPTION_MAX_CHARS, SERVICE_NAME_MAX_CHARS,
};

use super::manage_api;
use super::manage_draft::{self as draft, minutes, PeriodDraft, ServiceDraft};
use super::manage_texts::manage_texts;
use super::manage_volunteers::VolunteerChecklist;
use super::texts::texts;
use crate::api::{use_api, ApiError};
use crate::components::{ActionError, FormErrors, LimitedTextField, TextArea, TextField};
use crate::i18n::use_i18n;
use crate::routes;

const FIELDS: &[&str] = &[
    "name",
    "category",
    "provider_name",
    "description",
    "points_price",
    "duration_minutes",
    "volunteer_points",
    "opening",
    "volunteer_ids",
];

#[component]
pub fn ServiceForm(admin: ServiceAdmin, editing: Option<ManagedService>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let id = editing.as_ref().map(|s| s.id);
    let storage_key = draft::storage_key(id);
    let kept = draft::load(&storage_key);
    let had_draft = kept.is_some();
    let start = kept.unwrap_or_else(|| editing.as_ref().map(ServiceDraft::of).unwrap_or_else(ServiceDraft::blank));
    let key = start.key.clone();
    let name = RwSignal::new(start.name);
    let category = RwSignal::new(start.category);
    let provider = RwSignal::new(start.provider);
    let description = RwSignal::new(start.description);
    let price = RwSignal::new(start.price);
    let duration = RwSignal::new(start.duration);
    let volunteer_points = RwSignal::new(start.volunteer_points);
    let opening = RwSignal::new(start.opening);
    let volunteer_ids = RwSignal::new(start.volunteer_ids);
    let period_errors = RwSignal::new(Vec::<Option<String>>::new());
    let errors = FormErrors::new(FIELDS);
    let saved_key = storage_key.clone();
    // Kept from the first change on: a form only opened leaves no draft behind.
    Effect::new(move |first: Option<()>| {
        let now = ServiceDraft {
                name: name.get(),
                category: category.get(),
                provider: provider.get(),
                description: description.get(),
                price: price.get(),
                duration: duration.get(),
                volunteer_points: volunteer_points.get(),
                opening: opening.get(),
                volunteer_ids: volunteer_ids.get(),
                key: key.clone(),
        };
        if first.is_some() {
            draft::save(&saved_key, &now);
        }
    });
    let create_key = start.key;
    let save = Action::new_local(move |request: &ServiceRequest| {
        let (request, key) = (request.clone(), create_key.clone());
        async move {
            match id {
                Some(id) => manage_api::edit(api, id, request).await,
                None => manage_api::create(api, request, key).await,
            }
        }
    });
    let done_key = storage_key.clone();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            draft::discard(&done_key);
            navigate(routes::service_manage(), Default::default());
        }
        Some(Err(error)) => show_errors(errors, period_errors, error),
        None => {}
    });
    let pending = save.pending();
    let points_per_hour = admin.points_per_hour;
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = manage_texts();
        errors.form.set(None);
        let whole = |field: &str, value: RwSignal<String>| {
            let parsed = value.get_untracked().trim().parse::<i64>().ok();
            errors.at(field).set(parsed.is_none().then(|| t.whole_number.to_owned()));
            parsed
        };
        let (p, d, v) = (
            whole("points_price", price),
            whole("duration_minutes", duration),
            whole("volunteer_points", volunteer_points),
        );
        let periods: Vec<Option<OpeningPeriod>> = opening.get_untracked().iter().map(period).collect();
        period_errors.set(periods.iter().map(|p| p.is_none().then(|| t.whole_number.to_owned())).collect());
        let (Some(points_price), Some(duration_minutes), Some(volunteer_points)) = (p, d, v) else { return };
        let Some(opening) = periods.into_iter().collect::<Option<Vec<_>>>() else { return };
        save.dispatch(ServiceRequest {
            name: name.get_untracked(),
            category: category.get_untracked(),
            provider_name: provider.get_untracked(),
            description: description.get_untracked(),
            points_price,
            volunteer_points,
            duration_minutes,
            opening,
            volunteer_ids: volunteer_ids.get_untracked(),
        });
    };
    let limit_hint = Signal::derive(move || {
        let minutes = duration.get().trim().parse::<i64>().ok()?;
        let most = points_per_hour.saturating_mul(minutes.max(0)) / 60;
        Some((manage_texts().volunteer_points_hint)(most, points_per_hour, minutes))
    });
    view! {
        <form class="card compose service-form" on:submit=on_submit novalidate>
            <Show when=move || had_draft>
                <p class="banner" role="status">{move || manage_texts().draft_kept}</p>
            </Show>
            <LimitedTextField id="service-name" label=Signal::derive(move || manage_texts().name) value=name
                error=errors.at("name").into() max_chars=SERVICE_NAME_MAX_CHARS />
            <CategorySelect category error=errors.at("category").into() />
            <LimitedTextField id="service-provider" label=Signal::derive(move || manage_texts().provider) value=provider
                error=errors.at("provider_name").into() max_chars=PROVIDER_NAME_MAX_CHARS />
            <TextArea id="service-description" label=Signal::derive(move || manage_texts().description) value=description
                error=errors.at("description").into() max_chars=SERVICE_DESCRIPTION_MAX_CHARS rows=4 />
            <NumberField id="service-price" label=Signal::derive(move || manage_texts().price) value=price
                error=errors.at("points_price").into() hint=Signal::derive(move || Some(manage_texts().price_hint.to_owned())) />
            <NumberField id="service-duration" label=Signal::derive(move || manage_texts().duration) value=duration
                error=errors.at("duration_minutes").into() hint=Signal::derive(move || Some(manage_texts().duration_hint.to_owned())) />
            <NumberField id="service-volunteer-points" label=Signal::derive(move || manage_texts().volunteer_points)
                value=volunteer_points error=errors.at("volunteer_points").into() hint=limit_hint />
            <OpeningEditor opening errors=period_errors error=errors.at("opening").into() />
            <VolunteerChecklist volunteers=admin.volunteers chosen=volunteer_ids error=errors.at("volunteer_ids").into() />
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || match (pending.get(), id) {
                    (true, _) => manage_texts().saving,
                    (false, Some(_)) => manage_texts().save_edit,
                    (false, None) => manage_texts().save_new,
                }}
            </button>
            <ActionError message=Signal::derive(move || errors.form.get().map(|e| e.message(i18n.t()))) />
        </form>
    }
}

/// The server's field errors at their fields, the opening periods' at each period.
fn show_errors(errors: FormErrors, period_errors: RwSignal<Vec<Option<String>>>, error: ApiError) {
    let count = period_errors.with_untracked(Vec::len).max(MAX_ROWS);
    let at_periods: Vec<Option<String>> = (0..count).map(|i| error.field(&format!("opening[{i}]"))).collect();
    let any_period = at_periods.iter().any(Option::is_some);
    period_errors.set(at_periods);
    errors.show(error);
    if any_period {
        errors.form.set(None);
    }
}

/// Rows the opening editor may show (the server's limit).
const MAX_ROWS: usize = linli_api_types::OPENING_PERIODS_MAX;

fn period(row: &PeriodDraft) -> Option<OpeningPeriod> {
    Some(OpeningPeriod { weekday: row.weekday, start_minute: minutes(&row.from)?, end_minute: minutes(&row.to)? })
}

/// A whole-number field with a line under its box saying its bounds.
#[component]
fn NumberField(
    id: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    hint: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <TextField id label value error input_mode="numeric" max_length=6>
            <p class="field__hint service-form__hint">{move || hint.get()}</p>
        </TextField>
    }
}

#[component]
fn CategorySelect(category: RwSignal<ServiceCategory>, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for="service-category">{move || manage_texts().category}</label>
            <select id="service-category" class="field__input"
                on:change=move |ev| {
                    if let Some(c) = ServiceCategory::parse(&event_target_value(&ev)) {
                        category.set(c);
                    }
                }>
                {ServiceCategory::ALL.into_iter().map(|c| view! {
                    <option value=c.as_str() selected=move || category.get() == c>{move || texts().category(c)}</option>
                }).collect_view()}
            </select>
            <p class="field__error" role="alert">{move || error.get()}</p>
        </div>
    }
}

/// The weekly periods: a weekday, a start and an end each; rows added and removed.
#[component]
fn OpeningEditor(
    opening: RwSignal<Vec<PeriodDraft>>,
    errors: RwSignal<Vec<Option<String>>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let rows = move || opening.with(Vec::len);
    let add = move |_| {
        opening.update(|rows| {
            if rows.len() < MAX_ROWS {
                let weekday = rows.last().map(|r| r.weekday % 7 + 1).unwrap_or(1);
                rows.push(PeriodDraft { weekday, from: "09:00".into(), to: "12:00".into() });
            }
        })
    };
    view! {
        <fieldset class="field opening-editor">
            <legend class="field__label">{move || manage_texts().opening}</legend>
            <p class="field__hint">{move || manage_texts().opening_hint}</p>
            <For each=move || 0..rows() key=|i| *i let:i>
                <PeriodRow i opening error=Signal::derive(move || errors.with(|e| e.get(i).cloned().flatten())) />
            </For>
            <button type="button" class="button button--block" on:click=add disabled=move || rows() >= MAX_ROWS>
                {move || manage_texts().add_period}
            </button>
            <p class="field__error" role="alert">{move || error.get()}</p>
        </fieldset>
    }
}

#[component]
fn PeriodRow(i: usize, opening: RwSignal<Vec<PeriodDraft>>, error: Signal<Option<String>>) -> impl IntoView {
    let get = move |f: fn(&PeriodDraft) -> String| opening.with(|rows| rows.get(i).map(f).unwrap_or_default());
    let set = move |f: fn(&mut PeriodDraft, String), value: String| {
        opening.update(|rows| {
            if let Some(row) = rows.get_mut(i) {
                f(row, value)
            }
        })
    };
    let weekday = move || opening.with(|rows| rows.get(i).map(|r| r.weekday).unwrap_or(1));
    let (day_id, from_id, to_id, error_id) =
        (format!("period-{i}-day"), format!("period-{i}-from"), format!("period-{i}-to"), format!("period-{i}-error"));
    let described = error_id.clone();
    view! {
        <fieldset class="period-row" class:field--invalid=move || error.with(Option::is_some) aria-describedby=described>
            <legend class="period-row__legend">{move || (manage_texts().period_label)(i + 1)}</legend>
            <label class="period-row__label" for=day_id.clone()>{move || manage_texts().weekday}</label>
            <select id=day_id class="field__input" on:change=move |ev| {
                let day = event_target_value(&ev).parse::<u8>().unwrap_or(1);
                opening.update(|rows| if let Some(row) = rows.get_mut(i) { row.weekday = day });
            }>
                {(1..=7u8).map(|d| view! {
                    <option value=d.to_string() selected=move || weekday() == d>{move || texts().weekdays[usize::from(d) - 1]}</option>
                }).collect_view()}
            </select>
            <label class="period-row__label" for=from_id.clone()>{move || manage_texts().from}</label>
            <input id=from_id type="time" class="field__input" step="900" prop:value=move || get(|r| r.from.clone())
                on:change=move |ev| set(|r, v| r.from = v, event_target_value(&ev)) />
            <label class="period-row__label" for=to_id.clone()>{move || manage_texts().to}</label>
            <input id=to_id type="time" class="field__input" step="900" prop:value=move || get(|r| r.to.clone())
                on:change=move |ev| set(|r, v| r.to = v, event_target_value(&ev)) />
            // The button says 删除 (it sits in the period's own box); its name says which period.
            <button type="button" class="button button--ghost period-row__remove"
                aria-label=move || (manage_texts().remove_period)(i + 1)
                on:click=move |_| opening.update(|rows| if i < rows.len() { rows.remove(i); })>
                {move || manage_texts().remove}
            </button>
            <p class="field__error" id=error_id role="alert">{move || error.get()}</p>
        </fieldset>
    }
}
