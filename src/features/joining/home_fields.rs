//! The home as sign-up and asking again take it: community → building → unit as choices (a
//! building an invite names is fixed and shown as text), and the door number typed.

use leptos::prelude::*;
use linli_api_types::JoinCommunity;

use super::texts::{texts, texts_in};
use crate::i18n::{use_i18n, I18n};
use crate::components::TextField;

/// The home being chosen; each level is cleared when the one above it changes.
#[derive(Clone, Copy)]
pub struct HomeChoice {
    pub community: RwSignal<Option<i64>>,
    pub building: RwSignal<Option<i64>>,
    pub unit: RwSignal<Option<i64>>,
    pub door: RwSignal<String>,
    pub unit_error: RwSignal<Option<String>>,
    pub door_error: RwSignal<Option<String>>,
    i18n: I18n,
}

impl HomeChoice {
    pub fn new() -> Self {
        Self {
            community: RwSignal::new(None),
            building: RwSignal::new(None),
            unit: RwSignal::new(None),
            door: RwSignal::new(String::new()),
            unit_error: RwSignal::new(None),
            door_error: RwSignal::new(None),
            i18n: use_i18n(),
        }
    }

    /// The only community or building there is is chosen already.
    pub fn preselect(&self, communities: &[JoinCommunity]) {
        if let [community] = communities {
            self.community.set(Some(community.id));
            if let [building] = community.buildings.as_slice() {
                self.building.set(Some(building.id));
            }
        }
    }

    /// Checks the choice before sending; whether it is complete.
    pub fn check(&self) -> bool {
        let t = texts_in(self.i18n.locale());
        self.unit_error.set(
            self.unit
                .get_untracked()
                .is_none()
                .then(|| t.choose_home.to_owned()),
        );
        self.door_error.set(
            self.door
                .with_untracked(|d| d.trim().is_empty())
                .then(|| t.required.to_owned()),
        );
        self.unit_error.with_untracked(Option::is_none)
            && self.door_error.with_untracked(Option::is_none)
    }
}

/// One labelled choice with its error beneath.
#[component]
fn Choice(
    id: &'static str,
    label: Signal<&'static str>,
    options: Signal<Vec<(i64, String)>>,
    chosen: RwSignal<Option<i64>>,
    #[prop(optional)] error: Option<RwSignal<Option<String>>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = error_id.clone();
    let invalid = move || error.is_some_and(|e| e.with(Option::is_some));
    view! {
        <div class="field" class:field--invalid=invalid>
            <label class="field__label" for=id>{label}</label>
            <select
                id=id
                class="field__input join-select"
                aria-invalid=move || if invalid() { "true" } else { "false" }
                aria-describedby=described_by
                on:change=move |ev| {
                    chosen.set(event_target_value(&ev).parse().ok());
                    on_change.run(());
                }
            >
                <option value="" selected=move || chosen.get().is_none()>{move || texts().choose}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(value, name)| {
                            view! { <option value=value selected=move || chosen.get() == Some(value)>{name}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <p class="field__error" id=error_id role="alert">{move || error.and_then(|e| e.get())}</p>
        </div>
    }
}

/// The home fields. With `fixed` the community and building are the invite's, shown as text.
#[component]
pub fn HomeFields(
    choice: HomeChoice,
    #[prop(into)] communities: Signal<Vec<JoinCommunity>>,
    #[prop(optional)] fixed: bool,
) -> impl IntoView {
    let community_options = Signal::derive(move || {
        communities.with(|all| all.iter().map(|c| (c.id, c.name.clone())).collect())
    });
    let building_options = Signal::derive(move || {
        let chosen = choice.community.get();
        communities.with(|all| {
            all.iter()
                .filter(|c| Some(c.id) == chosen)
                .flat_map(|c| c.buildings.iter().map(|b| (b.id, b.name.clone())))
                .collect()
        })
    });
    let unit_options = Signal::derive(move || {
        let chosen = choice.building.get();
        communities.with(|all| {
            all.iter()
                .flat_map(|c| c.buildings.iter())
                .filter(|b| Some(b.id) == chosen)
                .flat_map(|b| b.units.iter().map(|u| (u.id, u.name.clone())))
                .collect()
        })
    });
    let clear_below_community = Callback::new(move |_| {
        choice.building.set(None);
        choice.unit.set(None);
    });
    let clear_below_building = Callback::new(move |_| choice.unit.set(None));
    let nothing = Callback::new(|_| {});
    view! {
        {(!fixed).then(|| view! {
            <Choice id="join-community" label=Signal::derive(|| texts().community) options=community_options
                chosen=choice.community on_change=clear_below_community />
            <Choice id="join-building" label=Signal::derive(|| texts().building) options=building_options
                chosen=choice.building on_change=clear_below_building />
        })}
        <div class="join-home-row">
            <Choice id="join-unit" label=Signal::derive(|| texts().unit) options=unit_options
                chosen=choice.unit error=choice.unit_error on_change=nothing />
            <TextField
                id="join-door"
                label=Signal::derive(|| texts().door)
                value=choice.door
                error=choice.door_error.into()
                input_mode="numeric"
                placeholder=Signal::derive(|| texts().door_placeholder)
                max_length=10
            />
        </div>
    }
}
