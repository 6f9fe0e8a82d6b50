use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};
use linli_api_types::{
    Notice, NoticeCategory, NoticeDraft, NoticeTarget, ScopeKind, NOTICE_BODY_MAX_CHARS, NOTICE_TITLE_MAX_CHARS,
};

use super::api;
use super::draft::{self, Draft};
use crate::api::{load_by_id, use_api};
use crate::components::{ActionError, FormErrors, LimitedTextField, Page, Skeleton, TextArea};
use crate::i18n::{time, use_i18n};
use crate::routes;

#[component]
pub fn ComposePage() -> impl IntoView {
    view! {
        <Page title=|t| t.compose_title back=routes::home()>
            <NoticeForm editing=None original=None />
        </Page>
    }
}

/// Editing starts from the saved draft if there is one, else from the notice as published.
#[component]
pub fn EditPage() -> impl IntoView {
    let notice = load_by_id(api::notice);
    let i18n = use_i18n();
    view! {
        <Page title=|t| t.edit_title back=crate::components::Parent::Up>
            <Transition fallback=move || view! { <Skeleton /> }>
                {move || Suspend::new(async move {
                    match notice.await {
                        Ok(notice) => view! { <NoticeForm editing=Some(notice.id) original=Some(notice) /> }.into_any(),
                        Err(error) => view! { <crate::components::ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </Page>
    }
}

fn parse_target(value: &str) -> Option<NoticeTarget> {
    let (kind, id) = value.split_once(':')?;
    Some(NoticeTarget { kind: ScopeKind::parse(kind)?, id: id.parse().ok()? })
}

/// The fields the server names in its field errors.
const FIELDS: &[&str] = &["title", "body", "target", "pinned_until", "expires_at"];

#[component]
fn NoticeForm(editing: Option<i64>, original: Option<Notice>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let storage_key = draft::storage_key(editing);
    let saved = draft::load(&storage_key);
    let restored = saved.is_some();
    let start = saved.or_else(|| original.as_ref().map(Draft::of)).unwrap_or_default();

    let title = RwSignal::new(start.title);
    let body = RwSignal::new(start.body);
    let category = RwSignal::new(start.category);
    let target = RwSignal::new(start.target);
    let pinned_until = RwSignal::new(start.pinned_until);
    let expires_at = RwSignal::new(start.expires_at);
    let important = RwSignal::new(start.important);
    let key = StoredValue::new(start.key);
    let errors = FormErrors::new(FIELDS);

    let current = move || Draft {
        title: title.get(),
        body: body.get(),
        category: category.get(),
        target: target.get(),
        pinned_until: pinned_until.get(),
        expires_at: expires_at.get(),
        important: important.get(),
        key: key.get_value(),
    };
    {
        let storage_key = storage_key.clone();
        // The first run would store what was loaded; only what the user changes is worth keeping.
        Effect::new(move |first: Option<()>| {
            let draft = current();
            if first.is_some() {
                draft::save(&storage_key, &draft);
            }
        });
    }

    let targets = LocalResource::new(move || api::targets(api));
    let send = Action::new_local(move |draft: &Draft| {
        let draft = draft.clone();
        async move {
            let body = NoticeDraft {
                title: draft.title.trim().to_owned(),
                body: draft.body.trim().to_owned(),
                category: draft.category,
                target: parse_target(&draft.target).expect("checked before sending"),
                pinned_until: time::from_local_input(&draft.pinned_until),
                expires_at: time::from_local_input(&draft.expires_at),
                important: draft.important,
            };
            match editing {
                Some(id) => api::update(api, id, body).await,
                None => api::publish(api, body, draft.key).await,
            }
        }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(notice)) => {
            draft::discard(&storage_key);
            navigate(&routes::notice(notice.id), NavigateOptions { replace: true, ..Default::default() });
        }
        Some(Err(error)) => errors.show(error),
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = i18n.t();
        let draft = current();
        let length_check = |text: &str, max: usize, empty: &'static str| {
            let n = text.trim().chars().count();
            if n == 0 {
                Some(empty.to_owned())
            } else if n > max {
                Some((t.too_long)(max))
            } else {
                None
            }
        };
        errors.at("title").set(length_check(&draft.title, NOTICE_TITLE_MAX_CHARS, t.title_required));
        errors.at("body").set(length_check(&draft.body, NOTICE_BODY_MAX_CHARS, t.body_required));
        errors.at("target").set(parse_target(&draft.target).is_none().then(|| t.target_required.to_owned()));
        errors.at("pinned_until").set(None);
        errors.at("expires_at").set(None);
        errors.form.set(None);
        let ok = errors.fields_clear();
        if ok {
            send.dispatch(draft);
        }
    };
    let pending = send.pending();

    view! {
        <form class="card compose" on:submit=on_submit novalidate>
            {restored.then(|| view! { <p class="banner banner--info" role="status">{move || i18n.t().draft_restored}</p> })}
            <LimitedTextField
                id="title"
                label=Signal::derive(move || i18n.t().field_title)
                value=title
                error=errors.at("title").into()
                max_chars=NOTICE_TITLE_MAX_CHARS
            />
            <TextArea
                id="body"
                label=Signal::derive(move || i18n.t().field_body)
                value=body
                error=errors.at("body").into()
                max_chars=NOTICE_BODY_MAX_CHARS
            />
            <div class="field">
                <label class="field__label" for="category">{move || i18n.t().field_category}</label>
                <select id="category" class="field__input"
                    on:change=move |ev| {
                        if let Some(c) = NoticeCategory::parse(&event_target_value(&ev)) {
                            category.set(c);
                        }
                    }>
                    {NoticeCategory::ALL.into_iter().map(|c| view! {
                        <option value=c.as_str() selected=move || category.get() == c>{move || i18n.t().category(c)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field" class:field--invalid=move || errors.at("target").with(Option::is_some)>
                <label class="field__label" for="target">{move || i18n.t().field_target}</label>
                <Transition fallback=move || view! { <p class="muted">{move || i18n.t().loading}</p> }>
                    {move || Suspend::new(async move {
                        let scopes = targets.await.unwrap_or_default();
                        if scopes.is_empty() {
                            return view! { <p class="muted">{move || i18n.t().no_targets}</p> }.into_any();
                        }
                        view! {
                            <select id="target" class="field__input" aria-describedby="target-error"
                                aria-invalid=move || errors.at("target").with(Option::is_some).to_string()
                                on:change=move |ev| target.set(event_target_value(&ev))>
                                <option value="" selected=move || target.with(String::is_empty)>{move || i18n.t().choose_target}</option>
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
            <crate::components::DateField
                id="pinned_until"
                label=Signal::derive(move || i18n.t().field_pinned_until)
                value=pinned_until
                error=errors.at("pinned_until").into()
                with_time=true
            />
            <crate::components::DateField
                id="expires_at"
                label=Signal::derive(move || i18n.t().field_expires_at)
                value=expires_at
                error=errors.at("expires_at").into()
                with_time=true
            />
            <div class="field field--check">
                <label class="check">
                    <input type="checkbox" id="important" prop:checked=move || important.get()
                        on:change=move |ev| important.set(event_target_checked(&ev)) aria-describedby="important-hint" />
                    <span>{move || i18n.t().field_important}</span>
                </label>
                <p class="field__hint" id="important-hint">{move || i18n.t().important_hint}</p>
            </div>
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || match (editing.is_some(), pending.get()) {
                    (false, false) => i18n.t().publish,
                    (false, true) => i18n.t().publishing,
                    (true, false) => i18n.t().save_changes,
                    (true, true) => i18n.t().saving,
                }}
            </button>
            <ActionError message=Signal::derive(move || errors.form.get().map(|error| error.message(i18n.t()))) />
        </form>
    }
}
