//! 住户名册 for staff: pick the sheet (`<input type=file>`, which WeChat's browser supports),
//! 预检 (a dry run listing each row's problems and what would change), then 导入; the template
//! to download and the recent imports.

use chrono::{Datelike, Timelike};
use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{RegisterImportRecord, RegisterImportReport};
use wasm_bindgen::{JsCast, JsValue};

use super::api;
use super::frame::Frame;
use super::texts::{texts, RegisterTexts};
use crate::api::{use_api, ApiError};
use crate::components::ActionError;
use crate::i18n::time::shanghai;
use crate::i18n::use_i18n;
use crate::routes;

#[component]
pub fn RegisterImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    // The picked file stays in the browser until a tap sends it: the dry run and the commit
    // send the same file.
    // A `File` (read through JS properties: the web-sys File bindings are not compiled in).
    let file = RwSignal::new_local(None::<JsValue>);
    let create_buildings = RwSignal::new(false);
    let report = RwSignal::new(None::<RegisterImportReport>);
    let failure = RwSignal::new(None::<ApiError>);
    let recent = LocalResource::new(move || api::recent(api));

    let send = Action::new_local(move |commit: &bool| {
        let commit = *commit;
        let picked = file.get_untracked();
        let create = create_buildings.get_untracked();
        async move {
            let Some(picked) = picked else {
                return Err(None);
            };
            api::import(api, &picked, &file_name(&picked), commit, create)
                .await
                .map_err(Some)
        }
    });
    let missing_file = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(result) = send.value().get() {
            match result {
                Ok(answer) => {
                    let committed = answer.committed;
                    report.set(Some(answer));
                    failure.set(None);
                    if committed {
                        recent.refetch();
                    }
                }
                Err(error) => {
                    missing_file.set(error.is_none());
                    failure.set(error);
                }
            }
        }
    });
    let on_pick = move |event: leptos::ev::Event| {
        let picked = event
            .target()
            .and_then(|input| js_sys::Reflect::get(&input, &"files".into()).ok())
            .and_then(|files| js_sys::Reflect::get(&files, &0.into()).ok())
            .filter(|first| first.is_object());
        file.set(picked);
        report.set(None);
        failure.set(None);
        missing_file.set(false);
    };
    let dry_run = move |_| {
        if file.with_untracked(Option::is_none) {
            missing_file.set(true);
            return;
        }
        report.set(None);
        send.dispatch(false);
    };
    let commit = move |_| {
        send.dispatch(true);
    };
    let error_message = Signal::derive(move || {
        if missing_file.get() {
            return Some(texts().pick_file_first.to_owned());
        }
        failure.get().map(|e| e.message(i18n.t()))
    });
    let busy = move || send.pending().get();
    let dry_run_shown = move || report.with(|r| r.as_ref().is_some_and(|r| !r.committed));

    view! {
        <Frame title=|t| t.import_title back=routes::me()>
            <section class="card register-import">
                <p class="register-import__intro">{move || texts().import_intro}</p>
                <TemplateDownload />
                <label class="register-import__file">
                    <span class="field__label">{move || texts().file_label}</span>
                    <input type="file" accept=".xlsx,.csv" on:change=on_pick />
                </label>
                <p class="register-import__chosen">
                    {move || file.with(|f| f.as_ref().map(file_name).unwrap_or_else(|| texts().file_none.to_owned()))}
                </p>
                <label class="register-import__check">
                    <input type="checkbox" prop:checked=create_buildings
                        on:change=move |ev| create_buildings.set(event_target_checked(&ev)) />
                    <span>{move || texts().create_buildings}</span>
                </label>
                <button type="button" class="button button--ghost" on:click=dry_run disabled=busy>
                    {move || if busy() && !dry_run_shown() { texts().dry_running } else { texts().dry_run }}
                </button>
                <ActionError message=error_message />
            </section>
            {move || report.get().map(|r| view! { <ReportView report=r /> })}
            <Show when=dry_run_shown>
                <section class="card register-import__commit">
                    <p>{move || texts().commit_hint}</p>
                    <button type="button" class="button button--primary" on:click=commit disabled=busy>
                        {move || if busy() { texts().committing } else { texts().commit }}
                    </button>
                </section>
            </Show>
            <section class="card">
                <h2 class="card__title">{move || texts().recent_heading}</h2>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match recent.await {
                            Ok(list) => view! { <RecentImports list /> }.into_any(),
                            Err(error) => view! { <p class="muted">{error.message(i18n.t())}</p> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <nav class="card link-list" aria-label=move || texts().link_progress>
                <A href=routes::register_progress() attr:class="link-row">
                    <span>{move || texts().to_progress}</span>
                </A>
            </nav>
        </Frame>
    }
}

/// The template, fetched with the session's token and handed to the browser as a download.
#[component]
fn TemplateDownload() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let fetch = Action::new_local(move |_: &()| async move { api::template(api).await });
    Effect::new(move |_| {
        if let Some(Ok(bytes)) = fetch.value().get() {
            save_file(&bytes, "住户花名册模板.xlsx");
        }
    });
    let failure = Signal::derive(move || {
        fetch
            .value()
            .get()
            .and_then(|r| r.err())
            .map(|e| e.message(i18n.t()))
    });
    view! {
        <p class="muted register-import__hint">{move || texts().template_hint}</p>
        <button type="button" class="button button--ghost" on:click=move |_| { fetch.dispatch(()); }>
            {move || texts().template_download}
        </button>
        <ActionError message=failure />
    }
}

/// A picked file's name.
fn file_name(file: &JsValue) -> String {
    js_sys::Reflect::get(file, &"name".into())
        .ok()
        .and_then(|name| name.as_string())
        .unwrap_or_default()
}

/// Hands `bytes` to the browser as a download named `name`: a Blob behind an object URL and a
/// link with `download`, clicked.
fn save_file(bytes: &[u8], name: &str) {
    let global = js_sys::global();
    let property = |of: &JsValue, key: &str| js_sys::Reflect::get(of, &key.into()).ok();
    let Some(blob_class) =
        property(&global, "Blob").and_then(|c| c.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &options,
        &"type".into(),
        &"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".into(),
    );
    let Ok(blob) = js_sys::Reflect::construct(&blob_class, &js_sys::Array::of2(&parts, &options))
    else {
        return;
    };
    let Some(url_class) = property(&global, "URL") else {
        return;
    };
    let call = |method: &str, arg: &JsValue| {
        property(&url_class, method)
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call1(&url_class, arg).ok())
    };
    let Some(href) = call("createObjectURL", &blob) else {
        return;
    };
    if let Some(link) = document()
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = link.set_attribute("href", &href.as_string().unwrap_or_default());
        let _ = link.set_attribute("download", name);
        link.click();
    }
    call("revokeObjectURL", &href);
}

#[component]
fn ReportView(report: RegisterImportReport) -> impl IntoView {
    let t = texts();
    let s = report.summary.clone();
    let heading = if report.committed {
        t.committed_heading
    } else {
        t.dry_run_heading
    };
    let good = s.rows_read.saturating_sub(s.rows_skipped);
    let mut lines = vec![
        (t.summary_sheet)(good, s.households_in_sheet),
        (t.summary_created)(s.members_created, s.households_created),
        (t.summary_changed)(s.members_changed),
        (t.summary_unchanged)(s.members_unchanged),
        (t.summary_left_alone)(s.members_left_alone),
        (t.summary_skipped)(s.rows_skipped),
    ];
    if s.buildings_created + s.units_created > 0 {
        lines.push((t.summary_places)(s.buildings_created, s.units_created));
    }
    let ignored = report
        .ignored_columns
        .iter()
        .map(|c| (t.id_numbers_ignored)(c))
        .collect::<Vec<_>>();
    let new_buildings = report.new_buildings.join("、");
    let problems = report.problems.clone();
    view! {
        <section class="card register-report" aria-live="polite">
            <h2 class="card__title">{heading}</h2>
            <p class="register-report__file">{report.file_name.clone()}</p>
            <ul class="register-report__summary">
                {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
            {(!new_buildings.is_empty()).then(|| view! {
                <p class="register-report__note">{t.new_buildings} " " {new_buildings}</p>
            })}
            {ignored.into_iter().map(|line| view! { <p class="register-report__note">{line}</p> }).collect_view()}
        </section>
        <section class="card register-problems">
            <h2 class="card__title">{(t.problems_heading)(problems.len() as u32)}</h2>
            {problems.is_empty().then(|| view! { <p class="muted">{t.no_problems}</p> })}
            <ul class="register-problems__list">
                {problems.into_iter().map(|p| view! {
                    <li class="register-problem">
                        <span class="register-problem__at">{(t.problem_at)(p.row, &p.column)}</span>
                        <span class="register-problem__what">{p.message}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn RecentImports(list: Vec<RegisterImportRecord>) -> impl IntoView {
    let t: &RegisterTexts = texts();
    if list.is_empty() {
        return view! { <p class="muted">{t.recent_none}</p> }.into_any();
    }
    view! {
        <ul class="register-recent">
            {list.into_iter().map(|r| {
                let local = r.imported_at.with_timezone(&shanghai());
                let at = format!("{}-{:02}-{:02} {}:{:02}", local.year(), local.month(), local.day(), local.hour(), local.minute());
                let s = r.summary;
                view! {
                    <li class="register-recent__item">
                        <span class="register-recent__when">{at} " · " {r.by_name}</span>
                        <span class="register-recent__file">{r.file_name}</span>
                        <span class="muted">{(t.recent_counts)(s.members_created, s.members_changed, s.rows_skipped)}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }.into_any()
}
