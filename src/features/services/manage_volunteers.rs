//! Which of the community's volunteers offer a service: a checklist, each with their home so
//! two of one name are told apart.

use leptos::prelude::*;
use linli_api_types::VolunteerChoice;

use super::manage_texts::manage_texts;

#[component]
pub fn VolunteerChecklist(
    volunteers: Vec<VolunteerChoice>,
    chosen: RwSignal<Vec<i64>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let none = volunteers.is_empty();
    view! {
        <fieldset class="field volunteer-checklist" class:field--invalid=move || error.with(Option::is_some)>
            <legend class="field__label">{move || manage_texts().volunteers}</legend>
            {none.then(|| view! { <p class="muted">{move || manage_texts().volunteers_none}</p> })}
            <ul class="checklist">
                {volunteers.into_iter().map(|v| {
                    let id = v.id;
                    let input_id = format!("volunteer-{id}");
                    let label_for = input_id.clone();
                    let checked = move || chosen.with(|c| c.contains(&id));
                    view! {
                        <li>
                            <label class="checklist__item" for=label_for>
                                <input id=input_id type="checkbox" prop:checked=checked
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| {
                                            c.retain(|x| *x != id);
                                            if on {
                                                c.push(id);
                                            }
                                        });
                                    } />
                                <span class="checklist__name">{v.name}</span>
                                <span class="checklist__home muted">{v.home}</span>
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="field__error" role="alert">{move || error.get()}</p>
        </fieldset>
    }
}
