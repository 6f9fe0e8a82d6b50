//! 反映设置 (staff): for each kind of problem, whom it goes to first, within how many hours it
//! must be answered and in how many days resolved; and the property company's named handlers.
//! Saving replaces the whole settings (the same form twice leaves the same).

use leptos::prelude::*;
use linli_api_types::{
    HandlerLevel, PropertyHandler, ReportCategory, ReportCategoryRule, ReportSettings, PROPERTY_HANDLER_NAME_MAX_CHARS,
    RESOLVE_DAYS_MAX, RESPOND_HOURS_MAX,
};

use super::api;
use super::common::{Frame, LoadError};
use super::texts::{texts, ReportsTexts};
use crate::api::use_api;
use crate::components::{ActionError, Skeleton};
use crate::i18n::use_i18n;
use crate::routes;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let api = use_api();
    let loaded = LocalResource::new(move || api::settings(api));
    view! {
        <Frame title=|t| t.settings_title back=routes::me()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(settings) => view! { <SettingsForm settings /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

/// Where a report may go first: the place's heads (climbing), the grid head, staff, 物业.
const FIRST: [HandlerLevel; 4] = [HandlerLevel::Unit, HandlerLevel::Grid, HandlerLevel::Staff, HandlerLevel::Property];

/// One category's row as the form holds it (numbers as typed, checked on saving).
#[derive(Clone, Copy)]
struct Row {
    category: ReportCategory,
    first: RwSignal<HandlerLevel>,
    property: RwSignal<Option<i64>>,
    hours: RwSignal<String>,
    days: RwSignal<String>,
    error: RwSignal<Option<String>>,
}

/// `text` as a whole number from 1 to `max`.
fn within(text: &str, max: u32) -> Option<u32> {
    text.trim().parse::<u32>().ok().filter(|n| (1..=max).contains(n))
}

#[component]
fn SettingsForm(settings: ReportSettings) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let rows: Vec<Row> = ReportCategory::ALL
        .into_iter()
        .map(|category| {
            let rule = settings.rules.iter().find(|r| r.category == category);
            Row {
                category,
                first: RwSignal::new(rule.map_or(HandlerLevel::Unit, |r| r.first)),
                property: RwSignal::new(rule.and_then(|r| r.property_handler_id)),
                hours: RwSignal::new(rule.map_or(24, |r| r.respond_hours).to_string()),
                days: RwSignal::new(rule.map_or(5, |r| r.resolve_days).to_string()),
                error: RwSignal::new(None),
            }
        })
        .collect();
    let rows = StoredValue::new(rows);
    let handlers = RwSignal::new(settings.property_handlers);
    let new_name = RwSignal::new(String::new());
    let save = Action::new_local(move |body: &ReportSettings| {
        let body = body.clone();
        async move { api::save_settings(api, &body).await }
    });
    let saved = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(settings)) = save.value().get() {
            handlers.set(settings.property_handlers);
            saved.set(true);
        }
    });
    let pending = save.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let t = ReportsTexts::of(i18n.locale_untracked());
        let mut ok = true;
        let rules: Vec<ReportCategoryRule> = rows.with_value(|rows| {
            rows.iter()
                .filter_map(|row| {
                    let hours = within(&row.hours.get_untracked(), RESPOND_HOURS_MAX);
                    let days = within(&row.days.get_untracked(), RESOLVE_DAYS_MAX);
                    let first = row.first.get_untracked();
                    let property = row.property.get_untracked();
                    let error = if hours.is_none() {
                        Some((t.hours_range)(RESPOND_HOURS_MAX))
                    } else if days.is_none() {
                        Some((t.days_range)(RESOLVE_DAYS_MAX))
                    } else if first == HandlerLevel::Property && property.is_none() {
                        Some(t.property_needs_handler.to_owned())
                    } else {
                        None
                    };
                    ok &= error.is_none();
                    row.error.set(error);
                    Some(ReportCategoryRule {
                        category: row.category,
                        first,
                        property_handler_id: property.filter(|_| first == HandlerLevel::Property),
                        respond_hours: hours?,
                        resolve_days: days?,
                    })
                })
                .collect()
        });
        if ok {
            save.dispatch(ReportSettings { rules, property_handlers: handlers.get_untracked() });
        }
    };
    let add = move |_| {
        let name = new_name.get_untracked().trim().to_owned();
        if !name.is_empty() && name.chars().count() <= PROPERTY_HANDLER_NAME_MAX_CHARS {
            // Id 0: a new handler; the server gives it its id on saving.
            handlers.update(|h| h.push(PropertyHandler { id: 0, name, retired: false }));
            new_name.set(String::new());
        }
    };
    view! {
        <p class="muted compose-intro">{move || texts().settings_intro}</p>
        <form class="settings-form" on:submit=submit novalidate>
            {rows.get_value().into_iter().map(|row| view! { <RuleCard row handlers /> }).collect_view()}
            <section class="card" aria-labelledby="property-heading">
                <h2 class="card__title" id="property-heading">{move || texts().property_handlers_heading}</h2>
                <p class="field__hint">{move || texts().property_handlers_hint}</p>
                <ul class="property-list">
                    {move || handlers.get().into_iter().enumerate().map(|(i, h)| {
                        let name = h.name.clone();
                        view! {
                            <li class="property-list__item">
                                <span>{h.name.clone()}</span>
                                <button type="button" class="button button--small button--danger-outline"
                                    aria-label=move || (texts().remove_property_handler)(&name)
                                    on:click=move |_| handlers.update(|all| { all.remove(i); })>"×"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <div class="field">
                    <label class="field__label" for="property-new">{move || (texts().property_name)(handlers.with(Vec::len) + 1)}</label>
                    <div class="field__control">
                        <input id="property-new" class="field__input" type="text" maxlength=PROPERTY_HANDLER_NAME_MAX_CHARS
                            bind:value=new_name />
                    </div>
                </div>
                <button type="button" class="button button--ghost" on:click=add>{move || texts().add_property_handler}</button>
            </section>
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || if pending.get() { texts().working } else { texts().save_settings }}
            </button>
            <Show when=move || saved.get()>
                <p class="banner banner--ok" role="status">{move || texts().saved}</p>
            </Show>
            <ActionError message=Signal::derive(move || save.value().get().and_then(Result::err).map(|e| e.message(i18n.t()))) />
        </form>
    }
}

#[component]
fn RuleCard(row: Row, handlers: RwSignal<Vec<PropertyHandler>>) -> impl IntoView {
    let c = row.category.as_str();
    let (first_id, hours_id, days_id, property_id, error_id) =
        (format!("first-{c}"), format!("hours-{c}"), format!("days-{c}"), format!("property-{c}"), format!("rule-{c}-error"));
    let heading_id = format!("rule-{c}");
    let labelled_by = heading_id.clone();
    let category = row.category;
    view! {
        <section class="card rule" aria-labelledby=labelled_by class:field--invalid=move || row.error.with(Option::is_some)>
            <h2 class="card__title" id=heading_id>{move || texts().category(category)}</h2>
            <div class="field">
                <label class="field__label" for=first_id.clone()>{move || texts().first_handler}</label>
                <select id=first_id class="field__input" on:change=move |ev| {
                    if let Some(level) = HandlerLevel::parse(&event_target_value(&ev)) { row.first.set(level); }
                }>
                    {FIRST.into_iter().map(|level| view! {
                        <option value=level.as_str() selected=move || row.first.get() == level>{move || texts().level(level)}</option>
                    }).collect_view()}
                </select>
            </div>
            <Show when=move || row.first.get() == HandlerLevel::Property>
                <div class="field">
                    <label class="field__label" for=property_id.clone()>{move || texts().property_handler}</label>
                    <select id=property_id.clone() class="field__input" on:change=move |ev| row.property.set(event_target_value(&ev).parse().ok())>
                        <option value="" selected=move || row.property.get().is_none()>{move || texts().transfer_choose}</option>
                        {move || handlers.get().into_iter().filter(|h| h.id > 0).map(|h| view! {
                            <option value=h.id.to_string() selected=move || row.property.get() == Some(h.id)>{h.name}</option>
                        }).collect_view()}
                    </select>
                </div>
            </Show>
            <div class="rule__numbers">
                <div class="field">
                    <label class="field__label" for=hours_id.clone()>{move || texts().respond_hours}</label>
                    <input id=hours_id class="field__input" type="number" inputmode="numeric" min="1" max=RESPOND_HOURS_MAX
                        aria-describedby=error_id.clone() bind:value=row.hours />
                </div>
                <div class="field">
                    <label class="field__label" for=days_id.clone()>{move || texts().resolve_days}</label>
                    <input id=days_id class="field__input" type="number" inputmode="numeric" min="1" max=RESOLVE_DAYS_MAX
                        aria-describedby=error_id.clone() bind:value=row.days />
                </div>
            </div>
            <p class="field__error" id=error_id role="alert">{move || row.error.get()}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_must_be_whole_and_in_range() {
        assert_eq!(super::within(" 24 ", 168), Some(24));
        assert_eq!(super::within("0", 168), None);
        assert_eq!(super::within("169", 168), None);
        assert_eq!(super::within("2.5", 168), None);
    }
}
