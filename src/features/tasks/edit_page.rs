//! 修改活动: staff and the task's organiser change a task before it starts. The same fields and
//! checks as posting one (the server checks them again, and refuses fewer places than those
//! signed up with the count at the field); the place it is for is shown, not offered. What is
//! typed is kept on this phone until saved, so a reload or a failed save loses nothing.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};
use linli_api_types::{
    Task, TaskDraft, TaskTarget, TASK_CAPACITY_MAX, TASK_CAPACITY_MIN, TASK_DESCRIPTION_MAX_CHARS,
    TASK_PLACE_MAX_CHARS, TASK_POINTS_MAX, TASK_TITLE_MAX_CHARS,
};

use super::admin_texts::admin_texts;
use super::api;
use super::fields::{TaskFields, TaskInputs};
use super::draft::Draft;
use super::frame::Skeleton;
use super::texts::{texts, texts_in};
use crate::api::{load_by_id, use_api, IdempotencyKey};
use crate::components::{ActionError, ErrorCard, FormErrors, PageFrame, Parent, TextArea};
use crate::i18n::{time, use_i18n};
use crate::{routes, storage};

const FIELDS: &[&str] = &["title", "description", "category", "place", "starts_at", "ends_at", "capacity", "points", "target"];

fn storage_key(id: i64) -> String {
    format!("linli.draft.task.edit.{id}")
}

#[component]
pub fn EditTaskPage() -> impl IntoView {
    let i18n = use_i18n();
    let task = load_by_id(api::task);
    let title = Signal::derive(move || admin_texts().edit_title.to_owned());
    view! {
        <PageFrame title back_to=Some(Parent::Up)>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match task.await {
                        Ok(task) => view! { <EditForm task /> }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </PageFrame>
    }
}

fn parse_number(value: &str, min: i64, max: i64) -> Option<i64> {
    value.trim().parse::<i64>().ok().filter(|n| (min..=max).contains(n))
}

#[component]
fn EditForm(task: Task) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let id = task.id;
    let key = storage_key(id);
    let saved: Option<Draft> = storage::load_json(&key);
    let restored = saved.is_some();
    let start = saved.unwrap_or_else(|| Draft {
        title: task.title.clone(),
        description: task.description.clone(),
        category: task.category,
        place: task.place.clone(),
        starts_at: time::to_local_input(task.starts_at),
        ends_at: time::to_local_input(task.ends_at),
        capacity: task.capacity.to_string(),
        points: task.points.to_string(),
        target: format!("{}:{}", task.target.kind.as_str(), task.target.id),
        key: IdempotencyKey::new(),
    });
    let target = TaskTarget { kind: task.target.kind, id: task.target.id };
    let title = RwSignal::new(start.title);
    let description = RwSignal::new(start.description);
    let category = RwSignal::new(start.category);
    let place = RwSignal::new(start.place);
    let starts_at = RwSignal::new(start.starts_at);
    let ends_at = RwSignal::new(start.ends_at);
    let capacity = RwSignal::new(start.capacity);
    let points = RwSignal::new(start.points);
    let target_value = start.target;
    let errors = FormErrors::new(FIELDS);
    let storage_key = StoredValue::new(key);

    let current = move || Draft {
        title: title.get(),
        description: description.get(),
        category: category.get(),
        place: place.get(),
        starts_at: starts_at.get(),
        ends_at: ends_at.get(),
        capacity: capacity.get(),
        points: points.get(),
        target: target_value.clone(),
        key: IdempotencyKey::new(),
    };
    Effect::new(move |first: Option<()>| {
        let draft = current();
        if first.is_some() {
            storage_key.with_value(|key| storage::save_json(key, &draft));
        }
    });

    let send = Action::new_local(move |draft: &TaskDraft| api::edit(api, id, draft.clone()));
    Effect::new(move |_| match send.value().get() {
        Some(Ok(task)) => {
            storage_key.with_value(|key| storage::remove(key));
            navigate(&routes::task(task.id), NavigateOptions { replace: true, ..Default::default() });
        }
        Some(Err(error)) => errors.show(error),
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = texts_in(i18n);
        let text_check = |text: &str, max: usize, required: bool| {
            let n = text.trim().chars().count();
            if n == 0 && required {
                Some(t.required.to_owned())
            } else if n > max {
                Some((t.too_long)(max))
            } else {
                None
            }
        };
        let (title_v, place_v, description_v) = (title.get_untracked(), place.get_untracked(), description.get_untracked());
        let starts = time::from_local_input(&starts_at.get_untracked());
        let ends = time::from_local_input(&ends_at.get_untracked());
        let capacity_v = parse_number(&capacity.get_untracked(), TASK_CAPACITY_MIN, TASK_CAPACITY_MAX);
        let points_v = parse_number(&points.get_untracked(), 0, TASK_POINTS_MAX);
        errors.at("title").set(text_check(&title_v, TASK_TITLE_MAX_CHARS, true));
        errors.at("description").set(text_check(&description_v, TASK_DESCRIPTION_MAX_CHARS, false));
        errors.at("place").set(text_check(&place_v, TASK_PLACE_MAX_CHARS, true));
        errors.at("starts_at").set(starts.is_none().then(|| t.required.to_owned()));
        errors.at("ends_at").set(match (starts, ends) {
            (_, None) => Some(t.required.to_owned()),
            (Some(s), Some(e)) if e <= s => Some(t.ends_before_start.to_owned()),
            _ => None,
        });
        errors.at("capacity").set(capacity_v.is_none().then(|| (t.whole_number)(TASK_CAPACITY_MIN, TASK_CAPACITY_MAX)));
        errors.at("points").set(points_v.is_none().then(|| (t.whole_number)(0, TASK_POINTS_MAX)));
        errors.form.set(None);
        if let (true, Some(starts_at), Some(ends_at), Some(capacity), Some(points)) =
            (errors.fields_clear(), starts, ends, capacity_v, points_v)
        {
            send.dispatch(TaskDraft {
                title: title_v.trim().to_owned(),
                description: description_v.trim().to_owned(),
                category: category.get_untracked(),
                place: place_v.trim().to_owned(),
                starts_at,
                ends_at,
                capacity,
                points,
                target,
            });
        }
    };
    let pending = send.pending();
    let err = move |name: &'static str| -> Signal<Option<String>> { errors.at(name).into() };
    let scope_name = task.target.name.clone();

    view! {
        <form class="card compose" on:submit=on_submit novalidate>
            {restored.then(|| view! { <p class="banner banner--info" role="status">{move || admin_texts().draft_restored}</p> })}
            <TaskFields inputs=TaskInputs { title, category, place, starts_at, ends_at, capacity, points } errors />
            <div class="field">
                <p class="field__label">{move || texts().field_scope}</p>
                <p class="task-edit__scope">{scope_name}</p>
                <p class="field__hint">{move || admin_texts().scope_fixed}</p>
                <p class="field__error" role="alert">{move || errors.at("target").get()}</p>
            </div>
            <TextArea id="description" label=Signal::derive(move || texts().field_description) value=description
                error=err("description") max_chars=TASK_DESCRIPTION_MAX_CHARS rows=5 />
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || if pending.get() { admin_texts().saving } else { admin_texts().save }}
            </button>
            <ActionError message=Signal::derive(move || errors.form.with(|e| e.as_ref().map(|e| e.message(i18n.t())))) />
        </form>
    }
}
