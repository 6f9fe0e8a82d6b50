//! The fields a task's form shares between 发布活动 and 修改活动: title, category, place, start
//! and end, places and points. Each page adds what differs (where it is for, the points hint,
//! the description and its button).

use leptos::prelude::*;
use linli_api_types::{TaskCategory, TASK_PLACE_MAX_CHARS, TASK_TITLE_MAX_CHARS};

use super::texts::texts;
use crate::components::{DateField, FormErrors, LimitedTextField, TextField};

/// What the person types, one signal a field.
#[derive(Clone, Copy)]
pub struct TaskInputs {
    pub title: RwSignal<String>,
    pub category: RwSignal<TaskCategory>,
    pub place: RwSignal<String>,
    pub starts_at: RwSignal<String>,
    pub ends_at: RwSignal<String>,
    pub capacity: RwSignal<String>,
    pub points: RwSignal<String>,
}

#[component]
pub fn TaskFields(inputs: TaskInputs, errors: FormErrors) -> impl IntoView {
    let TaskInputs { title, category, place, starts_at, ends_at, capacity, points } = inputs;
    let err = move |name: &'static str| -> Signal<Option<String>> { errors.at(name).into() };
    view! {
        <LimitedTextField id="title" label=Signal::derive(move || texts().field_title) value=title error=err("title")
            max_chars=TASK_TITLE_MAX_CHARS />
        <div class="field">
            <label class="field__label" for="category">{move || texts().field_category}</label>
            <select id="category" class="field__input"
                on:change=move |ev| {
                    if let Some(c) = TaskCategory::parse(&event_target_value(&ev)) {
                        category.set(c);
                    }
                }>
                {TaskCategory::ALL.into_iter().map(|c| view! {
                    <option value=c.as_str() selected=move || category.get() == c>{move || texts().category(c)}</option>
                }).collect_view()}
            </select>
        </div>
        <LimitedTextField id="place" label=Signal::derive(move || texts().field_place) value=place error=err("place")
            max_chars=TASK_PLACE_MAX_CHARS />
        <DateField id="starts_at" label=Signal::derive(move || texts().field_starts_at) value=starts_at
            error=err("starts_at") with_time=true />
        <DateField id="ends_at" label=Signal::derive(move || texts().field_ends_at) value=ends_at
            error=err("ends_at") with_time=true />
        <div class="field__row">
            <TextField id="capacity" label=Signal::derive(move || texts().field_capacity) value=capacity
                error=err("capacity") input_mode="numeric" max_length=4 />
            <TextField id="points" label=Signal::derive(move || texts().field_points) value=points
                error=err("points") input_mode="numeric" max_length=5 />
        </div>
    }
}
