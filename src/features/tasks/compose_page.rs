use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::{hooks::use_navigate, NavigateOptions};
use linli_api_types::{
    ScopeKind, TaskDraft, TaskPolicy, TaskTarget, TASK_CAPACITY_MAX, TASK_CAPACITY_MIN, TASK_DESCRIPTION_MAX_CHARS,
    TASK_PLACE_MAX_CHARS, TASK_POINTS_MAX, TASK_TITLE_MAX_CHARS,
};

use super::api;
use super::fields::{TaskFields, TaskInputs};
use super::draft::{self, Draft};
use super::frame::Frame;
use super::texts::{texts, texts_in};
use crate::api::use_api;
use crate::components::{ActionError, FormErrors, TextArea};
use crate::i18n::{time, use_i18n};
use crate::routes;

/// 发布任务: staff and building heads post a task to a place they hold.
#[component]
pub fn NewTaskPage() -> impl IntoView {
    view! {
        <Frame title=|t| t.new_task back=routes::tasks()>
            <TaskForm />
        </Frame>
    }
}

fn parse_target(value: &str) -> Option<TaskTarget> {
    let (kind, id) = value.split_once(':')?;
    Some(TaskTarget { kind: ScopeKind::parse(kind)?, id: id.parse().ok()? })
}

/// Brings the first field with a message into view, with the keyboard on it: the button is at
/// the bottom of a long form, and a message above the fold would look like nothing happened.
fn focus_first_invalid() {
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        let first = document().query_selector(".compose [aria-invalid=\"true\"]").ok().flatten();
        if let Some(field) = first.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = field.focus();
        }
    });
}

fn parse_number(value: &str, min: i64, max: i64) -> Option<i64> {
    value.trim().parse::<i64>().ok().filter(|n| (min..=max).contains(n))
}

/// The fields the server names in its field errors.
const FIELDS: &[&str] = &["title", "description", "category", "place", "starts_at", "ends_at", "capacity", "points", "target"];

#[component]
fn TaskForm() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let saved = draft::load();
    let restored = saved.is_some();
    let start = saved.unwrap_or_default();

    let title = RwSignal::new(start.title);
    let description = RwSignal::new(start.description);
    let category = RwSignal::new(start.category);
    let place = RwSignal::new(start.place);
    let starts_at = RwSignal::new(start.starts_at);
    let ends_at = RwSignal::new(start.ends_at);
    let capacity = RwSignal::new(start.capacity);
    let points = RwSignal::new(start.points);
    let target = RwSignal::new(start.target);
    let key = StoredValue::new(start.key);
    let errors = FormErrors::new(FIELDS);

    let current = move || Draft {
        title: title.get(),
        description: description.get(),
        category: category.get(),
        place: place.get(),
        starts_at: starts_at.get(),
        ends_at: ends_at.get(),
        capacity: capacity.get(),
        points: points.get(),
        target: target.get(),
        key: key.get_value(),
    };
    // The first run would store what was loaded; only what the user changes is worth keeping.
    Effect::new(move |first: Option<()>| {
        let draft = current();
        if first.is_some() {
            draft::save(&draft);
        }
    });

    let targets = LocalResource::new(move || api::targets(api));
    // The community's points per hour: the maximum for the chosen length is shown beside the
    // points and checked before sending (the server checks it again).
    let policy = RwSignal::new(None::<TaskPolicy>);
    spawn_local(async move {
        if let Ok(fetched) = api::policy(api).await {
            policy.set(Some(fetched));
        }
    });
    let length = move || {
        let starts = time::from_local_input(&starts_at.get())?;
        let ends = time::from_local_input(&ends_at.get())?;
        let minutes = (ends - starts).num_minutes();
        (minutes > 0).then_some(minutes)
    };
    let max_points = move || Some((policy.get()?.max_points(length()?), length()?));
    let points_hint = move || {
        let t = texts();
        match (max_points(), policy.get()) {
            (Some((max, minutes)), _) => Some((t.points_cap)(&(t.minutes)(minutes), max)),
            (None, Some(policy)) => Some((t.points_rate)(policy.points_per_hour)),
            (None, None) => None,
        }
    };
    let send = Action::new_local(move |body: &TaskDraft| api::create(api, body.clone(), key.get_value()));
    Effect::new(move |_| match send.value().get() {
        Some(Ok(task)) => {
            draft::discard();
            navigate(&routes::task(task.id), NavigateOptions { replace: true, ..Default::default() });
        }
        Some(Err(error)) => {
            errors.show(error);
            focus_first_invalid();
        }
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = texts_in(i18n);
        let d = current();
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
        let starts = time::from_local_input(&d.starts_at);
        let ends = time::from_local_input(&d.ends_at);
        let capacity = parse_number(&d.capacity, TASK_CAPACITY_MIN, TASK_CAPACITY_MAX);
        let points = parse_number(&d.points, 0, TASK_POINTS_MAX);
        let target = parse_target(&d.target);
        errors.at("title").set(text_check(&d.title, TASK_TITLE_MAX_CHARS, true));
        errors.at("description").set(text_check(&d.description, TASK_DESCRIPTION_MAX_CHARS, false));
        errors.at("place").set(text_check(&d.place, TASK_PLACE_MAX_CHARS, true));
        errors.at("starts_at").set(starts.is_none().then(|| t.required.to_owned()));
        errors.at("ends_at").set(match (starts, ends) {
            (_, None) => Some(t.required.to_owned()),
            (Some(s), Some(e)) if e <= s => Some(t.ends_before_start.to_owned()),
            _ => None,
        });
        errors.at("capacity").set(capacity.is_none().then(|| (t.whole_number)(TASK_CAPACITY_MIN, TASK_CAPACITY_MAX)));
        errors.at("points").set(match (points, max_points()) {
            (None, _) => Some((t.whole_number)(0, TASK_POINTS_MAX)),
            (Some(points), Some((max, minutes))) if points > max => Some((t.points_cap)(&(t.minutes)(minutes), max)),
            _ => None,
        });
        errors.at("target").set(target.is_none().then(|| t.choose_scope.to_owned()));
        errors.form.set(None);
        let ok = errors.fields_clear();
        if !ok {
            focus_first_invalid();
        }
        if let (true, Some(starts_at), Some(ends_at), Some(capacity), Some(points), Some(target)) =
            (ok, starts, ends, capacity, points, target)
        {
            send.dispatch(TaskDraft {
                title: d.title.trim().to_owned(),
                description: d.description.trim().to_owned(),
                category: d.category,
                place: d.place.trim().to_owned(),
                starts_at,
                ends_at,
                capacity,
                points,
                target,
            });
        }
    };
    let pending = send.pending();
    // Nowhere to post to: the button says so instead of failing on tap.
    let no_scope = move || matches!(targets.get(), Some(Ok(scopes)) if scopes.is_empty());
    let err = move |name: &'static str| -> Signal<Option<String>> { errors.at(name).into() };

    view! {
        <form class="card compose" on:submit=on_submit novalidate>
            {restored.then(|| view! { <p class="banner banner--info" role="status">{move || texts().draft_restored}</p> })}
            <TaskFields inputs=TaskInputs { title, category, place, starts_at, ends_at, capacity, points } errors />
            <p class="field__hint" id="points-hint" aria-live="polite">{points_hint}</p>
            <div class="field" class:field--invalid=move || errors.at("target").with(Option::is_some)>
                <label class="field__label" for="target">{move || texts().field_scope}</label>
                <Transition fallback=move || view! { <p class="muted">{move || i18n.t().loading}</p> }>
                    {move || Suspend::new(async move {
                        let scopes = targets.await.unwrap_or_default();
                        if scopes.is_empty() {
                            return view! { <p class="muted">{move || texts().no_scopes}</p> }.into_any();
                        }
                        // One place held: chosen already.
                        if scopes.len() == 1 && target.with_untracked(String::is_empty) {
                            target.set(format!("{}:{}", scopes[0].kind.as_str(), scopes[0].id));
                        }
                        view! {
                            <select id="target" class="field__input" aria-describedby="target-error"
                                aria-invalid=move || errors.at("target").with(Option::is_some).to_string()
                                on:change=move |ev| target.set(event_target_value(&ev))>
                                <option value="" selected=move || target.with(String::is_empty)>{move || texts().choose_scope}</option>
                                {scopes.into_iter().map(|scope| {
                                    let value = format!("{}:{}", scope.kind.as_str(), scope.id);
                                    let this = value.clone();
                                    view! { <option value=value selected=move || target.with(|t| *t == this)>{scope.name}</option> }
                                }).collect_view()}
                            </select>
                        }.into_any()
                    })}
                </Transition>
                <p class="field__error" id="target-error" role="alert">{move || errors.at("target").get()}</p>
            </div>
            <TextArea id="description" label=Signal::derive(move || texts().field_description) value=description
                error=err("description") max_chars=TASK_DESCRIPTION_MAX_CHARS rows=5 />
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get() || no_scope()
                aria-describedby="publish-why">
                {move || if pending.get() { texts().publishing } else { texts().publish }}
            </button>
            <p class="action-reason" id="publish-why" hidden=move || !no_scope()>{move || texts().no_scopes}</p>
            <ActionError message=Signal::derive(move || errors.form.with(|e| e.as_ref().map(|e| e.message(i18n.t())))) />
        </form>
    }
}
